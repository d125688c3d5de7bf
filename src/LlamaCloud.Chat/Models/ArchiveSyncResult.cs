using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat
{
    /// <summary>What one run of Sync-LlamaChatArchive did.</summary>
    public sealed class ArchiveSyncResult
    {
        internal ArchiveSyncResult(string path)
        {
            Path = path;
        }

        /// <summary>The archive folder.</summary>
        public string Path { get; }

        /// <summary>Sessions fetched and written for the first time.</summary>
        public int New { get; internal set; }

        /// <summary>Sessions whose last_updated_at changed: fetched again and their files replaced.</summary>
        public int Updated { get; internal set; }

        /// <summary>Sessions whose archived copy is current: not fetched, files untouched.</summary>
        public int Unchanged { get; internal set; }

        /// <summary>Sessions in the archive that the project no longer lists. Their files are kept.</summary>
        public int Missing { get; internal set; }

        /// <summary>Sessions that could not be fetched or written (each also reported as an error).</summary>
        public int Failed { get; internal set; }

        /// <summary>The ids of the failed sessions, in listing order.</summary>
        public IReadOnlyList<string> FailedIds { get; internal set; } = Array.Empty<string>();

        /// <summary>The ids of the missing sessions, sorted.</summary>
        public IReadOnlyList<string> MissingIds { get; internal set; } = Array.Empty<string>();

        /// <summary>How long the run took.</summary>
        public TimeSpan Duration { get; internal set; }

        /// <summary>True when nothing failed.</summary>
        public bool Succeeded => Failed == 0;

        /// <inheritdoc />
        public override string ToString() =>
            $"New {New}, Updated {Updated}, Unchanged {Unchanged}, Missing {Missing}, Failed {Failed}";
    }
}
