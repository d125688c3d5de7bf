using System.IO;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>CSV (RFC 4180): a header row, commas, fields quoted when they hold a comma, quote or line break; UTF-8.</summary>
    internal sealed class CsvTableFormat : ITableFileFormat
    {
        internal static readonly CsvTableFormat Instance = new CsvTableFormat();

        public string Extension => ".csv";

        public ITableFileWriter Create(Stream stream, TableSchema schema) => new CsvTableWriter(stream, schema);
    }
}
