using System;
using System.Collections.Generic;
using System.Text.Json;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// Reads one event from a streaming <see cref="Utf8JsonReader"/> in a single pass that only records where
    /// each known field's value lies. The type is decided at the end (the API writes <c>type</c> last, and may
    /// omit it), the filter is applied, and only then are strings and payloads materialised.
    /// </summary>
    internal static class EventReader
    {
        private enum Field { Type, Content, CallId, Name, Arguments, Result, ImageAttachment, Error, IsError, Usage, SkippedIndexIds, Count }

        private struct Slot
        {
            internal int Start;
            internal int End;
            internal JsonTokenType Kind;
            internal bool Escaped;
            internal bool Present => End > 0;
        }

        private struct Fields
        {
            internal Slot Type, Content, CallId, Name, Arguments, Result, ImageAttachment, Error, IsError, Usage, SkippedIndexIds;
        }

        private static ref Slot Get(ref Fields f, Field field)
        {
            switch (field)
            {
                case Field.Type: return ref f.Type;
                case Field.Content: return ref f.Content;
                case Field.CallId: return ref f.CallId;
                case Field.Name: return ref f.Name;
                case Field.Arguments: return ref f.Arguments;
                case Field.Result: return ref f.Result;
                case Field.ImageAttachment: return ref f.ImageAttachment;
                case Field.Error: return ref f.Error;
                case Field.IsError: return ref f.IsError;
                case Field.SkippedIndexIds: return ref f.SkippedIndexIds;
                default: return ref f.Usage;
            }
        }

        /// <summary>
        /// Reads the event whose first token the reader is about to read. Returns false when the buffer ends first
        /// (the caller rewinds and retries with more data). On true, <paramref name="result"/> is the event, or null
        /// when the filter rejected it.
        /// </summary>
        /// <param name="reader">Positioned before the event's first token.</param>
        /// <param name="buffer">The bytes the reader reads.</param>
        /// <param name="filter">Events to build; null builds all.</param>
        /// <param name="owner">When not null, <paramref name="buffer"/> is <c>owner[ownerOffset..]</c>, whose written bytes cannot
        /// change, so text content may point into it and be decoded lazily.</param>
        /// <param name="ownerOffset">Where <paramref name="buffer"/> starts in <paramref name="owner"/>.</param>
        /// <param name="result">The event, or null when the filter rejected it.</param>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        internal static bool TryRead(ref Utf8JsonReader reader, ReadOnlySpan<byte> buffer, EventFilter? filter,
            AppendOnlyBuffer? owner, int ownerOffset, out ChatEvent? result)
        {
            result = null;
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // Not an object at all: keep it verbatim as an unknown event rather than lose it.
                if ((reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip()) return false;
                var raw = buffer.Slice(start, (int)reader.BytesConsumed - start).ToArray();
                if (filter == null || filter.IsEmpty || (filter.MatchesType(ChatEventType.Unknown) && !filter.FiltersByName))
                    result = new UnknownEvent(null, new PowerShellJson(raw));
                return true;
            }

            var f = default(Fields);
            while (true)
            {
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.EndObject) break;
                var field = Classify(ref reader);
                if (!reader.Read()) return false;
                var valueStart = (int)reader.TokenStartIndex;
                var kind = reader.TokenType;
                if ((kind == JsonTokenType.StartObject || kind == JsonTokenType.StartArray) && !reader.TrySkip()) return false;
                if (field == Field.Count) continue;
                ref var slot = ref Get(ref f, field);
                slot.Start = valueStart;
                slot.End = (int)reader.BytesConsumed;
                slot.Kind = kind;
                slot.Escaped = kind == JsonTokenType.String && reader.ValueIsEscaped;
            }
            return Complete(buffer, start, (int)reader.BytesConsumed, ref f, filter, owner, ownerOffset, out result);
        }

        /// <summary>
        /// Reads one whole event that <see cref="EventExtentScanner"/> has already found valid: <paramref name="json"/>
        /// is exactly its bytes. Its members are located by the same byte scanner rather than by a
        /// <see cref="Utf8JsonReader"/>, whose generic search code stays unoptimised for long in a PowerShell process
        /// (tiering waits for a quiet spell that PowerShell's own compiling keeps postponing). An event that is not an
        /// object, or has a member name with escapes, is read by <see cref="TryRead"/> instead.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        internal static ChatEvent? ReadScanned(ReadOnlySpan<byte> json, EventFilter? filter, AppendOnlyBuffer? owner, int ownerOffset)
        {
            var f = default(Fields);
            if (!LocateMembers(json, ref f))
            {
                var reader = new Utf8JsonReader(json, isFinalBlock: true, new JsonReaderState(JsonLimits.Event));
                reader.Read();
                if (!TryRead(ref reader, json, filter, owner, ownerOffset, out var read))
                    throw new InvalidOperationException(Messages.EventUnreadAfterScan());
                return read;
            }
            Complete(json, 0, json.Length, ref f, filter, owner, ownerOffset, out var e);
            return e;
        }

        // The members of a scanned (so valid) event object: where each known one's value lies. False for what only the
        // reader handles: not an object, or an escaped member name (its unescaped text decides which field it is).
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private static bool LocateMembers(ReadOnlySpan<byte> json, ref Fields f)
        {
            if (json.Length < 2 || json[0] != (byte)'{') return false;
            var i = 1;
            EventExtentScanner.SkipWhitespace(json, ref i);
            if (json[i] == (byte)'}') return true;
            while (true)
            {
                var nameStart = i + 1;
                if (!EventExtentScanner.SkipString(json, ref i, out var escapedName) || escapedName) return false;
                var field = ClassifyName(json.Slice(nameStart, i - 1 - nameStart));
                EventExtentScanner.SkipWhitespace(json, ref i);
                i++; // the colon
                EventExtentScanner.SkipWhitespace(json, ref i);
                var valueStart = i;
                var first = json[i];
                bool escaped;
                if (first == (byte)'"')
                {
                    if (!EventExtentScanner.SkipString(json, ref i, out escaped)) return false;
                }
                else
                {
                    escaped = false;
                    if (EventExtentScanner.Scan(json, i, out var end, out _) != EventExtentScanner.Outcome.Complete) return false;
                    i = end;
                }
                if (field != Field.Count)
                {
                    ref var slot = ref Get(ref f, field);
                    slot.Start = valueStart;
                    slot.End = i;
                    slot.Kind = KindOf(first);
                    slot.Escaped = escaped;
                }
                EventExtentScanner.SkipWhitespace(json, ref i);
                if (json[i] == (byte)'}') return true;
                i++; // the comma
                EventExtentScanner.SkipWhitespace(json, ref i);
            }
        }

        private static JsonTokenType KindOf(byte first) => first switch
        {
            (byte)'"' => JsonTokenType.String,
            (byte)'{' => JsonTokenType.StartObject,
            (byte)'[' => JsonTokenType.StartArray,
            (byte)'t' => JsonTokenType.True,
            (byte)'f' => JsonTokenType.False,
            (byte)'n' => JsonTokenType.Null,
            _ => JsonTokenType.Number,
        };

        // The event at buffer[start..end), its members located: its type, the filter, and only then the object.
        private static bool Complete(ReadOnlySpan<byte> buffer, int start, int end, ref Fields f, EventFilter? filter,
            AppendOnlyBuffer? owner, int ownerOffset, out ChatEvent? result)
        {
            result = null;
            var json = buffer.Slice(start, end - start);

            string? unknownType = null;
            var type = ResolveType(buffer, ref f, ref unknownType);
            if (filter != null && !filter.IsEmpty)
            {
                if (!filter.MatchesEvent(type, unknownType)) return true;
                if (filter.FiltersByName)
                {
                    if (type != ChatEventType.ToolCall && type != ChatEventType.ToolResult) return true;
                    if (!filter.MatchesName(ReadText(buffer, f.Name))) return true;
                }
            }
            result = Build(type, unknownType, buffer, ref f, json, owner, ownerOffset);
            return true;
        }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private static ChatEvent Build(string? type, string? unknownType, ReadOnlySpan<byte> buffer, ref Fields f, ReadOnlySpan<byte> json,
            AppendOnlyBuffer? owner, int ownerOffset)
        {
            ChatEvent e;
            switch (type)
            {
                case ChatEventType.ThinkingDelta: e = Lazy(owner, f.Content) ? new ThinkingDeltaEvent(owner!, ownerOffset + f.Content.Start + 1, f.Content.End - f.Content.Start - 2) : new ThinkingDeltaEvent(ReadText(buffer, f.Content)); break;
                case ChatEventType.TextDelta: e = Lazy(owner, f.Content) ? new TextDeltaEvent(owner!, ownerOffset + f.Content.Start + 1, f.Content.End - f.Content.Start - 2) : new TextDeltaEvent(ReadText(buffer, f.Content)); break;
                case ChatEventType.Thinking: e = Lazy(owner, f.Content) ? new ThinkingEvent(owner!, ownerOffset + f.Content.Start + 1, f.Content.End - f.Content.Start - 2) : new ThinkingEvent(ReadText(buffer, f.Content)); break;
                case ChatEventType.Text: e = Lazy(owner, f.Content) ? new TextEvent(owner!, ownerOffset + f.Content.Start + 1, f.Content.End - f.Content.Start - 2) : new TextEvent(ReadText(buffer, f.Content)); break;
                case ChatEventType.UserInput: e = Lazy(owner, f.Content) ? new UserInputEvent(owner!, ownerOffset + f.Content.Start + 1, f.Content.End - f.Content.Start - 2) : new UserInputEvent(ReadText(buffer, f.Content)); break;
                case ChatEventType.ToolCall:
                    e = new ToolCallEvent(ReadText(buffer, f.CallId), ReadText(buffer, f.Name), Payload(buffer, f.Arguments));
                    break;
                case ChatEventType.ToolResult:
                    e = new ToolResultEvent(ReadText(buffer, f.CallId), ReadText(buffer, f.Name),
                        Payload(buffer, f.Result), ReadImage(buffer, f.ImageAttachment));
                    break;
                case ChatEventType.Stop:
                    e = new StopEvent(ReadText(buffer, f.Error), ReadBool(f.IsError) ?? false, ReadUsage(buffer, f.Usage), ReadStrings(buffer, f.SkippedIndexIds));
                    break;
                default:
                    return new UnknownEvent(unknownType, new PowerShellJson(json.ToArray()));
            }
            return e;
        }

        /// <summary>Can this text stay in the owner's bytes? Only a plain string without escapes can.</summary>
        private static bool Lazy(AppendOnlyBuffer? owner, Slot s) => owner != null && s.Kind == JsonTokenType.String && !s.Escaped;

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private static string? ResolveType(ReadOnlySpan<byte> buffer, ref Fields f, ref string? unknownType)
        {
            if (f.Type.Present && f.Type.Kind == JsonTokenType.String)
            {
                var text = ReadString(buffer, f.Type);
                var known = f.Type.Escaped
                    ? KnownType(System.Text.Encoding.UTF8.GetBytes(text!))
                    : KnownType(buffer.Slice(f.Type.Start + 1, f.Type.End - f.Type.Start - 2));
                if (known != null) return known;
                unknownType = text;
                return null;
            }
            if (f.Type.Present && f.Type.Kind != JsonTokenType.Null) return null;
            return InferFromShape(ref f);
        }

        /// <summary>
        /// The schema marks <c>type</c> optional. Classify an untyped event only when exactly one type has all its
        /// required fields and nothing foreign; a bare <c>content</c> fits five types, so it stays unknown.
        /// </summary>
        private static string? InferFromShape(ref Fields f)
        {
            if (f.Content.Present) return null;
            var toolish = f.CallId.Present && f.Name.Present && !f.Error.Present && !f.IsError.Present && !f.Usage.Present;
            if (toolish && f.Arguments.Present && !f.Result.Present && !f.ImageAttachment.Present) return ChatEventType.ToolCall;
            if (toolish && f.Result.Present && !f.Arguments.Present) return ChatEventType.ToolResult;
            if (f.IsError.Present && f.Usage.Present && !f.CallId.Present && !f.Name.Present && !f.Arguments.Present
                && !f.Result.Present && !f.ImageAttachment.Present) return ChatEventType.Stop;
            return null;
        }

        // The same names the scan classifies (one table of them, in EventScanner); null for a type this module does not know.
        private static string? KnownType(ReadOnlySpan<byte> v)
        {
            var code = EventScanner.Classify(v);
            return code == EventTypeCode.Unknown ? null : EventScanner.WireName(code);
        }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private static Field Classify(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped) return ClassifyName(System.Text.Encoding.UTF8.GetBytes(JsonStrings.GetString(ref reader)));
            return ClassifyName(reader.ValueSpan);
        }

        private static Field ClassifyName(ReadOnlySpan<byte> n)
        {
            switch (n.Length)
            {
                case 4:
                    if (n.SequenceEqual("type"u8)) return Field.Type;
                    if (n.SequenceEqual("name"u8)) return Field.Name;
                    break;
                case 5:
                    if (n.SequenceEqual("error"u8)) return Field.Error;
                    if (n.SequenceEqual("usage"u8)) return Field.Usage;
                    break;
                case 6: if (n.SequenceEqual("result"u8)) return Field.Result; break;
                case 7:
                    if (n.SequenceEqual("content"u8)) return Field.Content;
                    if (n.SequenceEqual("call_id"u8)) return Field.CallId;
                    break;
                case 8: if (n.SequenceEqual("is_error"u8)) return Field.IsError; break;
                case 9: if (n.SequenceEqual("arguments"u8)) return Field.Arguments; break;
                case 16: if (n.SequenceEqual("image_attachment"u8)) return Field.ImageAttachment; break;
                case 17: if (n.SequenceEqual("skipped_index_ids"u8)) return Field.SkippedIndexIds; break;
            }
            return Field.Count;
        }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private static string? ReadText(ReadOnlySpan<byte> buffer, Slot s)
        {
            if (!s.Present || s.Kind == JsonTokenType.Null) return null;
            // A number or object where text was expected: show its JSON text.
            if (s.Kind != JsonTokenType.String) return Utf8(buffer.Slice(s.Start, s.End - s.Start));
            return ReadString(buffer, s);
        }

        /// <summary>A string token's value: decoded straight from the bytes between the quotes unless it has escapes.</summary>
        private static string? ReadString(ReadOnlySpan<byte> buffer, Slot s)
        {
            if (!s.Escaped) return Utf8(buffer.Slice(s.Start + 1, s.End - s.Start - 2));
            var r = new Utf8JsonReader(buffer.Slice(s.Start, s.End - s.Start));
            r.Read();
            return JsonStrings.GetString(ref r);
        }

        private static unsafe string Utf8(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length == 0) return string.Empty;
            fixed (byte* p = bytes) return System.Text.Encoding.UTF8.GetString(p, bytes.Length);
        }

        private static bool? ReadBool(Slot s)
        {
            if (s.Kind == JsonTokenType.True) return true;
            if (s.Kind == JsonTokenType.False) return false;
            return null;
        }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private static JsonPayload? Payload(ReadOnlySpan<byte> buffer, Slot s)
            => s.Present ? new PowerShellJson(buffer.Slice(s.Start, s.End - s.Start).ToArray()) : null;

        private static ImageAttachment? ReadImage(ReadOnlySpan<byte> buffer, Slot s)
        {
            if (!s.Present || s.Kind != JsonTokenType.StartObject) return null;
            string? name = null, source = null;
            var r = new Utf8JsonReader(buffer.Slice(s.Start, s.End - s.Start));
            r.Read();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var isName = r.ValueTextEquals("attachment_name"u8);
                var isSource = !isName && r.ValueTextEquals("source_id"u8);
                r.Read();
                var v = r.TokenType == JsonTokenType.String ? JsonStrings.GetString(ref r) : null;
                if (r.TokenType == JsonTokenType.StartObject || r.TokenType == JsonTokenType.StartArray) r.Skip();
                if (isName) name = v;
                else if (isSource) source = v;
            }
            return new ImageAttachment(name, source);
        }

        /// <summary>A JSON array's strings (other items are skipped); null when absent or not an array.</summary>
        private static IReadOnlyList<string>? ReadStrings(ReadOnlySpan<byte> buffer, Slot s)
        {
            if (!s.Present || s.Kind != JsonTokenType.StartArray) return null;
            var list = new List<string>();
            var r = new Utf8JsonReader(buffer.Slice(s.Start, s.End - s.Start));
            r.Read();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType == JsonTokenType.String) list.Add(JsonStrings.GetString(ref r));
                else if (r.TokenType == JsonTokenType.StartObject || r.TokenType == JsonTokenType.StartArray) r.Skip();
            }
            return new ReadOnlyItems<string>(list);
        }

        private static Usage? ReadUsage(ReadOnlySpan<byte> buffer, Slot s)
        {
            if (!s.Present || s.Kind != JsonTokenType.StartObject) return null;
            double? duration = null;
            long? input = null, output = null;
            int? turns = null;
            var r = new Utf8JsonReader(buffer.Slice(s.Start, s.End - s.Start));
            r.Read();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("duration_ms"u8)) { r.Read(); duration = JsonNumbers.Double(ref r); }
                else if (r.ValueTextEquals("total_input_tokens"u8)) { r.Read(); input = JsonNumbers.Int64(ref r); }
                else if (r.ValueTextEquals("total_output_tokens"u8)) { r.Read(); output = JsonNumbers.Int64(ref r); }
                else if (r.ValueTextEquals("turns"u8)) { r.Read(); turns = JsonNumbers.Int32(ref r); }
                else { r.Read(); r.Skip(); }
            }
            return new Usage(duration, input, output, turns);
        }
    }
}
