namespace LlamaCloud.Chat
{
    /// <summary>Base of the events that carry only text content (deltas, thinking, text, user input).</summary>
    public abstract class ContentEvent : ChatEvent
    {
        private string? _content;
        private IUtf8Text? _utf8;
        private int _start;
        private int _length;

        private protected ContentEvent(string type, string? content) : base(type)
        {
            _content = content;
        }

        /// <summary>
        /// Content still in the response's bytes, decoded on first access. A whole session holds 100k of these,
        /// most never read: pointing into the body costs nothing where a string per event costs time and GC.
        /// </summary>
        private protected ContentEvent(string type, IUtf8Text utf8, int start, int length) : base(type)
        {
            _utf8 = utf8;
            _start = start;
            _length = length;
        }

        /// <summary>The text of the event.</summary>
        public override string? Content
        {
            get
            {
                var bytes = _utf8;
                if (bytes != null)
                {
                    _content = bytes.GetString(_start, _length);
                    _utf8 = null; // let the body's buffer go once every event in it has been read
                }
                return _content;
            }
        }

        /// <inheritdoc />
        public override string Summary => TextSummary.OneLine(Content);
    }
}
