using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// An OTLP/HTTP receiver's rules for the shared request loop: the configured headers and user agent; the OTLP
    /// specification's retries (<see cref="OtlpRetryPolicy"/>: 429, 502, 503, 504, dropped connections and timeouts);
    /// failures as <see cref="OtlpExportException"/>s whose receiver text is masked for every header value.
    /// </summary>
    internal sealed class OtlpRules : ApiRules
    {
        /// <summary>The specification's recommended limit for reading a response.</summary>
        internal const int MaxResponseBytes = 4 * 1024 * 1024;

        private readonly Uri _endpoint;
        private readonly OtlpHeaders _headers;
        private readonly string _userAgent;
        private readonly int _maxRetries;
        private readonly TimeSpan _timeout;
        private readonly ProxySettings _proxy;

        /// <param name="endpoint">The receiver's traces URI.</param>
        /// <param name="headers">Headers sent with every export (OTEL_EXPORTER_OTLP_HEADERS and -Header).</param>
        /// <param name="userAgent">The User-Agent header.</param>
        /// <param name="maxRetries">Retries after the first attempt.</param>
        /// <param name="timeout">How long one attempt may take.</param>
        /// <param name="proxy">How the receiver is reached, for the words of a failure to connect (none: directly).</param>
        internal OtlpRules(Uri endpoint, OtlpHeaders headers, string userAgent, int maxRetries, TimeSpan timeout, ProxySettings? proxy = null)
        {
            _proxy = proxy ?? ProxySettings.None;
            _endpoint = endpoint;
            _headers = headers;
            _userAgent = userAgent;
            _maxRetries = maxRetries;
            _timeout = timeout;
        }

        internal string Display => OtlpEndpoint.Display(_endpoint);

        internal override string Service => Messages.Receiver();

        internal override int MaximumRetryCount => _maxRetries;

        // The receiver's address alone: every request to it is the same POST.
        internal override string WaitTitle(RequestSpec spec) => Display;

        internal override void Prepare(HttpRequestMessage request)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            foreach (var h in _headers.All) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
        }

        internal override async Task<LlamaCloudException> StatusFailureAsync(HttpResponseMessage response, RequestSpec spec, AttemptContext ctx)
        {
            var status = (int)response.StatusCode;
            var (answer, _) = await ReadLimitedAsync(response, ctx).ConfigureAwait(false);
            var detail = _headers.Redact(OtlpResponse.StatusMessage(answer) ?? TextSummary.OneLine(System.Text.Encoding.UTF8.GetString(answer), 200));
            return new OtlpExportException(
                Messages.ReceiverStatus(Display, status, response.ReasonPhrase, detail),
                status, ctx.Attempt, CategoryFor(status));
        }

        internal override LlamaCloudException Timeout(RequestSpec spec, AttemptContext ctx, Exception inner) =>
            new OtlpExportException(Messages.ReceiverTimedOut(Display, _timeout),
                0, ctx.Attempt, ErrorCategory.OperationTimeout, inner);

        internal override LlamaCloudException Connection(RequestSpec spec, AttemptContext ctx, Exception inner) =>
            new OtlpExportException(Messages.ReceiverUnreachable(Display, ProxyErrors.Through(_proxy, _endpoint), _headers.Redact(ErrorText.Innermost(inner))),
                0, ctx.Attempt, ErrorCategory.ConnectionError, inner);

        internal override LlamaCloudException InvalidBody(RequestSpec spec, InvalidSessionJsonException ex) =>
            new OtlpExportException(Messages.ReceiverAnswerUnreadable(Display, _headers.Redact(ex.Message)),
                0, 1, ErrorCategory.InvalidResult, ex);

        internal override string? Redact(string? text) => _headers.Redact(text);

        internal override bool MayRetry(RequestSpec spec, FailureKind kind, int status, HttpResponseHeaders? headers, DateTimeOffset now) => kind switch
        {
            FailureKind.Status => OtlpRetryPolicy.IsRetryableStatus(status),
            FailureKind.Transport or FailureKind.Timeout => true,
            _ => false,
        };

        internal override TimeSpan Delay(int retry, HttpResponseHeaders? headers, DateTimeOffset now, double random01)
        {
            string? retryAfter = null;
            if (headers != null && headers.TryGetValues("Retry-After", out var values)) foreach (var v in values) { retryAfter = v; break; }
            return OtlpRetryPolicy.GetDelay(retry, retryAfter, now, random01);
        }

        /// <summary>The body up to <see cref="MaxResponseBytes"/>; complete is false when it was longer (then it is not parsed).</summary>
        internal static async Task<(byte[] Body, bool Complete)> ReadLimitedAsync(HttpResponseMessage response, AttemptContext ctx)
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var reg = ctx.Token.Register(response.Dispose);
            using var copy = new MemoryStream();
            var buffer = new byte[16 * 1024];
            while (true)
            {
                ctx.Touch();
                var n = await stream.ReadAsync(buffer, 0, buffer.Length, ctx.Token).ConfigureAwait(false);
                ctx.Token.ThrowIfCancellationRequested();
                ctx.BytesReceived += n;
                if (n == 0) return (copy.ToArray(), true);
                if (copy.Length + n > MaxResponseBytes) return (copy.ToArray(), false);
                copy.Write(buffer, 0, n);
            }
        }

        private static ErrorCategory CategoryFor(int status) => status switch
        {
            400 => ErrorCategory.InvalidData,
            401 => ErrorCategory.AuthenticationError,
            403 => ErrorCategory.PermissionDenied,
            404 => ErrorCategory.ObjectNotFound,
            413 => ErrorCategory.LimitsExceeded,
            429 => ErrorCategory.LimitsExceeded,
            >= 500 => ErrorCategory.ResourceUnavailable,
            _ => ErrorCategory.InvalidOperation,
        };
    }
}
