using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace LlamaCloud.Chat.Api
{
    /// <summary>
    /// An incremental parser of <c>text/event-stream</c> by the WHATWG HTML standard's rules ("Interpreting an event
    /// stream"): lines end in LF, CR or CRLF (a CR at the end of one chunk and an LF at the start of the next are one
    /// line end); a UTF-8 BOM at the very start is ignored; <c>data:</c> lines are joined with LF; <c>event:</c>,
    /// <c>id:</c> (ignored if it contains NUL) and <c>retry:</c> (ASCII digits only) are kept; lines starting with
    /// <c>:</c> are comments; an event is dispatched at a blank line, and one still pending when the stream ends
    /// is discarded. Feed it bytes as they arrive; it never throws on content.
    /// </summary>
    internal sealed class EventStreamParser
    {
        private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };
        private readonly MemoryStream _line = new MemoryStream();
        private readonly MemoryStream _data = new MemoryStream();
        private string _eventType = string.Empty;
        private string _lastEventId = string.Empty;
        private int _bomMatched; // bytes of the BOM seen at the start; -1 once the start is decided
        private bool _afterCr;
        private bool _hasData;

        /// <summary>The most a stray line keeps (an error body is short; a long one is cut, never held whole).</summary>
        internal const int StrayLimit = 4096;

        /// <summary>
        /// The first line that is not an SSE field but starts like a JSON value (<c>{</c> or <c>[</c>): a server that wrote
        /// an error body into the stream without <c>data:</c> framing. The standard ignores such a line; it is kept here
        /// (at most <see cref="StrayLimit"/> bytes) so the reader can report the server's words. A last line without its
        /// line end counts too, once <see cref="Complete"/> is called.
        /// </summary>
        internal byte[]? StrayJsonLine { get; private set; }

        /// <summary>Comment lines seen (keep-alives).</summary>
        internal int Comments { get; private set; }

        /// <summary>The last valid <c>retry:</c> value in milliseconds, if any.</summary>
        internal long? Retry { get; private set; }

        /// <summary>True when data lines have been read whose event has not been dispatched (no blank line yet).</summary>
        internal bool HasPendingEvent => _hasData || _line.Length > 0;

        /// <summary>Parses <paramref name="chunk"/>, adding every event it completes to <paramref name="output"/>.</summary>
        internal void Feed(ReadOnlySpan<byte> chunk, List<ServerSentEvent> output)
        {
            var i = 0;
            while (_bomMatched >= 0 && i < chunk.Length)
            {
                if (chunk[i] == Bom[_bomMatched])
                {
                    i++;
                    if (++_bomMatched == Bom.Length) _bomMatched = -1;
                    continue;
                }
                // Not a BOM after all: the bytes taken so far were content.
                var taken = _bomMatched;
                _bomMatched = -1;
                if (taken > 0) Consume(new ReadOnlySpan<byte>(Bom, 0, taken), output);
            }
            if (i < chunk.Length) Consume(chunk.Slice(i), output);
        }

        /// <summary>
        /// The end of the stream. Whatever is pending (a last line without its line end, an event without its blank
        /// line) is discarded, as the standard says; returns true when something was.
        /// </summary>
        internal bool Complete()
        {
            var discarded = HasPendingEvent || (_bomMatched > 0);
            if (_line.Length > 0) KeepStray(new ReadOnlySpan<byte>(_line.GetBuffer(), 0, (int)_line.Length));
            _line.SetLength(0);
            _data.SetLength(0);
            _hasData = false;
            _eventType = string.Empty;
            return discarded;
        }

        private void Consume(ReadOnlySpan<byte> chunk, List<ServerSentEvent> output)
        {
            var start = 0;
            for (var i = 0; i < chunk.Length; i++)
            {
                var b = chunk[i];
                if (b != (byte)'\n' && b != (byte)'\r')
                {
                    _afterCr = false;
                    continue;
                }
                if (b == (byte)'\n' && _afterCr && i == start && _line.Length == 0)
                {
                    // The LF of a CRLF whose CR ended the previous line (possibly in the previous chunk).
                    _afterCr = false;
                    start = i + 1;
                    continue;
                }
                Append(chunk.Slice(start, i - start));
                ProcessLine(output);
                _afterCr = b == (byte)'\r';
                start = i + 1;
            }
            Append(chunk.Slice(start));
        }

        private void Append(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty) return;
            _afterCr = false;
            var array = bytes.ToArray();
            _line.Write(array, 0, array.Length);
        }

        private void ProcessLine(List<ServerSentEvent> output)
        {
            var line = new ReadOnlySpan<byte>(_line.GetBuffer(), 0, (int)_line.Length);
            try
            {
                if (line.IsEmpty)
                {
                    Dispatch(output);
                    return;
                }
                if (line[0] == (byte)':')
                {
                    Comments++;
                    return;
                }
                if (line[0] == (byte)'{' || line[0] == (byte)'[')
                {
                    KeepStray(line);
                    return;
                }
                var colon = line.IndexOf((byte)':');
                var name = colon < 0 ? line : line.Slice(0, colon);
                var value = colon < 0 ? ReadOnlySpan<byte>.Empty : line.Slice(colon + 1);
                if (!value.IsEmpty && value[0] == (byte)' ') value = value.Slice(1);
                Field(name, value);
            }
            finally
            {
                _line.SetLength(0);
            }
        }

        private void KeepStray(ReadOnlySpan<byte> line)
        {
            if (StrayJsonLine != null) return;
            var trimmed = line;
            while (!trimmed.IsEmpty && (trimmed[0] == (byte)' ' || trimmed[0] == (byte)'\t')) trimmed = trimmed.Slice(1);
            if (trimmed.IsEmpty || (trimmed[0] != (byte)'{' && trimmed[0] != (byte)'[')) return;
            StrayJsonLine = trimmed.Slice(0, Math.Min(trimmed.Length, StrayLimit)).ToArray();
        }

        private void Field(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            if (Is(name, "data"))
            {
                var array = value.ToArray();
                _data.Write(array, 0, array.Length);
                _data.WriteByte((byte)'\n');
                _hasData = true;
            }
            else if (Is(name, "event"))
            {
                _eventType = Decode(value);
            }
            else if (Is(name, "id"))
            {
                if (value.IndexOf((byte)0) < 0) _lastEventId = Decode(value);
            }
            else if (Is(name, "retry"))
            {
                if (value.IsEmpty) return;
                foreach (var c in value)
                    if (c < (byte)'0' || c > (byte)'9') return;
                if (long.TryParse(Decode(value), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)) Retry = ms;
            }
            // Any other field is ignored, as the standard says.
        }

        private void Dispatch(List<ServerSentEvent> output)
        {
            var type = _eventType.Length == 0 ? "message" : _eventType;
            _eventType = string.Empty;
            if (!_hasData)
            {
                _data.SetLength(0);
                return;
            }
            // The data buffer ends with the LF of its last line: the standard removes it.
            var data = new byte[_data.Length - 1];
            Buffer.BlockCopy(_data.GetBuffer(), 0, data, 0, data.Length);
            _data.SetLength(0);
            _hasData = false;
            output.Add(new ServerSentEvent(type, data, _lastEventId));
        }

        private static bool Is(ReadOnlySpan<byte> name, string field)
        {
            if (name.Length != field.Length) return false;
            for (var i = 0; i < name.Length; i++)
                if (name[i] != (byte)field[i]) return false;
            return true;
        }

        private static string Decode(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes.ToArray());
    }
}
