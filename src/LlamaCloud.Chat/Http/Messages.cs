using System;
using System.Globalization;
using System.Linq;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// What the HTTP layer says to the user: the failures of a request (status, timeout, connection, body, proxy,
    /// presigned download), its -Verbose and -Debug lines and its progress text, built here so that the words live in
    /// one place. Everything the other side said arrives here already redacted.
    /// </summary>
    internal static class Messages
    {
        private static string N0(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(CultureInfo.InvariantCulture);

        /// <summary>Who a failure is about: the session, or a request that concerns none.</summary>
        internal static string Subject(string? sessionId) => sessionId == null ? "LlamaCloud request" : $"Session '{sessionId}'";

        /// <summary>A non-2xx answer: "Session 'x': 404 Not Found: why.", the explanation left out when it only repeats the reason.</summary>
        internal static string StatusFailure(string subject, int status, string? reason, string? explanation) =>
            ErrorText.Sentence($"{subject}: {status} {reason}{(string.IsNullOrEmpty(explanation) ? string.Empty : ": " + explanation)}");

        /// <summary>Added to a 401: which key was rejected where, and that nothing more was sent.</summary>
        internal static string KeyRejected(string keySource, string endpoint) =>
            $" The API key from {keySource} was rejected by {endpoint}; no further requests were sent.";

        /// <summary>Added to a 403: which key is not allowed this where.</summary>
        internal static string KeyForbidden(string keySource, string endpoint, string scope) =>
            $" The API key from {keySource} is not allowed this at {endpoint}{scope}.";

        /// <summary>Added to a failure the server gave a request id for.</summary>
        internal static string RequestIdSuffix(string requestId) => $" (request id {requestId})";

        /// <summary>The base URI, its region and where it came from, as a 401 or 403 names it.</summary>
        internal static string Endpoint(string maskedBaseUri, string? region, string source) =>
            $"{maskedBaseUri} ({(region != null ? "region " + region + ", " : string.Empty)}from {source})";

        /// <summary>" for project p in organization o" after a 403, or empty when neither was given.</summary>
        internal static string Scope(string? projectId, string? organizationId) =>
            projectId != null || organizationId != null
                ? " for " + string.Join(" in ", new[] { projectId != null ? "project " + projectId : null, organizationId != null ? "organization " + organizationId : null }.Where(p => p != null))
                : string.Empty;

        /// <summary>The region advice after a 401 or 403 of a request sent to the North American region.</summary>
        internal static string SentToNorthAmerica(string euBaseUri) =>
            $"The key was sent to the NA region; a key of an EU account works only with Connect-LlamaCloud -Region EU (or LLAMA_CLOUD_BASE_URL={euBaseUri}).";

        /// <summary>The region advice after a 401 or 403 of a request sent to the EU region.</summary>
        internal static string SentToEurope(string naBaseUri) =>
            $"The key was sent to the EU region; a key of a North American account works only with Connect-LlamaCloud -Region NA (or LLAMA_CLOUD_BASE_URL={naBaseUri}).";

        /// <summary>The region advice after a 401 or 403 of a request sent to another deployment.</summary>
        internal static string CheckDeployment(string maskedBaseUri) =>
            $"Check that {maskedBaseUri} is the LlamaCloud deployment the key belongs to.";

        /// <summary>The recommended action of a 401.</summary>
        internal static string RejectedKeyAdvice(string regionAdvice) =>
            regionAdvice + " Otherwise pass the right key with -ApiKey, run Connect-LlamaCloud again, or correct the LLAMA_CLOUD_API_KEY environment variable (Get-LlamaCloudConnection shows which key and base URI are used).";

        /// <summary>The recommended action of a 403.</summary>
        internal static string ForbiddenAdvice(string regionAdvice) =>
            "Check -ProjectId and -OrganizationId: the key may belong to another project or organization. " + regionAdvice;

        /// <summary>No answer (or a stalled body) within -TimeoutSec.</summary>
        internal static string Timeout(string subject, TimeSpan timeout, long bytesReceived) =>
            $"{subject}: no response within {Seconds(timeout)} s ({(bytesReceived > 0 ? "the body stalled after " + bytesReceived.ToString(CultureInfo.InvariantCulture) + " bytes" : "waiting for the server")}).";

        /// <summary>A body that could not be read; <paramref name="problem"/> is the reader's (redacted) message.</summary>
        internal static string InvalidBody(string subject, string? problem) => $"{subject}: {problem}";

        /// <summary>A connection that failed or broke; <paramref name="through"/> names the proxy, if any.</summary>
        internal static string ConnectionFailed(string subject, long bytesReceived, string host, string through, string? cause) =>
            ErrorText.Sentence($"{subject}: {(bytesReceived > 0 ? "the connection broke after " + bytesReceived.ToString(CultureInfo.InvariantCulture) + " bytes of the response" : "could not connect to " + host)}{through}: {cause}");

        /// <summary>" through the proxy http://p:8080 (from -Proxy)" in a connection failure.</summary>
        internal static string ThroughProxy(string proxy, bool explicitProxy) =>
            $" through the proxy {proxy} (from {(explicitProxy ? "-Proxy, of the command or of Connect-LlamaCloud" : "the platform's proxy settings: HTTPS_PROXY, HTTP_PROXY or the system proxy")})";

        /// <summary>A proxy's 407 (or 401 to CONNECT): which proxy, whether credentials were sent, what it asks for, what to do.</summary>
        internal static string ProxyAuthentication(string? proxy, bool credentialsSent, int status, string? challenge)
        {
            var who = proxy == null ? "A proxy (from the platform's settings)" : "The proxy " + proxy;
            var statusText = status == 401 ? "401 Unauthorized" : "407 Proxy Authentication Required";
            var message = credentialsSent
                ? $"{who} rejected the credentials given ({statusText})."
                : $"{who} requires authentication ({statusText}).";
            if (!string.IsNullOrWhiteSpace(challenge)) message += $" It asks for: {TextSummary.OneLine(challenge!, 120)}.";
            return message + " Pass -ProxyCredential (or -ProxyUseDefaultCredentials) with -Proxy, on the command or on Connect-LlamaCloud.";
        }

        /// <summary>A JSON request answered with another media type; <paramref name="glimpse"/> is <see cref="ResponseText.Describe"/>'s.</summary>
        internal static string ExpectedJson(string mediaType, string glimpse) => $"Expected JSON, got {mediaType}{glimpse}";

        /// <summary>A small JSON body (a page) that is empty.</summary>
        internal static string EmptyBody() => "The response body is empty.";

        /// <summary>The glimpse of an empty non-JSON body.</summary>
        internal static string EmptyGlimpse() => " (empty body).";

        /// <summary>The glimpse of an HTML page: its title, and who may have answered.</summary>
        internal static string PageTitleGlimpse(string title) => ": \"" + title + "\". A proxy or gateway may have answered instead of LlamaCloud.";

        /// <summary>The glimpse of other text: its one-line start.</summary>
        internal static string TextGlimpse(string start) => ": \"" + start + "\".";

        /// <summary>-Verbose, as an attempt starts: the request, its note and which attempt it is.</summary>
        internal static string AttemptStarting(string request, string? note, string attempt) =>
            $"{request} ({(note != null ? note + ", " : string.Empty)}{attempt})";

        /// <summary>-Debug, when the headers arrive.</summary>
        internal static string HeadersReceived(string request, int status, string? reason, long milliseconds, string? requestId) =>
            $"{request}: {status} {reason}, headers after {milliseconds} ms, request id {requestId ?? "-"}";

        /// <summary>-Verbose, when a body has been read.</summary>
        internal static string Succeeded(string request, int status, string? reason, long bytes, long milliseconds) =>
            $"{request}: {status} {reason}, {N0(bytes)} bytes in {milliseconds} ms";

        /// <summary>-Verbose, when a proxy answered 407.</summary>
        internal static string ProxyRefusedVerbose(string request, long milliseconds) => $"{request}: 407 from the proxy after {milliseconds} ms";

        /// <summary>-Verbose, when a proxy refused a CONNECT tunnel.</summary>
        internal static string TunnelRefusedVerbose(string request, int status, long milliseconds) =>
            $"{request}: the proxy refused the tunnel ({status}) after {milliseconds} ms";

        /// <summary>-Verbose, for a non-2xx answer, with the start of what the server said.</summary>
        internal static string StatusVerbose(string request, int status, string? reason, long milliseconds, string? detail) =>
            $"{request}: {status} {reason} in {milliseconds} ms{(detail != null ? ": " + TextSummary.OneLine(detail, 200) : string.Empty)}";

        /// <summary>-Verbose, for an attempt that timed out.</summary>
        internal static string TimedOutVerbose(string request, long milliseconds) => $"{request}: timed out after {milliseconds} ms";

        /// <summary>-Verbose, for a body that could not be read.</summary>
        internal static string InvalidBodyVerbose(string request, long milliseconds, string? problem) =>
            $"{request}: invalid response after {milliseconds} ms: {problem}";

        /// <summary>-Verbose, for a body the reader judged final (its error id).</summary>
        internal static string FinalVerbose(string request, string errorId, long milliseconds) => $"{request}: {errorId} after {milliseconds} ms";

        /// <summary>-Verbose, for a connection that failed.</summary>
        internal static string ConnectionFailedVerbose(string request, long milliseconds, string? cause) =>
            $"{request}: connection failed after {milliseconds} ms: {cause}";

        /// <summary>-Verbose, before a retry: when, which retry, and why.</summary>
        internal static string Retrying(string request, TimeSpan delay, string retry, string reason) =>
            $"Retrying {request} in {delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s ({retry}): {reason}";

        /// <summary>Which attempt this is, for -Verbose; rate-limit waits named apart.</summary>
        internal static string Attempt(int number, int of, int rateLimitWaits) => rateLimitWaits == 0
            ? $"attempt {number} of {of}"
            : $"attempt {number} of {of}, after {rateLimitWaits} rate-limit wait{(rateLimitWaits == 1 ? string.Empty : "s")}";

        /// <summary>Which retry this is, for -Verbose: "retry 1 of 2", or "rate limited 3 of 10" for a wait the server asked for.</summary>
        internal static string Retry(bool paced, int number, int of) => paced ? $"rate limited {number} of {of}" : $"retry {number} of {of}";

        /// <summary>The progress status of a wait: its countdown.</summary>
        internal static string RetryingIn(int seconds) => $"retrying in {seconds.ToString(CultureInfo.InvariantCulture)} s";

        /// <summary>The progress status of a download of known length.</summary>
        internal static string BytesOf(long received, long total, int percent) =>
            $"{N0(received)} of {N0(total)} bytes ({percent.ToString(CultureInfo.InvariantCulture)}%)";

        /// <summary>The progress status of a download of unknown length.</summary>
        internal static string BytesReceived(long received) => $"{N0(received)} bytes received";

        /// <summary>The progress title of a request held back while the server asked the command to slow down.</summary>
        internal static string HeldBack() => "held back: the server asked this command to slow down";

        /// <summary>A presigned image URL that did not answer within the timeout.</summary>
        internal static string ImageTimedOut(string url, TimeSpan timeout) => $"The image at {url} did not answer within {Seconds(timeout)} s.";

        /// <summary>A presigned image URL that could not be reached.</summary>
        internal static string ImageUnreachable(string url, string cause) => $"The image at {url} could not be reached: {cause}";

        /// <summary>A presigned image URL that redirected too often.</summary>
        internal static string ImageRedirectedTooOften(string url, int max) => $"The image at {url} redirected more than {max} times.";

        /// <summary>A presigned image URL that redirected to another scheme than http(s).</summary>
        internal static string ImageRedirectedToScheme(string url, string scheme) => $"The image at {url} redirected to a {scheme}: address.";

        /// <summary>A presigned image URL answered with an error status; <paramref name="words"/> is what the storage said.</summary>
        internal static string ImageStatus(string url, int status, string? reason, string? words) =>
            $"The image at {url} could not be downloaded: {status} {reason}{(words == null ? string.Empty : ": " + words)}";

        /// <summary>A presigned image URL answered with something that is no image.</summary>
        internal static string ExpectedImage(string url, string mediaType, string glimpse) => $"Expected an image from {url}, got {mediaType}{glimpse}";

        /// <summary>An image download that broke in the middle.</summary>
        internal static string DownloadBroke(string url, long bytes, string cause) => $"The download of {url} broke after {N0(bytes)} bytes: {cause}";

        /// <summary>An image download that ended short of its Content-Length.</summary>
        internal static string DownloadShort(string url, long bytes, long expected) => $"The download of {url} ended after {N0(bytes)} of {N0(expected)} bytes.";

        /// <summary>An image download of no bytes.</summary>
        internal static string ImageEmpty(string url) => $"The image at {url} is empty.";
    }
}
