using System;
using System.Net;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// How requests reach LlamaCloud: the platform's proxy settings (HTTPS_PROXY/NO_PROXY, the system proxy), no proxy
    /// at all, or one named proxy with optional credentials. Immutable and compared by value, so SharedHttp keeps one
    /// HttpClient per distinct configuration and connections are pooled across commands that use the same proxy.
    /// </summary>
    internal sealed class ProxySettings : IEquatable<ProxySettings>
    {
        internal static readonly ProxySettings Platform = new ProxySettings(ProxyMode.Platform, null, null, false);
        internal static readonly ProxySettings None = new ProxySettings(ProxyMode.None, null, null, false);

        private ProxySettings(ProxyMode mode, Uri? address, NetworkCredential? credential, bool useDefaultCredentials)
        {
            Mode = mode;
            Address = address;
            Credential = credential;
            UseDefaultCredentials = useDefaultCredentials;
        }

        /// <summary>One proxy for every request, like Invoke-RestMethod's -Proxy (loopback targets go through it too).</summary>
        internal static ProxySettings Explicit(Uri address, NetworkCredential? credential, bool useDefaultCredentials) =>
            new ProxySettings(ProxyMode.Explicit, address, credential, useDefaultCredentials);

        internal ProxyMode Mode { get; }
        internal Uri? Address { get; }
        internal NetworkCredential? Credential { get; }
        internal bool UseDefaultCredentials { get; }

        /// <summary>The proxy a request to <paramref name="target"/> goes through, or null when it goes direct.</summary>
        internal Uri? ProxyFor(Uri target)
        {
            switch (Mode)
            {
                case ProxyMode.Explicit:
                    // .NET Framework's WebProxy always bypasses loopback hosts; .NET's does not (BypassProxyOnLocal is off).
                    return CreateWebProxy().IsBypassed(target) ? null : Address;
                case ProxyMode.None:
                    return null;
                default:
                    try
                    {
                        // The same object the handler consults when its own Proxy is left unset.
                        var platform = WebRequest.DefaultWebProxy;
                        if (platform == null || platform.IsBypassed(target)) return null;
                        var p = platform.GetProxy(target);
                        return p == null || p == target ? null : p;
                    }
                    catch (Exception ex) when (ex is PlatformNotSupportedException || ex is InvalidOperationException || ex is NotSupportedException)
                    {
                        return null;
                    }
            }
        }

        /// <summary>The proxy's address for messages: scheme, host and port, never credentials.</summary>
        internal static string Display(Uri? proxy) =>
            proxy == null ? "the platform's proxy" : proxy.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

        /// <summary>An IWebProxy for the handler (only for <see cref="ProxyMode.Explicit"/>).</summary>
        internal IWebProxy CreateWebProxy()
        {
            var proxy = new WebProxy(Address!) { BypassProxyOnLocal = false, UseDefaultCredentials = UseDefaultCredentials };
            if (Credential != null) proxy.Credentials = Credential;
            return proxy;
        }

        /// <inheritdoc />
        public bool Equals(ProxySettings? other) =>
            other != null && Mode == other.Mode && Equals(Address, other.Address) && UseDefaultCredentials == other.UseDefaultCredentials
            && string.Equals(Credential?.UserName, other.Credential?.UserName, StringComparison.Ordinal)
            && string.Equals(Credential?.Domain, other.Credential?.Domain, StringComparison.Ordinal)
            && string.Equals(Credential?.Password, other.Credential?.Password, StringComparison.Ordinal);

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as ProxySettings);

        /// <inheritdoc />
        public override int GetHashCode() =>
            ((int)Mode * 397) ^ (Address?.GetHashCode() ?? 0) ^ (Credential?.UserName?.GetHashCode() ?? 0) ^ (UseDefaultCredentials ? 1 : 0);

        /// <summary>Never the credentials.</summary>
        public override string ToString() => Mode switch
        {
            ProxyMode.Explicit => Display(Address) + (Credential != null ? " (with credentials)" : UseDefaultCredentials ? " (default credentials)" : string.Empty),
            ProxyMode.None => "no proxy",
            _ => "platform settings",
        };
    }

    /// <summary>Where the proxy configuration comes from.</summary>
    internal enum ProxyMode
    {
        /// <summary>The platform's settings: HTTPS_PROXY/HTTP_PROXY/NO_PROXY on PowerShell 7, the system proxy on Windows.</summary>
        Platform,
        /// <summary>Direct connections only (-NoProxy).</summary>
        None,
        /// <summary>One proxy given by -Proxy.</summary>
        Explicit,
    }
}
