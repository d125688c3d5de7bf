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
}
