namespace LlamaCloud.Chat.Analytics
{
    /// <summary>The value types of table columns; every column is nullable.</summary>
    internal enum TableColumnType
    {
        /// <summary>UTF-8 text (Parquet BYTE_ARRAY/STRING, DuckDB VARCHAR).</summary>
        String,
        /// <summary>32-bit integer (DuckDB INTEGER).</summary>
        Int32,
        /// <summary>64-bit integer (DuckDB BIGINT).</summary>
        Int64,
        /// <summary>Double-precision float (DuckDB DOUBLE).</summary>
        Double,
        /// <summary>True or false (DuckDB BOOLEAN).</summary>
        Boolean,
        /// <summary>An instant in UTC, microsecond precision (Parquet TIMESTAMP(MICROS, UTC), DuckDB TIMESTAMP WITH TIME ZONE).</summary>
        Timestamp,
    }
}
