using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// What a <see cref="SessionReader"/> does with the events it finds in a body: keep them all
    /// (<see cref="KeptEvents"/>), keep their bytes to build them on demand (<see cref="LazyHistory"/>), hand out
    /// those a filter wants as they arrive (<see cref="StreamedEvents"/>), or build none (<see cref="SummaryOnly"/>).
    /// The reader scans and validates every event the same way whatever the sink.
    /// </summary>
    internal abstract class EventSink
    {
        /// <summary>
        /// True when the sink keeps pointers into the body: the reader must then be given the body in append-only
        /// buffers (<see cref="SessionReader.Read(AppendOnlyBuffer, int, bool)"/>), which nothing rewrites.
        /// </summary>
        internal abstract bool PointsIntoBody { get; }

        /// <summary>False for a type whose events this sink will never build: the reader skips them after the scan.</summary>
        internal virtual bool MayWant(EventTypeCode code) => true;

        /// <summary>The events array begins: the session gets the list this sink fills, if any.</summary>
        internal abstract void Start(ChatSession session);

        /// <summary>
        /// One whole event, <paramref name="json"/>, the history's event number <paramref name="index"/>. With an
        /// <paramref name="owner"/>, the event's bytes are <c>owner[ownerStart..]</c> and stay there.
        /// </summary>
        internal abstract void Add(ReadOnlySpan<byte> json, int index, EventTypeCode code, AppendOnlyBuffer? owner, int ownerStart, string sessionId);

        /// <summary>The document is complete and <paramref name="sessionId"/> is the session's id.</summary>
        internal virtual void Finish(string sessionId)
        {
        }

        /// <summary>The events handed out since the last call (a streamed read); null for sinks that hand out nothing.</summary>
        internal virtual List<ChatEvent>? TakeBatch() => null;

        /// <summary>A sink's empty stand-in for the history it does not keep: not loaded is not the same as empty.</summary>
        private protected static void NoHistory(ChatSession session) =>
            session.Events = new ReadOnlyItems<ChatEvent>(Array.Empty<ChatEvent>(), "event");
    }
}
