namespace LlamaCloud.Chat
{
    /// <summary>A complete block of the answer. Wire type <c>text</c>.</summary>
    public sealed class TextEvent : ContentEvent
    {
        /// <summary>Creates the event.</summary>
        public TextEvent(string? content) : base(ChatEventType.Text, content) { }

        internal TextEvent(IUtf8Text utf8, int start, int length) : base(ChatEventType.Text, utf8, start, length) { }
    }
}
