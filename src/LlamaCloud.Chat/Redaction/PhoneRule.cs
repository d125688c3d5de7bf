using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// Telephone numbers in the shapes people write them: international (+ and a country code, 8 to 15 digits in
    /// all, grouped by spaces, dots, dashes or parentheses, or written together: +4915112345678); North American
    /// ((415) 555-0198, 415-555-0143, 415.555.0175, 1-800-555-0199, area code and exchange starting with 2-9); and
    /// national numbers with a trunk 0 in groups (020 7946 0321, 01 23 45 67 89; 9 to 12 digits). Not matched: digit
    /// runs without a + or grouping (1234567890: see <see cref="JsonKeyContext"/> for numbers a JSON member names as a
    /// phone), dates, times, versions, and numbers glued to letters, dots or other digits.
    /// </summary>
    internal sealed class PhoneRule : RedactionRule
    {
        private const string NotBefore = @"(?<![\w+\-.])";
        private const string NotAfter = @"(?![\w]|[\-.][0-9])";

        private static readonly Regex International = new Regex(
            NotBefore + @"\+[1-9][0-9]{0,2}(?:[ .\-]?(?:\([0-9]{1,4}\)|[0-9]{1,4})){1,7}" + NotAfter, BuiltInOptions, BuiltInTimeout);

        private static readonly Regex NorthAmerican = new Regex(
            NotBefore + @"(?:1[ .\-])?(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[ .\-])[2-9][0-9]{2}[ .\-][0-9]{4}" + NotAfter, BuiltInOptions, BuiltInTimeout);

        private static readonly Regex Trunk = new Regex(
            NotBefore + @"(?:\(0[0-9]{1,4}\)|0[0-9]{1,4})(?:[ \-][0-9]{2,8}){1,4}" + NotAfter, BuiltInOptions, BuiltInTimeout);

        internal PhoneRule() : base("Phone", "PHONE") { }

        internal override void Find(string text, List<RedactionMatch> found)
        {
            if (!HasDigit(text)) return;
            if (text.IndexOf('+') >= 0)
            {
                foreach (Match m in International.Matches(text))
                {
                    var digits = DigitsOf(text, m.Index, m.Length).Length;
                    if (digits >= 8 && digits <= 15 && BalancedParentheses(m.Value)) found.Add(Found(text, m));
                }
            }
            foreach (Match m in NorthAmerican.Matches(text)) found.Add(Found(text, m));
            foreach (Match m in Trunk.Matches(text))
            {
                var digits = DigitsOf(text, m.Index, m.Length).Length;
                var groups = 1;
                foreach (var c in m.Value) if (c == ' ' || c == '-') groups++;
                // Two groups only for a long number (030 12345678); three or more from nine digits (01 23 45 67 89).
                if (digits <= 12 && (digits >= 10 || (groups >= 3 && digits >= 9))) found.Add(Found(text, m));
            }
        }

        /// <summary>A number held in a JSON value that a member name calls a phone: 7 to 15 digits, with or without
        /// the usual separators.</summary>
        internal static bool IsBareNumber(string value)
        {
            var digits = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c >= '0' && c <= '9') digits++;
                else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || (c == '+' && i == 0))) return false;
            }
            return digits >= 7 && digits <= 15;
        }

        internal static string Normalize(string value)
        {
            var start = 0;
            while (start < value.Length && value[start] == ' ') start++;
            return DigitsOf(value, start, value.Length - start, keepPlus: true);
        }

        private static RedactionMatch Found(string text, Match m) => new RedactionMatch(m.Index, m.Length, DigitsOf(text, m.Index, m.Length, keepPlus: true));

        private static bool BalancedParentheses(string s)
        {
            var depth = 0;
            foreach (var c in s)
            {
                if (c == '(') depth++;
                else if (c == ')' && --depth < 0) return false;
            }
            return depth == 0;
        }
    }
}
