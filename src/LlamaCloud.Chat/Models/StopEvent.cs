using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat
{
    /// <summary>The end of a turn, with its usage or its error. Wire type <c>stop</c>.</summary>
    public sealed class StopEvent : ChatEvent
    {
        /// <summary>Creates the event.</summary>
        public StopEvent(string? error, bool isError, Usage? usage) : this(error, isError, usage, null)
        {
        }

        /// <summary>Creates the event with the indexes the turn could not query.</summary>
        public StopEvent(string? error, bool isError, Usage? usage, IReadOnlyList<string>? skippedIndexIds) : base(ChatEventType.Stop)
        {
            Error = error;
            IsError = isError;
            Usage = usage;
            SkippedIndexIds = skippedIndexIds ?? Array.Empty<string>();
        }

        /// <summary>The error message when the turn failed.</summary>
        public override string? Error { get; }
        /// <summary>True when the turn ended in an error.</summary>
        public override bool IsError { get; }
        /// <summary>Token usage and duration of the turn.</summary>
        public Usage? Usage { get; }
        /// <summary>The turn's total input tokens (Usage.TotalInputTokens).</summary>
        public override long? InputTokens => Usage?.TotalInputTokens;
        /// <summary>The turn's total output tokens (Usage.TotalOutputTokens).</summary>
        public override long? OutputTokens => Usage?.TotalOutputTokens;
        /// <summary>The requested indexes this turn could not query (<c>skipped_index_ids</c>); empty when it queried
        /// them all or the server did not say.</summary>
        public IReadOnlyList<string> SkippedIndexIds { get; }

        /// <inheritdoc />
        public override string Summary => (IsError
            ? "ERROR: " + TextSummary.OneLine(Error ?? "(no message)")
            : Usage?.ToString() ?? string.Empty)
            + (SkippedIndexIds.Count > 0 ? (IsError || Usage != null ? "; " : string.Empty) + "skipped " + string.Join(", ", SkippedIndexIds) : string.Empty);
    }
}
