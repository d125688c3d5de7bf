namespace LlamaCloud.Chat.Serialization
{
    /// <summary>An event's type as <see cref="EventScanner"/> saw it, one byte per event in a lazily built session.</summary>
    internal enum EventTypeCode : byte
    {
        /// <summary>Not decided by the scan: the event must be read in full (see <see cref="EventScanner"/>).</summary>
        Unresolved = 0,
        UserInput,
        ThinkingDelta,
        Thinking,
        TextDelta,
        Text,
        ToolCall,
        ToolResult,
        Stop,
        /// <summary>A plain string type this module does not know: an <see cref="UnknownEvent"/>.</summary>
        Unknown,
    }
}
