using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// Sends OTLP/JSON export requests to one receiver through the module's shared HttpClient for the command's proxy
    /// settings, retrying as <see cref="OtlpRetryPolicy"/> says; each wait is shown as the command's progress when over a second.
    /// A proxy that refuses us (407, or a refused CONNECT) is LlamaCloud.ProxyAuthenticationRequired, never retried. Each attempt has its own -TimeoutSec timer; Ctrl+C cancels at once.
    /// Header values never reach a message: only their names are logged, and the receiver's text is redacted.
    /// </summary>
    internal sealed class OtlpExporter
    {
        /// <summary>The specification's recommended limit for reading a response.</summary>
        internal const int MaxResponseBytes = 4 * 1024 * 1024;
        private static readonly Random Jitter = new Random();
        private readonly Uri _endpoint;
        private readonly OtlpHeaders _headers;
        private readonly TimeSpan _timeout;
        private readonly int _maxRetries;
        private readonly string _userAgent;
        private readonly IClientLog _log;
        private readonly ProxySettings _proxy;
        private readonly ActivityMonitor _activity;
        private readonly bool _gzip;

        internal OtlpExporter(Uri endpoint, OtlpHeaders headers, TimeSpan timeout, int maxRetries, string userAgent, IClientLog log,
            ProxySettings proxy, ActivityMonitor activity, bool gzip = false)
        {
            _gzip = gzip;
            _proxy = proxy;
            _activity = activity;
            _endpoint = endpoint;
            _headers = headers;
            _timeout = timeout;
            _maxRetries = maxRetries;
            _userAgent = userAgent;
            _log = log;
        }

        internal string Display => OtlpEndpoint.Display(_endpoint);

        /// <summary>Header names and where each came from (never values), for an error about rejected credentials.</summary>
        internal string HeaderSources => _headers.DescribeSources();

        internal async Task<OtlpSendResult> SendAsync(byte[] json, CancellationToken cancellationToken)
        {
            // Compressed once: a retry resends the same bytes.
            var body = _gzip ? OtlpCompression.Compress(json) : json;
            var size = body.Length.ToString("N0", CultureInfo.InvariantCulture) + " bytes"
                + (_gzip ? " gzip of " + json.Length.ToString("N0", CultureInfo.InvariantCulture) : string.Empty);
            for (var attempt = 1; ; attempt++)
            {
                using var ctx = new AttemptContext(attempt, _timeout, cancellationToken);
                var watch = Stopwatch.StartNew();
                _log.Verbose($"POST {Display} ({size}, attempt {attempt} of {_maxRetries + 1}{(_headers.Count > 0 ? ", headers " + string.Join(", ", _headers.Names) : string.Empty)})");
                OtlpExportException failure;
                string? retryAfter = null;
                var retryable = true;
                try
                {
                    using var request = CreateRequest(body);
                    using var response = await SharedHttp.For(_proxy).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.Token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    if (status == 407)
                    {
                        // Plain http through a proxy: its refusal is a response. No request can get through: not retried.
                        _log.Verbose($"POST {Display}: 407 from the proxy after {watch.ElapsedMilliseconds} ms");
                        throw ProxyErrors.AuthenticationRequired(_proxy, _endpoint, 407, string.Join(", ", response.Headers.ProxyAuthenticate), null);
                    }
                    var (answer, complete) = await ReadLimitedAsync(response, ctx).ConfigureAwait(false);
                    _log.Verbose($"POST {Display}: {status} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms");
                    if (response.IsSuccessStatusCode)
                    {
                        var (rejected, message) = complete ? OtlpResponse.PartialSuccess(answer) : (0L, null);
                        return new OtlpSendResult(status, attempt, rejected, _headers.Redact(message));
                    }
                    if (response.Headers.TryGetValues("Retry-After", out var values)) foreach (var v in values) { retryAfter = v; break; }
                    var detail = _headers.Redact(OtlpResponse.StatusMessage(answer) ?? TextSummary.OneLine(System.Text.Encoding.UTF8.GetString(answer), 200));
                    retryable = OtlpRetryPolicy.IsRetryableStatus(status);
                    failure = new OtlpExportException(
                        $"The OTLP receiver at {Display} answered {status} {response.ReasonPhrase}{(string.IsNullOrWhiteSpace(detail) ? string.Empty : ": " + detail)}",
                        status, attempt, CategoryFor(status));
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    failure = new OtlpExportException($"The OTLP receiver at {Display} did not answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.",
                        0, attempt, ErrorCategory.OperationTimeout, ex);
                }
                catch (HttpRequestException ex) when (ProxyErrors.AuthenticationFailureStatus(ex) is int proxyStatus)
                {
                    // https through a proxy: the refused CONNECT.
                    throw ProxyErrors.AuthenticationRequired(_proxy, _endpoint, proxyStatus, null, ex);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException)
                {
                    failure = new OtlpExportException($"Could not send to the OTLP receiver at {Display}: {_headers.Redact(Innermost(ex))}",
                        0, attempt, ErrorCategory.ConnectionError, ex);
                }
                if (!retryable || attempt > _maxRetries) throw failure;
                var delay = OtlpRetryPolicy.GetDelay(attempt, retryAfter, DateTimeOffset.UtcNow, NextRandom());
                _log.Verbose($"Retrying POST {Display} in {delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (retry {attempt} of {_maxRetries}): {failure.Message}");
                using (_activity.Wait(Display, delay, "the OTLP receiver")) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private HttpRequestMessage CreateRequest(byte[] body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (_gzip) request.Content.Headers.ContentEncoding.Add(OtlpCompression.Gzip);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            foreach (var h in _headers.All) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            return request;
        }

        /// <summary>The body up to <see cref="MaxResponseBytes"/>; complete is false when it was longer (then it is not parsed).</summary>
        private static async Task<(byte[] Body, bool Complete)> ReadLimitedAsync(HttpResponseMessage response, AttemptContext ctx)
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

        private static string Innermost(Exception ex)
        {
            var e = ex;
            while (e.InnerException != null) e = e.InnerException;
            return e == ex ? ex.Message : ex.Message + " " + e.Message;
        }

        private static double NextRandom()
        {
            lock (Jitter) return Jitter.NextDouble();
        }
    }
}
