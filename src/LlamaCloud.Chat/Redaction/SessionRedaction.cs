using System.Collections.Generic;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Analytics;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// The redaction of one output (a transcript, a trace): copies of the session's summary and of each turn that hold
    /// the texts the output shows (<see cref="ShownFields"/>: title, index ids, prompts, answers, reasoning, errors,
    /// tool names, call ids, arguments, results, attachments), redacted, and nothing else; and the tally of what was
    /// replaced. Session ids stay as they are: they name the files and derive the trace ids.
    /// </summary>
    internal sealed class SessionRedaction
    {
        private static readonly UnknownEvent[] NoEvents = new UnknownEvent[0];
        private readonly TextRedactor _redactor;
        private readonly ShownFields _shown;

        internal SessionRedaction(TextRedactor redactor, ShownFields shown)
        {
            _redactor = redactor;
            _shown = shown;
            Tally = redactor.NewTally();
        }

        /// <summary>What this output's redaction replaced.</summary>
        internal RedactionTally Tally { get; }

        internal string? Text(string? text) => _redactor.Redact(text, Tally);

        /// <summary>The summary fields a writer shows, redacted; null stays null. The events are not copied.</summary>
        internal ChatSession? Session(ChatSession? session)
        {
            if (session == null) return null;
            var copy = new ChatSession(session.SessionId)
            {
                LastUpdatedAt = session.LastUpdatedAt,
                LastUpdatedAtText = session.LastUpdatedAtText,
            };
            // The job metadata is shown by no writer: left out.
            if (_shown.Header)
            {
                copy.GeneratedTitle = Text(session.GeneratedTitle);
                copy.IndexIds = session.IndexIds == null ? null : TextList(session.IndexIds);
            }
            return copy;
        }

        /// <summary>The turn with every text redacted; numbers, flags and positions unchanged.</summary>
        internal ChatTurn Turn(ChatTurn turn)
        {
            var calls = new ChatToolCall[turn.ToolCalls.Count];
            for (var i = 0; i < calls.Length; i++)
            {
                var c = turn.ToolCalls[i];
                var image = c.ImageAttachment == null ? null
                    : new ImageAttachment(Text(c.ImageAttachment.AttachmentName), _shown.ImageSource ? Text(c.ImageAttachment.SourceId) : null);
                calls[i] = c.With(Text(c.CallId), Text(c.Name), _shown.ToolArguments ? Json(c.ArgumentsPayload) : null,
                    _shown.ToolResults ? Json(c.ResultPayload) : null, image);
            }
            return new ChatTurn(turn.SessionId, turn.Number)
            {
                Prompt = _shown.Conversation ? Text(turn.Prompt) : null,
                Answer = _shown.Conversation ? Text(turn.Answer)! : string.Empty,
                Thinking = _shown.Thinking ? Text(turn.Thinking)! : string.Empty,
                ToolCalls = new ReadOnlyItems<ChatToolCall>(calls, "tool call"),
                Usage = turn.Usage,
                IsError = turn.IsError,
                Error = Text(turn.Error),
                IsComplete = turn.IsComplete,
                FirstIndex = turn.FirstIndex,
                LastIndex = turn.LastIndex,
                EventCount = turn.EventCount,
                SkippedIndexIds = _shown.Header ? TextList(turn.SkippedIndexIds) : System.Array.Empty<string>(),
                // Events of unknown types are shown by no writer: left out.
                OtherEvents = new ReadOnlyItems<UnknownEvent>(NoEvents, "event"),
            };
        }

        private JsonPayload? Json(JsonPayload? payload)
        {
            if (payload == null) return null;
            var redacted = _redactor.RedactJson(payload.Utf8, Tally);
            return ReferenceEquals(redacted, payload.Utf8) ? payload : new PowerShellJson(redacted);
        }

        private IReadOnlyList<string> TextList(IReadOnlyList<string> items)
        {
            var copy = new string[items.Count];
            for (var i = 0; i < copy.Length; i++) copy[i] = Text(items[i])!;
            return copy;
        }
    }
}
