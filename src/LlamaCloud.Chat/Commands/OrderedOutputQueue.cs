using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// Fetch-ahead with output in input order: up to <c>limit</c> inputs are in flight while the oldest is written.
    /// Memory is bounded by the window, not by the number of inputs. Reports progress once a run passes a second.
    /// </summary>
    internal sealed class OrderedOutputQueue
    {
        private static readonly long ProgressAfterTicks = Stopwatch.Frequency; // one second
        private const int ActivityId = 0x11a7;
        private readonly Queue<PendingOutput> _queue = new Queue<PendingOutput>();
        private readonly Cmdlet _cmdlet;
        private readonly int _limit;
        private readonly string _activity;
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private ProgressRecord? _progress;
        private int _written;

        internal OrderedOutputQueue(Cmdlet cmdlet, int limit, string activity)
        {
            _cmdlet = cmdlet;
            _limit = limit < 1 ? 1 : limit;
            _activity = activity;
        }

        /// <summary>How many inputs were given in all, when known (for the progress bar's percentage).</summary>
        internal int? Total { get; set; }

        internal void Add(PendingOutput item)
        {
            _queue.Enqueue(item);
            WriteReady(all: false);
        }

        /// <summary>Writes the head while it is done or the window is full; with <paramref name="all"/>, everything.</summary>
        internal void WriteReady(bool all)
        {
            try
            {
                while (_queue.Count > 0)
                {
                    var head = _queue.Peek();
                    if (!all && !head.IsCompleted && _queue.Count < _limit) break; // at the limit: wait for the oldest
                    _queue.Dequeue();
                    head.Write();
                    _written++;
                    ReportProgress();
                }
            }
            catch (PipelineStoppedException)
            {
                AbandonAll();
                // Ctrl+C or a downstream Select-Object -First: close the bar if the host still listens.
                try { CompleteProgress(); } catch (PipelineStoppedException) { }
                throw;
            }
            if (all) CompleteProgress();
        }

        /// <summary>Gives up every input not yet written (the pipeline stopped).</summary>
        internal void AbandonAll()
        {
            while (_queue.Count > 0) _queue.Dequeue().Abandon();
        }

        private void ReportProgress()
        {
            if (_watch.ElapsedTicks < ProgressAfterTicks) return;
            // A new record each time: hosts may keep the ones already written.
            _progress = new ProgressRecord(ActivityId, _activity, Messages.SessionsWritten(_written, Total))
            {
                PercentComplete = Total.HasValue && Total > 0 ? System.Math.Min(100, _written * 100 / Total.Value) : -1,
            };
            _cmdlet.WriteProgress(_progress);
        }

        internal void CompleteProgress()
        {
            if (_progress == null) return;
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, _activity, Messages.Done()) { RecordType = ProgressRecordType.Completed });
            _progress = null;
        }
    }
}
