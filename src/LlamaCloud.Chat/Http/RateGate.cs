using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// Shared by every request of one command: when the server says "slow down" (429 with a delay) to any of
    /// them, none of the others starts a new attempt before that time either.
    /// </summary>
    internal sealed class RateGate
    {
        private static readonly Stopwatch Clock = Stopwatch.StartNew();
        private long _notBeforeTicks;

        internal void Defer(TimeSpan delay)
        {
            var target = Clock.Elapsed.Ticks + delay.Ticks;
            long current;
            do
            {
                current = Interlocked.Read(ref _notBeforeTicks);
                if (current >= target) return;
            }
            while (Interlocked.CompareExchange(ref _notBeforeTicks, target, current) != current);
        }

        internal TimeSpan Remaining => TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref _notBeforeTicks) - Clock.Elapsed.Ticks));

        /// <summary>Where waits of over a second are shown (progress records).</summary>
        internal ActivityMonitor Monitor { get; set; } = new ActivityMonitor();

        internal async Task WaitAsync(CancellationToken cancellationToken)
        {
            TimeSpan wait;
            while ((wait = Remaining) > TimeSpan.Zero)
            {
                using (Monitor.Wait(Messages.HeldBack(), wait))
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
