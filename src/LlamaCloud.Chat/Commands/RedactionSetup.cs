using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using LlamaCloud.Chat.Redaction;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// The engine from the redaction parameters, for every cmdlet that has them (the transcript and trace cmdlets through
    /// <see cref="RedactableOutputCmdlet"/>, Export-LlamaChatTable on its own base): a bad -RedactPattern is a terminating
    /// error before anything is read, and the key is read without making a string of it.
    /// </summary>
    internal static class RedactionSetup
    {
        private static readonly Regex PatternName = new Regex(@"^[A-Za-z][A-Za-z0-9_\-]{0,31}$", RegexOptions.CultureInvariant);

        internal static TextRedactor Create(PSCmdlet cmd, IDictionary? redactPattern, SecureString? redactionKey)
        {
            var redactor = new TextRedactor(KeyBytes(redactionKey), Patterns(cmd, redactPattern));
            cmd.WriteVerbose(Redaction.Messages.Starting(redactor));
            return redactor;
        }

        private static List<PatternRule> Patterns(PSCmdlet cmd, IDictionary? redactPattern)
        {
            var rules = new List<PatternRule>();
            if (redactPattern == null) return rules;
            HashSet<string> taken;
            using (var probe = new TextRedactor(new byte[32]))
                taken = new HashSet<string>(probe.Rules.SelectMany(r => new[] { r.Name, r.Label }), StringComparer.OrdinalIgnoreCase);
            var entries = new List<(string Name, object? Value)>();
            foreach (DictionaryEntry e in redactPattern)
            {
                var name = Convert.ToString(PSValue.Unwrap(e.Key), System.Globalization.CultureInfo.InvariantCulture)?.Trim();
                if (string.IsNullOrEmpty(name)) Fail(cmd, Redaction.Messages.NoName(), null);
                entries.Add((name!, PSValue.Unwrap(e.Value)));
            }
            // A hashtable has no order of its own: by name, so a run is repeatable; an [ordered] one as written.
            if (!(redactPattern is System.Collections.Specialized.IOrderedDictionary)) entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var (name, value) in entries)
            {
                if (!PatternName.IsMatch(name)) Fail(cmd, Redaction.Messages.BadName(name), name);
                // Case-insensitive: a name is also its pseudonyms' label, in upper case.
                if (!taken.Add(name)) Fail(cmd, Redaction.Messages.TakenName(name), name);
                Regex regex;
                try
                {
                    regex = value is Regex given
                        ? new Regex(given.ToString(), given.Options | RegexOptions.CultureInvariant, PatternRule.Timeout)
                        : new Regex(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, RegexOptions.CultureInvariant, PatternRule.Timeout);
                }
                catch (ArgumentException ex)
                {
                    Fail(cmd, Redaction.Messages.BadPattern(name, ex.Message), name);
                    throw;
                }
                if (regex.ToString().Length == 0) Fail(cmd, Redaction.Messages.EmptyPattern(name), name);
                rules.Add(new PatternRule(name, regex));
            }
            return rules;
        }

        private static void Fail(PSCmdlet cmd, string message, string? target) =>
            cmd.ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message), ErrorIds.InvalidRedactPattern, ErrorCategory.InvalidArgument, target));

        /// <summary>The key as UTF-8 bytes, read from the SecureString without making a string of it.</summary>
        private static byte[]? KeyBytes(SecureString? redactionKey)
        {
            if (redactionKey == null) return null;
            var ptr = Marshal.SecureStringToGlobalAllocUnicode(redactionKey);
            var chars = new char[redactionKey.Length];
            try
            {
                Marshal.Copy(ptr, chars, 0, chars.Length);
                return Encoding.UTF8.GetBytes(chars);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, chars.Length);
            }
        }
    }
}
