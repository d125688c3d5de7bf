using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// An image attached to a source file (a page screenshot that a tool result names), with a presigned URL to download
    /// it. The URL authorizes itself and expires (<see cref="ExpiresAt"/>); Save-LlamaChatAttachment asks for a fresh one
    /// when it has.
    /// </summary>
    public sealed class ChatAttachment
    {
        internal ChatAttachment(string sourceId, string name)
        {
            SourceId = sourceId;
            Name = name;
        }

        /// <summary>The source file the attachment belongs to (a file UUID or directory file id).</summary>
        public string SourceId { get; }

        /// <summary>The attachment's name, e.g. <c>page_4.png</c>.</summary>
        public string Name { get; }

        /// <summary>Its size in bytes, when listed (-SourceId without -Name); otherwise null.</summary>
        public long? Size { get; internal set; }

        /// <summary>When it was last modified (UTC), when the listing said so.</summary>
        public DateTime? LastModified { get; internal set; }

        /// <summary>The presigned download URL. It needs no key and must not be given one.</summary>
        public Uri? Url { get; internal set; }

        /// <summary>When <see cref="Url"/> stops working (UTC).</summary>
        public DateTime? ExpiresAt { get; internal set; }

        /// <summary>Form fields of a presigned POST, when the server sent any (downloads need none).</summary>
        public IReadOnlyDictionary<string, string>? FormFields { get; internal set; }

        /// <summary>The session whose tool result named the attachment, when it came from one.</summary>
        public string? SessionId { get; internal set; }

        /// <summary>The call id of the tool result that named it, when it came from one.</summary>
        public string? CallId { get; internal set; }

        /// <summary>True when <see cref="ExpiresAt"/> has passed (or is within a few seconds).</summary>
        public bool IsExpired => ExpiresAt.HasValue && ExpiresAt.Value <= DateTime.UtcNow.AddSeconds(5);

        /// <inheritdoc />
        public override string ToString() => SourceId + "/" + Name;
    }
}
