using System.Collections.Generic;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>One span as it will be written: ids in hex, times in Unix nanoseconds, attributes typed.</summary>
    internal sealed class TraceSpan
    {
        internal TraceSpan(string traceId, string spanId, string? parentSpanId, string name, int kind)
        {
            TraceId = traceId;
            SpanId = spanId;
            ParentSpanId = parentSpanId;
            Name = name;
            Kind = kind;
        }

        internal string TraceId { get; }
        internal string SpanId { get; }
        internal string? ParentSpanId { get; }
        internal string Name { get; }
        internal int Kind { get; }
        internal long StartNanos { get; set; }
        internal long EndNanos { get; set; }
        internal int StatusCode { get; set; }
        internal string? StatusMessage { get; set; }

        /// <summary>Values are string, long, double or bool (the OTLP AnyValue kinds this mapping uses).</summary>
        internal List<KeyValuePair<string, object>> Attributes { get; } = new List<KeyValuePair<string, object>>();

        internal void Add(string key, object? value)
        {
            if (value != null) Attributes.Add(new KeyValuePair<string, object>(key, value));
        }
    }
}
