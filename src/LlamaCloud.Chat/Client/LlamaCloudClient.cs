using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// The request lifecycle for one command: auth, query parameters, retries with the SDKs' policy, per-attempt
    /// timeouts, a shared rate gate, and the mapping of every failure to a <see cref="LlamaCloudException"/>.
    /// Endpoint methods live in ChatApi.
    /// </summary>
    internal sealed class LlamaCloudClient
    {
        private static readonly Random Jitter = new Random();
        private readonly LlamaCloudOptions _options;
        private readonly IClientLog _log;
        private readonly RateGate _gate = new RateGate();
        private readonly string _secret; // revealed once, checked once; also what Redact masks
        private static readonly System.Text.RegularExpressions.Regex BearerToken =
            new System.Text.RegularExpressions.Regex(@"(?i)bearer\s+[^\s""',;]+", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        internal LlamaCloudClient(LlamaCloudOptions options, IClientLog log)
        {
            _options = options;
            _log = log;
            _secret = options.ApiKey.Reveal();
            // Such a key cannot go into a header; say so once, without the key, instead of failing every request.
            ApiKeyFormat.Check(_secret, options.KeySource);
            if (!options.MaySendKey)
            {
                throw new LlamaCloudException(
                    $"Refusing to send the API key over unencrypted http to '{options.BaseUri.Host}'. Use an https -BaseUri, or pass -AllowUnencryptedAuthentication if you accept the risk.",
                    ErrorIds.UnencryptedAuthentication, ErrorCategory.SecurityError);
            }
        }

        internal LlamaCloudOptions Options => _options;

        /// <summary>Whether this client's key was accepted or rejected (401); after a rejection nothing more is sent.</summary>
        internal CredentialCheck Credentials { get; } = new CredentialCheck();

        /// <summary>Long downloads and waits of this client's requests, for the cmdlet's progress records.</summary>
        internal ActivityMonitor Activity
        {
            get => _gate.Monitor;
            set => _gate.Monitor = value; // requests held back by another's 429 show their wait too
        }

        internal Uri BuildUri(string relativePath, IEnumerable<KeyValuePair<string, string?>>? query = null)
        {
            var all = new List<KeyValuePair<string, string?>>();
            if (query != null) all.AddRange(query);
            all.Add(new KeyValuePair<string, string?>("organization_id", _options.OrganizationId));
            all.Add(new KeyValuePair<string, string?>("project_id", _options.ProjectId));
            return ChatApiPaths.Build(_options.BaseUri, relativePath, all);
        }

        /// <summary>
        /// Sends GET <paramref name="uri"/> and hands a successful response to <paramref name="readBody"/> within the
        /// same attempt, so a connection that breaks while the body downloads is retried like one that fails at once.
        /// </summary>
        internal async Task<T> ExecuteAsync<T>(HttpMethod method, Uri uri, string? sessionId,
            Func<HttpResponseMessage, AttemptContext, Task<T>> readBody, CancellationToken cancellationToken)
        {
            var display = method.Method + " " + uri.GetLeftPart(UriPartial.Authority) + uri.PathAndQuery;
            var budget = new RetryBudget(_options.MaximumRetryCount);
            for (var attempt = 1; ; attempt++)
            {
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                using var credential = await Credentials.EnterAsync(sessionId, cancellationToken).ConfigureAwait(false);
                using var ctx = new AttemptContext(attempt, _options.Timeout, cancellationToken);
                var watch = Stopwatch.StartNew();
                _log.Verbose($"{display} ({budget.DescribeAttempt()})");
                LlamaCloudException failure;
                HttpResponseHeaders? headers = null;
                var retryable = true;
                HttpResponseMessage? response = null;
                try
                {
                    using var request = CreateRequest(method, uri);
                    response = await SharedHttp.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.Token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    credential.Answered(status);
                    _log.Debug($"{display}: {status} {response.ReasonPhrase}, headers after {watch.ElapsedMilliseconds} ms, request id {RequestId(response) ?? "-"}");
                    if (response.IsSuccessStatusCode)
                    {
                        var result = await readBody(response, ctx).ConfigureAwait(false);
                        _log.Verbose($"{display}: {status} {response.ReasonPhrase}, {ctx.BytesReceived.ToString("N0", CultureInfo.InvariantCulture)} bytes in {watch.ElapsedMilliseconds} ms");
                        return result;
                    }
                    headers = response.Headers;
                    var (rawDetail, rawText) = await ResponseBody.ReadErrorAsync(response, ctx).ConfigureAwait(false);
                    // A server or proxy may echo the request back: nothing it says reaches a message unredacted.
                    var detail = Redact(rawDetail);
                    var text = Redact(rawText);
                    failure = ApiError(status, response.ReasonPhrase, detail, text, RequestId(response), sessionId, _options.KeySource);
                    if (status == 401) Credentials.Reject((LlamaCloudApiException)failure);
                    retryable = status != 401 && RetryPolicy.ShouldRetry(status, headers);
                    _log.Verbose($"{display}: {status} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms{(detail != null ? ": " + TextSummary.OneLine(detail, 200) : string.Empty)}");
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    failure = new LlamaCloudException(
                        $"{Subject(sessionId)}: no response within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({(ctx.BytesReceived > 0 ? "the body stalled after " + ctx.BytesReceived.ToString(CultureInfo.InvariantCulture) + " bytes" : "waiting for the server")}).",
                        ErrorIds.Timeout, ErrorCategory.OperationTimeout, ex);
                    _log.Verbose($"{display}: timed out after {watch.ElapsedMilliseconds} ms");
                }
                catch (InvalidSessionJsonException ex)
                {
                    // The server answered, but not with a session: retrying the same request gives the same body.
                    failure = new LlamaCloudException($"{Subject(sessionId)}: {Redact(ex.Message)}", ErrorIds.InvalidResponse, ErrorCategory.InvalidResult);
                    retryable = false;
                    _log.Verbose($"{display}: invalid response after {watch.ElapsedMilliseconds} ms: {Redact(ex.Message)}");
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException)
                {
                    failure = new LlamaCloudException(
                        ErrorText.Sentence($"{Subject(sessionId)}: {(ctx.BytesReceived > 0 ? "the connection broke after " + ctx.BytesReceived.ToString(CultureInfo.InvariantCulture) + " bytes of the response" : "could not connect to " + uri.Host)}: {Redact(ErrorText.Innermost(ex))}"),
                        ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, ex);
                    _log.Verbose($"{display}: connection failed after {watch.ElapsedMilliseconds} ms: {Redact(ErrorText.Innermost(ex))}");
                }
                finally
                {
                    response?.Dispose();
                }

                failure.SessionId = sessionId;
                failure.RequestUri = display;
                // A 429 that says when to come back draws on the rate-limit budget (see RetryBudget).
                var paced = failure is LlamaCloudApiException { StatusCode: 429 } && RetryPolicy.ServerDelay(headers, DateTimeOffset.UtcNow) != null;
                if (!retryable || !budget.TryTake(paced, out var retry)) throw failure;
                var delay = RetryPolicy.GetDelay(retry, headers, DateTimeOffset.UtcNow, NextRandom());
                if (failure is LlamaCloudApiException { StatusCode: 429 }) _gate.Defer(delay);
                _log.Verbose($"Retrying {display} in {delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s ({budget.Describe(paced)}): {failure.Message}");
                using (Activity.Wait(display, delay)) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri)
        {
            var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secret);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            foreach (var h in _options.CustomHeaders) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            return request;
        }

        private static LlamaCloudApiException ApiError(int status, string? reason, string? detail, string? text, string? requestId, string? sessionId, string keySource)
        {
            var explanation = ErrorText.Explain(reason, detail, text);
            var message = ErrorText.Sentence($"{Subject(sessionId)}: {status} {reason}{(string.IsNullOrEmpty(explanation) ? string.Empty : ": " + explanation)}");
            if (status == 401) message += $" The API key from {keySource} was rejected; no further requests were sent.";
            if (requestId != null) message += $" (request id {requestId})";
            return new LlamaCloudApiException(message, status, detail ?? (string.IsNullOrWhiteSpace(text) ? null : text), requestId);
        }

        /// <summary>Masks the key, and any bearer token, in text that came from the other side.</summary>
        internal string? Redact(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var masked = _secret.Length == 0 ? text! : text!.Replace(_secret, "********");
            return BearerToken.Replace(masked, "Bearer ********");
        }

        private static string Subject(string? sessionId) => sessionId == null ? "LlamaCloud request" : $"Session '{sessionId}'";

        private static string? RequestId(HttpResponseMessage response) =>
            response.Headers.TryGetValues("x-request-id", out var v) ? string.Join(",", v) : null;

        private static double NextRandom()
        {
            lock (Jitter) return Jitter.NextDouble();
        }
    }
}
