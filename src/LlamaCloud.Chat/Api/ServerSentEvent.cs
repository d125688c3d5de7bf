namespace LlamaCloud.Chat.Api
{
    /// <summary>One dispatched Server-Sent Event: its type, its data (UTF-8, lines joined with LF) and the last event id.</summary>
    internal sealed class ServerSentEvent
    {
        internal ServerSentEvent(string type, byte[] data, string lastEventId)
        {
            Type = type;
            Data = data;
            LastEventId = lastEventId;
        }

        /// <summary>The <c>event:</c> field, or <c>message</c> when the server sent none (as the standard says).</summary>
        internal string Type { get; }

        /// <summary>The <c>data:</c> lines joined with LF, without the final LF, as UTF-8 bytes.</summary>
        internal byte[] Data { get; }

        /// <summary>The last <c>id:</c> seen on the stream so far (it carries over to later events), or empty.</summary>
        internal string LastEventId { get; }
    }
}
