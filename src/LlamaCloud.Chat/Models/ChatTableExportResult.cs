using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat
{
    /// <summary>What one run of Export-LlamaChatTable did.</summary>
    public sealed class ChatTableExportResult
    {
        internal ChatTableExportResult(string path, ChatTableFormat format)
        {
            Path = path;
            Format = format;
        }

        /// <summary>The table folder.</summary>
        public string Path { get; }

        /// <summary>The file format of the tables.</summary>
        public ChatTableFormat Format { get; }

        /// <summary>Sessions written for the first time.</summary>
        public int New { get; internal set; }

        /// <summary>Sessions whose rows were rewritten because the session changed (or -Force).</summary>
        public int Updated { get; internal set; }

        /// <summary>Sessions whose rows are current: not read, files untouched.</summary>
        public int Unchanged { get; internal set; }

        /// <summary>Sessions that could not be read or written (each also reported as an error); their previous rows stay.</summary>
        public int Failed { get; internal set; }

        /// <summary>The ids of the failed sessions, in input order.</summary>
        public IReadOnlyList<string> FailedIds { get; internal set; } = Array.Empty<string>();

        /// <summary>Rows written by this run: sessions, turns, events and tool calls of the new and updated sessions.</summary>
        public long RowsWritten { get; internal set; }

        /// <summary>Sessions in the tables after the run (the manifest's).</summary>
        public int Sessions { get; internal set; }

        /// <summary>Rows of the turns table after the run.</summary>
        public long Turns { get; internal set; }

        /// <summary>Rows of the events table after the run.</summary>
        public long Events { get; internal set; }

        /// <summary>Rows of the tool_calls table after the run.</summary>
        public long ToolCalls { get; internal set; }

        /// <summary>How long the run took.</summary>
        public TimeSpan Duration { get; internal set; }

        /// <summary>With -Redact: what redaction replaced in the rows this run wrote, one row per rule (never the values); otherwise null.</summary>
        public ChatRedactionSummary[]? Redaction { get; internal set; }

        /// <summary>True when no session failed.</summary>
        public bool Succeeded => Failed == 0;

        /// <inheritdoc />
        public override string ToString() =>
            $"New={New} Updated={Updated} Unchanged={Unchanged} Failed={Failed} Rows={RowsWritten}";
    }
}
