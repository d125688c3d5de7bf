namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>An accepted OTLP/HTTP request: its status, attempts, and what a partial-success answer said.</summary>
    internal sealed class OtlpSendResult
    {
        internal OtlpSendResult(int statusCode, int attempts, long rejectedSpans, string? message)
        {
            StatusCode = statusCode;
            Attempts = attempts;
            RejectedSpans = rejectedSpans;
            Message = message;
        }

        internal int StatusCode { get; }
        internal int Attempts { get; }
        internal long RejectedSpans { get; }
        internal string? Message { get; }
    }
}
