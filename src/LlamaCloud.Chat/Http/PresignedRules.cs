using System;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// A storage host's rules for the shared request loop, for presigned URLs: nothing but the user agent goes with the
    /// request (no key, no configured header); connection failures, timeouts, 408, 429 and 5xx are retried with
    /// backoff; failures are <see cref="AttachmentDownloadException"/>s that name the URL without its query.
    /// </summary>
    internal sealed class PresignedRules : ApiRules
    {
        private readonly RequestSettings _settings;

        internal PresignedRules(RequestSettings settings)
        {
            _settings = settings;
        }

        internal override string Service => "the storage host";

        internal override int MaximumRetryCount => _settings.MaximumRetryCount;

        // Deliberately nothing but this: no Authorization, no LLAMA_CLOUD_CUSTOM_HEADERS.
        internal override void Prepare(HttpRequestMessage request) =>
            request.Headers.TryAddWithoutValidation("User-Agent", _settings.UserAgent);

        internal override async Task<LlamaCloudException> StatusFailureAsync(HttpResponseMessage response, RequestSpec spec, AttemptContext ctx)
        {
            var status = (int)response.StatusCode;
            var words = PresignedDownload.StorageMessage(await PresignedDownload.SafeText(response).ConfigureAwait(false));
            return new AttachmentDownloadException(
                Messages.ImageStatus(Shown(response.RequestMessage?.RequestUri ?? spec.Uri), status, response.ReasonPhrase, words),
                status, status == 403 ? ErrorCategory.PermissionDenied : status == 404 ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError);
        }

        internal override LlamaCloudException Timeout(RequestSpec spec, AttemptContext ctx, Exception inner) =>
            new AttachmentDownloadException(Messages.ImageTimedOut(Shown(spec.Uri), _settings.Timeout), null, ErrorCategory.OperationTimeout, inner);

        internal override LlamaCloudException Connection(RequestSpec spec, AttemptContext ctx, Exception inner) =>
            new AttachmentDownloadException(
                inner is PresignedDownload.ShortBodyException ? inner.Message
                    : ctx.BytesReceived > 0 ? Messages.DownloadBroke(Shown(spec.Uri), ctx.BytesReceived, ErrorText.Innermost(inner))
                    : Messages.ImageUnreachable(Shown(spec.Uri), ErrorText.Innermost(inner)),
                null, ErrorCategory.ConnectionError, inner);

        internal override LlamaCloudException InvalidBody(RequestSpec spec, InvalidSessionJsonException ex) =>
            new AttachmentDownloadException(ex.Message, null, ErrorCategory.InvalidResult, ex);

        // The URL is the credential: nothing of it beyond its path is ever shown, so there is nothing else to mask.
        internal override string? Redact(string? text) => text;

        internal override bool MayRetry(RequestSpec spec, FailureKind kind, int status, HttpResponseHeaders? headers, DateTimeOffset now) => kind switch
        {
            FailureKind.Status => status == 408 || status == 429 || status >= 500,
            FailureKind.Transport or FailureKind.Timeout => true,
            _ => false,
        };

        internal override TimeSpan Delay(int retry, HttpResponseHeaders? headers, DateTimeOffset now, double random01) =>
            RetryPolicy.GetDelay(retry, headers, now, random01);

        internal override string WaitTitle(RequestSpec spec) => Shown(spec.Uri);

        private static string Shown(Uri url) => PresignedDownload.Show(url);
    }
}
