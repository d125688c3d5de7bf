using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// Writes rows as CSV. A null is an empty field; an empty string is <c>""</c> (engines that read quoted empties as null,
    /// DuckDB by default, see both as null). Numbers use the invariant culture; timestamps are ISO 8601 in UTC with a Z.
    /// </summary>
    internal sealed class CsvTableWriter : ITableFileWriter
    {
        private readonly StreamWriter _writer;
        private readonly int _columns;
        private int _column;

        internal CsvTableWriter(Stream stream, TableSchema schema)
        {
            _writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
            _columns = schema.Columns.Count;
            foreach (var c in schema.Columns)
            {
                Separator();
                _writer.Write(c.Name);
            }
            _writer.Write('\n');
            _column = 0;
        }

        private void Separator()
        {
            if (_column >= _columns) throw new InvalidOperationException(Messages.TooManyValues());
            if (_column++ > 0) _writer.Write(',');
        }

        public void String(string? value)
        {
            Separator();
            if (value == null) return;
            if (value.Length > 0 && value.IndexOfAny(Special) < 0)
            {
                _writer.Write(value);
                return;
            }
            _writer.Write('"');
            var from = 0;
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] != '"') continue;
                _writer.Write(value.ToCharArray(from, i + 1 - from));
                _writer.Write('"');
                from = i + 1;
            }
            if (from < value.Length) _writer.Write(from == 0 ? value : value.Substring(from));
            _writer.Write('"');
        }

        private static readonly char[] Special = { ',', '"', '\r', '\n' };

        public void Int32(int? value)
        {
            Separator();
            if (value != null) _writer.Write(value.Value.ToString(CultureInfo.InvariantCulture));
        }

        public void Int64(long? value)
        {
            Separator();
            if (value != null) _writer.Write(value.Value.ToString(CultureInfo.InvariantCulture));
        }

        public void Double(double? value)
        {
            Separator();
            if (value != null && !double.IsNaN(value.Value) && !double.IsInfinity(value.Value))
                _writer.Write(value.Value.ToString("R", CultureInfo.InvariantCulture));
        }

        public void Boolean(bool? value)
        {
            Separator();
            if (value != null) _writer.Write(value.Value ? "true" : "false");
        }

        public void Timestamp(DateTime? value)
        {
            Separator();
            if (value != null) _writer.Write(TableText.Timestamp(value.Value));
        }

        public void EndRow()
        {
            if (_column != _columns) throw new InvalidOperationException(Messages.RowIncomplete(_column, _columns));
            _writer.Write('\n');
            _column = 0;
        }

        public void Complete()
        {
            _writer.Flush();
            if (_writer.BaseStream is FileStream f) f.Flush(true);
        }

        public void Dispose() => _writer.Dispose();
    }
}
