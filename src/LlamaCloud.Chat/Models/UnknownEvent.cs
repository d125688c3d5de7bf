namespace LlamaCloud.Chat
{
    /// <summary>
    /// An event whose type this module does not know (or an untyped event whose shape fits no single type).
    /// Nothing is dropped: the wire type and the full JSON are kept.
    /// </summary>
    public sealed class UnknownEvent : ChatEvent
    {
        private readonly JsonPayload? _json;
        private readonly string? _text;

        internal UnknownEvent(string? type, JsonPayload json) : base(type)
        {
            _json = json;
        }

        /// <summary>
        /// A streamed payload that is not JSON at all: kept as its text, so nothing the server sent is lost.
        /// <see cref="RawJson"/> and <see cref="Data"/> are that text.
        /// </summary>
        internal UnknownEvent(string text) : base(null)
        {
            _text = text;
        }

        /// <summary>The event's JSON exactly as received (for a streamed payload that was not JSON, its text).</summary>
        public override string RawJson => _text ?? _json!.Text;

        /// <summary>The event's fields as PowerShell values (as ConvertFrom-Json gives them); the text of a payload that was not JSON.</summary>
        public object? Data => _text ?? _json!.Value;

        /// <summary>True when the event is JSON; false for a streamed payload that was not JSON (kept as text in <see cref="RawJson"/> and <see cref="Data"/>).</summary>
        public bool IsJson => _text == null;

        /// <inheritdoc />
        public override string Summary => TextSummary.OneLine(RawJson, 160);
    }
}
