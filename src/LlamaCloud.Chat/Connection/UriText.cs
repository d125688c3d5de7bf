using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>URI text fit for a message: credentials embedded in it (<c>https://user:pw@host</c>) are masked.</summary>
    internal static class UriText
    {
        private static readonly Regex UserInfo = new Regex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?<info>[^/?#@\s]*)@", RegexOptions.CultureInvariant);

        /// <summary><c>https://user:pw@host/x</c> becomes <c>https://********@host/x</c>; anything else is returned unchanged.</summary>
        internal static string MaskUserInfo(string text) => UserInfo.Replace(text, m => m.Groups["scheme"].Value + "********@");
    }
}
