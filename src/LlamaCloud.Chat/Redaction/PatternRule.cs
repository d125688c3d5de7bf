using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// A -RedactPattern rule: a name and a .NET regular expression; every match is replaced (case-sensitive unless
    /// the expression says (?i)). A match that takes longer than <see cref="Timeout"/> replaces the whole text, so a
    /// slow expression can never let a value through.
    /// </summary>
    internal sealed class PatternRule : RedactionRule
    {
        internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

        private readonly Regex _pattern;

        internal PatternRule(string name, Regex pattern) : base(name, name.ToUpperInvariant())
        {
            _pattern = pattern;
        }

        internal override bool IsCustom => true;

        internal string Pattern => _pattern.ToString();

        internal RegexOptions Options => _pattern.Options;

        /// <summary>Set when a match timed out: the whole text was replaced.</summary>
        internal bool TimedOut { get; private set; }

        internal override void Find(string text, List<RedactionMatch> found)
        {
            try
            {
                var matches = new List<RedactionMatch>();
                for (var m = _pattern.Match(text); m.Success; m = m.NextMatch())
                {
                    if (m.Length > 0) matches.Add(new RedactionMatch(m.Index, m.Length, m.Value));
                }
                found.AddRange(matches);
            }
            catch (RegexMatchTimeoutException)
            {
                TimedOut = true;
                found.Add(new RedactionMatch(0, text.Length, text));
            }
        }
    }
}
