using System;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// One session as an OpenTelemetry trace: <see cref="Json"/> is an OTLP/JSON <c>TracesData</c> document with one
    /// <c>invoke_agent</c> span per turn and one <c>execute_tool</c> child span per tool call.
    /// </summary>
    public sealed class ChatTrace
    {
        private readonly byte[] _resourceSpans;
        private readonly Func<byte[], string> _document;
        private string? _json;

        // document: makes the TracesData document's text from its one ResourceSpans object, on first use of Json.
        internal ChatTrace(string sessionId, string traceId, int turnCount, int toolCallCount, DateTime startTime, DateTime endTime, byte[] resourceSpans,
            Func<byte[], string> document)
        {
            _document = document;
            SessionId = sessionId;
            TraceId = traceId;
            TurnCount = turnCount;
            ToolCallCount = toolCallCount;
            StartTime = startTime;
            EndTime = endTime;
            _resourceSpans = resourceSpans;
        }

        /// <summary>The session the trace was made from (also its gen_ai.conversation.id).</summary>
        public string SessionId { get; }

        /// <summary>The trace id (32 hex digits), derived from the session id: the same on every export.</summary>
        public string TraceId { get; }

        /// <summary>The number of turns, one invoke_agent span each.</summary>
        public int TurnCount { get; }

        /// <summary>The number of tool calls, one execute_tool span each.</summary>
        public int ToolCallCount { get; }

        /// <summary>All spans of the trace.</summary>
        public int SpanCount => TurnCount + ToolCallCount;

        /// <summary>When the first span starts (UTC; reconstructed, see the README).</summary>
        public DateTime StartTime { get; }

        /// <summary>When the last span ends (UTC): the session's last_updated_at.</summary>
        public DateTime EndTime { get; }

        /// <summary>The OTLP/JSON TracesData document, one line, as the OpenTelemetry Collector's otlpjsonfile receiver reads it.</summary>
        public string Json => _json ??= _document(_resourceSpans);

        /// <summary>With -Redact: what redaction replaced in this trace, one row per rule (never the values); otherwise null.</summary>
        public ChatRedactionSummary[]? Redaction { get; internal set; }

        /// <summary>The document's single ResourceSpans object, for batching several sessions into one request.</summary>
        internal byte[] ResourceSpansUtf8 => _resourceSpans;

        /// <inheritdoc />
        public override string ToString() => $"{SessionId} trace {TraceId} ({SpanCount} spans)";
    }
}
