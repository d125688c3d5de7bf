using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>Every event built as it is read and kept in the session (files, a new session's empty history).</summary>
    internal sealed class KeptEvents : EventSink
    {
        private readonly List<ChatEvent> _events = new List<ChatEvent>();

        internal override bool PointsIntoBody => true;

        internal override void Start(ChatSession session) =>
            session.Events = new ReadOnlyItems<ChatEvent>(_events, "event");

        internal override void Add(ReadOnlySpan<byte> json, int index, EventTypeCode code, AppendOnlyBuffer? owner, int ownerStart, string sessionId)
        {
            var e = EventReader.ReadScanned(json, null, owner, ownerStart);
            if (e == null) return;
            e.Index = index;
            e.SessionId = sessionId;
            _events.Add(e);
        }

        // A file's session_id may follow its events, which were stamped with what was known then.
        internal override void Finish(string sessionId)
        {
            foreach (var e in _events)
            {
                if (!string.Equals(e.SessionId, sessionId, StringComparison.Ordinal)) e.SessionId = sessionId;
            }
        }
    }
}
