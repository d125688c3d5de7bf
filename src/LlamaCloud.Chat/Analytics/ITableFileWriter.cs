using System;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// Writes one table file, row by row: each row gives one value per column, in the schema's order, with the method of
    /// the column's type; <see cref="EndRow"/> closes the row. A writer keeps at most a bounded batch of rows (a Parquet
    /// row group) in memory, whatever the number of rows. <see cref="Complete"/> finishes the file (footer, flush to
    /// disk); disposing without it leaves an unfinished file, which the caller deletes.
    /// </summary>
    internal interface ITableFileWriter : IDisposable
    {
        void String(string? value);

        void Int32(int? value);

        void Int64(long? value);

        void Double(double? value);

        void Boolean(bool? value);

        /// <summary>A UTC instant.</summary>
        void Timestamp(DateTime? value);

        void EndRow();

        /// <summary>Finishes the file and flushes it to disk.</summary>
        void Complete();
    }
}
