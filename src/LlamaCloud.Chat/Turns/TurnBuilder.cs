using System.Collections.Generic;
using System.Text;

namespace LlamaCloud.Chat.Turns
{
    /// <summary>
    /// Builds <see cref="ChatTurn"/>s from a session's events in history order, holding only the turn being built.
    /// Feed events with <see cref="Add"/>; completed turns are appended to the list given. Call <see cref="Complete"/>
    /// at the end of the stream for the last, unfinished turn. Events of several sessions may follow one another:
    /// a new session id ends the previous session's turn and restarts the numbering.
    /// </summary>
    internal sealed class TurnBuilder
    {
        private readonly TextBlocks _answer = new TextBlocks();
        private readonly TextBlocks _thinking = new TextBlocks();
        private readonly List<ChatToolCall> _calls = new List<ChatToolCall>();
        private readonly Dictionary<string, Queue<ChatToolCall>> _unanswered = new Dictionary<string, Queue<ChatToolCall>>();
        private List<UnknownEvent>? _other;
        private ChatTurn? _turn;
        private string? _sessionId;
        private int _number;

        /// <summary>The number of the turn the last added event belongs to (0 before the first event).</summary>
        internal int CurrentTurn => _number;

        /// <summary>Adds the next event; any turn it completes is appended to <paramref name="completed"/>.</summary>
        internal void Add(ChatEvent e, List<ChatTurn> completed)
        {
            if (_sessionId != null && e.SessionId != _sessionId)
            {
                Complete(completed);
                _number = 0;
            }
            _sessionId = e.SessionId;
            // A prompt starts a turn: whatever came before it without a stop is a turn of its own.
            if (e is UserInputEvent && _turn != null) Finish(completed);
            var turn = _turn ??= Start(e);
            turn.LastIndex = e.Index;
            turn.EventCount++;
            switch (e)
            {
                case UserInputEvent u: turn.Prompt = u.Content ?? string.Empty; break;
                case TextDeltaEvent d: _answer.AddDelta(d.Content); break;
                case TextEvent t: _answer.AddBlock(t.Content); break;
                case ThinkingDeltaEvent d: _thinking.AddDelta(d.Content); break;
                case ThinkingEvent t: _thinking.AddBlock(t.Content); break;
                case ToolCallEvent c: AddCall(c); break;
                case ToolResultEvent r: AddResult(r); break;
                case UnknownEvent u: (_other ??= new List<UnknownEvent>()).Add(u); break;
                case StopEvent s:
                    turn.Usage = s.Usage;
                    turn.IsError = s.IsError;
                    turn.Error = s.Error;
                    turn.SkippedIndexIds = s.SkippedIndexIds;
                    turn.IsComplete = true;
                    Finish(completed);
                    break;
            }
        }

        /// <summary>The end of the events: the unfinished turn, if any, is appended to <paramref name="completed"/>.</summary>
        internal void Complete(List<ChatTurn> completed)
        {
            if (_turn != null) Finish(completed);
        }

        /// <summary>All turns of <paramref name="events"/> at once (tests, small sessions already in memory).</summary>
        internal static List<ChatTurn> Build(IEnumerable<ChatEvent> events)
        {
            var builder = new TurnBuilder();
            var turns = new List<ChatTurn>();
            foreach (var e in events) builder.Add(e, turns);
            builder.Complete(turns);
            return turns;
        }

        private ChatTurn Start(ChatEvent first) => new ChatTurn(first.SessionId, ++_number) { FirstIndex = first.Index };

        private void AddCall(ToolCallEvent c)
        {
            var call = new ChatToolCall(c.CallId, c.Name);
            call.SetCall(c);
            _calls.Add(call);
            if (c.CallId == null) return;
            if (!_unanswered.TryGetValue(c.CallId, out var waiting)) _unanswered[c.CallId] = waiting = new Queue<ChatToolCall>(1);
            waiting.Enqueue(call);
        }

        private void AddResult(ToolResultEvent r)
        {
            // The oldest unanswered call with this id gets the result; a result without one is an entry of its own.
            if (r.CallId != null && _unanswered.TryGetValue(r.CallId, out var waiting) && waiting.Count > 0)
            {
                waiting.Dequeue().SetResult(r);
                return;
            }
            var orphan = new ChatToolCall(r.CallId, r.Name);
            orphan.SetResult(r);
            _calls.Add(orphan);
        }

        private void Finish(List<ChatTurn> completed)
        {
            var turn = _turn!;
            turn.Answer = _answer.Take();
            turn.Thinking = _thinking.Take();
            if (_calls.Count > 0) turn.ToolCalls = new ReadOnlyItems<ChatToolCall>(_calls.ToArray(), "tool call");
            if (_other != null) turn.OtherEvents = new ReadOnlyItems<UnknownEvent>(_other.ToArray(), "event");
            _calls.Clear();
            _unanswered.Clear();
            _other = null;
            _turn = null;
            completed.Add(turn);
        }

        /// <summary>
        /// Whole blocks joined by a blank line; the deltas since the last block are that block's streamed pieces and
        /// are dropped when it arrives, or become a block of their own if the stream ended without one.
        /// </summary>
        private sealed class TextBlocks
        {
            private readonly StringBuilder _blocks = new StringBuilder();
            private readonly StringBuilder _deltas = new StringBuilder();

            internal void AddDelta(string? text) => _deltas.Append(text);

            internal void AddBlock(string? text)
            {
                _deltas.Clear();
                Append(text);
            }

            internal string Take()
            {
                if (_deltas.Length > 0) Append(_deltas.ToString());
                var s = _blocks.ToString();
                _blocks.Clear();
                _deltas.Clear();
                // Don't keep a huge turn's capacity for the rest of the session.
                if (_blocks.Capacity > 1 << 20) _blocks.Capacity = 256;
                if (_deltas.Capacity > 1 << 20) _deltas.Capacity = 256;
                return s;
            }

            private void Append(string? text)
            {
                if (string.IsNullOrEmpty(text)) return;
                if (_blocks.Length > 0) _blocks.Append("\n\n");
                _blocks.Append(text);
            }
        }
    }
}
