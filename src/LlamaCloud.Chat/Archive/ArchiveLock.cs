using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading;

namespace LlamaCloud.Chat.Archive
{
    /// <summary>
    /// The lock of an archive folder: the file <c>.llama-archive.lock</c>, held open without sharing for the whole run.
    /// The operating system releases it when the process ends, however it ends (Windows: the handle closes; Unix:
    /// the flock .NET takes for FileShare.None goes with the process), so the lock a killed run left is simply taken
    /// over by the next one. The file itself stays, empty and unchanged: deleting it would let two runs lock two
    /// different files, and writing to it would change a file in a run that should change none.
    /// </summary>
    internal sealed class ArchiveLock : IDisposable
    {
        internal const string FileName = ".llama-archive.lock";
        private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
        private FileStream? _stream;

        private ArchiveLock(FileStream stream)
        {
            _stream = stream;
        }

        /// <summary>Takes the lock, waiting up to <paramref name="timeout"/> for another run to finish.</summary>
        /// <exception cref="LlamaCloudException">The lock stayed taken (<see cref="ErrorIds.ArchiveLocked"/>).</exception>
        internal static ArchiveLock Acquire(string folder, TimeSpan timeout, CancellationToken cancellationToken, Action<string> verbose) =>
            Acquire(folder, timeout, cancellationToken, verbose, FileName, ErrorIds.ArchiveLocked, Messages.TheArchive(), "Sync-LlamaChatArchive");

        /// <summary>The same lock under another file name, for another kind of folder (Export-LlamaChatTable's tables).</summary>
        internal static ArchiveLock Acquire(string folder, TimeSpan timeout, CancellationToken cancellationToken, Action<string> verbose,
            string fileName, string errorId, string what, string command)
        {
            var path = Path.Combine(folder, fileName);
            var watch = Stopwatch.StartNew();
            var announced = false;
            while (true)
            {
                var taken = TryTake(path);
                if (taken != null) return taken;
                if (watch.Elapsed >= timeout)
                {
                    throw new LlamaCloudException(
                        Messages.Locked(what, folder, command, path, timeout),
                        errorId, ErrorCategory.ResourceBusy);
                }
                if (!announced)
                {
                    verbose(Messages.WaitingForLock(what, timeout));
                    announced = true;
                }
                var left = timeout - watch.Elapsed;
                if (left < TimeSpan.Zero) left = TimeSpan.Zero;
                if (cancellationToken.WaitHandle.WaitOne(left < Poll ? left : Poll))
                    throw new PipelineStoppedException();
            }
        }

        private static ArchiveLock? TryTake(string path)
        {
            try
            {
                return new ArchiveLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                return null; // held by another run (a sharing violation on Windows, the flock elsewhere)
            }
        }

        /// <summary>Releases the lock.</summary>
        public void Dispose() => Interlocked.Exchange(ref _stream, null)?.Dispose();
    }
}
