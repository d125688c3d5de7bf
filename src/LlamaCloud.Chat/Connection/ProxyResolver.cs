using System;
using System.Management.Automation;
using System.Net;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// -Proxy, -ProxyCredential, -ProxyUseDefaultCredentials and -NoProxy, with Invoke-RestMethod's meanings: -Proxy
    /// names one proxy for every request (loopback included); the credential switches need a proxy (the command's, or
    /// the connection's when the command names none); -NoProxy connects directly. Without any of them the fallback
    /// applies: the connection's settings, else the platform's.
    /// </summary>
    internal static class ProxyResolver
    {
        internal static ProxySettings Resolve(Uri? proxy, PSCredential? credential, bool useDefaultCredentials, bool noProxy, ProxySettings fallback)
        {
            if (noProxy && (proxy != null || credential != null || useDefaultCredentials))
                throw Invalid(Messages.NoProxyCombined());
            if (credential != null && useDefaultCredentials)
                throw Invalid(Messages.ProxyCredentialsBoth());
            if (noProxy) return ProxySettings.None;
            if (proxy == null)
            {
                if (credential == null && !useDefaultCredentials) return fallback;
                if (fallback.Mode != ProxyMode.Explicit)
                    throw Invalid(Messages.ProxyCredentialsWithoutProxy());
                proxy = fallback.Address;
            }
            return ProxySettings.Explicit(Validate(proxy!), credential?.GetNetworkCredential(), useDefaultCredentials);
        }

        /// <summary>An absolute http(s) URI without credentials (they belong in -ProxyCredential, not in a URI that gets displayed).</summary>
        internal static Uri Validate(Uri proxy)
        {
            if (!proxy.IsAbsoluteUri || (proxy.Scheme != Uri.UriSchemeHttp && proxy.Scheme != Uri.UriSchemeHttps))
                throw Invalid(Messages.InvalidProxy(proxy.OriginalString));
            if (!string.IsNullOrEmpty(proxy.UserInfo))
                throw Invalid(Messages.ProxyUriHasCredentials());
            return proxy;
        }

        private static LlamaCloudException Invalid(string message) =>
            new LlamaCloudException(message, ErrorIds.InvalidProxy, ErrorCategory.InvalidArgument);
    }
}
