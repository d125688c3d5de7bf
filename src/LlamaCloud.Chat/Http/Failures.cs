using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// Builds the <see cref="LlamaCloudException"/> for each way an attempt fails. Everything the other side said
    /// passes through the <see cref="Redactor"/> first: a server or proxy may echo the request back.
    /// </summary>
    internal sealed class Failures
    {
        private readonly Redactor _redactor;
        private readonly LlamaCloudOptions _options;

        /// <param name="redactor">Masks the key in what the other side says.</param>
        /// <param name="options">Where the requests go and where the key and base URI came from (a parameter,
        /// Connect-LlamaCloud, or an environment variable's name), for a 401's or 403's message; never the key.</param>
        internal Failures(Redactor redactor, LlamaCloudOptions options)
        {
            _redactor = redactor;
            _options = options;
        }

        internal string? Redact(string? text) => _redactor.Redact(text);

        internal LlamaCloudApiException Status(int status, string? reason, string? rawDetail, string? rawText, string? requestId, string? sessionId)
        {
            var detail = Redact(rawDetail);
            var text = Redact(rawText);
            var explanation = ErrorText.Explain(reason, detail, text);
            var message = Messages.StatusFailure(Subject(sessionId), status, reason, explanation);
            if (status == 401) message += Messages.KeyRejected(_options.KeySource, Endpoint());
            else if (status == 403) message += Messages.KeyForbidden(_options.KeySource, Endpoint(), Messages.Scope(_options.ProjectId, _options.OrganizationId));
            if (requestId != null) message += Messages.RequestIdSuffix(requestId);
            return new LlamaCloudApiException(message, status, detail ?? (string.IsNullOrWhiteSpace(text) ? null : text), requestId)
            {
                Recommendation = status == 401 ? RejectedKeyAdvice() : status == 403 ? ForbiddenAdvice() : null,
            };
        }

        /// <summary>The base URI, its region and where it came from: a key works only where it was made, so an EU
        /// key sent to North America (or a wrong LLAMA_CLOUD_BASE_URL) shows in the message itself.</summary>
        private string Endpoint()
        {
            return Messages.Endpoint(UriText.MaskUserInfo(_options.BaseUri.ToString()), LlamaCloudOptions.RegionOf(_options.BaseUri), _options.BaseUriSource);
        }

        private string RegionAdvice()
        {
            switch (LlamaCloudOptions.RegionOf(_options.BaseUri))
            {
                case "NA": return Messages.SentToNorthAmerica(LlamaCloudOptions.EuBaseUri);
                case "EU": return Messages.SentToEurope(LlamaCloudOptions.DefaultBaseUri);
                default: return Messages.CheckDeployment(UriText.MaskUserInfo(_options.BaseUri.ToString()));
            }
        }

        private string RejectedKeyAdvice() => Messages.RejectedKeyAdvice(RegionAdvice());

        private string ForbiddenAdvice() => Messages.ForbiddenAdvice(RegionAdvice());

        internal LlamaCloudException Timeout(TimeSpan timeout, long bytesReceived, string? sessionId, Exception inner) =>
            new LlamaCloudException(Messages.Timeout(Subject(sessionId), timeout, bytesReceived),
                ErrorIds.Timeout, ErrorCategory.OperationTimeout, inner);

        internal LlamaCloudException InvalidBody(string? sessionId, InvalidSessionJsonException ex) =>
            new LlamaCloudException(Messages.InvalidBody(Subject(sessionId), Redact(ex.Message)), ErrorIds.InvalidResponse, ErrorCategory.InvalidResult);

        internal LlamaCloudException Connection(long bytesReceived, Uri target, string? sessionId, Exception ex) =>
            new LlamaCloudException(
                Messages.ConnectionFailed(Subject(sessionId), bytesReceived, target.Host, ProxyErrors.Through(_options.Proxy, target), Redact(ErrorText.Innermost(ex))),
                ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, ex);

        internal static string Subject(string? sessionId) => Messages.Subject(sessionId);

        internal static string? RequestId(HttpResponseMessage response) =>
            response.Headers.TryGetValues("x-request-id", out var v) ? string.Join(",", v) : null;
    }
}
