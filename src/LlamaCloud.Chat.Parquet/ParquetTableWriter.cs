using System;
using System.IO;
using global::Parquet;
using global::Parquet.Schema;
using LlamaCloud.Chat.Analytics;

namespace LlamaCloud.Chat.Parquet
{
    /// <summary>
    /// Writes one table file as Parquet, a row group at a time: values collect in typed columns until the row group's
    /// pages would hold <see cref="RowGroupBytes"/> bytes or <see cref="RowGroupRows"/> rows, then go out as one row
    /// group, so memory stays bounded by those two settings however many rows a session has. The file is only valid once
    /// <see cref="Complete"/> wrote its footer.
    /// </summary>
    internal sealed class ParquetTableWriter : ITableFileWriter
    {
        /// <summary>Rows per row group at most (the arrays a column keeps for its values grow to this many).</summary>
        internal const int RowGroupRows = 16 * 1024;

        /// <summary>A row group ends once its columns' pages would hold this many bytes. Parquet.Net writes one page per
        /// column and row group, encodes and compresses it whole, so this also bounds the buffers it rents; the four
        /// tables of a session each hold one row group in the making. Chosen by measurement against smaller and larger
        /// row groups (bench/README.md, Figures behind the code).</summary>
        internal const long RowGroupBytes = 512 * 1024;

        // Parquet.Net's pool of memory streams (one, static, for every writer in the load context) keeps the blocks and
        // contiguous buffers it gets back up to these sizes and lets the rest go: about what one flush uses.
        private static readonly ParquetOptions Options = new ParquetOptions
        {
            MaximumSmallPoolFreeBytes = 2 * 1024 * 1024,
            MaximumLargePoolFreeBytes = 2 * 1024 * 1024,
        };

        private readonly Stream _file;
        private readonly Stream _stream;
        private readonly ParquetColumn[] _columns;
        private readonly ParquetWriter _writer;
        private int _column;
        private int _rows;
        private bool _disposed;

        internal ParquetTableWriter(Stream stream, TableSchema schema)
        {
            _file = stream;
            _columns = new ParquetColumn[schema.Columns.Count];
            var fields = new Field[_columns.Length];
            for (var i = 0; i < _columns.Length; i++)
            {
                _columns[i] = ParquetColumn.For(schema.Columns[i]);
                fields[i] = _columns[i].Field;
            }
            _stream = new SynchronousWriteStream(stream);
            _writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), _stream, Options).GetAwaiter().GetResult();
        }

        private T Next<T>() where T : ParquetColumn
        {
            if (_column >= _columns.Length) throw new InvalidOperationException("More values than columns in a row.");
            return (T)_columns[_column++];
        }

        public void String(string? value) => Next<ParquetColumn.StringColumn>().Add(value);

        public void Int32(int? value) => Next<ParquetColumn.ValueColumn<int>>().Add(value);

        public void Int64(long? value) => Next<ParquetColumn.ValueColumn<long>>().Add(value);

        public void Double(double? value) => Next<ParquetColumn.ValueColumn<double>>().Add(value);

        public void Boolean(bool? value) => Next<ParquetColumn.ValueColumn<bool>>().Add(value);

        public void Timestamp(DateTime? value) =>
            Next<ParquetColumn.ValueColumn<DateTime>>().Add(value == null ? null : DateTime.SpecifyKind(value.Value, DateTimeKind.Utc));

        public void EndRow()
        {
            if (_column != _columns.Length) throw new InvalidOperationException($"A row has {_column} values for {_columns.Length} columns.");
            _column = 0;
            _rows++;
            if (_rows >= RowGroupRows || HeldBytes() >= RowGroupBytes) Flush();
        }

        /// <summary>Values of the row group in the making, over all columns (tests: none right after a row group went out).</summary>
        internal int HeldValues
        {
            get
            {
                var n = 0;
                foreach (var c in _columns) n += c.HeldValues;
                return n;
            }
        }

        private long HeldBytes()
        {
            long n = 0;
            foreach (var c in _columns) n += c.Bytes;
            return n;
        }

        // One row group of what was collected. An empty file still gets one (empty) row group, so its schema is there.
        private void Flush()
        {
            using (var rowGroup = _writer.CreateRowGroup())
            {
                foreach (var c in _columns) c.WriteAsync(rowGroup).GetAwaiter().GetResult();
            }
            foreach (var c in _columns) c.Clear();
            _rows = 0;
            _wroteGroup = true;
        }

        private bool _wroteGroup;

        public void Complete()
        {
            if (_rows > 0 || !_wroteGroup) Flush();
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _stream.Flush();
            if (_file is FileStream f) f.Flush(true);
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _stream.Dispose();
        }
    }
}
