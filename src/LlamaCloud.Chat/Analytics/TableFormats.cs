namespace LlamaCloud.Chat.Analytics
{
    /// <summary>The writer of each <see cref="ChatTableFormat"/>.</summary>
    internal static class TableFormats
    {
        /// <summary>Throws LlamaCloud.ParquetUnavailable for Parquet where it cannot run.</summary>
        internal static ITableFileFormat For(ChatTableFormat format) => format switch
        {
            ChatTableFormat.Ndjson => NdjsonTableFormat.Instance,
            ChatTableFormat.Csv => CsvTableFormat.Instance,
            _ => ParquetFormatLoader.Load(),
        };

        /// <summary>The name the manifest records (parquet, ndjson, csv).</summary>
        internal static string NameOf(ChatTableFormat format) => format.ToString().ToLowerInvariant();
    }
}
