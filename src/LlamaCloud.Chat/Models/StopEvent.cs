namespace LlamaCloud.Chat
{
    /// <summary>The end of a turn, with its usage or its error. Wire type <c>stop</c>.</summary>
    public sealed class StopEvent : ChatEvent
    {
        /// <summary>Creates the event.</summary>
        public StopEvent(string? error, bool isError, Usage? usage) : base(ChatEventType.Stop)
        {
            Error = error;
            IsError = isError;
            Usage = usage;
        }

        /// <summary>The error message when the turn failed.</summary>
        public string? Error { get; }
        /// <summary>True when the turn ended in an error.</summary>
        public bool IsError { get; }
        /// <summary>Token usage and duration of the turn.</summary>
        public Usage? Usage { get; }

        /// <inheritdoc />
        public override string Summary => IsError
            ? "ERROR: " + TextSummary.OneLine(Error ?? "(no message)")
            : Usage?.ToString() ?? string.Empty;
    }
}
