using System.Runtime.CompilerServices;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// Where each fetched session came from, so that a later command (Get-LlamaChatEvent on a listed session) fetches
    /// more of it from the same place without repeating -BaseUri/-ApiKey. Kept beside the session, never on it: the
    /// public type carries no key, and a session that is collected takes its entry with it.
    /// </summary>
    internal static class SessionOrigins
    {
        private static readonly ConditionalWeakTable<ChatSession, Endpoint> Table = new ConditionalWeakTable<ChatSession, Endpoint>();

        internal static void Record(ChatSession session, Endpoint origin)
        {
            lock (Table)
            {
                Table.Remove(session);
                Table.Add(session, origin);
            }
        }

        /// <summary>The place <paramref name="session"/> was fetched from; null for sessions read from files.</summary>
        internal static Endpoint? Of(ChatSession session) => Table.TryGetValue(session, out var origin) ? origin : null;
    }
}
