using System;
using System.Collections.Generic;
using System.Text;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// The redaction engine: replaces every value its rules find with the value's pseudonym, counting what it replaced
    /// into a <see cref="RedactionTally"/>. One call per text value (<see cref="Redact"/>), per JSON member value
    /// (<see cref="RedactMember"/>) or per JSON document (<see cref="RedactJson(byte[], RedactionTally)"/>), so that any
    /// writer (transcripts, traces, tables) can redact exactly what it writes.
    /// </summary>
    internal sealed class TextRedactor : IDisposable
    {
        private readonly RedactionRule[] _rules;
        private readonly Pseudonyms _pseudonyms;
        private readonly int _phone;
        private readonly int _card;

        /// <param name="key">The -RedactionKey's bytes (cleared once read); null for a key of this run only.</param>
        /// <param name="custom">-RedactPattern rules, tried before the built-in ones.</param>
        internal TextRedactor(byte[]? key, IEnumerable<PatternRule>? custom = null)
        {
            var rules = new List<RedactionRule>();
            if (custom != null) rules.AddRange(custom);
            // Order matters where values overlap: the most specific shape claims the text first (a key inside a
            // bearer header is an API key; an e-mail address inside a URL is an e-mail address).
            rules.Add(new ApiKeyRule());
            rules.Add(new BearerTokenRule());
            rules.Add(new EmailRule());
            rules.Add(new IbanRule());
            rules.Add(new PaymentCardRule());
            rules.Add(new IPv6Rule());
            rules.Add(new IPv4Rule());
            rules.Add(new PhoneRule());
            _rules = rules.ToArray();
            _phone = Array.FindIndex(_rules, r => r is PhoneRule);
            _card = Array.FindIndex(_rules, r => r is PaymentCardRule);
            _pseudonyms = new Pseudonyms(key);
        }

        /// <summary>The rules in the order they are tried.</summary>
        internal IReadOnlyList<RedactionRule> Rules => _rules;

        /// <summary>True when no key was given: pseudonyms are stable within this run only.</summary>
        internal bool IsRandomKey => _pseudonyms.IsRandomKey;

        internal RedactionTally NewTally() => new RedactionTally(_rules);

        /// <summary>The text with every value the rules find replaced by its pseudonym; the same instance when
        /// nothing was found.</summary>
        internal string? Redact(string? text, RedactionTally tally)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var claimed = new List<(RedactionMatch Match, int Rule)>();
            var found = new List<RedactionMatch>();
            for (var r = 0; r < _rules.Length; r++)
            {
                found.Clear();
                _rules[r].Find(text!, found);
                foreach (var m in found) Claim(claimed, m, r);
            }
            if (claimed.Count == 0) return text;
            var sb = new StringBuilder(text!.Length + claimed.Count * 16);
            var at = 0;
            foreach (var (m, r) in claimed)
            {
                sb.Append(text, at, m.Start - at);
                sb.Append(Token(r, m.Normalized, tally));
                at = m.End;
            }
            sb.Append(text, at, text.Length - at);
            return sb.ToString();
        }

        /// <summary>A JSON member's value: as <see cref="Redact"/>, and a bare digit run under a name that calls it a
        /// phone (see <see cref="JsonKeyContext"/>) is a phone number as a whole.</summary>
        internal string? RedactMember(string? memberName, string? value, RedactionTally tally)
        {
            if (value != null && JsonKeyContext.IsPhoneKey(memberName) && PhoneRule.IsBareNumber(value.Trim()))
                return Token(_phone, PhoneRule.Normalize(value.Trim()), tally);
            return Redact(value, tally);
        }

        /// <summary>The pseudonym of a JSON number, or null to keep it: card numbers anywhere, phone numbers under a
        /// member name that calls them a phone. Only integers are candidates.</summary>
        internal string? RedactNumber(string? memberName, string number, RedactionTally tally)
        {
            foreach (var c in number)
            {
                if (c < '0' || c > '9') return null;
            }
            if (PaymentCardRule.IsCardNumber(number)) return Token(_card, number, tally);
            if (JsonKeyContext.IsPhoneKey(memberName) && PhoneRule.IsBareNumber(number)) return Token(_phone, number, tally);
            return null;
        }

        /// <summary>A JSON document with its names, string values and card or phone numbers redacted, the rest byte for
        /// byte as it was (the same array when nothing was replaced). Text that is not JSON is redacted as text.</summary>
        internal byte[] RedactJson(byte[] utf8, RedactionTally tally) => JsonRedaction.Redact(this, utf8, tally);

        /// <summary>As <see cref="RedactJson(byte[], RedactionTally)"/>, for JSON text.</summary>
        internal string? RedactJson(string? json, RedactionTally tally)
        {
            if (string.IsNullOrEmpty(json)) return json;
            var bytes = Encoding.UTF8.GetBytes(json);
            var redacted = RedactJson(bytes, tally);
            return ReferenceEquals(bytes, redacted) ? json : Encoding.UTF8.GetString(redacted);
        }

        /// <summary>
        /// A check value of this run's settings (key and -RedactPattern rules), the same for the same settings in every
        /// run: a table folder records it, so rows redacted one way are never mixed with rows written another way. It is
        /// a pseudonym like any other and reveals neither the key nor a value.
        /// </summary>
        internal string SettingsCheck()
        {
            var rules = new StringBuilder("llama-cloud-chat redaction settings");
            foreach (var r in _rules)
            {
                if (r is PatternRule p) rules.Append('\n').Append(p.Name).Append('=').Append((int)p.Options).Append(':').Append(p.Pattern);
            }
            return _pseudonyms.For("CHECK", rules.ToString()).Token;
        }

        /// <summary>The -RedactPattern rules whose expression took too long on some text (which was then replaced whole).</summary>
        internal IEnumerable<string> TimedOutPatterns()
        {
            foreach (var r in _rules)
            {
                if (r is PatternRule p && p.TimedOut) yield return p.Name;
            }
        }

        private string Token(int rule, string normalized, RedactionTally tally)
        {
            var (token, id) = _pseudonyms.For(_rules[rule].Label, normalized);
            tally.Add(rule, id);
            return token;
        }

        /// <summary>Keeps <paramref name="m"/> unless a rule tried earlier claimed any of its characters; sorted by start.</summary>
        private static void Claim(List<(RedactionMatch Match, int Rule)> claimed, RedactionMatch m, int rule)
        {
            int lo = 0, hi = claimed.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (claimed[mid].Match.Start < m.Start) lo = mid + 1;
                else hi = mid;
            }
            if (lo > 0 && claimed[lo - 1].Match.End > m.Start) return;
            if (lo < claimed.Count && claimed[lo].Match.Start < m.End) return;
            claimed.Insert(lo, (m, rule));
        }

        public void Dispose() => _pseudonyms.Dispose();
    }
}
