using System;
using System.Globalization;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>Compares two last_updated_at texts of a session (an archived or exported copy's against the listed one).</summary>
    internal static class SessionStamp
    {
        /// <summary>The same instant: equal text, or two texts that parse to one point in time (no offset means UTC).</summary>
        internal static bool Same(string? a, string? b)
        {
            if (a == b) return true;
            if (a == null || b == null) return false;
            const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
            return DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, utc, out var x)
                && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, utc, out var y)
                && x == y;
        }
    }
}
