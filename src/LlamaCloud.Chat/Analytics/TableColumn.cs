namespace LlamaCloud.Chat.Analytics
{
    /// <summary>One column of a table: its name (snake_case, as engines expect), type, and what it holds.</summary>
    internal sealed class TableColumn
    {
        internal TableColumn(int ordinal, string name, TableColumnType type, string description)
        {
            Ordinal = ordinal;
            Name = name;
            Type = type;
            Description = description;
        }

        /// <summary>The column's position in its table, from 0.</summary>
        internal int Ordinal { get; }

        internal string Name { get; }

        internal TableColumnType Type { get; }

        internal string Description { get; }

        /// <summary>The DuckDB type name of the column (the manifest lists it, so engines can be told the schema).</summary>
        internal string SqlType => Type switch
        {
            TableColumnType.String => "VARCHAR",
            TableColumnType.Int32 => "INTEGER",
            TableColumnType.Int64 => "BIGINT",
            TableColumnType.Double => "DOUBLE",
            TableColumnType.Boolean => "BOOLEAN",
            _ => "TIMESTAMPTZ",
        };
    }
}
