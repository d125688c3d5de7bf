using System;
using System.Collections.Generic;
using System.IO;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Transcripts;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// The images of -IncludeImages: each attachment's presigned URL from the API, then its bytes from storage (with no
    /// key), once per command, at most <see cref="MaxBytes"/> each. Runs on the pipeline thread, where the transcript is
    /// written. A failure is one error for that attachment and a note in the page, never a lost transcript.
    /// </summary>
    internal sealed class TranscriptImages
    {
        /// <summary>A page screenshot is far smaller; this keeps one odd attachment from bloating a transcript.</summary>
        internal const int MaxBytes = 10 * 1024 * 1024;

        private readonly TranscriptCommandBase _cmd;
        private readonly Dictionary<string, EmbeddedImage> _done = new Dictionary<string, EmbeddedImage>(StringComparer.Ordinal);

        internal TranscriptImages(TranscriptCommandBase cmd)
        {
            _cmd = cmd;
        }

        internal EmbeddedImage Fetch(ImageAttachment attachment)
        {
            if (string.IsNullOrEmpty(attachment.SourceId) || string.IsNullOrEmpty(attachment.AttachmentName))
                return EmbeddedImage.Failed(Messages.AttachmentUnnamed());
            var key = attachment.SourceId + "\n" + attachment.AttachmentName;
            if (_done.TryGetValue(key, out var known)) return known;
            EmbeddedImage image;
            try
            {
                var api = new AttachmentsApi(_cmd.Api.Client);
                var a = _cmd.Await(api.GetAsync(attachment.SourceId!, attachment.AttachmentName!, _cmd.StopToken));
                var buffer = new MemoryStream();
                _cmd.Await(PresignedDownload.DownloadAsync(a.Url!, _cmd.Api.Client.Settings, () =>
                {
                    buffer = new MemoryStream();
                    return buffer;
                }, total =>
                {
                    if (total > MaxBytes) throw new AttachmentDownloadException(Messages.ImageTooLarge(MaxBytes), null, System.Management.Automation.ErrorCategory.LimitsExceeded);
                }, _cmd.StopToken, _cmd, _cmd.Activity));
                var bytes = buffer.ToArray();
                image = EmbeddedImage.Sniff(bytes) != null
                    ? EmbeddedImage.Of(bytes)
                    : EmbeddedImage.Failed(Messages.NotAnImage());
                if (image.Bytes == null)
                    _cmd.WriteRequestError(new LlamaCloudException(Messages.ImageNotEmbedded(attachment.SourceId, attachment.AttachmentName, image.Problem),
                        ErrorIds.AttachmentDownloadFailed, System.Management.Automation.ErrorCategory.InvalidResult), attachment);
            }
            catch (LlamaCloudException ex)
            {
                _cmd.WriteRequestError(ex, attachment);
                image = EmbeddedImage.Failed(ex.Message);
            }
            _done[key] = image;
            return image;
        }
    }
}
