
namespace LlamaCloud.Chat.Commands
{
    /// <summary>A turn target that also sees every event, in history order, with the number of the turn it belongs to
    /// (the analytics tables: one row per event beside one per turn).</summary>
    internal interface IEventTarget : ITurnTarget
    {
        /// <summary>One event, after the turn builder has taken it; <paramref name="turn"/> counts from 1.</summary>
        void AddEvent(ChatEvent e, int turn);

        /// <summary>A file's own session fields (Events null), known only once it has been read to its end; before End.</summary>
        void SessionRead(ChatSession session);
    }
}
