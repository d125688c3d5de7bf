namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// The attribute names the Langfuse and Phoenix profiles add. Langfuse's are from its OpenTelemetry property
    /// mapping; Phoenix's are OpenInference semantic conventions, each a constant that the npm package
    /// @arizeai/openinference-semantic-conventions 2.12.0 exports (a test checks them against it).
    /// </summary>
    internal static class ProfileConventions
    {
        // Langfuse (https://langfuse.com/integrations/native/opentelemetry, property mapping)
        internal const string LangfuseSessionId = "langfuse.session.id";
        internal const string LangfuseUserId = "langfuse.user.id";
        /// <summary>Direct OTLP exporters must send this header (value <see cref="LangfuseIngestionVersionValue"/>) for real-time ingestion.</summary>
        internal const string LangfuseIngestionVersionHeader = "x-langfuse-ingestion-version";
        internal const string LangfuseIngestionVersionValue = "4";

        // OpenTelemetry's general attributes, which Langfuse and OpenInference read as well.
        internal const string SessionId = "session.id";
        internal const string UserId = "user.id";

        // OpenInference (SemanticConventions.*)
        internal const string SpanKind = "openinference.span.kind";
        internal const string InputValue = "input.value";
        internal const string InputMimeType = "input.mime_type";
        internal const string OutputValue = "output.value";
        internal const string OutputMimeType = "output.mime_type";
        internal const string TokenCountPrompt = "llm.token_count.prompt";
        internal const string TokenCountCompletion = "llm.token_count.completion";
        internal const string TokenCountTotal = "llm.token_count.total";
        internal const string ToolName = "tool.name";

        // OpenInference values (OpenInferenceSpanKind, MimeType)
        internal const string KindAgent = "AGENT";
        internal const string KindTool = "TOOL";
        internal const string MimeText = "text/plain";
        internal const string MimeJson = "application/json";

        /// <summary>Every attribute name a profile may write (checked against the packages in the tests).</summary>
        internal static readonly string[] LangfuseAttributes = { LangfuseSessionId, SessionId, LangfuseUserId, UserId };

        internal static readonly string[] PhoenixAttributes =
        {
            SpanKind, SessionId, UserId, InputValue, InputMimeType, OutputValue, OutputMimeType,
            TokenCountPrompt, TokenCountCompletion, TokenCountTotal, ToolName,
        };

        /// <summary>The profiles' attributes that carry content: only with -IncludeContent.</summary>
        internal static readonly string[] ContentAttributes = { InputValue, OutputValue };
    }
}
