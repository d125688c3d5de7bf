using LlamaCloud.Chat.Redaction;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// -Redact for tables: every text cell on its way into a file, JSON columns as JSON (they stay valid JSON), the rest
    /// as text. session_id stays: it is the tables' join key and names their files.
    /// </summary>
    internal sealed class RedactingTableFilter : ITableTextFilter
    {
        private readonly TextRedactor _redactor;

        internal RedactingTableFilter(TextRedactor redactor)
        {
            _redactor = redactor;
            Tally = redactor.NewTally();
        }

        internal TextRedactor Redactor => _redactor;

        /// <summary>What the run replaced, over every cell written.</summary>
        internal RedactionTally Tally { get; }

        public string? Apply(TableSchema table, TableColumn column, string? value)
        {
            if (value == null || column.Name == "session_id") return value;
            return IsJson(column) ? _redactor.RedactJson(value, Tally) : _redactor.Redact(value, Tally);
        }

        private static bool IsJson(TableColumn column) => column.Name.EndsWith("_json", System.StringComparison.Ordinal) || column.Name == "index_ids";
    }
}
