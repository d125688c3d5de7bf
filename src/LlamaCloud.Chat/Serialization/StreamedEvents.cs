using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// The events a filter wants, built as they arrive and handed out in batches (one per network read), never kept:
    /// Get-LlamaChatEvent -SessionId, turns, traces. A resumed download skips the events an earlier attempt delivered.
    /// </summary>
    internal sealed class StreamedEvents : EventSink
    {
        private readonly EventFilter? _filter;
        private readonly bool[] _mayPass;
        private readonly int _skipBelow;
        private List<ChatEvent> _batch = new List<ChatEvent>();

        /// <param name="filter">The events wanted; null wants all.</param>
        /// <param name="skipBelow">Events whose index is below this are read but not handed out.</param>
        internal StreamedEvents(EventFilter? filter, int skipBelow = 0)
        {
            _filter = filter;
            _mayPass = EventFilter.CodesThatMayPass(filter);
            _skipBelow = skipBelow;
        }

        internal override bool PointsIntoBody => false;

        internal override bool MayWant(EventTypeCode code) => _mayPass[(int)code];

        internal override void Start(ChatSession session) => NoHistory(session);

        internal override void Add(ReadOnlySpan<byte> json, int index, EventTypeCode code, AppendOnlyBuffer? owner, int ownerStart, string sessionId)
        {
            if (index < _skipBelow) return;
            var e = EventReader.ReadScanned(json, _filter, null, 0);
            if (e == null) return;
            e.Index = index;
            e.SessionId = sessionId;
            _batch.Add(e);
        }

        internal override List<ChatEvent>? TakeBatch()
        {
            if (_batch.Count == 0) return null;
            var batch = _batch;
            _batch = new List<ChatEvent>();
            return batch;
        }
    }
}
