using System;
using System.Globalization;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>How values are written as text where a format has no type of its own for them.</summary>
    internal static class TableText
    {
        /// <summary>ISO 8601 in UTC with microseconds and a Z (2026-04-22T12:34:41.342245Z), which DuckDB and Spark parse as a timestamp.</summary>
        internal static string Timestamp(DateTime value) =>
            DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc)
                .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }
}
