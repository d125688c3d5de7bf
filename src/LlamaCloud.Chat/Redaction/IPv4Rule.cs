using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// IPv4 addresses: four decimal octets (0-255, no leading zeros) separated by dots, alone or in a URL or host:port,
    /// private and loopback addresses included. Not matched: addresses in 0.0.0.0/8 (0.0.0.0 is also an assembly
    /// version), dotted numbers with a part over 255 or more than four parts (10.0.19045.3803), or glued to letters
    /// (v1.2.3.4). A four-part version whose parts are all 255 or less (1.2.3.4) reads as an address and is replaced.
    /// </summary>
    internal sealed class IPv4Rule : RedactionRule
    {
        private const string Octet = @"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";

        private static readonly Regex Pattern = new Regex(
            @"(?<![\w.])" + Octet + @"(?:\." + Octet + @"){3}(?![\w]|\.[0-9])", BuiltInOptions, BuiltInTimeout);

        internal IPv4Rule() : base("IPv4", "IPV4") { }

        internal override void Find(string text, List<RedactionMatch> found)
        {
            if (text.IndexOf('.') < 0) return;
            foreach (Match m in Pattern.Matches(text))
            {
                if (m.Value[0] == '0') continue;
                found.Add(new RedactionMatch(m.Index, m.Length, m.Value));
            }
        }
    }
}
