using System;
using System.Text;
using System.Text.Json;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// Turns one Server-Sent Event's data into a chat event with the history's own reader (<see cref="EventReader"/>),
    /// so a streamed <c>tool_call</c> is the same <see cref="ToolCallEvent"/> a history gives. Data that is not one
    /// JSON value is kept as an <see cref="UnknownEvent"/> with its text; only the conventional end marker
    /// <c>[DONE]</c> is skipped. Never throws on content.
    /// </summary>
    internal static class StreamedEventReader
    {
        /// <summary>The end marker some event streams send after the last event (OpenAI style); it carries no event.</summary>
        internal const string DoneMarker = "[DONE]";

        /// <summary>The event in <paramref name="data"/>, or null for <c>[DONE]</c> and for data that is only whitespace.</summary>
        internal static ChatEvent? Read(byte[] data)
        {
            var span = Trim(data);
            if (span.IsEmpty) return null;
            if (span.Length == DoneMarker.Length && Encoding.ASCII.GetString(span.ToArray()) == DoneMarker) return null;
            try
            {
                var reader = new Utf8JsonReader(span, isFinalBlock: true, new JsonReaderState(JsonLimits.Document));
                if (reader.Read() && EventReader.TryRead(ref reader, span, null, null, 0, out var e) && e != null
                    && Trim(span.Slice((int)reader.BytesConsumed)).IsEmpty)
                    return e;
            }
            catch (JsonException)
            {
            }
            catch (InvalidOperationException)
            {
            }
            return new UnknownEvent(Encoding.UTF8.GetString(data));
        }

        private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
        {
            var a = 0;
            var b = s.Length;
            while (a < b && IsSpace(s[a])) a++;
            while (b > a && IsSpace(s[b - 1])) b--;
            return s.Slice(a, b - a);
        }

        private static bool IsSpace(byte c) => c == (byte)' ' || c == (byte)'\t' || c == (byte)'\r' || c == (byte)'\n';
    }
}
