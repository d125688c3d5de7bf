namespace LlamaCloud.Chat
{
    /// <summary>
    /// One event of a chat session's history. Concrete types: <see cref="UserInputEvent"/>,
    /// <see cref="ThinkingDeltaEvent"/>, <see cref="ThinkingEvent"/>, <see cref="TextDeltaEvent"/>,
    /// <see cref="TextEvent"/>, <see cref="ToolCallEvent"/>, <see cref="ToolResultEvent"/>,
    /// <see cref="StopEvent"/> and <see cref="UnknownEvent"/>.
    /// Every event has the same flat properties (Content, Name, CallId, ArgumentsJson, ResultJson, IsError, Error,
    /// InputTokens, OutputTokens, RawJson; null, or false, where the event has no such thing), so a stream of mixed
    /// events keeps every column in <c>Export-Csv</c> and <c>Select-Object *</c>, which take their columns from the first event.
    /// </summary>
    public abstract class ChatEvent
    {
        private protected ChatEvent(string? type)
        {
            Type = type;
        }

        /// <summary>The wire name of the event's type, e.g. <c>tool_call</c>. For an event that arrived without
        /// a <c>type</c> field this is the type inferred from its shape; null for an untyped unknown event.</summary>
        public string? Type { get; }

        /// <summary>The id of the session the event belongs to.</summary>
        public string SessionId { get; internal set; } = string.Empty;

        /// <summary>The event's position in the session's full event list, counting from 0. Null for an event of a
        /// streamed turn (Send-LlamaChatMessage) when the length of the history before the turn is not known; its
        /// <see cref="TurnPosition"/> is then the only position there is.</summary>
        public int? Index { get; internal set; }

        /// <summary>For an event of a streamed turn (Send-LlamaChatMessage): its position among the turn's events,
        /// counting from 0. Null for events read from a history.</summary>
        public int? TurnPosition { get; internal set; }

        /// <summary>For an event of a streamed turn: the Server-Sent Events name it came under (the <c>event:</c> field,
        /// <c>message</c> when the server sent none). Null for events read from a history.</summary>
        public string? StreamEventName { get; internal set; }

        /// <summary>A one-line summary, as the default table view shows it.</summary>
        public abstract string Summary { get; }

        /// <summary>The text of a user_input, thinking, thinking_delta, text or text_delta event; null for other events.</summary>
        public virtual string? Content => null;

        /// <summary>The tool's name, for a tool_call or tool_result; null for other events.</summary>
        public virtual string? Name => null;

        /// <summary>The call id that pairs a tool_call with its tool_result; null for other events.</summary>
        public virtual string? CallId => null;

        /// <summary>A tool_call's arguments as the JSON text received; null for other events.</summary>
        public virtual string? ArgumentsJson => null;

        /// <summary>A tool_result's result as the JSON text received; null for other events.</summary>
        public virtual string? ResultJson => null;

        /// <summary>True for a stop event that reports an error; false for every other event.</summary>
        public virtual bool IsError => false;

        /// <summary>A stop event's error message; null for other events.</summary>
        public virtual string? Error => null;

        /// <summary>A stop event's total input tokens (its usage); null for other events.</summary>
        public virtual long? InputTokens => null;

        /// <summary>A stop event's total output tokens (its usage); null for other events.</summary>
        public virtual long? OutputTokens => null;

        /// <summary>The JSON of an event of a type this module does not know (an UnknownEvent); null for the others.</summary>
        public virtual string? RawJson => null;

        /// <inheritdoc />
        public override string ToString() => $"[{(Index.HasValue ? Index.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "turn " + TurnPosition?.ToString(System.Globalization.CultureInfo.InvariantCulture))}] {Type ?? "(untyped)"}: {Summary}";
    }
}
