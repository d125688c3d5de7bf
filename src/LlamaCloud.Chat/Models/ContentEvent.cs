namespace LlamaCloud.Chat
{
    /// <summary>Base of the events that carry only text content (deltas, thinking, text, user input).</summary>
    public abstract class ContentEvent : ChatEvent
    {
        private protected ContentEvent(string type, string? content) : base(type)
        {
            Content = content;
        }

        /// <summary>The text of the event.</summary>
        public string? Content { get; }

        /// <inheritdoc />
        public override string Summary => TextSummary.OneLine(Content);
    }
}
