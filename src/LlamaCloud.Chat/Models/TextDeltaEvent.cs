namespace LlamaCloud.Chat
{
    /// <summary>One streamed fragment of the answer. Wire type <c>text_delta</c>.</summary>
    public sealed class TextDeltaEvent : ContentEvent
    {
        /// <summary>Creates the event.</summary>
        public TextDeltaEvent(string? content) : base(ChatEventType.TextDelta, content) { }

        internal TextDeltaEvent(IUtf8Text utf8, int start, int length) : base(ChatEventType.TextDelta, utf8, start, length) { }
    }
}
