using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// One kind of value to replace: it finds candidates with a regular expression and keeps those its check accepts
    /// (a checksum, a length, a shape), so near misses such as a number that fails the Luhn check stay as they are.
    /// </summary>
    internal abstract class RedactionRule
    {
        // Built-in expressions are written without nested quantifiers; the timeout is a backstop, never a limit a
        // real text reaches.
        private protected static readonly TimeSpan BuiltInTimeout = TimeSpan.FromSeconds(2);
        private protected const RegexOptions BuiltInOptions = RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.ExplicitCapture;

        private protected RedactionRule(string name, string label)
        {
            Name = name;
            Label = label;
        }

        /// <summary>The name in summaries and documentation (Email, PaymentCard, or a -RedactPattern key).</summary>
        internal string Name { get; }

        /// <summary>The pseudonyms' prefix: [EMAIL:…].</summary>
        internal string Label { get; }

        /// <summary>True for a -RedactPattern rule.</summary>
        internal virtual bool IsCustom => false;

        /// <summary>Adds every value of this kind in <paramref name="text"/>, in order.</summary>
        internal abstract void Find(string text, List<RedactionMatch> found);

        /// <summary>A cheap test that <paramref name="text"/> may hold a value of this kind at all.</summary>
        private protected static bool HasDigit(string text)
        {
            foreach (var c in text)
            {
                if (c >= '0' && c <= '9') return true;
            }
            return false;
        }

        private protected static string DigitsOf(string text, int start, int length, bool keepPlus = false)
        {
            var chars = new char[length];
            var n = 0;
            for (var i = start; i < start + length; i++)
            {
                var c = text[i];
                if ((c >= '0' && c <= '9') || (keepPlus && c == '+' && n == 0)) chars[n++] = c;
            }
            return new string(chars, 0, n);
        }
    }
}
