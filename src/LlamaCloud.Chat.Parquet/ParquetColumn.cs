using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using global::Parquet;
using global::Parquet.Schema;
using LlamaCloud.Chat.Analytics;

namespace LlamaCloud.Chat.Parquet
{
    /// <summary>
    /// One column's values of the row group being built, in arrays this column owns and reuses from row group to row
    /// group: the non-null values and one definition level per row (1 present, 0 null), handed to Parquet.Net as they are
    /// (<c>WriteAllPartsAsync</c>). Parquet.Net's convenience overloads would copy them into arrays rented from the shared
    /// <c>ArrayPool</c> and return those uncleared, so every pooled array kept the strings of the last row group it held
    /// alive (docs/analytics.md#memory).
    /// </summary>
    internal abstract class ParquetColumn
    {
        private const int InitialRows = 1024;
        private int[] _levels = new int[InitialRows];

        internal abstract DataField Field { get; }

        /// <summary>Rows held.</summary>
        internal int Count { get; private set; }

        /// <summary>The bytes these rows take in the column's uncompressed page: UTF-8 text with its 4-byte length, or the
        /// value's width (the definition levels, run-length encoded, add next to nothing).</summary>
        internal long Bytes { get; private protected set; }

        /// <summary>Non-null values held (tests: zero after <see cref="Clear"/>, so no string outlives its row group).</summary>
        internal abstract int HeldValues { get; }

        internal abstract Task WriteAsync(ParquetRowGroupWriter rowGroup);

        internal virtual void Clear()
        {
            Count = 0;
            Bytes = 0;
        }

        private protected ReadOnlyMemory<int> Levels => new ReadOnlyMemory<int>(_levels, 0, Count);

        private protected void AddLevel(bool present)
        {
            if (Count == _levels.Length) Array.Resize(ref _levels, _levels.Length * 2);
            _levels[Count++] = present ? 1 : 0;
        }

        /// <summary>Grows <paramref name="values"/> (doubling) so that it holds one more than <paramref name="count"/>.</summary>
        private protected static void Ensure<T>(ref T[] values, int count)
        {
            if (count == values.Length) Array.Resize(ref values, values.Length * 2);
        }

        internal static ParquetColumn For(TableColumn column) => column.Type switch
        {
            TableColumnType.String => new StringColumn(new DataField<string>(column.Name, true)),
            TableColumnType.Int32 => new ValueColumn<int>(new DataField<int?>(column.Name)),
            TableColumnType.Int64 => new ValueColumn<long>(new DataField<long?>(column.Name)),
            TableColumnType.Double => new ValueColumn<double>(new DataField<double?>(column.Name)),
            TableColumnType.Boolean => new ValueColumn<bool>(new DataField<bool?>(column.Name)),
            _ => new ValueColumn<DateTime>(new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, true, DateTimeTimeUnit.Micros, true, false, null)),
        };

        internal sealed class StringColumn : ParquetColumn
        {
            private ReadOnlyMemory<char>[] _values = new ReadOnlyMemory<char>[InitialRows];
            private int _held;

            internal StringColumn(DataField field) => Field = field;

            internal override DataField Field { get; }

            internal override int HeldValues => _held;

            internal void Add(string? value)
            {
                AddLevel(value != null);
                if (value == null) return;
                Ensure(ref _values, _held);
                _values[_held++] = value.AsMemory();
                Bytes += sizeof(int) + Encoding.UTF8.GetByteCount(value);
            }

            internal override Task WriteAsync(ParquetRowGroupWriter rowGroup) =>
                rowGroup.WriteAllPartsAsync(Field, new ReadOnlyMemory<ReadOnlyMemory<char>>(_values, 0, _held), Levels, null, CancellationToken.None);

            internal override void Clear()
            {
                // The strings go with their row group: the array, kept for the next one, must not keep them alive.
                Array.Clear(_values, 0, _held);
                _held = 0;
                base.Clear();
            }
        }

        internal sealed class ValueColumn<T> : ParquetColumn where T : struct
        {
            private static readonly int Width = typeof(T) == typeof(bool) ? 1 : System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            private T[] _values = new T[InitialRows];
            private int _held;

            internal ValueColumn(DataField field) => Field = field;

            internal override DataField Field { get; }

            internal override int HeldValues => _held;

            internal void Add(T? value)
            {
                AddLevel(value.HasValue);
                if (!value.HasValue) return;
                Ensure(ref _values, _held);
                _values[_held++] = value.Value;
                Bytes += Width;
            }

            internal override Task WriteAsync(ParquetRowGroupWriter rowGroup) =>
                rowGroup.WriteAllPartsAsync(Field, new ReadOnlyMemory<T>(_values, 0, _held), Levels, null, CancellationToken.None);

            internal override void Clear()
            {
                _held = 0;
                base.Clear();
            }
        }
    }
}
