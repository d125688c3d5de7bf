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
            var message = ErrorText.Sentence($"{Subject(sessionId)}: {status} {reason}{(string.IsNullOrEmpty(explanation) ? string.Empty : ": " + explanation)}");
            if (status == 401) message += $" The API key from {_options.KeySource} was rejected by {Endpoint()}; no further requests were sent.";
            else if (status == 403) message += $" The API key from {_options.KeySource} is not allowed this at {Endpoint()}{Scope()}.";
            if (requestId != null) message += $" (request id {requestId})";
            return new LlamaCloudApiException(message, status, detail ?? (string.IsNullOrWhiteSpace(text) ? null : text), requestId)
            {
                Recommendation = status == 401 ? RejectedKeyAdvice() : status == 403 ? ForbiddenAdvice() : null,
            };
        }

        /// <summary>The base URI, its region and where it came from: a key works only where it was made, so an EU
        /// key sent to North America (or a wrong LLAMA_CLOUD_BASE_URL) shows in the message itself.</summary>
        private string Endpoint()
        {
            var region = LlamaCloudOptions.RegionOf(_options.BaseUri);
            return $"{UriText.MaskUserInfo(_options.BaseUri.ToString())} ({(region != null ? "region " + region + ", " : string.Empty)}from {_options.BaseUriSource})";
        }

        private string Scope() =>
            _options.ProjectId != null || _options.OrganizationId != null
                ? " for " + string.Join(" in ", new[] { _options.ProjectId != null ? "project " + _options.ProjectId : null, _options.OrganizationId != null ? "organization " + _options.OrganizationId : null }.Where(p => p != null))
                : string.Empty;

        private string RegionAdvice()
        {
            switch (LlamaCloudOptions.RegionOf(_options.BaseUri))
            {
                case "NA": return $"The key was sent to the NA region; a key of an EU account works only with Connect-LlamaCloud -Region EU (or LLAMA_CLOUD_BASE_URL={LlamaCloudOptions.EuBaseUri}).";
                case "EU": return $"The key was sent to the EU region; a key of a North American account works only with Connect-LlamaCloud -Region NA (or LLAMA_CLOUD_BASE_URL={LlamaCloudOptions.DefaultBaseUri}).";
                default: return $"Check that {UriText.MaskUserInfo(_options.BaseUri.ToString())} is the LlamaCloud deployment the key belongs to.";
            }
        }

        private string RejectedKeyAdvice() =>
            RegionAdvice() + " Otherwise pass the right key with -ApiKey, run Connect-LlamaCloud again, or correct the LLAMA_CLOUD_API_KEY environment variable (Get-LlamaCloudConnection shows which key and base URI are used).";

        private string ForbiddenAdvice() =>
            "Check -ProjectId and -OrganizationId: the key may belong to another project or organization. " + RegionAdvice();

        internal LlamaCloudException Timeout(TimeSpan timeout, long bytesReceived, string? sessionId, Exception inner) =>
            new LlamaCloudException(
                $"{Subject(sessionId)}: no response within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({(bytesReceived > 0 ? "the body stalled after " + bytesReceived.ToString(CultureInfo.InvariantCulture) + " bytes" : "waiting for the server")}).",
                ErrorIds.Timeout, ErrorCategory.OperationTimeout, inner);

        internal LlamaCloudException InvalidBody(string? sessionId, InvalidSessionJsonException ex) =>
            new LlamaCloudException($"{Subject(sessionId)}: {Redact(ex.Message)}", ErrorIds.InvalidResponse, ErrorCategory.InvalidResult);

        internal LlamaCloudException Connection(long bytesReceived, Uri target, string? sessionId, Exception ex) =>
            new LlamaCloudException(
                ErrorText.Sentence($"{Subject(sessionId)}: {(bytesReceived > 0 ? "the connection broke after " + bytesReceived.ToString(CultureInfo.InvariantCulture) + " bytes of the response" : "could not connect to " + target.Host)}{ProxyErrors.Through(_options.Proxy, target)}: {Redact(ErrorText.Innermost(ex))}"),
                ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, ex);

        internal static string Subject(string? sessionId) => sessionId == null ? "LlamaCloud request" : $"Session '{sessionId}'";

        internal static string? RequestId(HttpResponseMessage response) =>
            response.Headers.TryGetValues("x-request-id", out var v) ? string.Join(",", v) : null;
    }
}
