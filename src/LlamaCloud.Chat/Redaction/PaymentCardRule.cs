using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// Payment card numbers: 13 to 19 digits, together or grouped by single spaces or dashes (one kind per number),
    /// that pass the Luhn check and start as a card network's numbers do (Visa 4; Mastercard 51-55 and 2221-2720;
    /// Mir 2200-2204; American Express 34, 37; Diners Club and JCB 30, 35, 36, 38, 39; Discover, UnionPay, Maestro
    /// 50, 56-69) at one of that network's lengths. Not matched: numbers that fail the check, that no network issues
    /// (starting with 1, 7, 8, 9 or 0: Unix times, order numbers), and digit runs glued to other digits.
    /// </summary>
    internal sealed class PaymentCardRule : RedactionRule
    {
        private static readonly Regex Pattern = new Regex(
            @"(?<![\w\-.+])[0-9](?:[ \-]?[0-9]){12,40}(?![\w]|[\-.][0-9])", BuiltInOptions, BuiltInTimeout);

        internal PaymentCardRule() : base("PaymentCard", "CARD") { }

        internal override void Find(string text, List<RedactionMatch> found)
        {
            if (!HasDigit(text)) return;
            foreach (Match m in Pattern.Matches(text)) FindIn(text, m.Index, m.Length, found);
        }

        /// <summary>
        /// The card numbers in one run of digit groups ("exp 12 4111 1111 1111 1111 cvc" holds one after a group that
        /// is not part of it): the longest run of whole groups that is a card number, then the same after it.
        /// </summary>
        private static void FindIn(string text, int start, int length, List<RedactionMatch> found)
        {
            var groups = new List<(int Start, int End)>();
            var at = start;
            for (var i = start; i <= start + length; i++)
            {
                if (i == start + length || text[i] == ' ' || text[i] == '-')
                {
                    groups.Add((at, i));
                    at = i + 1;
                }
            }
            var first = 0;
            while (first < groups.Count)
            {
                var matched = false;
                for (var last = groups.Count - 1; last >= first && !matched; last--)
                {
                    var from = groups[first].Start;
                    var to = groups[last].End;
                    if (to - from < 13 || to - from > 19 + (last - first)) continue;
                    var span = text.Substring(from, to - from);
                    if (!OneSeparator(span)) continue;
                    var digits = DigitsOf(text, from, to - from);
                    if (!IsCardNumber(digits)) continue;
                    found.Add(new RedactionMatch(from, to - from, digits));
                    first = last + 1;
                    matched = true;
                }
                if (!matched) first++;
            }
        }

        /// <summary>True for the digits of a card number (a JSON number is tested with this as well).</summary>
        internal static bool IsCardNumber(string digits)
        {
            var n = digits.Length;
            if (n < 13 || n > 19 || !Luhn.IsValid(digits)) return false;
            var two = (digits[0] - '0') * 10 + (digits[1] - '0');
            var four = two * 100 + (digits[2] - '0') * 10 + (digits[3] - '0');
            switch (digits[0])
            {
                case '4': return n == 13 || n == 16 || n == 19;
                case '2': return n == 16 && ((four >= 2221 && four <= 2720) || (four >= 2200 && four <= 2204));
                case '5': return (two >= 51 && two <= 55) ? n == 16 : n >= 13; // Mastercard; Maestro 50, 56-59
                case '3':
                    if (two == 34 || two == 37) return n == 15;
                    return (two == 30 || two == 35 || two == 36 || two == 38 || two == 39) && n >= 14;
                case '6': return n >= 13; // Discover, UnionPay, Maestro, RuPay
                default: return false;
            }
        }

        private static bool OneSeparator(string s)
        {
            var space = s.IndexOf(' ') >= 0;
            var dash = s.IndexOf('-') >= 0;
            return !(space && dash);
        }
    }
}
