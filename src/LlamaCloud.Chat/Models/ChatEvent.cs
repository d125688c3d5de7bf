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

        /// <summary>The event's position in the session's full event list, counting from 0.</summary>
        public int Index { get; internal set; }

        /// <summary>A one-line summary, as the default table view shows it.</summary>
        public abstract string Summary { get; }

        /// <inheritdoc />
        public override string ToString() => $"[{Index}] {Type ?? "(untyped)"}: {Summary}";
    }
}
