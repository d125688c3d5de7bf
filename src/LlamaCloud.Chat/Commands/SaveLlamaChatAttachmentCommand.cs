using System;
using System.IO;
using System.Management.Automation;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Archive;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Downloads chat attachments (page screenshots) into a folder, one subfolder per source file.</para>
    /// </summary>
    [Cmdlet(VerbsData.Save, "LlamaChatAttachment", SupportsShouldProcess = true, DefaultParameterSetName = InputSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveLlamaChatAttachmentCommand : AttachmentCmdlet
    {
        private static readonly string ProgressActivity = Messages.SavingAttachments();
        private string _folder = string.Empty;
        private int _saved;
        private bool _progressShown;

        /// <summary>The folder to save into (created if missing). Each attachment becomes
        /// &lt;Path&gt;/&lt;source&gt;/&lt;name&gt;, both encoded as Export-LlamaChatSession encodes file names, so no name can
        /// leave the folder.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Replace existing files.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write each saved file to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            try
            {
                _folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                    throw new PSArgumentException(Archive.Messages.NotFileSystemPath(Path, provider.Name));
                if (File.Exists(_folder)) throw new PSArgumentException(Messages.AttachmentPathIsFile(Path));
            }
            catch (Exception ex) when (ex is PSArgumentException || ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException
                || ex is NotSupportedException || ex is ArgumentException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.AttachmentPathInvalid, ErrorCategory.InvalidArgument, Path));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord() => ForEachAttachment(Save);

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (_progressShown) WriteProgress(new ProgressRecord(1, ProgressActivity, Messages.Done()) { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>The file an attachment is saved as.</summary>
        internal static string TargetFor(string folder, ChatAttachment a) =>
            System.IO.Path.Combine(folder, Stem(a.SourceId), Stem(a.Name));

        private static string Stem(string text)
        {
            var name = SessionFileName.For(text);
            return name.Substring(0, name.Length - SessionFileName.Extension.Length);
        }

        private void Save(ChatAttachment a)
        {
            var target = TargetFor(_folder, a);
            if (!ShouldProcess(target, Messages.SaveAttachmentAction(a.SourceId, a.Name))) return;
            if (File.Exists(target) && !Force)
            {
                WriteError(ErrorRecords.From(new LlamaCloudException(
                    Messages.FileExists(target), ErrorIds.AttachmentFileExists, ErrorCategory.ResourceExists), a));
                return;
            }
            _progressShown = true;
            WriteProgress(new ProgressRecord(1, ProgressActivity, Messages.SavingAttachment(a.SourceId, a.Name, _saved)));
            var dir = System.IO.Path.GetDirectoryName(target)!;
            var temp = System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                Directory.CreateDirectory(dir);
                Download(a, temp);
                SessionFileWriter.Replace(temp, target);
            }
            catch (LocalWriteException ex)
            {
                SessionFileWriter.TryDelete(temp);
                WriteError(ErrorRecords.From(WriteFailed(target, ex.InnerException ?? ex), a));
                return;
            }
            catch (LlamaCloudException ex)
            {
                SessionFileWriter.TryDelete(temp);
                WriteRequestError(ex, a);
                return;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                SessionFileWriter.TryDelete(temp);
                WriteError(ErrorRecords.From(WriteFailed(target, ex), a));
                return;
            }
            _saved++;
            WriteVerbose(Messages.AttachmentSaved(a.SourceId, a.Name, target));
            if (PassThru) WriteObject(InvokeProvider.Item.Get(new[] { target }, false, true), enumerateCollection: true);
        }

        private static LlamaCloudException WriteFailed(string target, Exception ex) =>
            new LlamaCloudException(Messages.AttachmentNotWritten(target, ex.Message), ErrorIds.AttachmentWriteFailed, ErrorCategory.WriteError, ex);

        /// <summary>Downloads into <paramref name="temp"/>; a URL that stopped working (403) is replaced by a fresh one once.</summary>
        private void Download(ChatAttachment a, string temp)
        {
            var current = a;
            for (var round = 0; ; round++)
            {
                try
                {
                    FileStream? file = null;
                    try
                    {
                        Await(PresignedDownload.DownloadAsync(current.Url!, AttachmentsFor(current).Client.Settings, () =>
                        {
                            file?.Dispose();
                            file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
                            return file;
                        }, null, StopToken, this, Activity));
                        file?.Flush(true);
                    }
                    finally
                    {
                        file?.Dispose();
                    }
                    return;
                }
                catch (AttachmentDownloadException ex) when (ex.MayBeExpired && round == 0)
                {
                    WriteVerbose(Messages.PresignedUrlRefused(a.SourceId, a.Name, ex.Message));
                    current = Refresh(a);
                }
            }
        }
    }
}
