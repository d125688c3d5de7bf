namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// What the analytics layer says to the user: Parquet that cannot be loaded, a manifest that cannot be read, and
    /// broken promises between the table writers' own parts, built here so that the words live in one place.
    /// </summary>
    internal static class Messages
    {
        /// <summary>-Format Parquet on a runtime older than .NET 8 (<paramref name="runtime"/> names it).</summary>
        internal static string ParquetNeedsPowerShell74(string runtime) =>
            $"Parquet needs PowerShell 7.4 or later; this is {runtime}. Use -Format Ndjson or -Format Csv here (DuckDB, Spark, BigQuery and Fabric read both), or run the export in PowerShell 7.4+ (pwsh).";

        /// <summary>How a runtime is named in <see cref="ParquetNeedsPowerShell74"/>: .NET Framework as Windows PowerShell 5.1.</summary>
        internal static string Runtime(string frameworkDescription, bool isNetFramework) =>
            isNetFramework ? "Windows PowerShell 5.1 (" + frameworkDescription + ")" : frameworkDescription;

        /// <summary>The module's Parquet folder lacks its writer.</summary>
        internal static string ParquetMissing(string path) =>
            $"The module's Parquet writer is missing ('{path}'); reinstall the module, or use -Format Ndjson or -Format Csv.";

        /// <summary>The Parquet writer is there but could not be loaded.</summary>
        internal static string ParquetNotLoaded(string folder, string exceptionType, string problem) =>
            $"The module's Parquet writer could not be loaded from '{folder}' ({exceptionType}: {problem}); use -Format Ndjson or -Format Csv.";

        /// <summary>A runtime without AssemblyLoadContext (caught and reported as <see cref="ParquetNotLoaded"/>).</summary>
        internal static string NoAssemblyLoadContext() => "This runtime has no AssemblyLoadContext.";

        /// <summary>A manifest file of another format.</summary>
        internal static string NotAManifest(string formatName) => $"it is not a manifest of {formatName}";

        /// <summary>A manifest file that cannot be read.</summary>
        internal static string ManifestUnreadable(string path, string problem) => $"The manifest '{path}' cannot be read: {problem}";

        /// <summary>A row given more values than the table has columns (a bug in the caller).</summary>
        internal static string TooManyValues() => "More values than columns in a row.";

        /// <summary>A row ended with fewer values than the table has columns (a bug in the caller).</summary>
        internal static string RowIncomplete(int values, int columns) => $"A row has {values} values for {columns} columns.";

        /// <summary>A session's tables taken before they were written (a bug in the caller).</summary>
        internal static string TablesIncomplete() => "The session's tables are not complete.";
    }
}
