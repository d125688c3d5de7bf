using System;
using System.Net;
using System.Net.Http;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// The one HttpClient of the process. It honours the platform's proxy settings (HTTPS_PROXY/NO_PROXY on
    /// PowerShell 7, the system proxy on Windows) because it leaves the handler's proxy alone.
    /// Timeouts are per attempt (cancellation tokens), so the client's own timeout is off.
    /// </summary>
    internal static class SharedHttp
    {
        private static readonly Lazy<HttpClient> Instance = new Lazy<HttpClient>(Create);

        internal static HttpClient Client => Instance.Value;

        private static HttpClient Create()
        {
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
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
