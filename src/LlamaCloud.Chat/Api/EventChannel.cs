using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Api
{
    /// <summary>
    /// Hands batches of events from the download (any thread) to the pipeline thread. Bounded: a download that
    /// runs ahead of a slow pipeline waits, so memory stays flat however large the session. Eight batches (one per
    /// network read) keep the pipeline fed: the download is faster than any consumer, and more read-ahead only held
    /// more events at the same speed (bench/README.md, "Figures behind the code").
    /// </summary>
    internal sealed class EventChannel
    {
        private readonly ConcurrentQueue<List<ChatEvent>> _queue = new ConcurrentQueue<List<ChatEvent>>();
        private readonly SemaphoreSlim _available = new SemaphoreSlim(0);
        private readonly SemaphoreSlim _space;
        private ExceptionDispatchInfo? _error;
        private int _completed;

        internal EventChannel(int capacityInBatches = 8)
        {
            _space = new SemaphoreSlim(capacityInBatches);
        }

        internal async Task WriteAsync(List<ChatEvent> batch, CancellationToken cancellationToken)
        {
            await _space.WaitAsync(cancellationToken).ConfigureAwait(false);
            _queue.Enqueue(batch);
            _available.Release();
        }

        internal void Complete(Exception? error)
        {
            if (Interlocked.Exchange(ref _completed, 1) != 0) return;
            if (error != null) _error = ExceptionDispatchInfo.Capture(error);
            _available.Release();
        }

        /// <summary>
        /// A channel filled from a whole session already in memory, on another thread, as a download fills one: piping a
        /// lazily kept history on builds its events beside the pipeline instead of before it. Completes the channel
        /// when the history ends, with the failure if building one fails.
        /// </summary>
        internal static (EventChannel Channel, Task Fill) Replay(LazyEvents history, int batchSize, CancellationToken cancellationToken)
        {
            var channel = new EventChannel();
            var fill = Task.Run(async () =>
            {
                try
                {
                    foreach (var batch in history.Batches(batchSize)) await channel.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    channel.Complete(null);
                }
                catch (Exception ex)
                {
                    channel.Complete(ex);
                }
            }, CancellationToken.None); // the body must run: it completes the channel, whose reader waits for it
            return (channel, fill);
        }

        /// <summary>The next batch, or null when the download has finished; rethrows the download's failure.</summary>
        internal async Task<List<ChatEvent>?> ReadAsync(CancellationToken cancellationToken)
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_queue.TryDequeue(out var batch))
            {
                _space.Release();
                return batch;
            }
            _available.Release(); // stay completed for any later reader
            _error?.Throw();
            return null;
        }
    }
}
