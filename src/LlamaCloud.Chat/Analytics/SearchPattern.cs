using System;
using System.Text.RegularExpressions;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// Search-LlamaChat's pattern: the .NET regular expression that decides (case-insensitive unless asked, culture
    /// invariant), and the byte test derived from it that the reader applies first (<see cref="BytePattern"/>): the longest
    /// literal every match must contain, cut to characters whose other cases are plain ASCII when case is ignored (so a
    /// byte comparison can never miss one).
    /// </summary>
    internal sealed class SearchPattern
    {
        private static readonly Lazy<bool[]> CaseTainted = new Lazy<bool[]>(BuildCaseTainted);

        /// <summary>Throws <see cref="ArgumentException"/> for a pattern that is not a valid regular expression.</summary>
        internal SearchPattern(string pattern, bool simpleMatch, bool caseSensitive)
        {
            var options = RegexOptions.CultureInvariant | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
            Regex = new Regex(simpleMatch ? Regex.Escape(pattern) : pattern, options | RegexOptions.Compiled);
            var runs = simpleMatch ? new System.Collections.Generic.List<string> { pattern } : RequiredLiteral.Runs(pattern);
            string? best = null;
            foreach (var run in runs)
            {
                foreach (var piece in caseSensitive ? new[] { run } : SafePieces(run))
                {
                    if (piece.Length > 0 && (best == null || piece.Length > best.Length)) best = piece;
                }
            }
            Bytes = best == null ? null : new BytePattern(best, ignoreCase: !caseSensitive);
        }

        internal Regex Regex { get; }

        /// <summary>The test on raw bytes; null when the pattern has no literal to test for (every event is checked).</summary>
        internal BytePattern? Bytes { get; }

        // The parts of a literal between characters a byte test cannot compare without case: a non-ASCII letter with other
        // cases (é/É), or an ASCII letter that a non-ASCII character folds to (k and the Kelvin sign, s and the long s).
        private static string[] SafePieces(string run)
        {
            var parts = new System.Collections.Generic.List<string>();
            var start = 0;
            for (var i = 0; i <= run.Length; i++)
            {
                if (i < run.Length && !CaseTainted.Value[run[i]]) continue;
                if (i > start) parts.Add(run.Substring(start, i - start));
                start = i + 1;
            }
            return parts.ToArray();
        }

        private static bool[] BuildCaseTainted()
        {
            var tainted = new bool[char.MaxValue + 1];
            for (var c = 0; c <= char.MaxValue; c++)
            {
                var ch = (char)c;
                var lower = char.ToLowerInvariant(ch);
                var upper = char.ToUpperInvariant(ch);
                if (ch < 128)
                {
                    continue;
                }
                if (lower != ch || upper != ch)
                {
                    // A non-ASCII character with another case, and whatever it maps to (an ASCII letter then needs a non-ASCII match).
                    tainted[c] = true;
                    tainted[lower] = true;
                    tainted[upper] = true;
                    if (lower < 128) tainted[char.ToUpperInvariant(lower)] = true;
                    if (upper < 128) tainted[char.ToLowerInvariant(upper)] = true;
                }
            }
            // Regex case equivalence goes beyond simple mappings for these (Kelvin sign, long s, dotted and dotless i).
            foreach (var c in "KkSsIi") tainted[c] = true;
            return tainted;
        }
    }
}
