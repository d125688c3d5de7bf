using System;
using System.Text.Json;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// The receive-time half of a lazily built session: reads one event only far enough to know where it lies and,
    /// when that is plain, its type. The tokenizer still checks every byte, so a body that is not valid JSON is
    /// refused while it arrives, exactly as when every event is built. Anything less plain than a single unescaped
    /// <c>"type":"known_name"</c> (no type, a duplicate, escapes, not an object) is left
    /// <see cref="EventTypeCode.Unresolved"/>, and <see cref="EventReader"/> decides it when the event is built.
    /// </summary>
    internal static class EventScanner
    {
        /// <summary>
        /// Reads the event whose first token the reader is on. False when the buffer ends first (the caller rewinds
        /// and retries with more data); otherwise the event spans <c>[start, end)</c> of the reader's buffer.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        internal static bool TryScan(ref Utf8JsonReader reader, out int start, out int end, out EventTypeCode code)
        {
            start = (int)reader.TokenStartIndex;
            end = 0;
            code = EventTypeCode.Unresolved;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                if (reader.TokenType == JsonTokenType.StartArray && !reader.TrySkip()) return false;
                end = (int)reader.BytesConsumed;
                return true;
            }
            var types = 0;
            while (true)
            {
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.EndObject) break;
                var isType = reader.ValueTextEquals("type"u8);
                if (!reader.Read()) return false;
                var kind = reader.TokenType;
                if (kind == JsonTokenType.StartObject || kind == JsonTokenType.StartArray)
                {
                    if (!reader.TrySkip()) return false;
                    // A "type" that is an object or array still counts: the event is built from its last "type".
                    if (isType) { types++; code = EventTypeCode.Unresolved; }
                }
                else if (isType)
                {
                    types++;
                    code = kind == JsonTokenType.String && !reader.ValueIsEscaped ? Classify(reader.ValueSpan) : EventTypeCode.Unresolved;
                }
            }
            if (types != 1) code = EventTypeCode.Unresolved;
            end = (int)reader.BytesConsumed;
            return true;
        }

        /// <summary>The wire name an event of this code resolves to (<c>unknown</c> for unknown types); null when unresolved.</summary>
        internal static string? WireName(EventTypeCode code) => code switch
        {
            EventTypeCode.UserInput => ChatEventType.UserInput,
            EventTypeCode.ThinkingDelta => ChatEventType.ThinkingDelta,
            EventTypeCode.Thinking => ChatEventType.Thinking,
            EventTypeCode.TextDelta => ChatEventType.TextDelta,
            EventTypeCode.Text => ChatEventType.Text,
            EventTypeCode.ToolCall => ChatEventType.ToolCall,
            EventTypeCode.ToolResult => ChatEventType.ToolResult,
            EventTypeCode.Stop => ChatEventType.Stop,
            EventTypeCode.Unknown => ChatEventType.Unknown,
            _ => null,
        };

        // The same names EventReader knows; any other string is a type this module does not know.
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        internal static EventTypeCode Classify(ReadOnlySpan<byte> v)
        {
            switch (v.Length)
            {
                case 4:
                    if (v.SequenceEqual("text"u8)) return EventTypeCode.Text;
                    if (v.SequenceEqual("stop"u8)) return EventTypeCode.Stop;
                    break;
                case 8: if (v.SequenceEqual("thinking"u8)) return EventTypeCode.Thinking; break;
                case 9: if (v.SequenceEqual("tool_call"u8)) return EventTypeCode.ToolCall; break;
                case 10:
                    if (v.SequenceEqual("text_delta"u8)) return EventTypeCode.TextDelta;
                    if (v.SequenceEqual("user_input"u8)) return EventTypeCode.UserInput;
                    break;
                case 11: if (v.SequenceEqual("tool_result"u8)) return EventTypeCode.ToolResult; break;
                case 14: if (v.SequenceEqual("thinking_delta"u8)) return EventTypeCode.ThinkingDelta; break;
            }
            return EventTypeCode.Unknown;
        }
    }
}
