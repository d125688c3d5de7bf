using System.Management.Automation;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// The rule a key must meet to be sent at all (an HTTP header carries visible ASCII only). Checked where a
    /// request is built and by Connect-LlamaCloud, so a bad key fails once, at once, without being shown.
    /// </summary>
    internal static class ApiKeyFormat
    {
        /// <summary>Throws InvalidApiKey when <paramref name="key"/> cannot be sent; never includes the key in the message.</summary>
        internal static void Check(string key, string source)
        {
            foreach (var c in key)
            {
                if (c < 0x21 || c > 0x7e)
                    throw new LlamaCloudException(
                        Messages.ApiKeyUnsendable(source),
                        ErrorIds.InvalidApiKey, ErrorCategory.InvalidArgument);
            }
        }
    }
}
