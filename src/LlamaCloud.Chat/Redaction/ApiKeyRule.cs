using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// API keys and tokens by their published shapes: LlamaCloud (llx-), OpenAI and Anthropic (sk-, sk-proj-,
    /// sk-ant-), Langfuse (sk-lf-, pk-lf-), Stripe (sk_live_, rk_live_, pk_live_ and _test_), GitHub (ghp_, gho_, ghu_,
    /// ghs_, ghr_, github_pat_), Slack (xoxb-, xoxp-, ...), AWS access key ids (AKIA, ASIA), Google API keys (AIza),
    /// JSON Web Tokens (eyJ….eyJ….…), and PEM private key blocks. A key must be long enough for its kind and hold
    /// both letters and digits. Not matched: words that merely start alike (task-force, sk-learn, llx-short).
    /// </summary>
    internal sealed class ApiKeyRule : RedactionRule
    {
        private static readonly Regex Keys = new Regex(
            @"(?<![\w\-])(?:" +
            @"llx-[A-Za-z0-9_\-]{20,}" +
            @"|sk-(?:proj-|ant-|lf-|svcacct-)?[A-Za-z0-9_\-]{20,}" +
            @"|pk-lf-[A-Za-z0-9_\-]{20,}" +
            @"|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}" +
            @"|gh[pousr]_[A-Za-z0-9]{36,}" +
            @"|github_pat_[A-Za-z0-9_]{22,}" +
            @"|xox[abposr]-[A-Za-z0-9\-]{10,}" +
            @"|(?:AKIA|ASIA)[0-9A-Z]{16}" +
            @"|AIza[0-9A-Za-z_\-]{35}" +
            @"|eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}" +
            @")(?![\w\-])", BuiltInOptions, BuiltInTimeout);

        private static readonly Regex PrivateKey = new Regex(
            @"-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[A-Za-z0-9+/=\s:,\-]{0,16384}?-----END [A-Z ]{0,20}PRIVATE KEY-----", BuiltInOptions, BuiltInTimeout);

        internal ApiKeyRule() : base("ApiKey", "APIKEY") { }

        internal override void Find(string text, List<RedactionMatch> found)
        {
            if (text.IndexOf("PRIVATE KEY-----", System.StringComparison.Ordinal) >= 0)
            {
                foreach (Match m in PrivateKey.Matches(text)) found.Add(new RedactionMatch(m.Index, m.Length, m.Value));
            }
            if (!HasDigit(text)) return;
            foreach (Match m in Keys.Matches(text))
            {
                if (!HasLetterAfterPrefix(m.Value) || !HasDigit(m.Value)) continue;
                found.Add(new RedactionMatch(m.Index, m.Length, m.Value));
            }
        }

        private static bool HasLetterAfterPrefix(string key)
        {
            var dash = key.IndexOfAny(new[] { '-', '_' });
            for (var i = dash + 1; i < key.Length; i++)
            {
                if (char.IsLetter(key[i])) return true;
            }
            return false;
        }
    }
}
