namespace LlamaCloud.Chat
{
    /// <summary>One streamed fragment of the model's reasoning. Wire type <c>thinking_delta</c>.</summary>
    public sealed class ThinkingDeltaEvent : ContentEvent
    {
        /// <summary>Creates the event.</summary>
        public ThinkingDeltaEvent(string? content) : base(ChatEventType.ThinkingDelta, content) { }

        internal ThinkingDeltaEvent(IUtf8Text utf8, int start, int length) : base(ChatEventType.ThinkingDelta, utf8, start, length) { }
    }
}
