using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// International bank account numbers: a country code of the IBAN registry, two check digits and the country's
    /// fixed length of letters and digits, together or in groups of four separated by single spaces, whose ISO 7064
    /// mod-97 checksum is 1 (upper or lower case). Not matched: a wrong checksum, a wrong length for the country,
    /// a country without IBANs.
    /// </summary>
    internal sealed class IbanRule : RedactionRule
    {
        private static readonly Regex Pattern = new Regex(
            @"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ ]?[A-Za-z0-9]{4}){2,8}(?:[ ]?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])",
            BuiltInOptions, BuiltInTimeout);

        // The IBAN registry's countries and their lengths (SWIFT, ISO 13616).
        private static readonly Dictionary<string, int> Lengths = Parse(
            "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 " +
            "ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 " +
            "LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 " +
            "PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30");

        internal IbanRule() : base("Iban", "IBAN") { }

        internal override void Find(string text, List<RedactionMatch> found)
        {
            if (!HasDigit(text)) return;
            foreach (Match m in Pattern.Matches(text))
            {
                var country = m.Value.Substring(0, 2).ToUpperInvariant();
                if (!Lengths.TryGetValue(country, out var length)) continue;
                // The country's length, counted in letters and digits; the value must end there, at a group's end.
                var compact = new StringBuilder(length);
                var end = m.Index;
                while (end < m.Index + m.Length && compact.Length < length)
                {
                    if (text[end] != ' ') compact.Append(char.ToUpperInvariant(text[end]));
                    end++;
                }
                if (compact.Length != length || (end < m.Index + m.Length && text[end] != ' ')) continue;
                var iban = compact.ToString();
                if (IsValidChecksum(iban)) found.Add(new RedactionMatch(m.Index, end - m.Index, iban));
            }
        }

        /// <summary>ISO 7064 mod 97-10: the first four characters moved to the end, letters as 10-35, the number mod 97 is 1.</summary>
        internal static bool IsValidChecksum(string iban)
        {
            var remainder = 0;
            for (var i = 0; i < iban.Length; i++)
            {
                var c = iban[(i + 4) % iban.Length];
                if (c >= '0' && c <= '9') remainder = (remainder * 10 + (c - '0')) % 97;
                else if (c >= 'A' && c <= 'Z') remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
                else return false;
            }
            return remainder == 1;
        }

        private static Dictionary<string, int> Parse(string table)
        {
            var lengths = new Dictionary<string, int>();
            foreach (var entry in table.Split(' ')) lengths[entry.Substring(0, 2)] = int.Parse(entry.Substring(2), System.Globalization.CultureInfo.InvariantCulture);
            return lengths;
        }
    }
}
