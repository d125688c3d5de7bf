namespace LlamaCloud.Chat
{
    /// <summary>The agent called a tool. Wire type <c>tool_call</c>.</summary>
    public sealed class ToolCallEvent : ChatEvent
    {
        private readonly JsonPayload? _arguments;

        internal ToolCallEvent(string? callId, string? name, JsonPayload? arguments) : base(ChatEventType.ToolCall)
        {
            CallId = callId;
            Name = name;
            _arguments = arguments;
        }

        /// <summary>Identifies the call; the matching <see cref="ToolResultEvent"/> carries the same id.</summary>
        public override string? CallId { get; }
        /// <summary>The tool's name.</summary>
        public override string? Name { get; }

        /// <summary>The arguments as PowerShell values (as ConvertFrom-Json gives them), built on first access.</summary>
        public object? Arguments => _arguments?.Value;

        /// <summary>The arguments' JSON text exactly as received.</summary>
        public override string? ArgumentsJson => _arguments?.Text;

        internal JsonPayload? ArgumentsPayload => _arguments;

        /// <inheritdoc />
        public override string Summary => Name + "(" + TextSummary.OneLine(_arguments?.Text, 160) + ")";
    }
}
