namespace LlamaCloud.Chat
{
    /// <summary>What a chat session's share link grants (New-LlamaChatSession -SharedAccess).</summary>
    public enum ChatSharedAccess
    {
        /// <summary><c>query</c>: viewers of the link may ask new questions.</summary>
        Query,
        /// <summary><c>read_only</c>: viewers see the transcript only.</summary>
        ReadOnly,
    }
}
