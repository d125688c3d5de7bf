using System;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// How one command sends its requests, whatever endpoint they go to: the time allowed per attempt, the retries, the
    /// proxy, whether a key may cross plain http, and the user agent. Made from the command's own parameters.
    /// </summary>
    internal sealed class RequestSettings
    {
        /// <summary>Per attempt: until the response headers arrive, then the longest pause allowed between body reads.</summary>
        internal TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

        internal int MaximumRetryCount { get; set; } = 2;

        internal bool AllowUnencryptedAuthentication { get; set; }

        /// <summary>-Proxy/-NoProxy (the command's, else the endpoint's), else the platform's settings.</summary>
        internal ProxySettings Proxy { get; set; } = ProxySettings.Platform;

        internal string UserAgent { get; set; } = "LlamaCloud.Chat";

        /// <summary>True when the key may be sent to <paramref name="endpoint"/>: https, a loopback host reached directly or
        /// through a loopback proxy, or the user's explicit permission. (Plain http through a proxy elsewhere puts the key on the network.)</summary>
        internal bool MaySendKey(Endpoint endpoint) =>
            endpoint.BaseUri.Scheme == Uri.UriSchemeHttps || AllowUnencryptedAuthentication
            || (endpoint.BaseUri.IsLoopback && (Proxy.ProxyFor(endpoint.BaseUri) is not { } proxy || proxy.IsLoopback));

        /// <summary>Where the key would travel in clear text, for the refusal message.</summary>
        internal string PlainTextHop(Endpoint endpoint) =>
            Messages.PlainTextHop(endpoint.BaseUri.Host,
                endpoint.BaseUri.IsLoopback && Proxy.ProxyFor(endpoint.BaseUri) is { } proxy && !proxy.IsLoopback ? ProxySettings.Display(proxy) : null);
    }
}
