using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Api
{
    /// <summary>
    /// The LlamaCloud API's rules for the shared request loop: the key as a Bearer token, the user agent and
    /// LLAMA_CLOUD_CUSTOM_HEADERS on every request; the official SDKs' retry policy (<see cref="RetryRules"/>,
    /// <see cref="RetryPolicy"/>), with 429s that say when to come back as pacing; failures as <see cref="Failures"/> words them.
    /// </summary>
    internal sealed class ChatRules : ApiRules
    {
        private readonly LlamaCloudOptions _options;
        private readonly string _secret;
        private readonly Failures _failures;

        internal ChatRules(LlamaCloudOptions options, string secret)
        {
            _options = options;
            _secret = secret;
            _failures = new Failures(new Redactor(secret), options);
        }

        internal override string Service => "LlamaCloud";

        internal override int MaximumRetryCount => _options.MaximumRetryCount;

        internal override void Prepare(HttpRequestMessage request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secret);
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            foreach (var h in _options.CustomHeaders) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
        }

        internal override async Task<LlamaCloudException> StatusFailureAsync(HttpResponseMessage response, RequestSpec spec, AttemptContext ctx)
        {
            var (rawDetail, rawText) = await ResponseText.ReadErrorAsync(response, ctx).ConfigureAwait(false);
            return _failures.Status((int)response.StatusCode, response.ReasonPhrase, rawDetail, rawText, Failures.RequestId(response), spec.SessionId);
        }

        internal override LlamaCloudException Timeout(RequestSpec spec, AttemptContext ctx, Exception inner) =>
            _failures.Timeout(_options.Timeout, ctx.BytesReceived, spec.SessionId, inner);

        internal override LlamaCloudException Connection(RequestSpec spec, AttemptContext ctx, Exception inner) =>
            _failures.Connection(ctx.BytesReceived, spec.Uri, spec.SessionId, inner);

        internal override LlamaCloudException InvalidBody(RequestSpec spec, InvalidSessionJsonException ex) => _failures.InvalidBody(spec.SessionId, ex);

        internal override string? Redact(string? text) => _failures.Redact(text);

        internal override bool MayRetry(RequestSpec spec, FailureKind kind, int status, HttpResponseHeaders? headers, DateTimeOffset now) =>
            RetryRules.MayRetry(spec.Idempotent, kind, status, headers, now);

        internal override TimeSpan Delay(int retry, HttpResponseHeaders? headers, DateTimeOffset now, double random01) =>
            RetryPolicy.GetDelay(retry, headers, now, random01);

        internal override bool IsPacing(int status, HttpResponseHeaders? headers, DateTimeOffset now) =>
            status == 429 && RetryPolicy.ServerDelay(headers, now) != null;

        // A 429 is about the project, not the request: every request of the command waits it out.
        internal override bool HoldsBackOthers(int status) => status == 429;

        internal override string? RequestId(HttpResponseMessage response) => Failures.RequestId(response);
    }
}
