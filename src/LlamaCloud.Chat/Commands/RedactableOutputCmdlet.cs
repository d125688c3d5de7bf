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
    /// The cmdlets whose output leaves for other people (transcripts, traces): sessions, ids or turns in, and the
    /// redaction parameters, declared once here. Export-LlamaChatSession and Sync-LlamaChatArchive do not derive from
    /// this: the archive is byte for byte the server's response and stays raw.
    /// </summary>
    public abstract class RedactableOutputCmdlet : SessionSourceCmdlet
    {
        private static readonly Regex PatternName = new Regex(@"^[A-Za-z][A-Za-z0-9_\-]{0,31}$", RegexOptions.CultureInvariant);
        private RedactionTally? _run;
        private int _outputs;

        /// <summary>Replace personal data and secrets in everything written (text, tool arguments and results, titles,
        /// errors) with stable pseudonyms such as [EMAIL:3f2a9c0b1d4e]: e-mail addresses, phone numbers, payment card
        /// numbers (Luhn-checked), IBANs (checksum), IPv4 and IPv6 addresses, bearer tokens and API keys (LlamaCloud's
        /// llx- keys among them). JSON stays valid JSON. What was replaced, per rule and never the values, is written
        /// with -Verbose and attached to the output as its Redaction property. See docs/redaction.md.</summary>
        [Parameter]
        public SwitchParameter Redact { get; set; }

        /// <summary>Your own rules, tried before the built-in ones: names and .NET regular expressions, e.g.
        /// @{ Ticket = 'TCK-[0-9]{6}'; Employee = '(?i)emp[0-9]{4}' }; each match becomes [TICKET:…]. Case-sensitive
        /// unless the expression says (?i). Implies -Redact.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? RedactPattern { get; set; }

        /// <summary>The secret that the pseudonyms are made with (HMAC-SHA256): with the same key, the same value gets the
        /// same pseudonym in every file and every run, so redacted outputs can still be joined. Without it, a random key of
        /// this run only. A SecureString or a plain string. Implies -Redact.</summary>
        [Parameter]
        [SecureStringTransformation(Subject = "redaction key")]
        [ValidateNotNull]
        public SecureString? RedactionKey { get; set; }

        /// <summary>True when any redaction parameter was given.</summary>
        internal bool Redacting => Redact || RedactPattern != null || RedactionKey != null;

        /// <summary>The run's engine; null without redaction.</summary>
        internal TextRedactor? Redactor { get; private set; }

        /// <summary>What the whole run replaced, in the outputs written so far.</summary>
        internal RedactionTally? RunTally => _run;

        /// <summary>Builds the engine from the parameters (a terminating error for a bad pattern: nothing is written unredacted).</summary>
        private protected void BeginRedaction()
        {
            if (!Redacting || Redactor != null) return;
            var custom = Patterns();
            Redactor = new TextRedactor(KeyBytes(), custom);
            _run = Redactor.NewTally();
            WriteVerbose(RedactionMessages.Starting(Redactor));
        }

        /// <summary>A redaction for one output; null without redaction.</summary>
        private protected SessionRedaction? NewRedaction() => Redactor == null ? null : new SessionRedaction(Redactor, Shown);

        /// <summary>The texts this cmdlet's output shows (with its switches): only those are redacted, and counted.</summary>
        private protected abstract ShownFields Shown { get; }

        /// <summary>The output of <paramref name="redaction"/> was written: its counts join the run's.</summary>
        private protected void Commit(SessionRedaction? redaction)
        {
            if (redaction == null) return;
            _run!.Merge(redaction.Tally);
            _outputs++;
        }

        /// <summary>The run's summary as verbose lines, and a warning for each pattern that timed out.</summary>
        private protected void EndRedaction(string outputNoun)
        {
            if (Redactor == null) return;
            foreach (var line in RedactionMessages.Summary(_run!.Summary(), _outputs, outputNoun)) WriteVerbose(line);
            foreach (var name in Redactor.TimedOutPatterns()) WriteWarning(RedactionMessages.TimedOut(name));
        }

        /// <summary><paramref name="output"/> with a Redaction property (the summary rows of <paramref name="tally"/>).</summary>
        internal static PSObject WithRedaction(object output, RedactionTally? tally)
        {
            var ps = output as PSObject ?? PSObject.AsPSObject(output);
            if (tally != null)
            {
                ps.Properties.Remove("Redaction");
                ps.Properties.Add(new PSNoteProperty("Redaction", tally.Summary()));
            }
            return ps;
        }

        /// <inheritdoc />
        private protected override void OnDisposing()
        {
            Redactor?.Dispose();
            Redactor = null;
            base.OnDisposing();
        }

        private List<PatternRule> Patterns()
        {
            var rules = new List<PatternRule>();
            if (RedactPattern == null) return rules;
            HashSet<string> taken;
            using (var probe = new TextRedactor(new byte[32]))
                taken = new HashSet<string>(probe.Rules.SelectMany(r => new[] { r.Name, r.Label }), StringComparer.OrdinalIgnoreCase);
            var entries = new List<(string Name, object? Value)>();
            foreach (DictionaryEntry e in RedactPattern)
            {
                var name = Convert.ToString(PSValue.Unwrap(e.Key), System.Globalization.CultureInfo.InvariantCulture)?.Trim();
                if (string.IsNullOrEmpty(name)) Fail(RedactionMessages.NoName(), null);
                entries.Add((name!, PSValue.Unwrap(e.Value)));
            }
            // A hashtable has no order of its own: by name, so a run is repeatable; an [ordered] one as written.
            if (!(RedactPattern is System.Collections.Specialized.IOrderedDictionary)) entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var (name, value) in entries)
            {
                if (!PatternName.IsMatch(name)) Fail(RedactionMessages.BadName(name), name);
                // Case-insensitive: a name is also its pseudonyms' label, in upper case.
                if (!taken.Add(name)) Fail(RedactionMessages.TakenName(name), name);
                Regex regex;
                try
                {
                    regex = value is Regex given
                        ? new Regex(given.ToString(), given.Options | RegexOptions.CultureInvariant, PatternRule.Timeout)
                        : new Regex(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, RegexOptions.CultureInvariant, PatternRule.Timeout);
                }
                catch (ArgumentException ex)
                {
                    Fail(RedactionMessages.BadPattern(name, ex.Message), name);
                    throw;
                }
                if (regex.ToString().Length == 0) Fail(RedactionMessages.EmptyPattern(name), name);
                rules.Add(new PatternRule(name, regex));
            }
            return rules;
        }

        private void Fail(string message, string? target) =>
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message), ErrorIds.InvalidRedactPattern, ErrorCategory.InvalidArgument, target));

        /// <summary>The key as UTF-8 bytes, read from the SecureString without making a string of it.</summary>
        private byte[]? KeyBytes()
        {
            if (RedactionKey == null) return null;
            var ptr = Marshal.SecureStringToGlobalAllocUnicode(RedactionKey);
            var chars = new char[RedactionKey.Length];
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
