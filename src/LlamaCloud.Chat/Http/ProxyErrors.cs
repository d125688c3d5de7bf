using System;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Reflection;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// A proxy that answers 407 Proxy Authentication Required. For plain http the 407 arrives as a response; for https
    /// it is the answer to CONNECT, which HttpClient turns into an HttpRequestException (with StatusCode 407 on
    /// .NET 5+, a WebException inside on .NET Framework). Either way no request can succeed until the credentials
    /// change, so it becomes one terminating error that names the proxy.
    /// </summary>
    internal static class ProxyErrors
    {
        private static readonly PropertyInfo? StatusCodeProperty = typeof(HttpRequestException).GetProperty("StatusCode");

        /// <summary>
        /// The status when <paramref name="ex"/> (or an inner exception) is a proxy refusing us: 407, or a 401 in answer
        /// to CONNECT (some proxies, tinyproxy among them, answer wrong credentials that way; a CONNECT answer always
        /// comes from the proxy, never from LlamaCloud). Null for anything else.
        /// </summary>
        internal static int? AuthenticationFailureStatus(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
                // HttpRequestException carries a status only for a failed CONNECT here (the module never calls EnsureSuccessStatusCode).
                if (e is HttpRequestException && StatusCodeProperty?.GetValue(e) is HttpStatusCode code && IsRefusal(code)) return (int)code;
                if (e is WebException { Response: HttpWebResponse r } && r.StatusCode == HttpStatusCode.ProxyAuthenticationRequired) return 407;
            }
            return null;
        }

        private static bool IsRefusal(HttpStatusCode code) => code == HttpStatusCode.ProxyAuthenticationRequired || code == HttpStatusCode.Unauthorized;

        /// <summary>
        /// " through the proxy http://p:8080 (from -Proxy)" when a request to <paramref name="target"/> goes through a
        /// proxy, else empty: a failure to connect is then the proxy's as much as the server's, and must say so (a
        /// refused proxy port would otherwise read as LlamaCloud being down).
        /// </summary>
        internal static string Through(ProxySettings settings, Uri target)
        {
            var proxy = settings.ProxyFor(target);
            if (proxy == null) return string.Empty;
            return Messages.ThroughProxy(ProxySettings.Display(proxy), settings.Mode == ProxyMode.Explicit);
        }

        /// <summary>The terminating error: which proxy asked, whether credentials were sent, what to do.</summary>
        internal static LlamaCloudException AuthenticationRequired(ProxySettings settings, Uri target, int status, string? challenge, Exception? inner)
        {
            var proxyUri = settings.ProxyFor(target);
            var sent = settings.Credential != null || settings.UseDefaultCredentials;
            return new LlamaCloudException(Messages.ProxyAuthentication(proxyUri == null ? null : ProxySettings.Display(proxyUri), sent, status, challenge), ErrorIds.ProxyAuthenticationRequired, ErrorCategory.AuthenticationError, inner);
        }
    }
}
