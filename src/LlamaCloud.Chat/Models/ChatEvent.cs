namespace LlamaCloud.Chat
{
    /// <summary>
    /// One event of a chat session's history. Concrete types: <see cref="UserInputEvent"/>,
    /// <see cref="ThinkingDeltaEvent"/>, <see cref="ThinkingEvent"/>, <see cref="TextDeltaEvent"/>,
    /// <see cref="TextEvent"/>, <see cref="ToolCallEvent"/>, <see cref="ToolResultEvent"/>,
    /// <see cref="StopEvent"/> and <see cref="UnknownEvent"/>.
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

        /// <inheritdoc />
        public override string ToString() => $"[{(Index.HasValue ? Index.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "turn " + TurnPosition?.ToString(System.Globalization.CultureInfo.InvariantCulture))}] {Type ?? "(untyped)"}: {Summary}";
    }
}
