using System;
using System.Globalization;
using System.IO;

namespace LlamaCloud.Chat.Transcripts
{
    /// <summary>
    /// Writes one session's transcript as its turns arrive: <see cref="Begin"/>, <see cref="Turn"/> per turn,
    /// <see cref="End"/>. Holds nothing but running totals, so a long session streams straight to its file.
    /// </summary>
    internal abstract class TranscriptWriter
    {
        private protected TranscriptWriter(TextWriter output, TranscriptOptions options)
        {
            Output = output;
            Options = options;
        }

        private protected TextWriter Output { get; }
        private protected TranscriptOptions Options { get; }

        private protected int Turns { get; private set; }
        private protected int ToolCalls { get; private set; }
        private protected int Errors { get; private set; }
        private protected long InputTokens { get; private set; }
        private protected long OutputTokens { get; private set; }

        /// <summary>A writer of <paramref name="format"/>.</summary>
        internal static TranscriptWriter Create(TranscriptFormat format, TextWriter output, TranscriptOptions options) =>
            format == TranscriptFormat.Html ? new HtmlTranscriptWriter(output, options) : (TranscriptWriter)new MarkdownTranscriptWriter(output, options);

        /// <summary>The document's start. <paramref name="session"/> gives the title and time when known.</summary>
        internal abstract void Begin(string sessionId, ChatSession? session);

        /// <summary>One turn.</summary>
        internal void Turn(ChatTurn turn)
        {
            Turns++;
            ToolCalls += turn.ToolCalls.Count;
            if (turn.IsError) Errors++;
            InputTokens += turn.Usage?.TotalInputTokens ?? 0;
            OutputTokens += turn.Usage?.TotalOutputTokens ?? 0;
            WriteTurn(turn);
        }

        /// <summary>The document's end, with the session's totals.</summary>
        internal abstract void End();

        private protected abstract void WriteTurn(ChatTurn turn);

        /// <summary>The title line: the session's generated title, else its id.</summary>
        private protected static string TitleOf(string sessionId, ChatSession? session) =>
            string.IsNullOrWhiteSpace(session?.GeneratedTitle) ? "Chat session " + sessionId : session!.GeneratedTitle!;

        private protected static string? UpdatedOf(ChatSession? session) =>
            session == null || session.LastUpdatedAt == default ? null
                : session.LastUpdatedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

        /// <summary>Before a turn's skipped_index_ids: a turn that looks complete may not have used every index.</summary>
        private protected const string SkippedLabel = "Indexes not queried";

        private protected static string UsageLine(Usage usage)
        {
            var parts = new System.Collections.Generic.List<string>(4);
            if (usage.TotalInputTokens.HasValue) parts.Add(N(usage.TotalInputTokens.Value) + " input tokens");
            if (usage.TotalOutputTokens.HasValue) parts.Add(N(usage.TotalOutputTokens.Value) + " output tokens");
            if (usage.Turns.HasValue) parts.Add(N(usage.Turns.Value) + (usage.Turns == 1 ? " model turn" : " model turns"));
            if (usage.DurationMs.HasValue) parts.Add((usage.DurationMs.Value / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s");
            return parts.Count == 0 ? "not reported" : string.Join(" · ", parts);
        }

        private protected string TotalsLine() =>
            $"{N(Turns)} turn{S(Turns)} · {N(ToolCalls)} tool call{S(ToolCalls)} · {N(InputTokens)} input tokens · {N(OutputTokens)} output tokens · {N(Errors)} error{S(Errors)}";

        private protected static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        private static string S(long n) => n == 1 ? string.Empty : "s";

        /// <summary>One line of text: line breaks and other control characters become spaces.</summary>
        private protected static string Flat(string? text)
        {
            if (string.IsNullOrEmpty(text)) return string.Empty;
            var chars = text!.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsControl(chars[i]) || chars[i] == '\u2028' || chars[i] == '\u2029') chars[i] = ' ';
            }
            return new string(chars).Trim();
        }

        /// <summary>Text with every line break as \n and NUL (which no renderer shows) as U+FFFD.</summary>
        private protected static string Lines(string? text) =>
            string.IsNullOrEmpty(text) ? string.Empty : text!.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\0', '\uFFFD');

        /// <summary>The call's label: "search_index", or a placeholder for an unnamed tool.</summary>
        private protected static string ToolName(ChatToolCall call) => string.IsNullOrEmpty(call.Name) ? "(unnamed tool)" : Flat(call.Name);

        private protected ToolText ResultText(ChatToolCall call) => ToolText.From(call.ResultJson ?? "null", Options.MaxToolOutputLength);

        private protected static ToolText ArgumentsText(ChatToolCall call) => ToolText.From(call.ArgumentsJson ?? "null", 0);

        /// <summary>The note that ends a turn that no stop event closed.</summary>
        private protected const string UnfinishedNote = "This turn has no stop event: it was interrupted or is still running.";
    }
}
