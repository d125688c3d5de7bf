using System;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// The OTLP/HTTP specification's retry rules, as pure functions: 429, 502, 503 and 504 are retried, every other
    /// 4xx and 5xx never is (400 above all: the data is bad); a dropped connection or timeout is retried. The wait is
    /// the server's Retry-After (seconds or an HTTP date) when above 0 and at most 60 s, else exponential backoff
    /// from 1 s doubling to 16 s, less up to 25% jitter.
    /// </summary>
    internal static class OtlpRetryPolicy
    {
        internal static readonly TimeSpan InitialDelay = TimeSpan.FromSeconds(1);
        internal static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(16);
        internal static readonly TimeSpan MaxServerDelay = TimeSpan.FromSeconds(60);

        internal static bool IsRetryableStatus(int status) => status == 429 || status == 502 || status == 503 || status == 504;

        /// <summary>The wait before retry number <paramref name="retry"/> (1 = the first retry).</summary>
        internal static TimeSpan GetDelay(int retry, string? retryAfter, DateTimeOffset now, double random01)
        {
            var server = ServerDelay(retryAfter, now);
            if (server.HasValue) return server.Value;
            var backoff = Math.Min(InitialDelay.TotalSeconds * Math.Pow(2, Math.Max(0, retry - 1)), MaxBackoff.TotalSeconds);
            return TimeSpan.FromSeconds(backoff * (1 - (random01 * 0.25)));
        }

        /// <summary>Retry-After as a delay, when it is one within the limit.</summary>
        internal static TimeSpan? ServerDelay(string? retryAfter, DateTimeOffset now) => RetryAfter.Parse(retryAfter, now, MaxServerDelay);
    }
}
