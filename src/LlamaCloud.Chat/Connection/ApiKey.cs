using System;
using System.Runtime.InteropServices;
using System.Security;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// Holds the API key. Its only way out is <see cref="Reveal"/>: called once by the client that builds the Authorization
    /// header, by Get-LlamaCloudConnection for the last 4 characters, and by the completer for a hash. ToString and every
    /// diagnostic show a mask.
    /// </summary>
    internal sealed class ApiKey
    {
        private readonly SecureString? _secure;
        private readonly string? _plain;

        private ApiKey(SecureString? secure, string? plain)
        {
            _secure = secure;
            _plain = plain;
        }

        internal static ApiKey? From(SecureString? secure) => secure == null || secure.Length == 0 ? null : new ApiKey(secure.Copy(), null);

        internal static ApiKey? From(string? plain) => string.IsNullOrWhiteSpace(plain) ? null : new ApiKey(null, plain!.Trim());

        internal string Reveal()
        {
            if (_plain != null) return _plain;
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(_secure!);
                return Marshal.PtrToStringUni(ptr)!.Trim(); // a key read from a file often ends in a newline
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        public override string ToString() => "********";
    }
}
