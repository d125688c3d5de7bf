namespace LlamaCloud.Chat
{
    /// <summary>A complete block of the model's reasoning. Wire type <c>thinking</c>.</summary>
    public sealed class ThinkingEvent : ContentEvent
    {
        /// <summary>Creates the event.</summary>
        public ThinkingEvent(string? content) : base(ChatEventType.Thinking, content) { }

        internal ThinkingEvent(IUtf8Text utf8, int start, int length) : base(ChatEventType.Thinking, utf8, start, length) { }
    }
}
