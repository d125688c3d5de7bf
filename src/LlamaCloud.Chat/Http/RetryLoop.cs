using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// The one retry loop, for every API: runs attempts until one succeeds or the API's <see cref="ApiRules"/> and the
    /// <see cref="RetryBudget"/> say stop, waiting as the rules say, and holding back the command's other requests
    /// while an answer asks for a pause (<see cref="RateGate"/>).
    /// </summary>
    internal sealed class RetryLoop
    {
        private static readonly Random Jitter = new Random();
        private readonly RateGate _gate;
        private readonly CredentialCheck _credentials;
        private readonly IClientLog _log;
        private readonly ApiRules _rules;

        internal RetryLoop(RateGate gate, CredentialCheck credentials, IClientLog log, ApiRules rules)
        {
            _gate = gate;
            _credentials = credentials;
            _log = log;
            _rules = rules;
        }

        /// <param name="spec">The request (its idempotency matters to the chat API's rules).</param>
        /// <param name="attempt">Runs attempt n, described for -Verbose ("attempt 2 of 3"), holding the credential
        /// ticket it must tell the status it got (<see cref="CredentialCheck"/>: after a 401 nothing more is sent).</param>
        /// <param name="cancellationToken">The user's Ctrl+C: ends waits at once.</param>
        internal async Task<T> RunAsync<T>(RequestSpec spec, Func<int, string, CredentialCheck.Ticket, Task<AttemptOutcome<T>>> attempt, CancellationToken cancellationToken)
        {
            var budget = new RetryBudget(_rules.MaximumRetryCount);
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
                if (!_rules.MayRetry(spec, outcome.Kind, outcome.Status, outcome.Headers, now)) throw failure;
                // A server pacing us (a 429 that says when to come back) draws on its own budget (see RetryBudget).
                var paced = outcome.Kind == FailureKind.Status && _rules.IsPacing(outcome.Status, outcome.Headers, now);
                if (!budget.TryTake(paced, out var retry)) throw failure;
                var delay = _rules.Delay(retry, outcome.Headers, now, NextRandom());
                if (outcome.Kind == FailureKind.Status && _rules.HoldsBackOthers(outcome.Status)) _gate.Defer(delay);
                _log.Verbose(Messages.Retrying(spec.Display, delay, budget.Describe(paced), failure.Message));
                using (_gate.Monitor.Wait(_rules.WaitTitle(spec), delay, _rules.Service)) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private static double NextRandom()
        {
            lock (Jitter) return Jitter.NextDouble();
        }
    }
}
