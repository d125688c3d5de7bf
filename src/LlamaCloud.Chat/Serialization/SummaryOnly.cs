using System;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>The session's own fields; every event is scanned and validated, none is built (summaries, archive copies).</summary>
    internal sealed class SummaryOnly : EventSink
    {
        internal static readonly SummaryOnly Instance = new SummaryOnly();

        private SummaryOnly()
        {
        }

        internal override bool PointsIntoBody => false;

        internal override bool MayWant(EventTypeCode code) => false;

        internal override void Start(ChatSession session) => NoHistory(session);

        internal override void Add(ReadOnlySpan<byte> json, int index, EventTypeCode code, AppendOnlyBuffer? owner, int ownerStart, string sessionId)
        {
        }
    }
}
