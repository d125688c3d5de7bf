using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// The credential after "Bearer" (any case; RFC 6750's token characters, 16 or more, with at least one digit,
    /// or 32 or more) and after "Authorization: Basic". The word before it stays, so the text still says what was
    /// there. Not matched: English ("Bearer of bad news", "the bearer token was rotated").
    /// </summary>
    internal sealed class BearerTokenRule : RedactionRule
    {
        private static readonly Regex Bearer = new Regex(
            @"(?<![\w])(?i:bearer)[ \t]+(?<token>[A-Za-z0-9\-._~+/]{16,}=*)(?![\w\-.~+/=])", BuiltInOptions, BuiltInTimeout);

        private static readonly Regex Basic = new Regex(
            @"(?i:authorization)[""']?[ \t]*[:=][ \t]*[""']?(?i:basic)[ \t]+(?<token>[A-Za-z0-9+/]{8,}={0,2})(?![\w+/=])", BuiltInOptions, BuiltInTimeout);

        internal BearerTokenRule() : base("BearerToken", "TOKEN") { }

        internal override void Find(string text, List<RedactionMatch> found)
        {
            if (text.IndexOf("earer", System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                foreach (Match m in Bearer.Matches(text))
                {
                    var token = m.Groups["token"];
                    if (token.Length >= 32 || HasDigit(token.Value)) found.Add(new RedactionMatch(token.Index, token.Length, token.Value));
                }
            }
            if (text.IndexOf("asic", System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                foreach (Match m in Basic.Matches(text))
                {
                    var token = m.Groups["token"];
                    found.Add(new RedactionMatch(token.Index, token.Length, token.Value));
                }
            }
        }
    }
}
