using System.IO;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// A file format for the tables (NDJSON and CSV in this assembly; Parquet in LlamaCloud.Chat.Parquet.dll, loaded in its
    /// own load context on PowerShell 7.4+). The contract between the two assemblies is this interface and
    /// <see cref="ITableFileWriter"/>: internal, seen by the Parquet assembly through InternalsVisibleTo, so scripts never
    /// see it and it is no part of the module's public API.
    /// </summary>
    internal interface ITableFileFormat
    {
        /// <summary>The file extension, with its dot (".parquet").</summary>
        string Extension { get; }

        /// <summary>A writer of one table file into <paramref name="stream"/>, which it owns (disposes) from now on.</summary>
        ITableFileWriter Create(Stream stream, TableSchema schema);
    }
}
