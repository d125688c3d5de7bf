using System.IO;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>Newline-delimited JSON: one object per row, every column present (null when empty), UTF-8.</summary>
    internal sealed class NdjsonTableFormat : ITableFileFormat
    {
        internal static readonly NdjsonTableFormat Instance = new NdjsonTableFormat();

        public string Extension => ".ndjson";

        public ITableFileWriter Create(Stream stream, TableSchema schema) => new NdjsonTableWriter(stream, schema);
    }
}
