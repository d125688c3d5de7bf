namespace LlamaCloud.Chat
{
    /// <summary>Coordinates for resolving a page screenshot attached to a tool result.</summary>
    public sealed class ImageAttachment
    {
        /// <summary>Creates the attachment reference.</summary>
        public ImageAttachment(string? attachmentName, string? sourceId)
        {
            AttachmentName = attachmentName;
            SourceId = sourceId;
        }

        /// <summary>The attachment's name, e.g. <c>page_4.png</c>.</summary>
        public string? AttachmentName { get; }

        /// <summary>The id of the source document.</summary>
        public string? SourceId { get; }

        /// <inheritdoc />
        public override string ToString() => $"{SourceId}/{AttachmentName}";
    }
}
