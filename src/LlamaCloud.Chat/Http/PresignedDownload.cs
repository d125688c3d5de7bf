using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// Downloads the bytes behind a presigned URL. Such a URL authorizes itself and points at another host (object
    /// storage), so the request carries no Authorization header and none of the API's custom headers, ever: not to
    /// the URL's host, and not across a redirect, which this client follows itself (at most 5 hops, http(s) only)
    /// instead of letting the handler do it. Its HttpClients are its own (one per proxy setting) with automatic
    /// redirects off, so nothing configured for the API can leak through them. Transient failures (connection, 408,
    /// 429, 5xx) are retried -MaximumRetryCount times; the answer must be an image.
    /// </summary>
    internal static class PresignedDownload
    {
        private const int MaxRedirects = 5;
        private static readonly ConcurrentDictionary<ProxySettings, Lazy<HttpClient>> Clients = new ConcurrentDictionary<ProxySettings, Lazy<HttpClient>>();

        /// <summary>Writes the image at <paramref name="url"/> to a fresh stream per attempt from
        /// <paramref name="beginAttempt"/>; returns its media type. <paramref name="progress"/> gets the bytes so far.</summary>
        internal static async Task<string> DownloadAsync(Uri url, LlamaCloudOptions options, Func<Stream> beginAttempt,
            Action<long>? progress, CancellationToken cancellationToken)
        {
            var attempt = 0;
            while (true)
            {
                try
                {
                    return await AttemptAsync(url, options, beginAttempt(), progress, cancellationToken).ConfigureAwait(false);
                }
                catch (AttachmentDownloadException ex) when (Transient(ex) && attempt < options.MaximumRetryCount)
                {
                    attempt++;
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * (1 << Math.Min(attempt - 1, 4))), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private static bool Transient(AttachmentDownloadException ex) =>
            ex.StatusCode == null ? ex.Category == ErrorCategory.ConnectionError || ex.Category == ErrorCategory.OperationTimeout
                : ex.StatusCode == 408 || ex.StatusCode == 429 || ex.StatusCode >= 500;

        private static async Task<string> AttemptAsync(Uri url, LlamaCloudOptions options, Stream sink, Action<long>? progress, CancellationToken cancellationToken)
        {
            var client = Clients.GetOrAdd(options.Proxy, p => new Lazy<HttpClient>(() => Create(p))).Value;
            var timeout = options.Timeout <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : options.Timeout;
            var current = url;
            for (var hop = 0; ; hop++)
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                cts.CancelAfter(timeout);
                HttpResponseMessage response;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, current);
                    // Deliberately nothing but these: no Authorization, no LLAMA_CLOUD_CUSTOM_HEADERS.
                    request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
                    request.Headers.TryAddWithoutValidation("Accept", "image/*");
                    response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    throw new AttachmentDownloadException(Messages.ImageTimedOut(Show(current), timeout), null, ErrorCategory.OperationTimeout, ex);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                {
                    throw new AttachmentDownloadException(Messages.ImageUnreachable(Show(current), ErrorText.Innermost(ex)), null, ErrorCategory.ConnectionError, ex);
                }
                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (status >= 300 && status < 400 && response.Headers.Location is { } location)
                    {
                        if (hop >= MaxRedirects)
                            throw new AttachmentDownloadException(Messages.ImageRedirectedTooOften(Show(url), MaxRedirects), status, ErrorCategory.InvalidResult);
                        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                        if (next.Scheme != Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttp)
                            throw new AttachmentDownloadException(Messages.ImageRedirectedToScheme(Show(url), next.Scheme), status, ErrorCategory.InvalidResult);
                        current = next;
                        continue;
                    }
                    if (!response.IsSuccessStatusCode)
                    {
                        var text = await SafeText(response).ConfigureAwait(false);
                        var words = StorageMessage(text);
                        throw new AttachmentDownloadException(
                            Messages.ImageStatus(Show(current), status, response.ReasonPhrase, words),
                            status, status == 403 ? ErrorCategory.PermissionDenied : status == 404 ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError);
                    }
                    var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
                    if (mediaType.Length > 0 && !mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
                    {
                        var text = await SafeText(response).ConfigureAwait(false);
                        throw new AttachmentDownloadException(Messages.ExpectedImage(Show(current), mediaType, ResponseText.Describe(text)), status, ErrorCategory.InvalidResult);
                    }
                    await CopyAsync(response, sink, progress, timeout, cts, cancellationToken, current).ConfigureAwait(false);
                    return mediaType.Length > 0 && !mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase) ? mediaType.ToLowerInvariant() : "application/octet-stream";
                }
            }
        }

        private static async Task CopyAsync(HttpResponseMessage response, Stream sink, Action<long>? progress, TimeSpan timeout,
            CancellationTokenSource cts, CancellationToken cancellationToken, Uri current)
        {
            var expected = response.Content.Headers.ContentLength;
            long total = 0;
            try
            {
                using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var reg = cts.Token.Register(response.Dispose);
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    cts.CancelAfter(timeout);
                    var n = await body.ReadAsync(buffer, 0, buffer.Length, cts.Token).ConfigureAwait(false);
                    if (n == 0) break;
                    try
                    {
                        await sink.WriteAsync(buffer, 0, n, cancellationToken).ConfigureAwait(false);
                    }
                    catch (IOException io)
                    {
                        throw new LocalWriteException(io); // the local file (a full disk), not the network
                    }
                    total += n;
                    progress?.Invoke(total);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                throw new AttachmentDownloadException(Messages.DownloadBroke(Show(current), total, ErrorText.Innermost(ex)), null, ErrorCategory.ConnectionError, ex);
            }
            if (expected.HasValue && total != expected.Value)
                throw new AttachmentDownloadException(Messages.DownloadShort(Show(current), total, expected.Value), null, ErrorCategory.ConnectionError);
            if (total == 0) throw new AttachmentDownloadException(Messages.ImageEmpty(Show(current)), null, ErrorCategory.InvalidResult);
        }

        private static async Task<string?> SafeText(HttpResponseMessage response)
        {
            try
            {
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                return text.Length > 2048 ? text.Substring(0, 2048) : text;
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException)
            {
                return null;
            }
        }

        /// <summary>An object store's XML error (<c>&lt;Message&gt;</c>) or JSON detail, else a readable glimpse.</summary>
        private static string? StorageMessage(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var m = System.Text.RegularExpressions.Regex.Match(text, "<Message>(?<m>[^<]*)</Message>");
            if (m.Success) return WebUtility.HtmlDecode(m.Groups["m"].Value).Trim();
            return ResponseText.ExtractDetail(text!) ?? TextSummary.OneLine(ErrorText.Readable(text!), 200);
        }

        /// <summary>A URL as errors show it: scheme, host and path, never the query (a presigned URL's query is its signature).</summary>
        internal static string Show(Uri url) => url.GetLeftPart(UriPartial.Path);

        private static HttpClient Create(ProxySettings proxy)
        {
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
            if (proxy.Mode == ProxyMode.None) handler.UseProxy = false;
            else if (proxy.Mode == ProxyMode.Explicit)
            {
                handler.UseProxy = true;
                handler.Proxy = proxy.CreateWebProxy();
            }
            return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }
    }
}
