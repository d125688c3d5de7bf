using System;
using System.Threading;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// One attempt of one request: its cancellation (the user's Ctrl+C linked with the -TimeoutSec timer),
    /// and what the body reader has received. <see cref="Touch"/> restarts the timer, so a large body that keeps
    /// flowing never times out while one that stalls for -TimeoutSec does; <see cref="Pause"/> keeps time spent waiting
    /// on the pipeline out of it.
    /// </summary>
    internal sealed class AttemptContext : IDisposable
    {
        private readonly CancellationTokenSource _cts;
        private readonly TimeSpan _timeout;

        internal AttemptContext(int attempt, TimeSpan timeout, CancellationToken userToken)
        {
            Attempt = attempt;
            UserToken = userToken;
            IdleLimit = timeout;
            // Zero means no timeout (as -TimeoutSec 0 on Invoke-RestMethod).
            _timeout = timeout <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : timeout;
            _cts = CancellationTokenSource.CreateLinkedTokenSource(userToken);
            _cts.CancelAfter(_timeout);
        }

        internal int Attempt { get; }
        internal CancellationToken Token => _cts.Token;
        /// <summary>The user's own cancellation (Ctrl+C), to tell it apart from the timer.</summary>
        internal CancellationToken UserToken { get; }
        /// <summary>The -TimeoutSec it was given (zero or less: none).</summary>
        internal TimeSpan IdleLimit { get; }
        internal long BytesReceived { get; set; }

        internal void Touch() => _cts.CancelAfter(_timeout);

        /// <summary>Restarts the timer with at most <paramref name="limit"/> (a stream that has said all it must).</summary>
        internal void TouchWithin(TimeSpan limit) => _cts.CancelAfter(_timeout == Timeout.InfiniteTimeSpan || limit < _timeout ? limit : _timeout);

        /// <summary>
        /// Stops the timer while the reader waits for the pipeline (a full event channel): -TimeoutSec measures the
        /// server, never a slow consumer downstream. The next <see cref="Touch"/> starts it again.
        /// </summary>
        internal void Pause() => _cts.CancelAfter(Timeout.InfiniteTimeSpan);

        /// <summary>Waits for <paramref name="work"/> (the pipeline side) with the timer stopped, then restarts it.</summary>
        internal async System.Threading.Tasks.Task WithoutTimerAsync(Func<System.Threading.Tasks.Task> work)
        {
            Pause();
            try
            {
                await work().ConfigureAwait(false);
            }
            finally
            {
                Touch();
            }
        }

        public void Dispose() => _cts.Dispose();
    }
}
