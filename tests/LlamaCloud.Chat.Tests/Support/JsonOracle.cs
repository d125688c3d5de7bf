using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlamaCloud.Chat.Tests.Support
{
    /// <summary>
    /// What a session body should read as, worked out with <see cref="Utf8JsonReader"/> alone and none of the module's
    /// code: whether the body is JSON at all (or a valid beginning of JSON, truncated), whether it is a session object,
    /// the raw text of each element of its events arrays, and from each element the event it describes (the event rules
    /// of docs/api.md: known wire types, types inferred from an untyped event's shape, a field's last occurrence wins).
    /// <see cref="Observe"/> writes a built event in the same form, so a read can be compared with the oracle.
    /// </summary>
    internal static class JsonOracle
    {
        private static readonly HashSet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            "user_input", "thinking_delta", "thinking", "text_delta", "text", "tool_call", "tool_result", "stop",
        };

        /// <summary>
        /// The body read by Utf8JsonReader with MaxDepth 256 (the session object and its array take two of it). Events is
        /// null when the body is refused; then Truncated says whether it is a valid beginning of JSON, NotASession whether
        /// it is valid JSON that is no session (not an object, or an events member that is no array or null).
        /// </summary>
        internal static (List<string>? Events, bool Truncated, bool NotASession) Read(byte[] body, string sessionId = "ses-1")
        {
            var elements = Elements(body, out var truncated, out var notASession);
            if (elements == null) return (null, truncated, notASession);
            var events = new List<string>(elements.Count);
            for (var i = 0; i < elements.Count; i++) events.Add(Expected(elements[i], i, sessionId));
            return (events, false, false);
        }

        /// <summary>The raw bytes of every element of every events array, in order; null when the body is refused.</summary>
        internal static List<byte[]>? Elements(byte[] body, out bool truncated, out bool notASession)
        {
            truncated = notASession = false;
            var options = new JsonReaderOptions { MaxDepth = 256 };
            var reader = new Utf8JsonReader(body, isFinalBlock: true, new JsonReaderState(options));
            try
            {
                while (reader.Read()) { }
            }
            catch (JsonException)
            {
                var probe = new Utf8JsonReader(body, isFinalBlock: false, new JsonReaderState(options));
                try
                {
                    while (probe.Read()) { }
                    truncated = true;
                }
                catch (JsonException)
                {
                }
                return null;
            }
            var list = new List<byte[]>();
            var walk = new Utf8JsonReader(body, isFinalBlock: true, new JsonReaderState(options));
            walk.Read();
            if (walk.TokenType != JsonTokenType.StartObject)
            {
                notASession = true;
                return null;
            }
            while (walk.Read() && walk.TokenType == JsonTokenType.PropertyName)
            {
                var isEvents = walk.ValueTextEquals("events"u8);
                walk.Read();
                if (isEvents && walk.TokenType != JsonTokenType.StartArray && walk.TokenType != JsonTokenType.Null)
                {
                    notASession = true;
                    return null;
                }
                if (!isEvents || walk.TokenType != JsonTokenType.StartArray)
                {
                    walk.Skip();
                    continue;
                }
                while (walk.Read() && walk.TokenType != JsonTokenType.EndArray)
                {
                    var from = (int)walk.TokenStartIndex;
                    walk.Skip();
                    list.Add(body.AsSpan(from, (int)walk.BytesConsumed - from).ToArray());
                }
            }
            return list;
        }

        /// <summary>The event one element describes, in <see cref="Observe"/>'s form.</summary>
        internal static string Expected(byte[] element, int index, string sessionId)
        {
            var reader = new Utf8JsonReader(element, new JsonReaderOptions { MaxDepth = 256 });
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
                return Line("UnknownEvent", null, index, sessionId, rawJson: Text(element));

            // The last occurrence of each member (kind and raw bytes, quotes included for a string).
            var members = new Dictionary<string, (JsonTokenType Kind, byte[] Raw)>(StringComparer.Ordinal);
            string[] names = { "type", "content", "call_id", "name", "arguments", "result", "image_attachment", "error", "is_error", "usage" };
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string? name = null;
                foreach (var n in names)
                    if (reader.ValueTextEquals(n)) name = n;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var kind = reader.TokenType;
                if (kind == JsonTokenType.StartObject || kind == JsonTokenType.StartArray) reader.Skip();
                if (name != null) members[name] = (kind, element.AsSpan(start, (int)reader.BytesConsumed - start).ToArray());
            }
            bool Has(string n) => members.ContainsKey(n);
            string? TextOf(string n) => !members.TryGetValue(n, out var m) || m.Kind == JsonTokenType.Null ? null
                : m.Kind == JsonTokenType.String ? Unquote(m.Raw) : Text(m.Raw);
            string? RawOf(string n) => members.TryGetValue(n, out var m) ? Text(m.Raw) : null;

            string? type = null, unknownType = null;
            if (members.TryGetValue("type", out var t) && t.Kind == JsonTokenType.String)
            {
                var s = Unquote(t.Raw);
                if (KnownTypes.Contains(s)) type = s;
                else unknownType = s;
            }
            else if (!Has("type") || t.Kind == JsonTokenType.Null)
            {
                // Untyped: classified only when exactly one type fits, with all its fields and nothing foreign.
                var toolish = !Has("content") && Has("call_id") && Has("name") && !Has("error") && !Has("is_error") && !Has("usage");
                if (toolish && Has("arguments") && !Has("result") && !Has("image_attachment")) type = "tool_call";
                else if (toolish && Has("result") && !Has("arguments")) type = "tool_result";
                else if (!Has("content") && Has("is_error") && Has("usage") && !Has("call_id") && !Has("name") && !Has("arguments")
                    && !Has("result") && !Has("image_attachment")) type = "stop";
            }

            switch (type)
            {
                case "user_input": return Line("UserInputEvent", type, index, sessionId, content: TextOf("content"));
                case "thinking_delta": return Line("ThinkingDeltaEvent", type, index, sessionId, content: TextOf("content"));
                case "thinking": return Line("ThinkingEvent", type, index, sessionId, content: TextOf("content"));
                case "text_delta": return Line("TextDeltaEvent", type, index, sessionId, content: TextOf("content"));
                case "text": return Line("TextEvent", type, index, sessionId, content: TextOf("content"));
                case "tool_call":
                    return Line("ToolCallEvent", type, index, sessionId, callId: TextOf("call_id"), name: TextOf("name"), argumentsJson: RawOf("arguments"));
                case "tool_result":
                    var image = members.TryGetValue("image_attachment", out var img) && img.Kind == JsonTokenType.StartObject ? Image(img.Raw) : "<null>";
                    return Line("ToolResultEvent", type, index, sessionId, callId: TextOf("call_id"), name: TextOf("name"), resultJson: RawOf("result"), image: image);
                case "stop":
                    var usage = members.TryGetValue("usage", out var u) && u.Kind == JsonTokenType.StartObject ? Usage(u.Raw) : "<null>";
                    var isError = members.TryGetValue("is_error", out var e) && e.Kind == JsonTokenType.True;
                    return Line("StopEvent", type, index, sessionId, error: TextOf("error"), isError: isError, usage: usage);
                default:
                    return Line("UnknownEvent", unknownType, index, sessionId, rawJson: Text(element));
            }
        }

        /// <summary>Everything observable about a built event, in the oracle's form.</summary>
        internal static string Observe(ChatEvent e)
        {
            var image = e is ToolResultEvent r ? r.ImageAttachment == null ? "<null>" : Pair(r.ImageAttachment.AttachmentName, r.ImageAttachment.SourceId) : "<null>";
            var usage = e is StopEvent s && s.Usage != null
                ? UsageText(s.Usage.DurationMs, s.Usage.TotalInputTokens, s.Usage.TotalOutputTokens, s.Usage.Turns) : "<null>";
            return Line(e.GetType().Name, e.Type, e.Index!.Value, e.SessionId, e.Content, e.CallId, e.Name, e.ArgumentsJson, e.ResultJson,
                image, e.Error, e.IsError, usage, e.RawJson);
        }

        internal static List<string> ObserveAll(IEnumerable<ChatEvent> events)
        {
            var list = new List<string>();
            foreach (var e in events) list.Add(Observe(e));
            return list;
        }

        private static string Line(string cls, string? type, int index, string sessionId, string? content = null, string? callId = null,
            string? name = null, string? argumentsJson = null, string? resultJson = null, string image = "<null>", string? error = null,
            bool isError = false, string usage = "<null>", string? rawJson = null)
            => string.Join("|", cls, type ?? "<null>", index.ToString(CultureInfo.InvariantCulture), sessionId, content ?? "<null>",
                callId ?? "<null>", name ?? "<null>", argumentsJson ?? "<null>", resultJson ?? "<null>", image, error ?? "<null>",
                isError ? "error" : "ok", usage, rawJson ?? "<null>");

        private static string Pair(string? a, string? b) => "(" + (a ?? "<null>") + "," + (b ?? "<null>") + ")";

        private static string Image(byte[] raw)
        {
            string? name = null, source = null;
            var r = new Utf8JsonReader(raw, new JsonReaderOptions { MaxDepth = 256 });
            r.Read();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var isName = r.ValueTextEquals("attachment_name"u8);
                var isSource = r.ValueTextEquals("source_id"u8);
                r.Read();
                var start = (int)r.TokenStartIndex;
                var value = r.TokenType == JsonTokenType.String ? Unquote(raw.AsSpan(start, (int)r.BytesConsumed - start).ToArray()) : null;
                if (r.TokenType == JsonTokenType.StartObject || r.TokenType == JsonTokenType.StartArray) r.Skip();
                if (isName) name = value;
                if (isSource) source = value;
            }
            return Pair(name, source);
        }

        private static string Usage(byte[] raw)
        {
            double? duration = null;
            long? input = null, output = null;
            int? turns = null;
            var r = new Utf8JsonReader(raw, new JsonReaderOptions { MaxDepth = 256 });
            r.Read();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var field = r.ValueTextEquals("duration_ms"u8) ? 1 : r.ValueTextEquals("total_input_tokens"u8) ? 2
                    : r.ValueTextEquals("total_output_tokens"u8) ? 3 : r.ValueTextEquals("turns"u8) ? 4 : 0;
                r.Read();
                var number = r.TokenType == JsonTokenType.Number ? Encoding.UTF8.GetString(r.ValueSpan) : null;
                if (r.TokenType == JsonTokenType.StartObject || r.TokenType == JsonTokenType.StartArray) r.Skip();
                switch (field)
                {
                    case 1: duration = number == null ? null : double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture); break;
                    case 2: input = Integral(number, long.MinValue, long.MaxValue); break;
                    case 3: output = Integral(number, long.MinValue, long.MaxValue); break;
                    case 4: turns = (int?)Integral(number, int.MinValue, int.MaxValue); break;
                }
            }
            return UsageText(duration, input, output, turns);
        }

        // A JSON number as a whole count: an integer, or a number with a zero fraction (12.0, 1e3), inside the range.
        private static long? Integral(string? number, long min, long max)
        {
            if (number == null) return null;
            if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l >= min && l <= max ? l : null;
            if (!decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d != decimal.Truncate(d)) return null;
            return d >= min && d <= max ? (long)d : null;
        }

        private static string UsageText(double? duration, long? input, long? output, int? turns) =>
            string.Join(",", duration?.ToString("R", CultureInfo.InvariantCulture) ?? "-", input?.ToString(CultureInfo.InvariantCulture) ?? "-",
                output?.ToString(CultureInfo.InvariantCulture) ?? "-", turns?.ToString(CultureInfo.InvariantCulture) ?? "-");

        // Bytes as text, invalid UTF-8 as U+FFFD.
        private static string Text(byte[] raw) => Encoding.UTF8.GetString(raw);

        // A JSON string token's value: the escapes of RFC 8259 section 7 undone, the rest decoded as UTF-8.
        private static string Unquote(byte[] raw)
        {
            var sb = new StringBuilder();
            var run = new List<byte>();
            void Flush()
            {
                sb.Append(Encoding.UTF8.GetString(run.ToArray()));
                run.Clear();
            }
            for (var i = 1; i < raw.Length - 1; i++)
            {
                if (raw[i] != (byte)'\\')
                {
                    run.Add(raw[i]);
                    continue;
                }
                Flush();
                var c = (char)raw[++i];
                switch (c)
                {
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        sb.Append((char)int.Parse(Encoding.ASCII.GetString(raw, i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 4;
                        break;
                    default: sb.Append(c); break; // \" \\ \/
                }
            }
            Flush();
            return sb.ToString();
        }
    }
}
