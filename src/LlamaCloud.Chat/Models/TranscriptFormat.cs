namespace LlamaCloud.Chat
{
    /// <summary>The formats Export-LlamaChatTranscript and ConvertTo-LlamaChatTranscript write.</summary>
    public enum TranscriptFormat
    {
        /// <summary>GitHub-flavoured Markdown (.md).</summary>
        Markdown,
        /// <summary>One self-contained HTML page (.html) that runs no script.</summary>
        Html,
    }
}
