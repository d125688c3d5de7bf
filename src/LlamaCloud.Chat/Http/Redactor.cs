using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Http
{
    /// <summary>Masks the key, and any bearer token, in text that came from the other side before it reaches a message.</summary>
    internal sealed class Redactor
    {
        private static readonly Regex BearerToken =
            new Regex(@"(?i)bearer\s+[^\s""',;]+", RegexOptions.CultureInvariant);

        private readonly string _secret;

        internal Redactor(string secret)
        {
            _secret = secret;
        }

        internal string? Redact(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var masked = _secret.Length == 0 ? text! : text!.Replace(_secret, "********");
            return BearerToken.Replace(masked, "Bearer ********");
        }
    }
}
