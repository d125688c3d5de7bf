using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// The events of a whole session, kept as the response's bytes plus one entry per event (where it lies in which
    /// <see cref="AppendOnlyBuffer"/>, and its type when the scan could tell). Event objects are built on demand:
    /// all of them on first access to <see cref="ChatSession.Events"/>, or only those a filter wants
    /// (<c>Get-LlamaChatEvent -Type</c>). An event is built at most once, so both ways hand out the same objects.
    /// </summary>
    /// <remarks>
    /// Entries and built events are kept in chunks of <see cref="ChunkSize"/>, each below the size that puts an array on
    /// the large-object heap: a session's index never grows by copying, and costs no fresh large allocation (whose pages
    /// the system must fault in and zero, after every full collection).
    /// </remarks>
    internal sealed class LazyEvents : IEventHistory
    {
        private const int ChunkBits = 12;

        /// <summary>Events per chunk of entries.</summary>
        internal const int ChunkSize = 1 << ChunkBits;

        private const int ChunkMask = ChunkSize - 1;

        /// <summary>Where one event lies, and its type as the scan saw it.</summary>
        private struct Entry
        {
            internal int Offset;
            internal int Length;
            internal EventTypeCode Code;
        }

        private readonly object _gate = new object();
        private AppendOnlyBuffer[] _segmentBuffer = new AppendOnlyBuffer[4];
        private int[] _segmentStart = new int[4]; // first event of each segment; events of one buffer are contiguous
        private int _segments;
        private Entry[][] _entries = new Entry[4][];
        private ChatEvent?[]?[]? _built; // by chunk, each allocated when one of its events is first built
        private volatile IReadOnlyList<ChatEvent>? _all;

        /// <summary>How many events the session has.</summary>
        public int Count { get; private set; }

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
            var chunk = Count >> ChunkBits;
            if ((Count & ChunkMask) == 0)
            {
                if (chunk == _entries.Length) Array.Resize(ref _entries, chunk * 2);
                _entries[chunk] = new Entry[ChunkSize];
            }
            ref var entry = ref _entries[chunk][Count & ChunkMask];
            entry.Offset = offset;
            entry.Length = length;
            entry.Code = code;
            Count++;
        }

        /// <summary>Every event, built now if not yet.</summary>
        public IReadOnlyList<ChatEvent> All
        {
            get
            {
                var all = _all;
                if (all != null) return all;
                lock (_gate)
                {
                    if (_all != null) return _all;
                    var events = new ChatEvent[Count];
                    BuildAll(events);
                    _all = new ReadOnlyItems<ChatEvent>(events, "event");
                    _built = null; // every built event is in the list now
                    return _all;
                }
            }
        }

        /// <summary>Every event in order, each built as it is reached and not kept (events already built are reused), so
        /// one pass over a lazy session (its turns) holds one event at a time and leaves the session unmaterialized.</summary>
        public IEnumerable<ChatEvent> Enumerate()
        {
            var segment = 0;
            for (var i = 0; i < Count; i++)
            {
                var all = _all;
                if (all != null)
                {
                    // Materialized meanwhile (Events was read): the list has every event, the same objects.
                    for (; i < Count; i++) yield return all[i];
                    yield break;
                }
                while (segment + 1 < _segments && _segmentStart[segment + 1] <= i) segment++;
                ChatEvent e;
                // Build reads only the recorded (append-only) bytes; the lock guards _built against a concurrent Select/All.
                lock (_gate) e = BuiltOrNull(i) ?? (_all != null ? _all[i] : Build(i, segment));
                yield return e;
            }
        }

        /// <summary>
        /// Every event in order, in lists of at most <paramref name="size"/>, as a streamed read hands them out: built as
        /// they are reached and not kept (events already built are reused), so piping a whole session on holds one batch.
        /// </summary>
        internal IEnumerable<List<ChatEvent>> Batches(int size)
        {
            var batch = new List<ChatEvent>(size);
            foreach (var e in Enumerate())
            {
                batch.Add(e);
                if (batch.Count < size) continue;
                yield return batch;
                batch = new List<ChatEvent>(size);
            }
            if (batch.Count > 0) yield return batch;
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
            var mayPass = EventFilter.CodesThatMayPass(filter);
            lock (_gate)
            {
                if (_all != null)
                {
                    foreach (var e in _all) if (filter.Matches(e)) result.Add(e);
                    return result;
                }
                SelectCore(filter, mayPass, result);
            }
            return result;
        }

        /// <summary>
        /// A search (<see cref="EventFilter.Searches"/>): the candidates (type may pass, bytes may match) and the
        /// <see cref="EventFilter.Around"/> events on each side of each, in order; no other event is built. Once every
        /// event is built, all of them (the search decides).
        /// </summary>
        internal List<ChatEvent> SelectSearched(EventFilter filter)
        {
            var result = new List<ChatEvent>();
            var mayPass = EventFilter.CodesThatMayPass(filter);
            lock (_gate)
            {
                if (_all != null)
                {
                    result.AddRange(_all);
                    return result;
                }
                var segment = 0;
                var next = 0; // the first index not yet taken
                for (var i = 0; i < Count; i++)
                {
                    ref var entry = ref _entries[i >> ChunkBits][i & ChunkMask];
                    if (!mayPass[(int)entry.Code]) continue;
                    while (segment + 1 < _segments && _segmentStart[segment + 1] <= i) segment++;
                    if (filter.Search != null && !filter.Search.MayMatch(_segmentBuffer[segment].Slice(entry.Offset, entry.Length))) continue;
                    var from = Math.Max(next, i - filter.Around);
                    var to = Math.Min(Count - 1, i + filter.Around);
                    var s = 0;
                    for (var k = from; k <= to; k++)
                    {
                        while (s + 1 < _segments && _segmentStart[s + 1] <= k) s++;
                        result.Add(BuiltOrNull(k) ?? Build(k, s));
                    }
                    next = to + 1; // a later candidate inside this window extends it from here
                }
            }
            return result;
        }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private void SelectCore(EventFilter filter, bool[] mayPass, List<ChatEvent> result)
        {
            var segment = 0;
            var built = _built ??= new ChatEvent?[_entries.Length][];
            for (var i = 0; i < Count; i++)
            {
                if (!mayPass[(int)_entries[i >> ChunkBits][i & ChunkMask].Code]) continue;
                while (segment + 1 < _segments && _segmentStart[segment + 1] <= i) segment++;
                var chunk = built[i >> ChunkBits] ??= new ChatEvent?[ChunkSize];
                var e = chunk[i & ChunkMask] ??= Build(i, segment);
                if (filter.Matches(e)) result.Add(e);
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private void BuildAll(ChatEvent[] events)
        {
            var segment = 0;
            for (var i = 0; i < Count; i++)
            {
                while (segment + 1 < _segments && _segmentStart[segment + 1] <= i) segment++;
                events[i] = BuiltOrNull(i) ?? Build(i, segment);
            }
        }

        // Called under the gate.
        private ChatEvent? BuiltOrNull(int i)
        {
            var built = _built;
            if (built == null) return null;
            return built[i >> ChunkBits]?[i & ChunkMask];
        }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private ChatEvent Build(int i, int segment)
        {
            var buffer = _segmentBuffer[segment];
            var entry = _entries[i >> ChunkBits][i & ChunkMask];
            var e = EventReader.ReadScanned(buffer.Slice(entry.Offset, entry.Length), null, buffer, entry.Offset)
                ?? throw new InvalidOperationException(Messages.EventNotRebuilt(i, SessionId));
            e.Index = i;
            e.SessionId = SessionId;
            // The events may point into the buffer: it must stay reachable while they are read from it.
            GC.KeepAlive(buffer);
            return e;
        }
    }
}
