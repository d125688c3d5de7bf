using System.Globalization;

namespace LlamaCloud.Chat
{
    /// <summary>Token usage and duration reported by a <see cref="StopEvent"/>.</summary>
    public sealed class Usage
    {
        /// <summary>Creates the usage record.</summary>
        public Usage(double? durationMs, long? totalInputTokens, long? totalOutputTokens, int? turns)
        {
            DurationMs = durationMs;
            TotalInputTokens = totalInputTokens;
            TotalOutputTokens = totalOutputTokens;
            Turns = turns;
        }

        /// <summary>How long the turn took, in milliseconds.</summary>
        public double? DurationMs { get; }
        /// <summary>Input tokens used, if reported.</summary>
        public long? TotalInputTokens { get; }
        /// <summary>Output tokens used, if reported.</summary>
        public long? TotalOutputTokens { get; }
        /// <summary>Model turns taken.</summary>
        public int? Turns { get; }

        /// <inheritdoc />
        public override string ToString() => string.Format(CultureInfo.InvariantCulture,
            "in={0} out={1} turns={2} {3}ms",
            TotalInputTokens?.ToString(CultureInfo.InvariantCulture) ?? "-",
            TotalOutputTokens?.ToString(CultureInfo.InvariantCulture) ?? "-",
            Turns?.ToString(CultureInfo.InvariantCulture) ?? "-",
            DurationMs.HasValue ? System.Math.Round(DurationMs.Value).ToString(CultureInfo.InvariantCulture) : "-");
    }
}
