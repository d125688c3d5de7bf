using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// E-mail addresses: a local part, '@', and a domain of dot-separated labels ending in a top-level name of two or
    /// more letters. Not matched: a name without a dotted domain (user@localhost), mentions (@someone), and image
    /// names at a resolution (icon@2x.png).
    /// </summary>
    internal sealed class EmailRule : RedactionRule
    {
        private static readonly Regex Pattern = new Regex(
            @"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@(?<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![A-Za-z0-9\-])",
            BuiltInOptions, BuiltInTimeout);

        // "icon@2x.png": a retina asset name, not an address.
        private static readonly Regex Resolution = new Regex(@"^[0-9]+(\.[0-9]+)?x\.", RegexOptions.CultureInvariant);

        internal EmailRule() : base("Email", "EMAIL") { }

        internal override void Find(string text, List<RedactionMatch> found)
        {
            if (text.IndexOf('@') < 0) return;
            foreach (Match m in Pattern.Matches(text))
            {
                if (Resolution.IsMatch(m.Groups["domain"].Value)) continue;
                found.Add(new RedactionMatch(m.Index, m.Length, m.Value.ToLowerInvariant()));
            }
        }
    }
}
