using System;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// The retries one request may still make. Failures count against -MaximumRetryCount; a 429 that says when to
    /// come back is the server pacing a busy project, not a failure, so it draws on its own, larger budget
    /// (<see cref="RetryPolicy.RateLimitRetryBudget"/>) and a rate-limited batch still completes with the defaults.
    /// </summary>
    internal sealed class RetryBudget
    {
        private readonly int _maximumRetryCount;
        private int _failures;
        private int _paced;

        internal RetryBudget(int maximumRetryCount)
        {
            _maximumRetryCount = Math.Max(0, maximumRetryCount);
        }

        /// <summary>Attempts the request may make before any rate limiting.</summary>
        internal int MaxAttempts => _maximumRetryCount + 1;

        /// <summary>
        /// Takes one retry of the given kind. False when that kind's budget is spent; otherwise
        /// <paramref name="retryNumber"/> is which retry of its kind this is (1 = first), for the backoff.
        /// </summary>
        internal bool TryTake(bool paced, out int retryNumber)
        {
            if (paced)
            {
                retryNumber = ++_paced;
                return _paced <= RetryPolicy.RateLimitRetryBudget(_maximumRetryCount);
            }
            retryNumber = ++_failures;
            return _failures <= _maximumRetryCount;
        }

        /// <summary>
        /// "attempt 2 of 3" for -Verbose. Waits the server asked for (429 with a delay) do not count as attempts, so
        /// they are named apart ("attempt 1 of 3, after 4 rate-limit waits") and the counter never passes the total.
        /// </summary>
        internal string DescribeAttempt() => Messages.Attempt(_failures + 1, MaxAttempts, _paced);

        /// <summary>"retry 1 of 2" or "rate limited 3 of 10", for -Verbose.</summary>
        internal string Describe(bool paced) => paced
            ? Messages.Retry(true, _paced, RetryPolicy.RateLimitRetryBudget(_maximumRetryCount))
            : Messages.Retry(false, _failures, _maximumRetryCount);
    }
}
