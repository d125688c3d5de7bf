using System;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// What the next command would use, as Get-LlamaCloudConnection and Connect-LlamaCloud -PassThru show it: endpoint,
    /// region, organization, project, proxy and where the key comes from. Of the key itself only its last 4 characters
    /// are kept (none for keys shorter than 8).
    /// </summary>
    public sealed class LlamaCloudConnectionInfo
    {
        internal LlamaCloudConnectionInfo(Uri baseUri, string baseUriSource, string? organizationId, string? projectId,
            string? keySource, string? keyHint, ProxySettings proxy)
        {
            BaseUri = baseUri;
            BaseUriSource = baseUriSource;
            Region = LlamaCloudOptions.RegionOf(baseUri);
            OrganizationId = organizationId;
            ProjectId = projectId;
            KeySource = keySource;
            KeyHint = keyHint;
            Proxy = ProxyText(proxy);
            ProxyCredential = CredentialText(proxy);
        }

        /// <summary>The API's base URI.</summary>
        public Uri BaseUri { get; }
        /// <summary>Where the base URI comes from: Connect-LlamaCloud -Region or -BaseUri, the LLAMA_CLOUD_BASE_URL environment variable, or the default.</summary>
        public string BaseUriSource { get; }
        /// <summary>NA or EU when the base URI is one of LlamaCloud's regions; otherwise null.</summary>
        public string? Region { get; }
        /// <summary>The organization id sent with every request, if any.</summary>
        public string? OrganizationId { get; }
        /// <summary>The project id sent with every request, if any.</summary>
        public string? ProjectId { get; }
        /// <summary>Where the key comes from: Connect-LlamaCloud or the environment variable's name; null when there is no key.</summary>
        public string? KeySource { get; }
        /// <summary>The key's last 4 characters after a mask (e.g. ********3f9c); never more of the key.</summary>
        public string? KeyHint { get; }

        /// <summary>The proxy requests go through: its address (any user info masked), 'platform settings' (the
        /// environment's HTTP(S)_PROXY / system settings) or 'none' (Connect-LlamaCloud -NoProxy).</summary>
        public string Proxy { get; }
        /// <summary>Whether the proxy gets credentials: the user name of -ProxyCredential (never its password),
        /// 'default credentials' for -ProxyUseDefaultCredentials, or null for none.</summary>
        public string? ProxyCredential { get; }

        /// <summary>
        /// What a command given no connection parameters would use with <paramref name="connection"/> (the runspace's,
        /// or one about to be kept). Throws LlamaCloud.InvalidBaseUri when the base URI it would use is malformed.
        /// </summary>
        internal static LlamaCloudConnectionInfo Of(LlamaCloudConnection? connection)
        {
            var (key, keySource) = OptionsResolver.ResolveKey(null, connection);
            var (baseText, baseSource) = OptionsResolver.ResolveBaseUri(null, connection);
            var uri = OptionsResolver.ParseBaseUri(baseText, baseSource);
            return new LlamaCloudConnectionInfo(uri, baseSource, connection?.OrganizationId, connection?.ProjectId, keySource,
                key == null ? null : Hint(key.Reveal()), OptionsResolver.ResolveProxy(connection));
        }

        private static string ProxyText(ProxySettings proxy)
        {
            switch (proxy.Mode)
            {
                case ProxyMode.Explicit when proxy.Address != null:
                    var a = proxy.Address;
                    // Connect-LlamaCloud refuses user info in the URI; masked anyway, so a password can never show here.
                    return a.UserInfo.Length == 0 ? a.AbsoluteUri : new UriBuilder(a) { UserName = "****", Password = "" }.Uri.AbsoluteUri;
                case ProxyMode.None:
                    return "none";
                default:
                    return "platform settings";
            }
        }

        private static string? CredentialText(ProxySettings proxy)
        {
            if (proxy.Mode != ProxyMode.Explicit) return null;
            if (proxy.Credential is { } c)
                return string.IsNullOrEmpty(c.Domain) ? c.UserName : c.Domain + "\\" + c.UserName;
            return proxy.UseDefaultCredentials ? "default credentials" : null;
        }

        /// <summary>A mask and the last 4 characters of <paramref name="key"/>; just the mask for keys shorter than 8 characters.</summary>
        internal static string Hint(string key) => key.Length < 8 ? "********" : "********" + key.Substring(key.Length - 4);

        /// <inheritdoc />
        public override string ToString() => BaseUri.ToString();
    }
}
