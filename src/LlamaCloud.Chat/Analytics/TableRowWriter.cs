using System;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// One table file's rows, column by column in the schema's order. Every text value leaves through <see cref="Text"/>,
    /// the one place an <see cref="ITableTextFilter"/> (redaction) sees it.
    /// </summary>
    internal sealed class TableRowWriter : IDisposable
    {
        private readonly ITableFileWriter _file;
        private readonly ITableTextFilter? _filter;
        private int _column;

        internal TableRowWriter(ITableFileWriter file, TableSchema schema, ITableTextFilter? filter)
        {
            _file = file;
            Schema = schema;
            _filter = filter;
        }

        internal TableSchema Schema { get; }

        /// <summary>Rows ended so far.</summary>
        internal long Rows { get; private set; }

        /// <summary>The next column's text: the exit of every text value, through the filter when there is one.</summary>
        internal void Text(string? value)
        {
            var column = Schema.Columns[_column++];
            _file.String(_filter == null ? value : _filter.Apply(Schema, column, value));
        }

        internal void Int32(int? value) { _column++; _file.Int32(value); }

        internal void Int64(long? value) { _column++; _file.Int64(value); }

        internal void Double(double? value) { _column++; _file.Double(value); }

        internal void Boolean(bool? value) { _column++; _file.Boolean(value); }

        internal void Timestamp(DateTime? value) { _column++; _file.Timestamp(value); }

        internal void EndRow()
        {
            _file.EndRow();
            _column = 0;
            Rows++;
        }

        internal void Complete() => _file.Complete();

        public void Dispose() => _file.Dispose();
    }
}
