using System.Collections.Generic;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// The redaction of one output (a transcript, a trace): redacted copies of the session's summary and of each turn,
    /// with every text a writer can show replaced (title, index ids, prompts, answers, reasoning, errors, tool names,
    /// call ids, arguments, results, attachments, unknown events), and the tally of what was replaced. Session ids
    /// stay as they are: they name the files and derive the trace ids.
    /// </summary>
    internal sealed class SessionRedaction
    {
        private readonly TextRedactor _redactor;

        internal SessionRedaction(TextRedactor redactor)
        {
            _redactor = redactor;
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
                GeneratedTitle = Text(session.GeneratedTitle),
                IndexIds = session.IndexIds == null ? null : TextList(session.IndexIds),
            };
            if (session.JobMetadata is JobMetadata job)
            {
                copy.JobMetadata = new JobMetadata
                {
                    DurationMs = job.DurationMs,
                    Error = Text(job.Error),
                    ExportConfigIds = job.ExportConfigIds == null ? null : TextList(job.ExportConfigIds),
                    IsError = job.IsError,
                    TotalInputTokens = job.TotalInputTokens,
                    TotalOutputTokens = job.TotalOutputTokens,
                    Turns = job.Turns,
                };
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
                var image = c.ImageAttachment == null ? null : new ImageAttachment(Text(c.ImageAttachment.AttachmentName), Text(c.ImageAttachment.SourceId));
                calls[i] = c.With(Text(c.CallId), Text(c.Name), Json(c.ArgumentsPayload), Json(c.ResultPayload), image);
            }
            var other = new UnknownEvent[turn.OtherEvents.Count];
            for (var i = 0; i < other.Length; i++) other[i] = Unknown(turn.OtherEvents[i]);
            return new ChatTurn(turn.SessionId, turn.Number)
            {
                Prompt = Text(turn.Prompt),
                Answer = Text(turn.Answer)!,
                Thinking = Text(turn.Thinking)!,
                ToolCalls = new ReadOnlyItems<ChatToolCall>(calls, "tool call"),
                Usage = turn.Usage,
                IsError = turn.IsError,
                Error = Text(turn.Error),
                IsComplete = turn.IsComplete,
                FirstIndex = turn.FirstIndex,
                LastIndex = turn.LastIndex,
                EventCount = turn.EventCount,
                OtherEvents = new ReadOnlyItems<UnknownEvent>(other, "event"),
            };
        }

        private JsonPayload? Json(JsonPayload? payload)
        {
            if (payload == null) return null;
            var redacted = _redactor.RedactJson(payload.Utf8, Tally);
            return ReferenceEquals(redacted, payload.Utf8) ? payload : new JsonPayload(redacted);
        }

        private UnknownEvent Unknown(UnknownEvent e)
        {
            var copy = e.IsJson
                ? new UnknownEvent(e.Type, new JsonPayload(_redactor.RedactJson(System.Text.Encoding.UTF8.GetBytes(e.RawJson), Tally)))
                : new UnknownEvent(Text(e.RawJson)!);
            copy.SessionId = e.SessionId;
            copy.Index = e.Index;
            copy.TurnPosition = e.TurnPosition;
            copy.StreamEventName = e.StreamEventName;
            return copy;
        }

        private IReadOnlyList<string> TextList(IReadOnlyList<string> items)
        {
            var copy = new string[items.Count];
            for (var i = 0; i < copy.Length; i++) copy[i] = Text(items[i])!;
            return copy;
        }
    }
}
