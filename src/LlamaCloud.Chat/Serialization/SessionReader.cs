using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// Incremental reader of a session (or summary) JSON document. Feed it the body as it arrives; it consumes
    /// every complete value, hands out events as soon as each one is whole, and leaves a partial value for the
    /// next call. Works the same over one whole buffer (files) with <c>isFinalBlock: true</c>.
    /// </summary>
    internal sealed class SessionReader
    {
        private enum Phase { Start, Object, Events, Done }

        private readonly string? _requestedId;
        private readonly EventSink _sink;
        private readonly ChatSession _session;
        private JsonReaderState _state = new JsonReaderState(JsonLimits.Document);
        private Phase _phase;
        private int _index;
        private bool _afterEvent;  // in the array, just after an event: a ',' or the ']' comes next
        private bool _afterComma;  // in the array, just after a ','
        private long _bodyOffset;  // where the data of the current Read starts in the body
        private long _resumedAt = -1; // where the reader resumed after the events array, once it has
        private int _rescanAt; // bytes from the start of a cut-off event needed before it is scanned again
        private AppendOnlyBuffer? _owner; // where the data of the current Read lies, when the caller keeps it
        private int _ownerOffset;

        /// <param name="requestedId">The id asked for; events carry it even when <c>session_id</c> comes after them.</param>
        /// <param name="sink">What becomes of the events: kept, kept lazily, streamed, or none built.</param>
        internal SessionReader(string? requestedId, EventSink sink)
        {
            _requestedId = requestedId;
            _sink = sink;
            _session = new ChatSession(requestedId ?? string.Empty);
        }

        /// <summary>What this read does with the events.</summary>
        internal EventSink Sink => _sink;

        /// <summary>True once the closing brace of the document has been read.</summary>
        internal bool IsComplete => _phase == Phase.Done;

        /// <summary>How many times an event was scanned, cut-off attempts included (tests: a huge event costs a few scans).</summary>
        internal int EventScans { get; private set; }

        /// <summary>How many events have been read so far, filtered out ones included.</summary>
        internal int EventsSeen => _index;

        /// <summary>The session's fields; complete only when <see cref="IsComplete"/>.</summary>
        internal ChatSession Session => _session;

        /// <summary>
        /// Reads what it can of <c>owner[start..]</c>, a body the caller keeps in append-only buffers, so that events
        /// may point into it (see <see cref="EventSink.PointsIntoBody"/>). Otherwise as <see cref="Read(ReadOnlySpan{byte}, bool)"/>.
        /// </summary>
        internal int Read(AppendOnlyBuffer owner, int start, bool isFinalBlock)
        {
            _owner = owner;
            _ownerOffset = start;
            try
            {
                return ReadCore(owner.Slice(start, owner.Length - start), isFinalBlock);
            }
            finally
            {
                _owner = null;
            }
        }

        /// <summary>
        /// Reads what it can from <paramref name="data"/>. Returns the number of bytes consumed; the caller keeps
        /// the rest and passes it again, followed by more data. Throws <see cref="InvalidSessionJsonException"/>
        /// when the document is not a session or (with <paramref name="isFinalBlock"/>) ends before it is complete.
        /// </summary>
        /// <remarks>
        /// The top-level object is read with <see cref="Utf8JsonReader"/>; the <c>events</c> array, which is nearly all
        /// of the bytes, with <see cref="EventExtentScanner"/> (falling back to the reader for any event it is unsure
        /// of), after which the reader resumes the object from a state made for that point.
        /// </remarks>
        internal int Read(ReadOnlySpan<byte> data, bool isFinalBlock)
        {
            if (_sink.PointsIntoBody && _sink is LazyHistory)
                throw new InvalidOperationException(Messages.LazyHistoryNeedsBuffers());
            return ReadCore(data, isFinalBlock);
        }

        private int ReadCore(ReadOnlySpan<byte> data, bool isFinalBlock)
        {
            if (isFinalBlock && _phase == Phase.Start && IsBlank(data))
                throw new InvalidSessionJsonException(Messages.EmptyBody());
            var consumed = 0;
            while (_phase != Phase.Done)
            {
                if (_phase == Phase.Events)
                {
                    consumed += ReadEvents(data.Slice(consumed), consumed, isFinalBlock);
                    if (_phase == Phase.Events) break; // the data ends inside the array
                    continue;
                }
                consumed += ReadTokens(data.Slice(consumed), isFinalBlock);
                if (_phase != Phase.Events) break; // the data ends (or the session does) outside the array
            }
            if (isFinalBlock)
            {
                if (_phase != Phase.Done) throw Truncated();
                if (!IsBlank(data.Slice(consumed)))
                    throw new InvalidSessionJsonException(Messages.DataAfterSession());
            }
            _bodyOffset += consumed;
            return consumed;
        }

        // The top-level object, token by token, until the data ends, the object does, or the events array starts.
        private int ReadTokens(ReadOnlySpan<byte> data, bool isFinalBlock)
        {
            var startState = _state;
            var reader = new Utf8JsonReader(data, isFinalBlock, _state);
            try
            {
                ReadCore(ref reader, data);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidSessionJsonException(Messages.NotASession(ex.Message), ex);
            }
            catch (JsonException ex)
            {
                // At the end of the body, the reader cannot tell "cut off" from "wrong": a body that is a valid
                // beginning of JSON was truncated; anything else is malformed.
                if (isFinalBlock && IsValidPrefix(data, startState)) throw Truncated();
                throw new InvalidSessionJsonException(Messages.InvalidJson(Trim(ex.Message, PositionOf(ex))), ex);
            }
            _state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        private void ReadCore(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
        {
            while (_phase != Phase.Done && _phase != Phase.Events)
            {
                var checkpoint = reader;
                if (!reader.Read()) { reader = checkpoint; return; }
                switch (_phase)
                {
                    case Phase.Start:
                        if (reader.TokenType != JsonTokenType.StartObject)
                            throw new InvalidSessionJsonException(Messages.ExpectedSessionObject(reader.TokenType));
                        _phase = Phase.Object;
                        break;
                    case Phase.Object:
                        if (reader.TokenType == JsonTokenType.EndObject) { Finish(); break; }
                        if (!ReadProperty(ref reader, data)) { reader = checkpoint; return; }
                        break;
                }
            }
        }

        // The events array, from just after its '[' (or where the last call stopped) up to and including its ']'.
        // Returns the bytes consumed: whole events and the separators after them, never part of an event.
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private unsafe int ReadEvents(ReadOnlySpan<byte> data, int dataOffset, bool isFinalBlock)
        {
            if (data.IsEmpty) return 0;
            fixed (byte* first = data)
            {
                var p = first;
                var end = first + data.Length;
                while (true)
                {
                    var at = p;
                    while (p < end && EventExtentScanner.IsWhitespace(*p)) p++;
                    if (p >= end) return (int)(at - first);
                    var b = *p;
                    var i = (int)(p - first);
                    if (_afterEvent)
                    {
                        if (b == (byte)',') { p++; _afterEvent = false; _afterComma = true; continue; }
                        if (b == (byte)']') { EndEvents(_bodyOffset + dataOffset + i + 1); return i + 1; }
                        throw new InvalidSessionJsonException(Messages.InvalidAfterEvent(b, _index - 1, _bodyOffset + dataOffset + i));
                    }
                    if (b == (byte)']' && !_afterComma) { EndEvents(_bodyOffset + dataOffset + i + 1); return i + 1; }
                    // An event that was cut off is scanned again only once the data from its start has doubled: a huge
                    // event arriving in many small reads then costs a few scans of its bytes, not one per read.
                    var available = (int)(end - p);
                    if (available < _rescanAt && !isFinalBlock) return (int)(at - first);
                    EventScans++;
                    var outcome = EventExtentScanner.Scan(p, end, out var stop, out var code);
                    int to;
                    if (outcome == EventExtentScanner.Outcome.Complete) to = (int)(stop - first);
                    else if (outcome == EventExtentScanner.Outcome.NeedMore || !ScanWithReader(data, i, dataOffset, isFinalBlock, out to, out code))
                    {
                        _rescanAt = available > int.MaxValue / 2 ? int.MaxValue : available * 2;
                        return (int)(at - first);
                    }
                    _rescanAt = 0;
                    var index = _index++;
                    if (_sink.MayWant(code))
                        _sink.Add(data.Slice(i, to - i), index, code, _owner, _ownerOffset + dataOffset + i, _requestedId ?? _session.SessionId);
                    p = first + to;
                    _afterEvent = true;
                    _afterComma = false;
                }
            }
        }

        // An event the fast scanner would not decide: the real reader reads it, or says what is wrong with it.
        private bool ScanWithReader(ReadOnlySpan<byte> data, int start, int dataOffset, bool isFinalBlock, out int end, out EventTypeCode code)
        {
            end = 0;
            code = EventTypeCode.Unresolved;
            var rest = data.Slice(start);
            var reader = new Utf8JsonReader(rest, isFinalBlock, new JsonReaderState(JsonLimits.Event));
            try
            {
                if (!reader.Read() || !EventScanner.TryScan(ref reader, out _, out var to, out code)) return false;
                end = start + to;
                return true;
            }
            catch (JsonException ex)
            {
                if (isFinalBlock && IsValidPrefix(rest, new JsonReaderState(JsonLimits.Event))) throw Truncated();
                throw new InvalidSessionJsonException(Messages.InvalidEvent(_index, _bodyOffset + dataOffset + start, Lead(ex.Message)), ex);
            }
        }

        // After the array's ']', which ends just before byte resumeAt of the body: the reader goes on with the rest of
        // the object from a state made by reading the same structure, an object whose member is an empty array.
        private void EndEvents(long resumeAt)
        {
            _phase = Phase.Object;
            _afterEvent = false;
            _afterComma = false;
            _state = AfterArray;
            _resumedAt = resumeAt;
        }

        private static readonly byte[] AfterArrayPrefix = System.Text.Encoding.ASCII.GetBytes("{\"events\":[]");
        private static readonly JsonReaderState AfterArray = StateAfter(AfterArrayPrefix);

        private static JsonReaderState StateAfter(byte[] prefix)
        {
            var r = new Utf8JsonReader(prefix, isFinalBlock: false, new JsonReaderState(JsonLimits.Document));
            while (r.Read()) { }
            return r.CurrentState;
        }

        // Where in the body the reader's error lies, when its own count cannot say (it restarted after the array):
        // the body's offsets, while the reader is still on the line where it resumed.
        private long? PositionOf(JsonException ex)
        {
            if (_resumedAt < 0 || ex.LineNumber != 0 || ex.BytePositionInLine == null) return null;
            return _resumedAt + (long)ex.BytePositionInLine.Value - AfterArrayPrefix.Length;
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
                    _afterEvent = false;
                    _afterComma = false;
                    _sink.Start(_session);
                    return true;
                }
                if (reader.TokenType != JsonTokenType.Null)
                    throw new InvalidSessionJsonException(Messages.ExpectedEventsArray(reader.TokenType));
                return true;
            }
            var start = (int)reader.TokenStartIndex;
            if ((reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip()) return false;
            var value = data.Slice(start, (int)reader.BytesConsumed - start);
            var r = new Utf8JsonReader(value, JsonLimits.Document);
            r.Read();
            switch (name)
            {
                case "session_id": _session.SessionId = r.TokenType == JsonTokenType.String ? JsonStrings.GetString(ref r) : _session.SessionId; break;
                case "last_updated_at":
                    if (r.TokenType == JsonTokenType.String) SetTimestamp(JsonStrings.GetString(ref r));
                    break;
                case "shared_access": _session.SharedAccess = r.TokenType == JsonTokenType.String ? JsonStrings.GetString(ref r) : null; break;
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
            _sink.Finish(_requestedId ?? _session.SessionId);
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
            new InvalidSessionJsonException(Messages.Truncated());

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

        // STJ messages end with a long hint about the reader's position: keep the first sentence and the position
        // (the body's own offset when known, else the reader's).
        private static string Trim(string message, long? bodyOffset)
        {
            var i = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            var pos = message.IndexOf("BytePositionInLine", StringComparison.Ordinal);
            if (i <= 0 || pos <= 0) return message;
            var lead = ShortLiteral(message.Substring(0, i).TrimEnd()).TrimEnd('.');
            return bodyOffset != null ? Messages.AtBodyByte(lead, bodyOffset.Value) : Messages.AtReaderPosition(lead, message.Substring(pos).TrimEnd('.', ' '));
        }

        // The first sentence alone: for an event read on its own, whose reader counts from the event's first byte.
        private static string Lead(string message)
        {
            var i = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return ShortLiteral((i > 0 ? message.Substring(0, i) : message).TrimEnd()).TrimEnd('.');
        }

        private const string InvalidLiteral = "' is an invalid JSON literal.";
        private const int QuotedLiteral = 24;

        // The reader quotes a misspelled literal together with everything after it in its buffer (up to a whole file or
        // receive buffer, session text included): keep the start of it.
        private static string ShortLiteral(string lead)
        {
            if (lead.Length == 0 || lead[0] != '\'') return lead;
            var at = lead.IndexOf(InvalidLiteral, StringComparison.Ordinal);
            if (at <= 1 + QuotedLiteral) return lead;
            return Messages.ShortenedQuote(lead.Substring(0, 1 + QuotedLiteral), lead.Substring(at));
        }
    }
}
