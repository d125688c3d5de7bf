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
        private readonly MatchWindow? _window; // a search: only candidates and their context are built
        private List<ChatEvent> _batch = new List<ChatEvent>();

        /// <param name="filter">The events wanted; null wants all.</param>
        /// <param name="skipBelow">Events whose index is below this are read but not handed out.</param>
        internal StreamedEvents(EventFilter? filter, int skipBelow = 0)
        {
            _filter = filter;
            _mayPass = EventFilter.CodesThatMayPass(filter);
            _skipBelow = skipBelow;
            if (filter != null && filter.Searches) _window = new MatchWindow(filter.Search, filter.Around);
        }

        internal override bool PointsIntoBody => false;

        // A search with context needs every event's bytes: the ones around a candidate are built whatever their type.
        internal override bool MayWant(EventTypeCode code) => _mayPass[(int)code] || (_window != null && _window.Around > 0);

        internal override void Start(ChatSession session) => NoHistory(session);

        internal override void Add(ReadOnlySpan<byte> json, int index, EventTypeCode code, AppendOnlyBuffer? owner, int ownerStart, string sessionId)
        {
            if (index < _skipBelow) return;
            if (_window != null)
            {
                AddSearched(json, index, code, sessionId);
                return;
            }
            Emit(EventReader.ReadScanned(json, _filter, null, 0), index, sessionId);
        }

        // A search: the pattern decides on the event's bytes (MatchWindow); context events are built whatever their type.
        private void AddSearched(ReadOnlySpan<byte> json, int index, EventTypeCode code, string sessionId)
        {
            var decision = _window!.Next(index, json, _mayPass[(int)code]);
            if (decision == MatchWindow.Decision.Skip) return;
            if (decision == MatchWindow.Decision.Candidate && _window.TakeBefore(index) is { } before)
            {
                foreach (var kept in before) Emit(EventReader.ReadScanned(kept.Value, null, null, 0), kept.Key, sessionId);
            }
            Emit(EventReader.ReadScanned(json, decision == MatchWindow.Decision.Candidate ? _filter : null, null, 0), index, sessionId);
        }

        private void Emit(ChatEvent? e, int index, string sessionId)
        {
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
