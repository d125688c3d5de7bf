using System.IO;
using LlamaCloud.Chat.Analytics;

namespace LlamaCloud.Chat.Parquet
{
    /// <summary>Apache Parquet through Parquet.Net: typed columns, Snappy compression, row groups of a bounded size.</summary>
    internal sealed class ParquetTableFormat : ITableFileFormat
    {
        public string Extension => ".parquet";

        public ITableFileWriter Create(Stream stream, TableSchema schema) => new ParquetTableWriter(stream, schema);
    }
}
