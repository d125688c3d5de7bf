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
        private readonly ApiRules _rules;
        private readonly TimeSpan _timeout;
        private readonly ProxySettings _proxy;
        private readonly IClientLog _log;

        /// <param name="spec">The request.</param>
        /// <param name="rules">The API's rules: what the request carries and what its failures are.</param>
        /// <param name="timeout">Per attempt: until the response headers arrive, then the longest pause between body reads.</param>
        /// <param name="proxy">Which proxy (or none) the request goes through.</param>
        /// <param name="log">Where -Verbose and -Debug lines go.</param>
        internal RequestAttempt(RequestSpec spec, ApiRules rules, TimeSpan timeout, ProxySettings proxy, IClientLog log)
        {
            _spec = spec;
            _rules = rules;
            _timeout = timeout;
            _proxy = proxy;
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
            using var ctx = new AttemptContext(attempt, _timeout, cancellationToken);
            var watch = Stopwatch.StartNew();
            _log.Verbose(Messages.AttemptStarting(display, _spec.Note, attemptText));
            HttpResponseMessage? response = null;
            try
            {
                using var request = CreateRequest();
                response = await SharedHttp.For(_proxy).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                credential.Answered(status);
                _log.Debug(Messages.HeadersReceived(display, status, response.ReasonPhrase, watch.ElapsedMilliseconds, _rules.RequestId(response)));
                if (response.IsSuccessStatusCode)
                {
                    var result = await readBody(response, ctx).ConfigureAwait(false);
                    _log.Verbose(Messages.Succeeded(display, status, response.ReasonPhrase, ctx.BytesReceived, watch.ElapsedMilliseconds));
                    return AttemptOutcome<T>.Success(result);
                }
                if (status == 407)
                {
                    // The proxy, not LlamaCloud, refused: no retry can help, and the message names the proxy.
                    _log.Verbose(Messages.ProxyRefusedVerbose(display, watch.ElapsedMilliseconds));
                    return AttemptOutcome<T>.Failed(ProxyErrors.AuthenticationRequired(_proxy, _spec.Uri, 407, string.Join(", ", response.Headers.ProxyAuthenticate), null), FailureKind.Final);
                }
                var failure = await _rules.StatusFailureAsync(response, _spec, ctx).ConfigureAwait(false);
                var detail = (failure as LlamaCloudApiException)?.Detail;
                _log.Verbose(Messages.StatusVerbose(display, status, response.ReasonPhrase, watch.ElapsedMilliseconds, detail));
                return AttemptOutcome<T>.Failed(failure, FailureKind.Status, status, response.Headers);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex)
            {
                _log.Verbose(Messages.TimedOutVerbose(display, watch.ElapsedMilliseconds));
                return AttemptOutcome<T>.Failed(_rules.Timeout(_spec, ctx, ex), FailureKind.Timeout);
            }
            catch (InvalidSessionJsonException ex)
            {
                // The server answered, but not with what was asked for: retrying the same request gives the same body.
                var failure = _rules.InvalidBody(_spec, ex);
                _log.Verbose(Messages.InvalidBodyVerbose(display, watch.ElapsedMilliseconds, _rules.Redact(ex.Message)));
                return AttemptOutcome<T>.Failed(failure, FailureKind.Final);
            }
            catch (LlamaCloudException ex)
            {
                // The reader judged the body itself (a chat turn cut off after it started): final, as it says.
                _log.Verbose(Messages.FinalVerbose(display, ex.ErrorId, watch.ElapsedMilliseconds));
                return AttemptOutcome<T>.Failed(ex, FailureKind.Final);
            }
            catch (HttpRequestException ex) when (ProxyErrors.AuthenticationFailureStatus(ex) is int proxyStatus)
            {
                _log.Verbose(Messages.TunnelRefusedVerbose(display, proxyStatus, watch.ElapsedMilliseconds));
                return AttemptOutcome<T>.Failed(ProxyErrors.AuthenticationRequired(_proxy, _spec.Uri, proxyStatus, null, ex), FailureKind.Final);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException)
            {
                _log.Verbose(Messages.ConnectionFailedVerbose(display, watch.ElapsedMilliseconds, _rules.Redact(ErrorText.Innermost(ex))));
                return AttemptOutcome<T>.Failed(_rules.Connection(_spec, ctx, ex), FailureKind.Transport);
            }
            finally
            {
                response?.Dispose();
            }
        }

        private HttpRequestMessage CreateRequest()
        {
            var request = new HttpRequestMessage(_spec.Method, _spec.Uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(_spec.Accept));
            if (_spec.Body != null)
            {
                request.Content = new ByteArrayContent(_spec.Body);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(_spec.ContentType);
                if (_spec.ContentEncoding != null) request.Content.Headers.ContentEncoding.Add(_spec.ContentEncoding);
            }
            _rules.Prepare(request);
            return request;
        }
    }
}
