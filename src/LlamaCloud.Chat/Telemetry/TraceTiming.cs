using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// Span times for a history that carries no per-event timestamps, reconstructed: the last turn ends at the
    /// session's last_updated_at, each turn lasts its stop's duration_ms (<see cref="TraceConventions.DefaultTurnDurationMs"/>
    /// when absent), turns follow one another without overlap, and a turn's tool calls share its middle in order.
    /// Spans never end before they start and tool spans never leave their turn.
    /// </summary>
    internal static class TraceTiming
    {
        private const long NanosPerMs = 1_000_000;
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>A turn's reported duration in ms, or the default when it reported none that can be used.</summary>
        internal static double EffectiveDurationMs(double? reported) =>
            reported.HasValue && !double.IsNaN(reported.Value) && !double.IsInfinity(reported.Value) && reported.Value >= 0
                ? Math.Min(reported.Value, 366d * 24 * 3600 * 1000) // a year at most: keeps the arithmetic in range
                : TraceConventions.DefaultTurnDurationMs;

        /// <summary>Nanoseconds since the Unix epoch of a UTC time (0 for times before 1970).</summary>
        internal static long UnixNanos(DateTime utc)
        {
            if (utc.Kind == DateTimeKind.Local) utc = utc.ToUniversalTime();
            var ticks = utc.Ticks - Epoch.Ticks;
            return ticks <= 0 ? 0 : ticks * 100;
        }

        /// <summary>(start, end) in Unix nanoseconds for each turn, in order, given their durations.</summary>
        internal static (long Start, long End)[] LayOutTurns(long sessionEndNanos, IReadOnlyList<double?> reportedDurationsMs)
        {
            var n = reportedDurationsMs.Count;
            var result = new (long, long)[n];
            var lengths = new long[n];
            long total = 0;
            for (var i = 0; i < n; i++)
            {
                lengths[i] = (long)Math.Round(EffectiveDurationMs(reportedDurationsMs[i]) * NanosPerMs);
                total += lengths[i];
            }
            // A session so long (or so early) that it would start before 1970: start it at the epoch instead.
            var start = sessionEndNanos - total;
            if (start < 0) start = 0;
            for (var i = 0; i < n; i++)
            {
                result[i] = (start, start + lengths[i]);
                start += lengths[i];
            }
            return result;
        }

        /// <summary>
        /// (start, end) for each of <paramref name="count"/> tool calls inside a turn: the turn is cut into count + 1
        /// equal slots and the calls take the middle count slots' worth, one after another, leaving half a slot before
        /// the first (the reasoning) and after the last (the answer).
        /// </summary>
        internal static (long Start, long End)[] LayOutTools(long turnStart, long turnEnd, int count)
        {
            var result = new (long, long)[count];
            if (count == 0) return result;
            var length = turnEnd - turnStart;
            var slot = length / (count + 1);
            var offset = turnStart + slot / 2;
            for (var i = 0; i < count; i++)
            {
                var s = offset + (i * slot);
                var e = i == count - 1 ? offset + (count * slot) : offset + ((i + 1) * slot);
                result[i] = (Math.Max(turnStart, s), Math.Min(turnEnd, e));
            }
            return result;
        }
    }
}
