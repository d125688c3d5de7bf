namespace LlamaCloud.Chat
{
    /// <summary>The file formats Export-LlamaChatTable writes.</summary>
    public enum ChatTableFormat
    {
        /// <summary>Apache Parquet (typed, compressed); needs PowerShell 7.4 or later.</summary>
        Parquet,
        /// <summary>Newline-delimited JSON, one object per row.</summary>
        Ndjson,
        /// <summary>Comma-separated values with a header row (RFC 4180).</summary>
        Csv,
    }
}
