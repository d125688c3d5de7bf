using System.Collections.Generic;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// One turn of a chat session: the question, the answer, the reasoning, the tool calls with their results, and the
    /// usage or error of the <c>stop</c> event that ended it. A turn starts at a <c>user_input</c> and ends at a
    /// <c>stop</c>; events outside such a pair form a turn without a prompt (nothing is dropped).
    /// </summary>
    public sealed class ChatTurn
    {
        internal ChatTurn(string sessionId, int number)
        {
            SessionId = sessionId;
            Number = number;
        }

        /// <summary>The id of the session the turn belongs to.</summary>
        public string SessionId { get; }

        /// <summary>The turn's position in its session, counting from 1.</summary>
        public int Number { get; }

        /// <summary>The <c>user_input</c> content that started the turn; null for a turn without a prompt.</summary>
        public string? Prompt { get; internal set; }

        /// <summary>The answer: the turn's <c>text</c> events in order (separated by a blank line), with streamed
        /// <c>text_delta</c> pieces counted once; deltas that no <c>text</c> event completed are kept as they came.</summary>
        public string Answer { get; internal set; } = string.Empty;

        /// <summary>The reasoning, built from <c>thinking</c> and <c>thinking_delta</c> events by the same rule as <see cref="Answer"/>.</summary>
        public string Thinking { get; internal set; } = string.Empty;

        /// <summary>The tool calls in the order they were made, each paired with its result.</summary>
        public IReadOnlyList<ChatToolCall> ToolCalls { get; internal set; } = Empty;

        /// <summary>Token usage and duration from the turn's <c>stop</c> event; null without one.</summary>
        public Usage? Usage { get; internal set; }

        /// <summary>True when the turn's <c>stop</c> event reports an error.</summary>
        public bool IsError { get; internal set; }

        /// <summary>The error message of the turn's <c>stop</c> event.</summary>
        public string? Error { get; internal set; }

        /// <summary>The requested indexes the turn could not query (its stop's <c>skipped_index_ids</c>); empty when
        /// there were none or the turn has no stop.</summary>
        public IReadOnlyList<string> SkippedIndexIds { get; internal set; } = System.Array.Empty<string>();

        /// <summary>True when a <c>stop</c> event ended the turn (false for an interrupted or unfinished turn).</summary>
        public bool IsComplete { get; internal set; }

        /// <summary>The history index of the turn's first event; <c>$null</c> when the events came from a live stream
        /// whose place in the history was not known (see <see cref="ChatEvent.TurnPosition"/>).</summary>
        public int? FirstIndex { get; internal set; }

        /// <summary>The history index of the turn's last event; <c>$null</c> when it is not known.</summary>
        public int? LastIndex { get; internal set; }

        /// <summary>How many events the turn was built from.</summary>
        public int EventCount { get; internal set; }

        /// <summary>Events of types this module does not know, kept as they came.</summary>
        public IReadOnlyList<UnknownEvent> OtherEvents { get; internal set; } = EmptyOther;

        private static readonly IReadOnlyList<ChatToolCall> Empty = new ReadOnlyItems<ChatToolCall>(new ChatToolCall[0], "tool call");
        private static readonly IReadOnlyList<UnknownEvent> EmptyOther = new ReadOnlyItems<UnknownEvent>(new UnknownEvent[0], "event");

        /// <inheritdoc />
        public override string ToString() => $"[{Number}] {TextSummary.OneLine(Prompt, 80)} → {TextSummary.OneLine(Answer, 80)}";
    }
}
