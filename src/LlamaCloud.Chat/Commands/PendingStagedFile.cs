using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Archive;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// One session's download into a staged file (<see cref="StagedSessionFile"/>), in the ordered output window of
    /// Export-LlamaChatSession and Sync-LlamaChatArchive: when its turn comes it is put in place, or its failure is
    /// written as one error (ExportFailed for the disk, the request's own error otherwise).
    /// </summary>
    internal abstract class PendingStagedFile : PendingOutput
    {
        private readonly LlamaCloudCmdlet _cmd;
        private readonly Task<StagedSessionFile> _task;

        protected PendingStagedFile(LlamaCloudCmdlet cmd, string id, Task<StagedSessionFile> task)
        {
            _cmd = cmd;
            Id = id;
            _task = task;
        }

        protected string Id { get; }

        /// <summary>What a write failure's error record names (the file, or the id).</summary>
        protected abstract object WriteErrorTarget { get; }

        internal override bool IsCompleted => _task.IsCompleted;

        internal override void Abandon() => StagedSessionFile.DiscardWhenDone(_task);

        internal override void Write()
        {
            StagedSessionFile staged;
            try
            {
                staged = _cmd.Await(_task);
                staged.Commit();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is LocalWriteException)
            {
                OnFailed();
                _cmd.WriteError(new ErrorRecord(ex is LocalWriteException l ? l.IOError : ex, ErrorIds.ExportFailed, ErrorCategory.WriteError, WriteErrorTarget));
                return;
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                OnFailed();
                _cmd.WriteRequestError(ex, Id);
                return;
            }
            OnCommitted(staged);
        }

        /// <summary>The file is in place.</summary>
        protected abstract void OnCommitted(StagedSessionFile staged);

        /// <summary>The session could not be put in place (its error is written after this).</summary>
        protected virtual void OnFailed()
        {
        }

        /// <summary>Writes the file through the provider, so the FileInfo carries PSPath and pipes on like Get-Item's output.</summary>
        protected void WriteFile(string path) =>
            _cmd.WriteObject(_cmd.InvokeProvider.Item.Get(new[] { path }, false, true), enumerateCollection: true);
    }
}
