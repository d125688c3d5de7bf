using LlamaCloud.Chat.Redaction;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>Hands a target redacted copies of the session and its turns; the output's counts join the run's when it is written.</summary>
    internal sealed class RedactingTarget : ITurnTarget
    {
        private readonly ITurnTarget _inner;
        private readonly SessionRedaction _redaction;
        private readonly System.Action<SessionRedaction> _written;

        internal RedactingTarget(ITurnTarget inner, SessionRedaction redaction, System.Action<SessionRedaction> written)
        {
            _inner = inner;
            _redaction = redaction;
            _written = written;
        }

        public void Begin(string sessionId, ChatSession? session) => _inner.Begin(sessionId, _redaction.Session(session));

        public void Add(ChatTurn turn) => _inner.Add(_redaction.Turn(turn));

        public void End()
        {
            _inner.End();
            _written(_redaction);
        }

        public void Abandon() => _inner.Abandon();
    }
}
