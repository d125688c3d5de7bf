using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// IPv6 addresses in any of their text forms (full, with '::', with an embedded IPv4 address, with a %zone), alone
    /// or in brackets; each candidate must parse as an IPv6 address. Not matched: '::' alone, MAC addresses, times
    /// (10:30:00), C++ scopes (std::vector), and anything glued to letters.
    /// </summary>
    internal sealed class IPv6Rule : RedactionRule
    {
        private static readonly Regex Pattern = new Regex(
            @"(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:|:)(?:[0-9A-Fa-f]{0,4}:){1,7}(?:(?:[0-9]{1,3}\.){3}[0-9]{1,3}|[0-9A-Fa-f]{1,4})?(?:%[0-9A-Za-z_.~\-]+)?(?![\w]|\.[0-9])",
            BuiltInOptions, BuiltInTimeout);

        internal IPv6Rule() : base("IPv6", "IPV6") { }

        internal override void Find(string text, List<RedactionMatch> found)
        {
            if (text.IndexOf(':') < 0) return;
            foreach (Match m in Pattern.Matches(text))
            {
                var candidate = m.Value;
                // A colon that ends a sentence ("at fe80::1: done") is not part of the address.
                while (candidate.Length > 2 && candidate[candidate.Length - 1] == ':' && candidate[candidate.Length - 2] != ':')
                    candidate = candidate.Substring(0, candidate.Length - 1);
                if (candidate == "::") continue;
                var groups = candidate.Split(':').Length;
                if (candidate.IndexOf("::", System.StringComparison.Ordinal) < 0 && groups != 8 && !(groups == 7 && candidate.IndexOf('.') > 0)) continue;
                if (!IPAddress.TryParse(candidate, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6) continue;
                found.Add(new RedactionMatch(m.Index, candidate.Length, address.ToString()));
            }
        }
    }
}
