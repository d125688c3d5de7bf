using System;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// Builds the <see cref="LlamaCloudException"/> for each way an attempt fails. Everything the other side said
    /// passes through the <see cref="Redactor"/> first: a server or proxy may echo the request back.
    /// </summary>
    internal sealed class Failures
    {
        private readonly Redactor _redactor;
        private readonly string _keySource;

        /// <param name="redactor">Masks the key in what the other side says.</param>
        /// <param name="keySource">Where the key came from (a parameter, Connect-LlamaCloud, or an environment
        /// variable's name), for a 401's message; never the key.</param>
        internal Failures(Redactor redactor, string keySource)
        {
            _redactor = redactor;
            _keySource = keySource;
        }

        internal string? Redact(string? text) => _redactor.Redact(text);

        internal LlamaCloudApiException Status(int status, string? reason, string? rawDetail, string? rawText, string? requestId, string? sessionId)
        {
            var detail = Redact(rawDetail);
            var text = Redact(rawText);
            var explanation = ErrorText.Explain(reason, detail, text);
            var message = ErrorText.Sentence($"{Subject(sessionId)}: {status} {reason}{(string.IsNullOrEmpty(explanation) ? string.Empty : ": " + explanation)}");
            if (status == 401) message += $" The API key from {_keySource} was rejected; no further requests were sent.";
            if (requestId != null) message += $" (request id {requestId})";
            return new LlamaCloudApiException(message, status, detail ?? (string.IsNullOrWhiteSpace(text) ? null : text), requestId);
        }

        internal LlamaCloudException Timeout(TimeSpan timeout, long bytesReceived, string? sessionId, Exception inner) =>
            new LlamaCloudException(
                $"{Subject(sessionId)}: no response within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({(bytesReceived > 0 ? "the body stalled after " + bytesReceived.ToString(CultureInfo.InvariantCulture) + " bytes" : "waiting for the server")}).",
                ErrorIds.Timeout, ErrorCategory.OperationTimeout, inner);

        internal LlamaCloudException InvalidBody(string? sessionId, InvalidSessionJsonException ex) =>
            new LlamaCloudException($"{Subject(sessionId)}: {Redact(ex.Message)}", ErrorIds.InvalidResponse, ErrorCategory.InvalidResult);

        internal LlamaCloudException Connection(long bytesReceived, string host, string? sessionId, Exception ex) =>
            new LlamaCloudException(
                ErrorText.Sentence($"{Subject(sessionId)}: {(bytesReceived > 0 ? "the connection broke after " + bytesReceived.ToString(CultureInfo.InvariantCulture) + " bytes of the response" : "could not connect to " + host)}: {Redact(ErrorText.Innermost(ex))}"),
                ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, ex);

        internal static string Subject(string? sessionId) => sessionId == null ? "LlamaCloud request" : $"Session '{sessionId}'";

        internal static string? RequestId(HttpResponseMessage response) =>
            response.Headers.TryGetValues("x-request-id", out var v) ? string.Join(",", v) : null;
    }
}
