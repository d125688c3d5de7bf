using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// Downloads the bytes behind a presigned URL through the module's request loop (<see cref="RequestAttempt"/>,
    /// <see cref="RetryLoop"/>) with the storage host's rules (<see cref="PresignedRules"/>). Such a URL authorizes
    /// itself and points at another host (object storage), so the request carries no Authorization header and none of
    /// the API's custom headers, ever: not to the URL's host, and not across a redirect (nothing is there to carry).
    /// Transient failures (connection, 408, 429, 5xx) are retried -MaximumRetryCount times; the answer must be an image.
    /// Messages show a URL without its query, which is its signature.
    /// </summary>
    internal static class PresignedDownload
    {
        /// <summary>Writes the image at <paramref name="url"/> to a fresh stream per attempt from
        /// <paramref name="beginAttempt"/>; returns its media type. <paramref name="progress"/> gets the bytes so far.</summary>
        internal static Task<string> DownloadAsync(Uri url, RequestSettings settings, Func<Stream> beginAttempt,
            Action<long>? progress, CancellationToken cancellationToken, IClientLog? log = null, ActivityMonitor? activity = null)
        {
            var rules = new PresignedRules(settings);
            var quiet = log ?? SilentLog.Instance;
            var loop = new RetryLoop(new RateGate { Monitor = activity ?? new ActivityMonitor() }, new CredentialCheck(), quiet, rules);
            var spec = RequestSpec.Download(url, "image/*", Show(url));
            var attempt = new RequestAttempt(spec, rules, settings.Timeout <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : settings.Timeout, settings.Proxy, quiet);
            return loop.RunAsync(spec, (n, described, credential) =>
                attempt.RunAsync(n, described, credential, (response, ctx) => ReadImageAsync(response, ctx, url, beginAttempt(), progress), cancellationToken),
                cancellationToken);
        }

        // A success: the answer must be an image (or bytes of no stated type), copied whole into the attempt's stream.
        private static async Task<string> ReadImageAsync(HttpResponseMessage response, AttemptContext ctx, Uri url, Stream sink, Action<long>? progress)
        {
            var current = response.RequestMessage?.RequestUri ?? url; // where the redirects, if any, led
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            if (mediaType.Length > 0 && !mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
            {
                var text = await SafeText(response).ConfigureAwait(false);
                throw new AttachmentDownloadException(Messages.ExpectedImage(Show(current), mediaType, ResponseText.Describe(text)), (int)response.StatusCode, ErrorCategory.InvalidResult);
            }
            var expected = response.Content.Headers.ContentLength;
            long total = 0;
            using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (ctx.Token.Register(response.Dispose))
            {
                var buffer = new byte[64 * 1024];
                while (true)
                {
                    ctx.Touch();
                    var n = await body.ReadAsync(buffer, 0, buffer.Length, ctx.Token).ConfigureAwait(false);
                    ctx.Token.ThrowIfCancellationRequested();
                    if (n == 0) break;
                    ctx.BytesReceived += n;
                    try
                    {
                        await sink.WriteAsync(buffer, 0, n, ctx.UserToken).ConfigureAwait(false);
                    }
                    catch (IOException io)
                    {
                        throw new LocalWriteException(io); // the local file (a full disk), not the network
                    }
                    total += n;
                    progress?.Invoke(total);
                }
            }
            if (expected.HasValue && total != expected.Value)
                throw new ShortBodyException(Messages.DownloadShort(Show(current), total, expected.Value));
            if (total == 0) throw new AttachmentDownloadException(Messages.ImageEmpty(Show(current)), null, ErrorCategory.InvalidResult);
            return mediaType.Length > 0 && !mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase) ? mediaType.ToLowerInvariant() : "application/octet-stream";
        }

        internal static async Task<string?> SafeText(HttpResponseMessage response)
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
        internal static string? StorageMessage(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var m = System.Text.RegularExpressions.Regex.Match(text, "<Message>(?<m>[^<]*)</Message>");
            if (m.Success) return WebUtility.HtmlDecode(m.Groups["m"].Value).Trim();
            return ResponseText.ExtractDetail(text!) ?? TextSummary.OneLine(ErrorText.Readable(text!), 200);
        }

        /// <summary>A URL as errors show it: scheme, host and path, never the query (a presigned URL's query is its signature).</summary>
        internal static string Show(Uri url) => url.GetLeftPart(UriPartial.Path);

        /// <summary>The body ended before its Content-Length: a broken connection, retried like one.</summary>
        internal sealed class ShortBodyException : IOException
        {
            internal ShortBodyException(string message) : base(message)
            {
            }
        }

        private sealed class SilentLog : IClientLog
        {
            internal static readonly SilentLog Instance = new SilentLog();

            public void Verbose(string message)
            {
            }

            public void Debug(string message)
            {
            }
        }
    }
}
