using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// The HttpClients of the process: one for the platform's proxy settings (HTTPS_PROXY/NO_PROXY on
    /// PowerShell 7, the system proxy on Windows), which leaves the handler's proxy alone, and one per distinct
    /// -Proxy/-NoProxy configuration, created on first use and kept, so connections are pooled per proxy.
    /// Timeouts are per attempt (cancellation tokens), so the clients' own timeout is off.
    /// </summary>
    internal static class SharedHttp
    {
        private static readonly Lazy<HttpClient> Instance = new Lazy<HttpClient>(() => Create(ProxySettings.Platform));
        private static readonly ConcurrentDictionary<ProxySettings, Lazy<HttpClient>> ByProxy =
            new ConcurrentDictionary<ProxySettings, Lazy<HttpClient>>();

        internal static HttpClient Client => Instance.Value;

        /// <summary>The client for <paramref name="proxy"/>; the same instance for equal settings.</summary>
        internal static HttpClient For(ProxySettings proxy) =>
            proxy.Mode == ProxyMode.Platform ? Instance.Value : ByProxy.GetOrAdd(proxy, p => new Lazy<HttpClient>(() => Create(p))).Value;

        private static HttpClient Create(ProxySettings proxy)
        {
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            if (proxy.Mode == ProxyMode.None) handler.UseProxy = false;
            else if (proxy.Mode == ProxyMode.Explicit)
            {
                handler.UseProxy = true;
                handler.Proxy = proxy.CreateWebProxy();
            }
            if (System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                try
                {
                    // Windows PowerShell 5.1 may offer only TLS 1.0/1.1 unless the machine opts in; LlamaCloud needs 1.2+.
                    handler.SslProtocols = System.Security.Authentication.SslProtocols.Tls12 | (System.Security.Authentication.SslProtocols)12288;
                }
                catch (Exception ex) when (ex is NotSupportedException || ex is ArgumentException || ex is PlatformNotSupportedException)
                {
                    handler.SslProtocols = System.Security.Authentication.SslProtocols.Tls12;
                }
            }
            try
            {
                // .NET Framework defaults to 2 connections per host, which would serialise -ThrottleLimit fetches.
                handler.MaxConnectionsPerServer = 64;
            }
            catch (PlatformNotSupportedException)
            {
            }
            return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }
    }
}
