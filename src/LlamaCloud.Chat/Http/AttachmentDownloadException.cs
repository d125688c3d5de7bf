using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Http
{
    /// <summary>A download from a presigned URL that failed; <see cref="StatusCode"/> is the storage host's answer, if any.</summary>
    internal sealed class AttachmentDownloadException : LlamaCloudException
    {
        internal AttachmentDownloadException(string message, int? statusCode, ErrorCategory category, Exception? inner = null)
            : base(message, ErrorIds.AttachmentDownloadFailed, category, inner)
        {
            StatusCode = statusCode;
        }

        internal int? StatusCode { get; }

        /// <summary>403: the URL expired or its signature no longer holds; a fresh URL may succeed.</summary>
        internal bool MayBeExpired => StatusCode == 403;
    }
}
