using System.Collections.Generic;

namespace LlamaCloud.Chat
{
    /// <summary>Token usage and status of a session's most recent run. Every field may be absent.</summary>
    public sealed class JobMetadata
    {
        /// <summary>How long the run took, in milliseconds.</summary>
        public double? DurationMs { get; internal set; }
        /// <summary>The run's error message, if it failed.</summary>
        public string? Error { get; internal set; }
        /// <summary>Export configurations used by the run.</summary>
        public IReadOnlyList<string>? ExportConfigIds { get; internal set; }
        /// <summary>True when the run ended in an error.</summary>
        public bool? IsError { get; internal set; }
        /// <summary>Input tokens used.</summary>
        public long? TotalInputTokens { get; internal set; }
        /// <summary>Output tokens used.</summary>
        public long? TotalOutputTokens { get; internal set; }
        /// <summary>Model turns taken.</summary>
        public int? Turns { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => IsError == true
            ? "ERROR: " + TextSummary.OneLine(Error, 80)
            : $"in={TotalInputTokens?.ToString() ?? "-"} out={TotalOutputTokens?.ToString() ?? "-"} turns={Turns?.ToString() ?? "-"}";
    }
}
