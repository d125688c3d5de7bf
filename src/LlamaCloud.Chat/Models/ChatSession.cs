using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat
{
    /// <summary>A LlamaCloud chat session: its summary fields and, when loaded, its full event history.</summary>
    public sealed class ChatSession
    {
        // Internal: a public one-string constructor would let PowerShell coerce any piped string into a session.
        internal ChatSession(string sessionId)
        {
            SessionId = sessionId;
        }

        /// <summary>The session's id, e.g. <c>ses-abc123</c>.</summary>
        public string SessionId { get; internal set; }

        /// <summary>When the session was last updated, in UTC.</summary>
        public DateTime LastUpdatedAt { get; internal set; }

        /// <summary>LastUpdatedAt as ISO 8601 text marked as UTC (2026-04-22T12:34:41.342245Z), for CSV files and logs,
        /// where a [datetime] is written in the local format without saying it is UTC; null when the API sent no time.</summary>
        public string? LastUpdatedAtUtc => LastUpdatedAt.Ticks == 0 ? null
            : LastUpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>What the session's share link grants, as the API sends it: <c>query</c> (viewers may ask new
        /// questions) or <c>read_only</c> (transcript only); null when the server sent none (older deployments).</summary>
        public string? SharedAccess { get; internal set; }

        /// <summary>The title LlamaCloud derived from the first user message.</summary>
        public string? GeneratedTitle { get; internal set; }

        /// <summary>The indexes the session is bound to; null on unbound sessions.</summary>
        public IReadOnlyList<string>? IndexIds { get; internal set; }

        /// <summary>Usage and status of the most recent run; null before the first run.</summary>
        public JobMetadata? JobMetadata { get; internal set; }

        // The most recent run's usage as flat values (JobMetadata's), so Export-Csv and Select-Object * show them as columns.

        /// <summary>The most recent run's total input tokens (JobMetadata.TotalInputTokens).</summary>
        public long? InputTokens => JobMetadata?.TotalInputTokens;

        /// <summary>The most recent run's total output tokens (JobMetadata.TotalOutputTokens).</summary>
        public long? OutputTokens => JobMetadata?.TotalOutputTokens;

        /// <summary>The most recent run's model turns (JobMetadata.Turns).</summary>
        public int? Turns => JobMetadata?.Turns;

        /// <summary>The most recent run's duration in milliseconds (JobMetadata.DurationMs).</summary>
        public double? DurationMs => JobMetadata?.DurationMs;

        /// <summary>Whether the most recent run ended in an error (JobMetadata.IsError); null before the first run.</summary>
        public bool? IsError => JobMetadata?.IsError;

        /// <summary>The most recent run's error message (JobMetadata.Error).</summary>
        public string? Error => JobMetadata?.Error;

        private IReadOnlyList<ChatEvent>? _events;

        /// <summary>The ordered event history; null when it was not loaded (listed sessions, -Summary),
        /// which is distinct from an empty history.</summary>
        public IReadOnlyList<ChatEvent>? Events
        {
            get => _events ?? Lazy?.All;
            internal set
            {
                _events = value;
                Lazy = null;
            }
        }

        /// <summary>The number of events, or null when the events were not loaded.</summary>
        public int? EventCount => _events?.Count ?? Lazy?.Count;

        /// <summary>The loaded events in order without building and keeping all of a lazy session's at once (see
        /// <see cref="IEventHistory.Enumerate"/>); null when the events were not loaded.</summary>
        internal IEnumerable<ChatEvent>? EnumerateEvents() => _events ?? Lazy?.Enumerate();

        /// <summary>A fetched session's events while they are still only its response bytes (built on first access
        /// to <see cref="Events"/>); null when they were built at once or not loaded.</summary>
        internal IEventHistory? Lazy { get; set; }

        /// <summary>The timestamp text exactly as received (Sync-LlamaChatArchive compares it with the archived copy's).</summary>
        internal string? LastUpdatedAtText { get; set; }

        /// <summary>The names of top-level fields this module does not know (a saved list page has <c>items</c>).</summary>
        internal List<string>? ExtraFields { get; set; }

        /// <inheritdoc />
        public override string ToString() => SessionId;
    }
}
