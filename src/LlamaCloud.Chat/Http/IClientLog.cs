namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// Where the client reports what it does. Called from any thread; the cmdlet base queues the messages and
    /// writes them on the pipeline thread. Implementations must never receive the key (the client never sends it).
    /// </summary>
    internal interface IClientLog
    {
        void Verbose(string message);
        void Debug(string message);
    }
}
