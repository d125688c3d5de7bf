using System;
using System.Globalization;

namespace LlamaCloud.Chat.Http
{
    /// <summary>The <c>Retry-After</c> header (RFC 9110): seconds, or an HTTP date, read as a wait from now.</summary>
    internal static class RetryAfter
    {
        /// <summary>
        /// The wait <paramref name="value"/> asks for, when it asks for one above 0 and at most <paramref name="max"/>;
        /// null otherwise (a date already past is no instruction to wait).
        /// </summary>
        internal static TimeSpan? Parse(string? value, DateTimeOffset now, TimeSpan max)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var text = value!.Trim();
            TimeSpan d;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) d = TimeSpan.FromSeconds(seconds);
            else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)) d = date - now;
            else return null;
            return d > TimeSpan.Zero && d <= max ? d : (TimeSpan?)null;
        }
    }
}
