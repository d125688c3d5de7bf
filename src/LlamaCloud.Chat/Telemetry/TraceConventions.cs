namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// The OpenTelemetry names this module's traces use. The mapping follows the GenAI semantic conventions as
    /// published in semantic-conventions v1.41.0 (the last release that carries them in that repository, with
    /// gen_ai.provider.name, gen_ai.input.messages and the execute_tool span); its schema URL goes on the resource.
    /// </summary>
    internal static class TraceConventions
    {
        internal const string SemconvVersion = "1.41.0";
        internal const string SchemaUrl = "https://opentelemetry.io/schemas/" + SemconvVersion;

        internal const string DefaultServiceName = "llama-cloud-chat";
        /// <summary>Not one of the conventions' well-known providers, which allow a custom value.</summary>
        internal const string ProviderName = "llama_cloud";
        /// <summary>How long a turn is taken to last when its stop event reports no duration (or none at all).</summary>
        internal const double DefaultTurnDurationMs = 1000;

        internal const string ScopeName = "LlamaCloud.Chat";

        // Resource
        internal const string ServiceName = "service.name";
        internal const string ModuleName = "llama_cloud.module.name";
        internal const string ModuleVersion = "llama_cloud.module.version";

        // Spans
        internal const string OperationName = "gen_ai.operation.name";
        internal const string Provider = "gen_ai.provider.name";
        internal const string ConversationId = "gen_ai.conversation.id";
        internal const string InputTokens = "gen_ai.usage.input_tokens";
        internal const string OutputTokens = "gen_ai.usage.output_tokens";
        internal const string InputMessages = "gen_ai.input.messages";
        internal const string OutputMessages = "gen_ai.output.messages";
        internal const string ToolName = "gen_ai.tool.name";
        internal const string ToolCallId = "gen_ai.tool.call.id";
        internal const string ToolType = "gen_ai.tool.type";
        internal const string ToolArguments = "gen_ai.tool.call.arguments";
        internal const string ToolResult = "gen_ai.tool.call.result";
        internal const string ErrorType = "error.type";

        internal const string InvokeAgent = "invoke_agent";
        internal const string ExecuteTool = "execute_tool";

        // This module's own attributes (not conventions): where a span came from, and how its times were made.
        internal const string Timing = "llama_cloud.timing";
        internal const string TimingReconstructed = "reconstructed";
        internal const string TurnNumber = "llama_cloud.turn.number";
        internal const string FirstIndex = "llama_cloud.event.first_index";
        internal const string LastIndex = "llama_cloud.event.last_index";
        internal const string TurnComplete = "llama_cloud.turn.complete";
        internal const string DurationReported = "llama_cloud.turn.duration_reported";
        internal const string ToolHasResult = "llama_cloud.tool.has_result";
        internal const string ImageAttachment = "llama_cloud.tool.image_attachment";

        /// <summary>Attributes that carry conversation content: only ever written with -IncludeContent.</summary>
        internal static readonly string[] ContentAttributes = { InputMessages, OutputMessages, ToolArguments, ToolResult };

        // OTLP enums, written as integers as OTLP/JSON requires.
        internal const int SpanKindInternal = 1;
        internal const int SpanKindClient = 3;
        internal const int StatusUnset = 0;
        internal const int StatusError = 2;
    }
}
