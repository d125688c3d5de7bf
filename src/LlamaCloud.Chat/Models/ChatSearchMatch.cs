using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat
{
    /// <summary>One line of one event's field that matches Search-LlamaChat's pattern, with the events around it.</summary>
    public sealed class ChatSearchMatch
    {
        internal ChatSearchMatch(ChatEvent e, string field, int lineNumber, string line, string value)
        {
            Event = e;
            Field = field;
            LineNumber = lineNumber;
            Line = line;
            Value = value;
        }

        /// <summary>The session's id.</summary>
        public string SessionId => Event.SessionId;

        /// <summary>The event's position in the session's history, from 0.</summary>
        public int? Index => Event.Index;

        /// <summary>The event's wire type (tool_result, text, ...).</summary>
        public string? Type => Event.Type;

        /// <summary>Where in the event the text is: content, name, error, or a JSON path inside a tool's arguments or
        /// result (result.nodes[0].text).</summary>
        public string Field { get; }

        /// <summary>The line of the field's text that holds the match, counting from 1.</summary>
        public int LineNumber { get; }

        /// <summary>That line, whole (unescaped, as the text reads).</summary>
        public string Line { get; }

        /// <summary>The text the pattern matched (the first match on the line).</summary>
        public string Value { get; }

        /// <summary>The matching event.</summary>
        public ChatEvent Event { get; }

        /// <summary>With -Context N: up to N events before the matching one, oldest first; empty otherwise.</summary>
        public IReadOnlyList<ChatEvent> Before { get; internal set; } = Array.Empty<ChatEvent>();

        /// <summary>With -Context N: up to N events after the matching one; empty otherwise.</summary>
        public IReadOnlyList<ChatEvent> After { get; internal set; } = Array.Empty<ChatEvent>();

        /// <summary>The session file the event was read from (-Path); null for sessions read from the API or piped.</summary>
        public string? Path { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{SessionId}[{Index}] {Type} {Field}:{LineNumber}: {TextSummary.OneLine(Line, 120)}";
    }
}
