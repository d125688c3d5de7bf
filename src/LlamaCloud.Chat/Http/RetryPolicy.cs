using System;
using System.Globalization;
using System.Net.Http.Headers;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// The official SDKs' retry policy: which failures are retried and how long to wait. Pure functions of the
    /// attempt, the response headers, the clock and a random number, so tests check every decision without sleeping.
    /// </summary>
    internal static class RetryPolicy
    {
        internal static readonly TimeSpan InitialDelay = TimeSpan.FromSeconds(0.5);
        internal static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);
        internal static readonly TimeSpan MaxServerDelay = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Retries allowed for 429 answers that carry a server delay: at least 10, or -MaximumRetryCount if higher;
        /// none when the user asked for one attempt only (0).
        /// </summary>
        internal static int RateLimitRetryBudget(int maximumRetryCount) => maximumRetryCount <= 0 ? 0 : Math.Max(10, maximumRetryCount);

        /// <summary>Should a response with this status be retried? <c>x-should-retry</c> overrides the status rule.</summary>
        internal static bool ShouldRetry(int status, HttpResponseHeaders? headers)
        {
            var overrideValue = Header(headers, "x-should-retry");
            if (string.Equals(overrideValue, "true", StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(overrideValue, "false", StringComparison.OrdinalIgnoreCase)) return false;
            return status == 408 || status == 409 || status == 429 || status >= 500;
        }

        /// <summary>
        /// The wait before retry number <paramref name="retry"/> (1 = first retry): the server's
        /// <c>retry-after-ms</c>, else <c>Retry-After</c> (seconds or HTTP date), when above 0 and at most 60 s; otherwise
        /// exponential backoff 0.5 s doubling to 8 s, less up to 25% jitter (<paramref name="random01"/> in [0,1)).
        /// </summary>
        internal static TimeSpan GetDelay(int retry, HttpResponseHeaders? headers, DateTimeOffset now, double random01)
        {
            var fromServer = ServerDelay(headers, now);
            if (fromServer.HasValue) return fromServer.Value;
            var backoff = Math.Min(InitialDelay.TotalSeconds * Math.Pow(2, Math.Max(0, retry - 1)), MaxBackoff.TotalSeconds);
            var jitter = 1 - (random01 * 0.25);
            return TimeSpan.FromSeconds(backoff * jitter);
        }

        /// <summary>The delay the server asked for, if it asked for one within the limit.</summary>
        internal static TimeSpan? ServerDelay(HttpResponseHeaders? headers, DateTimeOffset now)
        {
            var ms = Header(headers, "retry-after-ms");
            if (ms != null && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var msValue))
            {
                var d = TimeSpan.FromMilliseconds(msValue);
                if (d > TimeSpan.Zero && d <= MaxServerDelay) return d;
            }
            return RetryAfter.Parse(Header(headers, "Retry-After"), now, MaxServerDelay);
        }

        private static string? Header(HttpResponseHeaders? headers, string name)
        {
            if (headers == null || !headers.TryGetValues(name, out var values)) return null;
            foreach (var v in values) return v.Trim();
            return null;
        }
    }
}
