namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// Sees every text value on its way into a table file (<see cref="TableRowWriter.Text"/>) and returns what is written
    /// instead: the place where a redactor plugs in. JSON columns (payload_json, arguments_json, result_json) pass here as
    /// their JSON text.
    /// </summary>
    internal interface ITableTextFilter
    {
        string? Apply(TableSchema table, TableColumn column, string? value);
    }
}
