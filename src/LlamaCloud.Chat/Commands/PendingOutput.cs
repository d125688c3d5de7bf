using System;
using System.Management.Automation;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>One input's output-to-be: a fetch that may still be running, or objects already at hand.</summary>
    internal abstract class PendingOutput
    {
        /// <summary>True when <see cref="Write"/> would not wait.</summary>
        internal abstract bool IsCompleted { get; }

        /// <summary>Writes the input's objects (or its error) on the pipeline thread, waiting for them if needed.</summary>
        internal abstract void Write();

        /// <summary>Called instead of <see cref="Write"/> when the pipeline stops first: release what the input holds.</summary>
        internal virtual void Abandon()
        {
        }
    }

    /// <summary>
    /// One id's request that runs ahead in the ordered window: when its turn comes, its result is handed to
    /// <see cref="OnCompleted"/>, and a failure of any kind is that id's error, never the end of the pipeline.
    /// </summary>
    internal abstract class PendingResult<T> : PendingOutput
    {
        private readonly LlamaCloudCmdlet _cmdlet;
        private readonly Task<T> _task;

        private protected PendingResult(LlamaCloudCmdlet cmdlet, string id, Task<T> task)
        {
            _cmdlet = cmdlet;
            Id = id;
            _task = task;
        }

        private protected string Id { get; }

        internal sealed override bool IsCompleted => _task.IsCompleted;

        internal sealed override void Write()
        {
            T result;
            try
            {
                result = _cmdlet.Await(_task);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                _cmdlet.WriteRequestError(ex, Id);
                OnFailed();
                return;
            }
            OnCompleted(result);
        }

        /// <summary>Writes what the request returned, on the pipeline thread.</summary>
        private protected abstract void OnCompleted(T result);

        /// <summary>Called after the id's error was written.</summary>
        private protected virtual void OnFailed()
        {
        }
    }
}
