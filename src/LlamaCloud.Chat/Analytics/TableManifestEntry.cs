using System;

using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>One session of a table folder's manifest: where its rows came from, from which version of it, and how many.</summary>
    internal sealed class TableManifestEntry
    {
        internal TableManifestEntry(string sessionId, string stem)
        {
            SessionId = sessionId;
            Stem = stem;
        }

        internal string SessionId { get; }

        /// <summary>The session's file name in each table folder, without the extension.</summary>
        internal string Stem { get; }

        /// <summary>The session's last_updated_at text as read (null when the source had none).</summary>
        internal string? LastUpdatedAt { get; set; }

        /// <summary>Where the rows were read from: the API's base URI, or a session file's full path.</summary>
        internal string? Source { get; set; }

        /// <summary>For a file source: its length and last write time (UTC ticks) when it was read, so an unchanged file is not read again.</summary>
        internal long? SourceLength { get; set; }

        internal long? SourceWriteTicks { get; set; }

        /// <summary>Rows per table: sessions, turns, events, tool_calls (the order of <see cref="TableSchemas.All"/>).</summary>
        internal long[] Rows { get; set; } = new long[4];

        /// <summary>True when the rows came from this same version of the session.</summary>
        internal bool IsCurrentFor(string? lastUpdatedAt) =>
            LastUpdatedAt != null && lastUpdatedAt != null && SessionStamp.Same(LastUpdatedAt, lastUpdatedAt);

        /// <summary>True when the rows came from this same file, unchanged since.</summary>
        internal bool IsCurrentForFile(string path, long length, DateTime lastWriteUtc) =>
            Source == path && SourceLength == length && SourceWriteTicks == lastWriteUtc.Ticks;
    }
}
