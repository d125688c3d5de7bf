using System;
using System.Globalization;
using System.Text.Json;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// Reads the JSON answers of an OTLP/HTTP receiver: an ExportTraceServiceResponse's <c>partialSuccess</c>
    /// (<c>rejectedSpans</c> as a number or, being int64, a decimal string; <c>errorMessage</c>), and a failure's
    /// google.rpc.Status <c>message</c>. Anything else (an empty or protobuf body, HTML from a proxy) reads as nothing.
    /// </summary>
    internal static class OtlpResponse
    {
        internal static (long Rejected, string? Message) PartialSuccess(byte[] body)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) return (0, null);
                if (!TryGet(doc.RootElement, "partialSuccess", "partial_success", out var partial) || partial.ValueKind != JsonValueKind.Object) return (0, null);
                long rejected = 0;
                if (TryGet(partial, "rejectedSpans", "rejected_spans", out var r))
                {
                    if (r.ValueKind == JsonValueKind.Number && r.TryGetInt64(out var n)) rejected = n;
                    else if (r.ValueKind == JsonValueKind.String && long.TryParse(r.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)) rejected = s;
                }
                string? message = null;
                if (TryGet(partial, "errorMessage", "error_message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
                return (rejected, string.IsNullOrEmpty(message) ? null : message);
            }
            catch (JsonException)
            {
                return (0, null);
            }
        }

        internal static string? StatusMessage(byte[] body)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && TryGet(doc.RootElement, "message", "message", out var m) && m.ValueKind == JsonValueKind.String)
                    return m.GetString();
            }
            catch (JsonException)
            {
            }
            return null;
        }

        private static bool TryGet(JsonElement o, string camel, string snake, out JsonElement value) =>
            o.TryGetProperty(camel, out value) || o.TryGetProperty(snake, out value);
    }
}
