using System.Collections.Generic;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat
{
    /// <summary>What one OTLP/HTTP export request delivered (Export-LlamaChatTrace -Endpoint -PassThru).</summary>
    public sealed class ChatTraceExportResult
    {
        internal ChatTraceExportResult(string endpoint, IReadOnlyList<string> sessionIds, int spanCount, int statusCode, int attempts, long rejectedSpans, string? message, ChatRedactionSummary[]? redaction = null)
        {
            Endpoint = endpoint;
            SessionIds = sessionIds;
            SpanCount = spanCount;
            StatusCode = statusCode;
            Attempts = attempts;
            RejectedSpans = rejectedSpans;
            Message = message;
            Redaction = redaction;
        }

        /// <summary>The URL the request went to (without credentials or query).</summary>
        public string Endpoint { get; }

        /// <summary>The sessions in the request, one trace each.</summary>
        public IReadOnlyList<string> SessionIds { get; }

        /// <summary>Spans sent.</summary>
        public int SpanCount { get; }

        /// <summary>The receiver's final HTTP status.</summary>
        public int StatusCode { get; }

        /// <summary>Attempts made (1 when the first one was accepted).</summary>
        public int Attempts { get; }

        /// <summary>Spans the receiver rejected in a partial-success response (0 when all were accepted).</summary>
        public long RejectedSpans { get; }

        /// <summary>The receiver's partial-success message, if any.</summary>
        public string? Message { get; }

        /// <summary>With -Redact: what redaction replaced in the traces of this request, one row per rule; otherwise null.</summary>
        public ChatRedactionSummary[]? Redaction { get; }

        /// <inheritdoc />
        public override string ToString() => $"{StatusCode}: {SpanCount} spans of {SessionIds.Count} sessions, {RejectedSpans} rejected";
    }
}
