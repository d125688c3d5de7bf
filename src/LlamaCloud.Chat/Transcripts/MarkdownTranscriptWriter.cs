using System.IO;
using System.Text;

namespace LlamaCloud.Chat.Transcripts
{
    /// <summary>
    /// A GitHub-flavoured Markdown transcript: one heading per turn; prompt, answer and reasoning as escaped text
    /// (shown exactly as written); tool arguments and results in fenced code blocks. Only this writer's own
    /// constant text carries Markdown syntax.
    /// </summary>
    internal sealed class MarkdownTranscriptWriter : TranscriptWriter
    {
        private readonly StringBuilder _sb = new StringBuilder(4096);

        internal MarkdownTranscriptWriter(TextWriter output, TranscriptOptions options) : base(output, options) { }

        internal override void Begin(string sessionId, ChatSession? session)
        {
            _sb.Append("# ");
            MarkdownText.AppendLine(_sb, Flat(TitleOf(sessionId, session)));
            _sb.Append("\n\n- Session: ").Append(MarkdownText.CodeSpan(Flat(sessionId))).Append('\n');
            var updated = UpdatedOf(session);
            if (updated != null) _sb.Append("- Last updated: ").Append(updated).Append('\n');
            if (session?.IndexIds != null && session.IndexIds.Count > 0)
            {
                _sb.Append("- Indexes: ");
                for (var i = 0; i < session.IndexIds.Count; i++)
                {
                    if (i > 0) _sb.Append(", ");
                    _sb.Append(MarkdownText.CodeSpan(Flat(session.IndexIds[i])));
                }
                _sb.Append('\n');
            }
            Flush();
        }

        private protected override void WriteTurn(ChatTurn turn)
        {
            _sb.Append("\n## Turn ").Append(N(turn.Number)).Append("\n\n");
            if (turn.Prompt != null)
            {
                _sb.Append("**Prompt**\n\n");
                Quote(turn.Prompt);
            }
            if (Options.IncludeThinking && turn.Thinking.Length > 0)
            {
                _sb.Append("**Thinking**\n\n");
                Quote(turn.Thinking);
            }
            for (var i = 0; i < turn.ToolCalls.Count; i++) WriteCall(turn.ToolCalls[i], i + 1, turn.ToolCalls.Count);
            if (turn.Answer.Length > 0)
            {
                _sb.Append("**Answer**\n\n");
                MarkdownText.AppendBlock(_sb, Lines(turn.Answer));
                _sb.Append('\n');
            }
            if (turn.IsError)
            {
                _sb.Append("**Error:** ");
                MarkdownText.AppendLine(_sb, Flat(turn.Error ?? "(no message)"));
                _sb.Append("\n\n");
            }
            if (turn.Usage != null) _sb.Append("*Usage: ").Append(UsageLine(turn.Usage)).Append("*\n\n");
            if (turn.SkippedIndexIds.Count > 0)
            {
                _sb.Append(SkippedLabel).Append(": ");
                for (var i = 0; i < turn.SkippedIndexIds.Count; i++)
                    _sb.Append(i == 0 ? string.Empty : ", ").Append(MarkdownText.CodeSpan(Flat(turn.SkippedIndexIds[i])));
                _sb.Append("\n\n");
            }
            if (!turn.IsComplete) _sb.Append('*').Append(UnfinishedNote).Append("*\n\n");
            Flush();
        }

        internal override void End()
        {
            _sb.Append("\n---\n\n*").Append(TotalsLine()).Append("*\n");
            Flush();
        }

        private void WriteCall(ChatToolCall call, int n, int of)
        {
            _sb.Append("**Tool call ").Append(n).Append(" of ").Append(of).Append(":** ").Append(MarkdownText.CodeSpan(ToolName(call)));
            if (!string.IsNullOrEmpty(call.CallId)) _sb.Append(" · call id ").Append(MarkdownText.CodeSpan(Flat(call.CallId)));
            _sb.Append("\n\n");
            if (call.HasCall)
            {
                var args = ArgumentsText(call);
                _sb.Append("Arguments:\n\n");
                MarkdownText.AppendFenced(_sb, args.Text, args.IsJson ? "json" : "text");
                _sb.Append('\n');
            }
            else
            {
                _sb.Append("*A result without a matching call.*\n\n");
            }
            if (!call.HasResult)
            {
                _sb.Append("*No result was recorded for this call.*\n\n");
                return;
            }
            if (Options.IncludeToolOutput)
            {
                var result = ResultText(call);
                _sb.Append("Result:\n\n");
                MarkdownText.AppendFenced(_sb, result.Text, result.IsJson ? "json" : "text");
                _sb.Append('\n');
                if (result.LeftOut > 0) _sb.Append('*').Append(result.CutNote()).Append("*\n\n");
            }
            if (call.ImageAttachment != null)
            {
                _sb.Append("Image attachment: ").Append(MarkdownText.CodeSpan(Flat(call.ImageAttachment.AttachmentName ?? "")))
                    .Append(" from source ").Append(MarkdownText.CodeSpan(Flat(call.ImageAttachment.SourceId ?? ""))).Append("\n\n");
            }
        }

        private void Quote(string text)
        {
            MarkdownText.AppendBlock(_sb, Lines(text), "> ");
            _sb.Append('\n');
        }

        private void Flush()
        {
            Output.Write(_sb.ToString());
            _sb.Clear();
            if (_sb.Capacity > 1 << 20) _sb.Capacity = 4096;
        }
    }
}
