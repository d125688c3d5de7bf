using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// Incremental reader of a session (or summary) JSON document. Feed it the body as it arrives; it consumes
    /// every complete value, hands out events as soon as each one is whole, and leaves a partial value for the
    /// next call. Works the same over one whole buffer (files) with <c>isFinalBlock: true</c>.
    /// </summary>
    internal sealed class SessionReader
    {
        private enum Phase { Start, Object, Events, Done }

        internal static readonly JsonReaderOptions Options = new JsonReaderOptions { MaxDepth = 256 };

        private readonly string? _requestedId;
        private readonly EventFilter? _filter;
        private readonly ChatSession _session;
        private JsonReaderState _state = new JsonReaderState(Options);
        private Phase _phase;
        private int _index;
        private List<ChatEvent>? _keptEvents;

        /// <param name="requestedId">The id asked for; events carry it even when <c>session_id</c> comes after them.</param>
        /// <param name="filter">Events to keep; null keeps all.</param>
        /// <param name="keepEvents">Collect the events into <see cref="Session"/> (Get-LlamaChatSession) rather than only handing them out.</param>
        internal SessionReader(string? requestedId, EventFilter? filter, bool keepEvents)
        {
            _requestedId = requestedId;
            _filter = filter;
            _session = new ChatSession(requestedId ?? string.Empty);
            if (keepEvents) _keptEvents = new List<ChatEvent>();
        }

        /// <summary>True once the closing brace of the document has been read.</summary>
        internal bool IsComplete => _phase == Phase.Done;

        /// <summary>
        /// Set by a caller whose bytes live in an append-only buffer: the span given to <see cref="Read"/> is then
        /// <c>Owner[OwnerOffset..]</c>, and kept events point their text into it instead of copying.
        /// Only used where the whole session is kept anyway (Get-LlamaChatSession).
        /// </summary>
        internal AppendOnlyBuffer? Owner { get; set; }

        /// <summary>Where the span given to <see cref="Read"/> starts in <see cref="Owner"/>.</summary>
        internal int OwnerOffset { get; set; }

        /// <summary>True when this reader keeps its events, so its caller may hand it stable buffers (see <see cref="Owner"/>).</summary>
        internal bool KeepsEvents => _keptEvents != null;

        /// <summary>
        /// Set (with <see cref="Owner"/>) to keep the events as bytes and build them on demand: each event is then only
        /// scanned here (still validated as JSON) and recorded in this list, which becomes the session's.
        /// </summary>
        internal LazyEvents? Deferred { get; set; }

        /// <summary>Events whose index is below this are read but not handed out (a resumed download).</summary>
        internal int SkipBelow { get; set; }

        /// <summary>How many events have been read so far, filtered out ones included.</summary>
        internal int EventsSeen => _index;

        /// <summary>The session's fields; complete only when <see cref="IsComplete"/>.</summary>
        internal ChatSession Session => _session;

        /// <summary>
        /// Reads what it can from <paramref name="data"/>. Returns the number of bytes consumed; the caller keeps
        /// the rest and passes it again, followed by more data. Throws <see cref="InvalidSessionJsonException"/>
        /// when the document is not a session or (with <paramref name="isFinalBlock"/>) ends before it is complete.
        /// </summary>
        internal int Read(ReadOnlySpan<byte> data, bool isFinalBlock, List<ChatEvent>? output)
        {
            if (isFinalBlock && _phase == Phase.Start && IsBlank(data))
                throw new InvalidSessionJsonException("The response body is empty.");
            var startState = _state;
            var reader = new Utf8JsonReader(data, isFinalBlock, _state);
            try
            {
                ReadCore(ref reader, data, output);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidSessionJsonException($"The response could not be read as a session ({ex.Message})", ex);
            }
            catch (JsonException ex)
            {
                // At the end of the body, the reader cannot tell "cut off" from "wrong": a body that is a valid
                // beginning of JSON was truncated; anything else is malformed.
                if (isFinalBlock && IsValidPrefix(data, startState)) throw Truncated();
                throw new InvalidSessionJsonException(
                    $"The response is not valid JSON ({Trim(ex.Message)})", ex);
            }
            if (isFinalBlock)
            {
                if (_phase != Phase.Done) throw Truncated();
                if (!IsBlank(data.Slice((int)reader.BytesConsumed)))
                    throw new InvalidSessionJsonException("The response has unexpected data after the end of the session.");
            }
            _state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        private void ReadCore(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<ChatEvent>? output)
        {
            while (_phase != Phase.Done)
            {
                var checkpoint = reader;
                if (!reader.Read()) { reader = checkpoint; return; }
                switch (_phase)
                {
                    case Phase.Start:
                        if (reader.TokenType != JsonTokenType.StartObject)
                            throw new InvalidSessionJsonException($"Expected a JSON object for the session, got {Describe(reader.TokenType)}.");
                        _phase = Phase.Object;
                        break;
                    case Phase.Object:
                        if (reader.TokenType == JsonTokenType.EndObject) { Finish(); break; }
                        if (!ReadProperty(ref reader, data)) { reader = checkpoint; return; }
                        break;
                    case Phase.Events:
                        if (reader.TokenType == JsonTokenType.EndArray) { _phase = Phase.Object; break; }
                        if (Deferred != null)
                        {
                            if (!EventScanner.TryScan(ref reader, out var from, out var to, out var code)) { reader = checkpoint; return; }
                            Deferred.Add(Owner!, OwnerOffset + from, to - from, code);
                            _index++;
                            break;
                        }
                        if (!EventReader.TryRead(ref reader, data, _filter, Owner, OwnerOffset, out var e)) { reader = checkpoint; return; }
                        var index = _index++;
                        if (e != null && index >= SkipBelow)
                        {
                            e.Index = index;
                            e.SessionId = _requestedId ?? _session.SessionId;
                            output?.Add(e);
                            _keptEvents?.Add(e);
                        }
                        break;
                }
            }
        }

        // Reads a whole top-level property; false when its value is not yet complete in the buffer.
        private bool ReadProperty(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
        {
            var name = JsonStrings.GetString(ref reader);
            if (!reader.Read()) return false;
            if (name == "events")
            {
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    _phase = Phase.Events;
                    if (Deferred != null)
                    {
                        _session.Lazy = Deferred;
                        return true;
                    }
                    _session.Events = new ReadOnlyItems<ChatEvent>(_keptEvents ?? (IList<ChatEvent>)Array.Empty<ChatEvent>(), "event");
                    return true;
                }
                if (reader.TokenType != JsonTokenType.Null)
                    throw new InvalidSessionJsonException($"Expected 'events' to be an array, got {Describe(reader.TokenType)}.");
                return true;
            }
            var start = (int)reader.TokenStartIndex;
            if ((reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip()) return false;
            var value = data.Slice(start, (int)reader.BytesConsumed - start);
            var r = new Utf8JsonReader(value, Options);
            r.Read();
            switch (name)
            {
                case "session_id": _session.SessionId = r.TokenType == JsonTokenType.String ? JsonStrings.GetString(ref r) : _session.SessionId; break;
                case "last_updated_at":
                    if (r.TokenType == JsonTokenType.String) SetTimestamp(JsonStrings.GetString(ref r));
                    break;
                case "generated_title": _session.GeneratedTitle = r.TokenType == JsonTokenType.String ? JsonStrings.GetString(ref r) : null; break;
                case "index_ids": _session.IndexIds = ReadStrings(ref r); break;
                case "job_metadata": _session.JobMetadata = ReadJobMetadata(ref r); break;
                default:
                    (_session.ExtraFields ??= new List<string>()).Add(name);
                    break;
            }
            return true;
        }

        private void Finish()
        {
            _phase = Phase.Done;
            if (string.IsNullOrEmpty(_session.SessionId) && _requestedId != null) _session.SessionId = _requestedId;
            if (Deferred != null) Deferred.SessionId = _requestedId ?? _session.SessionId;
            if (_requestedId == null && _keptEvents != null)
            {
                // A file: session_id may come after the events, so stamp them now.
                foreach (var e in _keptEvents) e.SessionId = _session.SessionId;
            }
        }

        private void SetTimestamp(string text)
        {
            _session.LastUpdatedAtText = text;
            // The API sends ISO 8601 without an offset, meaning UTC; an explicit offset is honoured.
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto))
                _session.LastUpdatedAt = dto.UtcDateTime;
        }

        private static IReadOnlyList<string>? ReadStrings(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartArray) return null;
            var list = new List<string>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType == JsonTokenType.String) list.Add(JsonStrings.GetString(ref r));
                else if (r.TokenType == JsonTokenType.StartObject || r.TokenType == JsonTokenType.StartArray) r.Skip();
            }
            return new ReadOnlyItems<string>(list);
        }

        private static JobMetadata? ReadJobMetadata(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartObject) return null;
            var m = new JobMetadata();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("duration_ms"u8)) { r.Read(); m.DurationMs = JsonNumbers.Double(ref r); }
                else if (r.ValueTextEquals("error"u8)) { r.Read(); m.Error = r.TokenType == JsonTokenType.String ? JsonStrings.GetString(ref r) : null; }
                else if (r.ValueTextEquals("export_config_ids"u8)) { r.Read(); m.ExportConfigIds = ReadStrings(ref r); }
                else if (r.ValueTextEquals("is_error"u8)) { r.Read(); m.IsError = r.TokenType == JsonTokenType.True ? true : r.TokenType == JsonTokenType.False ? false : (bool?)null; }
                else if (r.ValueTextEquals("total_input_tokens"u8)) { r.Read(); m.TotalInputTokens = JsonNumbers.Int64(ref r); }
                else if (r.ValueTextEquals("total_output_tokens"u8)) { r.Read(); m.TotalOutputTokens = JsonNumbers.Int64(ref r); }
                else if (r.ValueTextEquals("turns"u8)) { r.Read(); m.Turns = JsonNumbers.Int32(ref r); }
                else { r.Read(); r.Skip(); }
            }
            return m;
        }

        private static InvalidSessionJsonException Truncated() =>
            new InvalidSessionJsonException("The response body ended before the session was complete (truncated).");

        private static bool IsValidPrefix(ReadOnlySpan<byte> data, JsonReaderState state)
        {
            var probe = new Utf8JsonReader(data, false, state);
            try
            {
                while (probe.Read()) { }
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static bool IsBlank(ReadOnlySpan<byte> data)
        {
            foreach (var b in data)
            {
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n') return false;
            }
            return true;
        }

        private static string Describe(JsonTokenType t) => t switch
        {
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => t.ToString(),
        };

        private static string Trim(string message)
        {
            // STJ messages end with a long hint about the reader's position: keep the first sentence and the position.
            var i = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            var pos = message.IndexOf("BytePositionInLine", StringComparison.Ordinal);
            return i > 0 && pos > 0 ? message.Substring(0, i).TrimEnd() + " at " + message.Substring(pos).TrimEnd('.', ' ') : message;
        }
    }
}
