using System.Collections.Generic;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// A session's events kept as its response bytes and built on demand (the readers implement it): all of them on
    /// first access to <see cref="ChatSession.Events"/>, or one at a time without keeping them.
    /// </summary>
    internal interface IEventHistory
    {
        /// <summary>How many events the session has; builds nothing.</summary>
        int Count { get; }

        /// <summary>Every event, built now if not yet, and kept.</summary>
        IReadOnlyList<ChatEvent> All { get; }

        /// <summary>The events in order, built as they are reached and not kept (unless every one already was).</summary>
        IEnumerable<ChatEvent> Enumerate();
    }
}
