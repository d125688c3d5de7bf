using System.Collections.Generic;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>A table's name (also its folder) and its columns in order.</summary>
    internal sealed class TableSchema
    {
        private readonly List<TableColumn> _columns = new List<TableColumn>();

        internal TableSchema(string name)
        {
            Name = name;
        }

        internal string Name { get; }

        internal IReadOnlyList<TableColumn> Columns => _columns;

        /// <summary>Adds the next column (schemas are built once, in <see cref="TableSchemas"/>).</summary>
        internal TableSchema Column(string name, TableColumnType type, string description)
        {
            _columns.Add(new TableColumn(_columns.Count, name, type, description));
            return this;
        }
    }
}
