using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Threading;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// The lock of an archive folder: the file <c>.llama-archive.lock</c>, held open without sharing for the whole run.
    /// The operating system releases it when the process ends, however it ends (Windows: the handle closes; Unix:
    /// the flock .NET takes for FileShare.None goes with the process), so the lock of a killed run is simply taken
    /// over. The file itself stays (deleting it would let two runs lock two different files); its text names the
    /// holder for the message a waiting run shows, and is cleared on a clean release, so text found by a new
    /// holder means the previous one died.
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

        /// <summary>What the previous holder wrote, when it did not release the lock cleanly (it was killed); else null.</summary>
        internal string? StaleHolder { get; private set; }

        /// <summary>Takes the lock, waiting up to <paramref name="timeout"/> for another run to finish.</summary>
        /// <exception cref="LlamaCloudException">The lock stayed taken (<see cref="ErrorIds.ArchiveLocked"/>).</exception>
        internal static ArchiveLock Acquire(string folder, TimeSpan timeout, CancellationToken cancellationToken, Action<string> verbose)
        {
            var path = Path.Combine(folder, FileName);
            var watch = Stopwatch.StartNew();
            var announced = false;
            while (true)
            {
                var taken = TryTake(path);
                if (taken != null) return taken;
                if (watch.Elapsed >= timeout)
                {
                    throw new LlamaCloudException(
                        $"The archive '{folder}' is locked by another run ({Describe(ReadHolder(path))}); waited {timeout.TotalSeconds:0.#} s. Try again later, or raise -LockTimeoutSec.",
                        ErrorIds.ArchiveLocked, ErrorCategory.ResourceBusy);
                }
                if (!announced)
                {
                    verbose($"The archive is locked by another run ({Describe(ReadHolder(path))}); waiting up to {timeout.TotalSeconds:0.#} s.");
                    announced = true;
                }
                var left = timeout - watch.Elapsed;
                if (cancellationToken.WaitHandle.WaitOne(left < Poll ? (left < TimeSpan.Zero ? TimeSpan.Zero : left) : Poll))
                    throw new PipelineStoppedException();
            }
        }

        private static ArchiveLock? TryTake(string path)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                return null; // held by someone else (a sharing violation, or Unix's flock)
            }
            var result = new ArchiveLock(stream);
            try
            {
                var previous = new byte[Math.Min(stream.Length, 4096)];
                var read = stream.Read(previous, 0, previous.Length);
                var text = Encoding.UTF8.GetString(previous, 0, read).Trim();
                if (text.Length > 0) result.StaleHolder = text;
                var me = Encoding.UTF8.GetBytes(
                    $"pid {Process.GetCurrentProcess().Id} on {Environment.MachineName} since {DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
                stream.SetLength(0);
                stream.Write(me, 0, me.Length);
                stream.Flush();
            }
            catch (IOException)
            {
                // The holder's note is only for messages; the lock is what matters.
            }
            return result;
        }

        private static string? ReadHolder(string path)
        {
            try
            {
                using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var buffer = new byte[Math.Min(s.Length, 4096)];
                var read = s.Read(buffer, 0, buffer.Length);
                var text = Encoding.UTF8.GetString(buffer, 0, read).Trim();
                return text.Length == 0 ? null : text;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null; // Windows: the holder's handle allows no reading
            }
        }

        private static string Describe(string? holder) => holder ?? "holder unknown";

        /// <summary>Clears the holder's note and releases the lock.</summary>
        public void Dispose()
        {
            var s = Interlocked.Exchange(ref _stream, null);
            if (s == null) return;
            try
            {
                s.SetLength(0);
            }
            catch (IOException)
            {
            }
            s.Dispose();
        }
    }
}
