namespace LlamaCloud.Chat
{
    /// <summary>
    /// One tool call of a <see cref="ChatTurn"/>, paired with its result by call id. A call that never got a result
    /// has <see cref="HasResult"/> false; a result whose call is missing is kept too, with <see cref="HasCall"/> false.
    /// </summary>
    public sealed class ChatToolCall
    {
        private JsonPayload? _arguments;
        private JsonPayload? _result;

        internal ChatToolCall(string? callId, string? name)
        {
            CallId = callId;
            Name = name;
        }

        /// <summary>The tool's name (from the call, else from the result).</summary>
        public string? Name { get; internal set; }

        /// <summary>The id that pairs the call with its result.</summary>
        public string? CallId { get; }

        /// <summary>The arguments as PowerShell values (as ConvertFrom-Json gives them); null without a call.</summary>
        public object? Arguments => _arguments?.Value;

        /// <summary>The arguments' JSON text exactly as received; null without a call.</summary>
        public string? ArgumentsJson => _arguments?.Text;

        /// <summary>The result as PowerShell values; null without a result (see <see cref="HasResult"/>).</summary>
        public object? Result => _result?.Value;

        /// <summary>The result's JSON text exactly as received; null without a result.</summary>
        public string? ResultJson => _result?.Text;

        /// <summary>A page screenshot reference attached to the result, if any.</summary>
        public ImageAttachment? ImageAttachment { get; private set; }

        /// <summary>True when the turn holds the <c>tool_call</c> event.</summary>
        public bool HasCall { get; private set; }

        /// <summary>True when the turn holds a <c>tool_result</c> for this call.</summary>
        public bool HasResult { get; private set; }

        /// <summary>The history index of the <c>tool_call</c> event; null without a call.</summary>
        public int? CallIndex { get; private set; }

        /// <summary>The history index of the <c>tool_result</c> event; null without a result.</summary>
        public int? ResultIndex { get; private set; }

        /// <summary>This call with other text (redacted), its pairing and positions unchanged.</summary>
        internal ChatToolCall With(string? callId, string? name, JsonPayload? arguments, JsonPayload? result, ImageAttachment? image) =>
            new ChatToolCall(callId, name)
            {
                _arguments = arguments,
                _result = result,
                ImageAttachment = image,
                HasCall = HasCall,
                HasResult = HasResult,
                CallIndex = CallIndex,
                ResultIndex = ResultIndex,
            };

        internal JsonPayload? ArgumentsPayload => _arguments;

        internal JsonPayload? ResultPayload => _result;

        internal void SetCall(ToolCallEvent call)
        {
            HasCall = true;
            CallIndex = call.Index;
            _arguments = call.ArgumentsPayload;
            if (call.Name != null) Name = call.Name;
        }

        internal void SetResult(ToolResultEvent result)
        {
            HasResult = true;
            ResultIndex = result.Index;
            _result = result.ResultPayload;
            ImageAttachment = result.ImageAttachment;
            if (Name == null) Name = result.Name;
        }

        /// <inheritdoc />
        public override string ToString() => Name + "(" + TextSummary.OneLine(ArgumentsJson, 80) + ")"
            + (HasResult ? " → " + TextSummary.OneLine(ResultJson, 80) : " (no result)");
    }
}
