namespace LlamaCloud.Chat
{
    /// <summary>A tool's answer to a <see cref="ToolCallEvent"/>. Wire type <c>tool_result</c>.</summary>
    public sealed class ToolResultEvent : ChatEvent
    {
        private readonly JsonPayload? _result;

        internal ToolResultEvent(string? callId, string? name, JsonPayload? result, ImageAttachment? imageAttachment)
            : base(ChatEventType.ToolResult)
        {
            CallId = callId;
            Name = name;
            _result = result;
            ImageAttachment = imageAttachment;
        }

        /// <summary>The id of the call this answers.</summary>
        public override string? CallId { get; }
        /// <summary>The tool's name.</summary>
        public override string? Name { get; }

        /// <summary>The result as PowerShell values (object, array, string, number or null), built on first access.</summary>
        public object? Result => _result?.Value;

        /// <summary>The result's JSON text exactly as received.</summary>
        public override string? ResultJson => _result?.Text;

        /// <summary>A page screenshot reference, when the tool attached one.</summary>
        public ImageAttachment? ImageAttachment { get; }

        internal JsonPayload? ResultPayload => _result;

        /// <inheritdoc />
        public override string Summary => Name + " → " + TextSummary.OneLine(_result?.Text, 160);
    }
}
