using System;
using System.Net.Http.Headers;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// Which failed attempts may be sent again, by the kind of request. Pure: a function of the request's
    /// idempotency and the attempt's outcome, so every decision is unit-tested without a server.
    /// </summary>
    internal static class RetryRules
    {
        /// <summary>
        /// An idempotent request follows the SDKs' policy (<see cref="RetryPolicy.ShouldRetry"/> for statuses; connection
        /// failures and timeouts always). A request that is not idempotent is re-sent only on an answer that proves
        /// the server did not act on it: 429, or 503 with a Retry-After, and never when <c>x-should-retry: false</c>.
        /// </summary>
        /// <param name="idempotent">From the request.</param>
        /// <param name="kind">What went wrong in the attempt.</param>
        /// <param name="status">The HTTP status when <paramref name="kind"/> is <see cref="FailureKind.Status"/>.</param>
        /// <param name="headers">The response headers, when there was a response.</param>
        /// <param name="now">The clock, for Retry-After dates.</param>
        internal static bool MayRetry(bool idempotent, FailureKind kind, int status, HttpResponseHeaders? headers, DateTimeOffset now)
        {
            if (kind == FailureKind.Final) return false;
            if (idempotent) return kind != FailureKind.Status || RetryPolicy.ShouldRetry(status, headers);
            if (kind != FailureKind.Status) return false; // the request may have reached the server
            if (headers != null && headers.TryGetValues("x-should-retry", out var values))
            {
                foreach (var v in values)
                    if (string.Equals(v.Trim(), "false", StringComparison.OrdinalIgnoreCase)) return false;
            }
            if (status == 429) return true;
            return status == 503 && RetryPolicy.ServerDelay(headers, now) != null;
        }
    }

    /// <summary>How an attempt failed, as far as retrying is concerned.</summary>
    internal enum FailureKind
    {
        /// <summary>The server answered with a non-success status.</summary>
        Status,
        /// <summary>No answer, or the connection broke (the server may or may not have seen the request).</summary>
        Transport,
        /// <summary>Nothing within -TimeoutSec.</summary>
        Timeout,
        /// <summary>Retrying cannot help: the body was not what was asked for, or the reader declared the outcome.</summary>
        Final,
    }
}
