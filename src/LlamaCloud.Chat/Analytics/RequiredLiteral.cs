using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// The literal runs every match of a .NET regular expression must contain, read from the pattern conservatively: only
    /// characters at the top level, outside groups and classes, not made optional by a quantifier. A pattern this reading
    /// cannot vouch for (a top-level alternation, inline options such as <c>(?i)</c> or <c>(?x)</c>) gives none, and a
    /// search then checks every event.
    /// </summary>
    internal static class RequiredLiteral
    {
        /// <summary>The required runs of <paramref name="pattern"/> (each non-empty), or an empty list.</summary>
        internal static List<string> Runs(string pattern)
        {
            var runs = new List<string>();
            if (HasTopLevelAlternation(pattern) || HasInlineOptions(pattern)) return runs;
            var run = new StringBuilder();
            var i = 0;
            while (i < pattern.Length)
            {
                var c = pattern[i];
                char? literal = null;
                var atomEnd = i + 1;
                switch (c)
                {
                    case '\\':
                        literal = Escape(pattern, i, out atomEnd);
                        break;
                    case '[':
                        atomEnd = SkipClass(pattern, i);
                        break;
                    case '(':
                        atomEnd = SkipGroup(pattern, i);
                        break;
                    case '.':
                    case '^':
                    case '$':
                        break;
                    case '*':
                    case '+':
                    case '?':
                    case '{' when IsQuantifier(pattern, i, out _, out _):
                        // A quantifier with nothing before it at this level: leave the run as it is.
                        break;
                    default:
                        literal = c;
                        break;
                }
                i = atomEnd;
                var min = 1;
                var quantified = i < pattern.Length && (pattern[i] == '*' || pattern[i] == '+' || pattern[i] == '?' || (pattern[i] == '{' && IsQuantifier(pattern, i, out _, out _)));
                if (quantified)
                {
                    if (pattern[i] == '{') { IsQuantifier(pattern, i, out min, out var end); i = end; }
                    else { min = pattern[i] == '+' ? 1 : 0; i++; }
                    if (i < pattern.Length && (pattern[i] == '?' || pattern[i] == '+')) i++; // lazy or possessive
                }
                if (literal != null && min >= 1) run.Append(literal.Value);
                if (literal == null || quantified) Flush(run, runs);
            }
            Flush(run, runs);
            return runs;
        }

        private static void Flush(StringBuilder run, List<string> runs)
        {
            if (run.Length > 0) runs.Add(run.ToString());
            run.Clear();
        }

        // The character an escape stands for, or null for a class, an anchor, a back-reference or anything else.
        private static char? Escape(string p, int i, out int end)
        {
            end = i + 2;
            if (i + 1 >= p.Length) { end = p.Length; return null; }
            var e = p[i + 1];
            switch (e)
            {
                case 't': return '\t';
                case 'n': return '\n';
                case 'r': return '\r';
                case 'f': return '\f';
                case 'v': return '\v';
                case 'a': return '\a';
                case 'e': return '\u001b';
                case 'x': return Hex(p, i + 2, 2, out end);
                case 'u': return Hex(p, i + 2, 4, out end);
                case 'c':
                    if (i + 2 < p.Length) { end = i + 3; return (char)(char.ToUpperInvariant(p[i + 2]) % 32); }
                    return null;
                case 'p':
                case 'P':
                case 'k':
                    // \p{Lu}, \k<name>: skip the braces or brackets.
                    var close = p.IndexOfAny(new[] { '}', '>', '\'' }, i + 2);
                    end = close < 0 ? p.Length : close + 1;
                    return null;
            }
            if (char.IsLetterOrDigit(e)) return null; // \d \w \s \b \A \Z \z \G \1 \0 ...
            return e; // an escaped punctuation character is itself
        }

        private static char? Hex(string p, int at, int digits, out int end)
        {
            end = at + digits;
            if (end > p.Length) { end = p.Length; return null; }
            return int.TryParse(p.Substring(at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) ? (char)v : (char?)null;
        }

        private static int SkipClass(string p, int i)
        {
            var k = i + 1;
            if (k < p.Length && p[k] == '^') k++;
            if (k < p.Length && p[k] == ']') k++; // a ']' first is a member
            for (; k < p.Length; k++)
            {
                if (p[k] == '\\') { k++; continue; }
                if (p[k] == '[' && k + 1 < p.Length && p[k + 1] == ':') continue;
                if (p[k] == ']') return k + 1;
            }
            return p.Length;
        }

        private static int SkipGroup(string p, int i)
        {
            var depth = 0;
            for (var k = i; k < p.Length; k++)
            {
                var c = p[k];
                if (c == '\\') { k++; continue; }
                if (c == '[') { k = SkipClass(p, k) - 1; continue; }
                if (c == '(') depth++;
                else if (c == ')' && --depth == 0) return k + 1;
            }
            return p.Length;
        }

        // {n}, {n,}, {n,m}: the minimum and where it ends; anything else is a literal brace.
        private static bool IsQuantifier(string p, int i, out int min, out int end)
        {
            min = 0;
            end = i;
            var k = i + 1;
            var start = k;
            while (k < p.Length && char.IsDigit(p[k])) k++;
            if (k == start || !int.TryParse(p.Substring(start, k - start), NumberStyles.None, CultureInfo.InvariantCulture, out min)) return false;
            if (k < p.Length && p[k] == ',') { k++; while (k < p.Length && char.IsDigit(p[k])) k++; }
            if (k >= p.Length || p[k] != '}') return false;
            end = k + 1;
            return true;
        }

        private static bool HasTopLevelAlternation(string p)
        {
            var depth = 0;
            for (var k = 0; k < p.Length; k++)
            {
                var c = p[k];
                if (c == '\\') { k++; continue; }
                if (c == '[') { k = SkipClass(p, k) - 1; continue; }
                if (c == '(') depth++;
                else if (c == ')') depth--;
                else if (c == '|' && depth <= 0) return true;
            }
            return false;
        }

        // (?i), (?x-s), (?i:...): options that change what a literal means; bail out rather than interpret them.
        private static bool HasInlineOptions(string p)
        {
            for (var k = 0; k + 2 < p.Length; k++)
            {
                if (p[k] == '\\') { k++; continue; }
                if (p[k] != '(' || p[k + 1] != '?') continue;
                var o = p[k + 2];
                if (o == 'i' || o == 'm' || o == 'n' || o == 's' || o == 'x' || o == '-') return true;
            }
            return false;
        }
    }
}
