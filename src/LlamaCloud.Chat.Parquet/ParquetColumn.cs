using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using global::Parquet;
using global::Parquet.Schema;
using LlamaCloud.Chat.Analytics;

namespace LlamaCloud.Chat.Parquet
{
    /// <summary>One column's values of the row group being built, in the column's type, and its Parquet field.</summary>
    internal abstract class ParquetColumn
    {
        internal abstract DataField Field { get; }

        internal abstract int Count { get; }

        internal abstract Task WriteAsync(ParquetRowGroupWriter rowGroup);

        internal abstract void Clear();

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
            private readonly List<string?> _values = new List<string?>();

            internal StringColumn(DataField field) => Field = field;

            internal override DataField Field { get; }

            internal override int Count => _values.Count;

            /// <summary>UTF-16 characters held (a row group also ends when its text grows large).</summary>
            internal long Chars { get; private set; }

            internal void Add(string? value)
            {
                _values.Add(value);
                Chars += value?.Length ?? 0;
            }

            internal override Task WriteAsync(ParquetRowGroupWriter rowGroup) => rowGroup.WriteAsync(Field, _values!, null);

            internal override void Clear()
            {
                _values.Clear();
                Chars = 0;
            }
        }

        internal sealed class ValueColumn<T> : ParquetColumn where T : struct
        {
            private T?[] _values = new T?[1024];
            private int _count;

            internal ValueColumn(DataField field) => Field = field;

            internal override DataField Field { get; }

            internal override int Count => _count;

            internal void Add(T? value)
            {
                if (_count == _values.Length) Array.Resize(ref _values, _values.Length * 2);
                _values[_count++] = value;
            }

            internal override Task WriteAsync(ParquetRowGroupWriter rowGroup) =>
                rowGroup.WriteAsync<T>(Field, new ReadOnlyMemory<T?>(_values, 0, _count));

            internal override void Clear() => _count = 0;
        }
    }
}
