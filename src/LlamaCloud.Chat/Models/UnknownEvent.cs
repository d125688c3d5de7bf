namespace LlamaCloud.Chat
{
    /// <summary>
    /// An event whose type this module does not know (or an untyped event whose shape fits no single type).
    /// Nothing is dropped: the wire type and the full JSON are kept.
    /// </summary>
    public sealed class UnknownEvent : ChatEvent
    {
        private readonly JsonPayload _json;

        internal UnknownEvent(string? type, JsonPayload json) : base(type)
        {
            _json = json;
        }

        /// <summary>The event's JSON exactly as received.</summary>
        public string RawJson => _json.Text;

        /// <summary>The event's fields as PowerShell values (as ConvertFrom-Json gives them).</summary>
        public object? Data => _json.Value;

        /// <inheritdoc />
        public override string Summary => TextSummary.OneLine(_json.Text, 160);
    }
}
