using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// The one retry loop: runs attempts until one succeeds or <see cref="RetryRules"/> and the
    /// <see cref="RetryBudget"/> say stop, waiting as <see cref="RetryPolicy"/> says, and holding back the
    /// command's other requests while a 429 asks for a pause (<see cref="RateGate"/>).
    /// </summary>
    internal sealed class RetryLoop
    {
        private static readonly Random Jitter = new Random();
        private readonly RateGate _gate;
        private readonly CredentialCheck _credentials;
        private readonly IClientLog _log;
        private readonly int _maximumRetryCount;

        internal RetryLoop(RateGate gate, CredentialCheck credentials, IClientLog log, int maximumRetryCount)
        {
            _gate = gate;
            _credentials = credentials;
            _log = log;
            _maximumRetryCount = maximumRetryCount;
        }

        /// <param name="spec">The request: its idempotency picks the retry rules.</param>
        /// <param name="attempt">Runs attempt n, described for -Verbose ("attempt 2 of 3"), holding the credential
        /// ticket it must tell the status it got (<see cref="CredentialCheck"/>: after a 401 nothing more is sent).</param>
        /// <param name="cancellationToken">The user's Ctrl+C: ends waits at once.</param>
        internal async Task<T> RunAsync<T>(RequestSpec spec, Func<int, string, CredentialCheck.Ticket, Task<AttemptOutcome<T>>> attempt, CancellationToken cancellationToken)
        {
            var budget = new RetryBudget(_maximumRetryCount);
            for (var n = 1; ; n++)
            {
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                AttemptOutcome<T> outcome;
                using (var credential = await _credentials.EnterAsync(spec.SessionId, cancellationToken).ConfigureAwait(false))
                {
                    outcome = await attempt(n, budget.DescribeAttempt(), credential).ConfigureAwait(false);
                    // A rejected key is wrong for every request: remember it before the next request may go.
                    if (outcome.Status == 401 && outcome.Failure is LlamaCloudApiException rejected) _credentials.Reject(rejected);
                }
                var failure = outcome.Failure;
                if (failure == null) return outcome.Value;
                failure.SessionId ??= spec.SessionId;
                failure.RequestUri ??= spec.Display;
                var now = DateTimeOffset.UtcNow;
                if (outcome.Status == 401) throw failure;
                if (!RetryRules.MayRetry(spec.Idempotent, outcome.Kind, outcome.Status, outcome.Headers, now)) throw failure;
                // A 429 that says when to come back draws on the rate-limit budget (see RetryBudget).
                var rateLimited = outcome.Status == 429;
                var paced = rateLimited && RetryPolicy.ServerDelay(outcome.Headers, now) != null;
                if (!budget.TryTake(paced, out var retry)) throw failure;
                var delay = RetryPolicy.GetDelay(retry, outcome.Headers, now, NextRandom());
                if (rateLimited) _gate.Defer(delay);
                _log.Verbose($"Retrying {spec.Display} in {delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s ({budget.Describe(paced)}): {failure.Message}");
                using (_gate.Monitor.Wait(spec.Display, delay)) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private static double NextRandom()
        {
            lock (Jitter) return Jitter.NextDouble();
        }
    }
}
