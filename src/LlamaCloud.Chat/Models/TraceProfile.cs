namespace LlamaCloud.Chat
{
    /// <summary>Which backend's attributes a trace carries besides the OpenTelemetry GenAI conventions.</summary>
    public enum TraceProfile
    {
        /// <summary>The GenAI semantic conventions only.</summary>
        Generic,

        /// <summary>Also Langfuse's: langfuse.session.id and session.id (its Sessions view), user.id and langfuse.user.id
        /// (its Users view, with -UserId); with -Endpoint, its x-langfuse-ingestion-version header.</summary>
        Langfuse,

        /// <summary>Also Arize Phoenix's OpenInference attributes: openinference.span.kind, session.id, user.id,
        /// llm.token_count.*, tool.name, and with -IncludeContent input.value / output.value and their mime types.</summary>
        Phoenix,
    }
}
