using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// One attempt of one request: send it, map the status, hand a successful body to the reader, and report the
    /// outcome. It never retries and never waits: that is <see cref="RetryLoop"/>'s job.
    /// </summary>
    internal sealed class RequestAttempt
    {
        private readonly RequestSpec _spec;
        private readonly LlamaCloudOptions _options;
        private readonly string _secret;
        private readonly Failures _failures;
        private readonly IClientLog _log;

        internal RequestAttempt(RequestSpec spec, LlamaCloudOptions options, string secret, Failures failures, IClientLog log)
        {
            _spec = spec;
            _options = options;
            _secret = secret;
            _failures = failures;
            _log = log;
        }

        /// <summary>
        /// Runs attempt number <paramref name="attempt"/>. The reader runs inside the attempt, so a connection that
        /// breaks while the body downloads is a failed attempt like one that fails at once. Only the user's
        /// cancellation escapes as an exception.
        /// </summary>
        internal async Task<AttemptOutcome<T>> RunAsync<T>(int attempt, string attemptText, CredentialCheck.Ticket credential,
            Func<HttpResponseMessage, AttemptContext, Task<T>> readBody, CancellationToken cancellationToken)
        {
            var display = _spec.Display;
            using var ctx = new AttemptContext(attempt, _options.Timeout, cancellationToken);
            var watch = Stopwatch.StartNew();
            _log.Verbose($"{display} ({attemptText})");
            HttpResponseMessage? response = null;
            try
            {
                using var request = CreateRequest();
                response = await SharedHttp.For(_options.Proxy).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                credential.Answered(status);
                _log.Debug($"{display}: {status} {response.ReasonPhrase}, headers after {watch.ElapsedMilliseconds} ms, request id {Failures.RequestId(response) ?? "-"}");
                if (response.IsSuccessStatusCode)
                {
                    var result = await readBody(response, ctx).ConfigureAwait(false);
                    _log.Verbose($"{display}: {status} {response.ReasonPhrase}, {ctx.BytesReceived.ToString("N0", CultureInfo.InvariantCulture)} bytes in {watch.ElapsedMilliseconds} ms");
                    return AttemptOutcome<T>.Success(result);
                }
                if (status == 407)
                {
                    // The proxy, not LlamaCloud, refused: no retry can help, and the message names the proxy.
                    _log.Verbose($"{display}: 407 from the proxy after {watch.ElapsedMilliseconds} ms");
                    return AttemptOutcome<T>.Failed(ProxyErrors.AuthenticationRequired(_options, _spec.Uri, 407, string.Join(", ", response.Headers.ProxyAuthenticate), null), FailureKind.Final);
                }
                var (rawDetail, rawText) = await ResponseText.ReadErrorAsync(response, ctx).ConfigureAwait(false);
                var failure = _failures.Status(status, response.ReasonPhrase, rawDetail, rawText, Failures.RequestId(response), _spec.SessionId);
                _log.Verbose($"{display}: {status} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms{(failure.Detail != null ? ": " + TextSummary.OneLine(failure.Detail, 200) : string.Empty)}");
                return AttemptOutcome<T>.Failed(failure, FailureKind.Status, status, response.Headers);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex)
            {
                _log.Verbose($"{display}: timed out after {watch.ElapsedMilliseconds} ms");
                return AttemptOutcome<T>.Failed(_failures.Timeout(_options.Timeout, ctx.BytesReceived, _spec.SessionId, ex), FailureKind.Timeout);
            }
            catch (InvalidSessionJsonException ex)
            {
                // The server answered, but not with what was asked for: retrying the same request gives the same body.
                var failure = _failures.InvalidBody(_spec.SessionId, ex);
                _log.Verbose($"{display}: invalid response after {watch.ElapsedMilliseconds} ms: {_failures.Redact(ex.Message)}");
                return AttemptOutcome<T>.Failed(failure, FailureKind.Final);
            }
            catch (LlamaCloudException ex)
            {
                // The reader judged the body itself (a chat turn cut off after it started): final, as it says.
                _log.Verbose($"{display}: {ex.ErrorId} after {watch.ElapsedMilliseconds} ms");
                return AttemptOutcome<T>.Failed(ex, FailureKind.Final);
            }
            catch (HttpRequestException ex) when (ProxyErrors.AuthenticationFailureStatus(ex) is int proxyStatus)
            {
                _log.Verbose($"{display}: the proxy refused the tunnel ({proxyStatus}) after {watch.ElapsedMilliseconds} ms");
                return AttemptOutcome<T>.Failed(ProxyErrors.AuthenticationRequired(_options, _spec.Uri, proxyStatus, null, ex), FailureKind.Final);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException)
            {
                _log.Verbose($"{display}: connection failed after {watch.ElapsedMilliseconds} ms: {_failures.Redact(ErrorText.Innermost(ex))}");
                return AttemptOutcome<T>.Failed(_failures.Connection(ctx.BytesReceived, _spec.Uri.Host, _spec.SessionId, ex), FailureKind.Transport);
            }
            finally
            {
                response?.Dispose();
            }
        }

        private HttpRequestMessage CreateRequest()
        {
            var request = new HttpRequestMessage(_spec.Method, _spec.Uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secret);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(_spec.Accept));
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            foreach (var h in _options.CustomHeaders) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            if (_spec.JsonBody != null)
            {
                request.Content = new ByteArrayContent(_spec.JsonBody);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }
            return request;
        }
    }
}
