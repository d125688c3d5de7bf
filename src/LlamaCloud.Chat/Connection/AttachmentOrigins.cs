using System.Runtime.CompilerServices;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// Where each attachment's presigned URL came from (as <see cref="SessionOrigins"/> for sessions), so a later command
    /// refreshes it from the same place without -BaseUri/-ApiKey. Kept beside the attachment, never on it.
    /// </summary>
    internal static class AttachmentOrigins
    {
        private static readonly ConditionalWeakTable<ChatAttachment, Endpoint> Table = new ConditionalWeakTable<ChatAttachment, Endpoint>();

        internal static void Record(ChatAttachment attachment, Endpoint? origin)
        {
            if (origin == null) return;
            lock (Table)
            {
                Table.Remove(attachment);
                Table.Add(attachment, origin);
            }
        }

        /// <summary>The place <paramref name="attachment"/> was resolved from; null when it was made here.</summary>
        internal static Endpoint? Of(ChatAttachment attachment) => Table.TryGetValue(attachment, out var origin) ? origin : null;
    }
}
