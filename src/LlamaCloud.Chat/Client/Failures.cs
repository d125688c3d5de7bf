using System;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// Builds the <see cref="LlamaCloudException"/> for each way an attempt fails. Everything the other side said
    /// passes through the <see cref="Redactor"/> first: a server or proxy may echo the request back.
    /// </summary>
    internal sealed class Failures
    {
        private readonly Redactor _redactor;

        internal Failures(Redactor redactor)
        {
            _redactor = redactor;
        }

        internal string? Redact(string? text) => _redactor.Redact(text);

        internal LlamaCloudApiException Status(int status, string? reason, string? rawDetail, string? rawText, string? requestId, string? sessionId)
        {
            var detail = Redact(rawDetail);
            var text = Redact(rawText);
            var explanation = detail ?? (string.IsNullOrWhiteSpace(text) ? reason : TextSummary.OneLine(text, 200));
            var message = $"{Subject(sessionId)}: {status} {reason}{(string.IsNullOrEmpty(explanation) || explanation == reason ? string.Empty : ": " + explanation)}";
            if (status == 401) message += " Check the API key (-ApiKey, Connect-LlamaCloud or LLAMA_CLOUD_API_KEY).";
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
                $"{Subject(sessionId)}: {(bytesReceived > 0 ? "the connection broke after " + bytesReceived.ToString(CultureInfo.InvariantCulture) + " bytes of the response" : "could not connect to " + host)}: {Redact(InnermostMessage(ex))}",
                ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, ex);

        internal static string Subject(string? sessionId) => sessionId == null ? "LlamaCloud request" : $"Session '{sessionId}'";

        internal static string? RequestId(HttpResponseMessage response) =>
            response.Headers.TryGetValues("x-request-id", out var v) ? string.Join(",", v) : null;

        internal static string InnermostMessage(Exception ex)
        {
            var e = ex;
            while (e.InnerException != null) e = e.InnerException;
            return e == ex ? ex.Message : ex.Message + " " + e.Message;
        }
    }
}
