using System;
using System.Collections.Generic;
using System.Text.Json;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// The events of a whole session, kept as the response's bytes plus one entry per event (where it lies in which
    /// <see cref="AppendOnlyBuffer"/>, and its type when the scan could tell). Event objects are built on demand:
    /// all of them on first access to <see cref="ChatSession.Events"/>, or only those a filter wants
    /// (<c>Get-LlamaChatEvent -Type</c>). An event is built at most once, so both ways hand out the same objects.
    /// </summary>
    internal sealed class LazyEvents
    {
        private readonly object _gate = new object();
        private AppendOnlyBuffer[] _segmentBuffer = new AppendOnlyBuffer[4];
        private int[] _segmentStart = new int[4]; // first event of each segment; events of one buffer are contiguous
        private int _segments;
        private int[] _offset = new int[256];
        private int[] _length = new int[256];
        private EventTypeCode[] _code = new EventTypeCode[256];
        private ChatEvent?[]? _built;
        private volatile IReadOnlyList<ChatEvent>? _all;

        /// <summary>How many events the session has.</summary>
        internal int Count { get; private set; }

        /// <summary>The id stamped on the events (the id asked for, or the document's own).</summary>
        internal string SessionId { get; set; } = string.Empty;

        /// <summary>True once every event has been built.</summary>
        internal bool IsMaterialized => _all != null;

        /// <summary>Records the next event, which lies at <c>buffer[offset..offset+length)</c>.</summary>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        internal void Add(AppendOnlyBuffer buffer, int offset, int length, EventTypeCode code)
        {
            if (_segments == 0 || !ReferenceEquals(_segmentBuffer[_segments - 1], buffer))
            {
                if (_segments == _segmentBuffer.Length)
                {
                    Array.Resize(ref _segmentBuffer, _segments * 2);
                    Array.Resize(ref _segmentStart, _segments * 2);
                }
                _segmentBuffer[_segments] = buffer;
                _segmentStart[_segments] = Count;
                _segments++;
            }
            if (Count == _offset.Length)
            {
                Array.Resize(ref _offset, Count * 2);
                Array.Resize(ref _length, Count * 2);
                Array.Resize(ref _code, Count * 2);
            }
            _offset[Count] = offset;
            _length[Count] = length;
            _code[Count] = code;
            Count++;
        }

        /// <summary>Every event, built now if not yet.</summary>
        internal IReadOnlyList<ChatEvent> All
        {
            get
            {
                var all = _all;
                if (all != null) return all;
                lock (_gate)
                {
                    if (_all != null) return _all;
                    var built = _built ??= new ChatEvent?[Count];
                    BuildAll(built);
                    _all = new ReadOnlyItems<ChatEvent>(built!, "event");
                    return _all;
                }
            }
        }

        /// <summary>Every event in order, each built as it is reached and not kept (events already built are reused), so
        /// one pass over a lazy session (its turns) holds one event at a time and leaves the session unmaterialized.</summary>
        internal IEnumerable<ChatEvent> Enumerate()
        {
            var all = _all;
            if (all != null)
            {
                foreach (var e in all) yield return e;
                yield break;
            }
            var segment = 0;
            for (var i = 0; i < Count; i++)
            {
                while (segment + 1 < _segments && _segmentStart[segment + 1] <= i) segment++;
                ChatEvent e;
                // Build reads only the recorded (append-only) bytes; the lock guards _built against a concurrent Select/All.
                lock (_gate) e = _built?[i] ?? Build(i, segment);
                yield return e;
            }
        }

        /// <summary>The events that pass <paramref name="filter"/>, in order, building only those whose type may pass.</summary>
        internal List<ChatEvent> Select(EventFilter filter)
        {
            var result = new List<ChatEvent>();
            var all = _all;
            if (all != null)
            {
                foreach (var e in all) if (filter.Matches(e)) result.Add(e);
                return result;
            }
            // Which codes may pass, decided once: the loop over 100k events is then one table lookup each.
            var mayPass = new bool[(int)EventTypeCode.Unknown + 1];
            mayPass[(int)EventTypeCode.Unresolved] = true;
            for (var c = EventTypeCode.UserInput; c <= EventTypeCode.Unknown; c++)
            {
                mayPass[(int)c] = filter.MatchesType(EventScanner.WireName(c)!)
                    && (!filter.FiltersByName || c == EventTypeCode.ToolCall || c == EventTypeCode.ToolResult);
            }
            // -Type with a wire name this module does not know (e.g. citation) matches unknown events of that type.
            if (filter.UnknownTypeNames != null && !filter.FiltersByName) mayPass[(int)EventTypeCode.Unknown] = true;
            lock (_gate)
            {
                SelectCore(filter, mayPass, result);
            }
            return result;
        }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private void SelectCore(EventFilter filter, bool[] mayPass, List<ChatEvent> result)
        {
            var codes = _code;
            var segment = 0;
            for (var i = 0; i < Count; i++)
            {
                if (!mayPass[(int)codes[i]]) continue;
                while (segment + 1 < _segments && _segmentStart[segment + 1] <= i) segment++;
                var built = _built ??= new ChatEvent?[Count];
                var e = built[i] ??= Build(i, segment);
                if (filter.Matches(e)) result.Add(e);
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private void BuildAll(ChatEvent?[] built)
        {
            var segment = 0;
            for (var i = 0; i < Count; i++)
            {
                while (segment + 1 < _segments && _segmentStart[segment + 1] <= i) segment++;
                if (built[i] == null) built[i] = Build(i, segment);
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private ChatEvent Build(int i, int segment)
        {
            var buffer = _segmentBuffer[segment];
            var span = buffer.Slice(_offset[i], _length[i]);
            var reader = new Utf8JsonReader(span, isFinalBlock: true, new JsonReaderState(SessionReader.Options));
            reader.Read();
            // The scan already read these bytes as JSON: building cannot run short of data.
            if (!EventReader.TryRead(ref reader, span, null, buffer, _offset[i], out var e) || e == null)
                throw new InvalidOperationException($"Event {i} of session '{SessionId}' could not be rebuilt.");
            e.Index = i;
            e.SessionId = SessionId;
            return e;
        }
    }
}
