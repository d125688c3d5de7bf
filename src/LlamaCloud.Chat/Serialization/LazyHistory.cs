using System;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// A whole session kept as its body: each event is only scanned (still validated) and recorded where it lies, and
    /// built when first asked for (<see cref="LazyEvents"/>). Get-LlamaChatSession -Id reads this way.
    /// </summary>
    internal sealed class LazyHistory : EventSink
    {
        private readonly LazyEvents _events = new LazyEvents();

        internal override bool PointsIntoBody => true;

        internal override void Start(ChatSession session) => session.Lazy = _events;

        internal override void Add(ReadOnlySpan<byte> json, int index, EventTypeCode code, AppendOnlyBuffer? owner, int ownerStart, string sessionId)
        {
            if (owner == null) throw new InvalidOperationException(Messages.LazyHistoryNeedsOwner());
            _events.Add(owner, ownerStart, json.Length, code);
        }

        internal override void Finish(string sessionId) => _events.SessionId = sessionId;
    }
}
