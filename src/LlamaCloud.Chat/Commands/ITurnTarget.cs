namespace LlamaCloud.Chat.Commands
{
    /// <summary>Where the turns of one session go, in order, as each completes (the pipeline, or a transcript file).</summary>
    internal interface ITurnTarget
    {
        /// <summary>Before the first turn. <paramref name="session"/> carries the session's fields when they are known.</summary>
        void Begin(string sessionId, ChatSession? session);

        /// <summary>One completed turn.</summary>
        void Add(ChatTurn turn);

        /// <summary>After the last turn, when the whole session was read.</summary>
        void End();

        /// <summary>The session could not be read to its end (the error has been written); after Begin or without it.</summary>
        void Abandon();
    }
}
