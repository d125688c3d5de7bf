using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// The rules one API's requests follow through the shared attempt (<see cref="RequestAttempt"/>) and retry loop
    /// (<see cref="RetryLoop"/>): how a request is completed (credentials, headers), what each way of failing becomes,
    /// which failures are sent again and how long to wait first. The chat API and the OTLP receiver each have theirs.
    /// </summary>
    internal abstract class ApiRules
    {
        /// <summary>Who is being waited for, in progress records ("LlamaCloud", "the OTLP receiver").</summary>
        internal abstract string Service { get; }

        /// <summary>Retries after failures (-MaximumRetryCount); 0 is one attempt.</summary>
        internal abstract int MaximumRetryCount { get; }

        /// <summary>Adds what every request of this API carries: credentials, user agent, configured headers.</summary>
        internal abstract void Prepare(HttpRequestMessage request);

        /// <summary>The failure a non-success answer (other than a proxy's 407) is; may read the body.</summary>
        internal abstract Task<LlamaCloudException> StatusFailureAsync(HttpResponseMessage response, RequestSpec spec, AttemptContext ctx);

        /// <summary>No answer, or no progress in the body, within the attempt's time.</summary>
        internal abstract LlamaCloudException Timeout(RequestSpec spec, AttemptContext ctx, Exception inner);

        /// <summary>The connection failed or broke.</summary>
        internal abstract LlamaCloudException Connection(RequestSpec spec, AttemptContext ctx, Exception inner);

        /// <summary>A success whose body is not what was asked for.</summary>
        internal abstract LlamaCloudException InvalidBody(RequestSpec spec, InvalidSessionJsonException ex);

        /// <summary>Masks this API's secrets in text that came from the other side.</summary>
        internal abstract string? Redact(string? text);

        /// <summary>Whether a failed attempt may be sent again (the budget aside).</summary>
        internal abstract bool MayRetry(RequestSpec spec, FailureKind kind, int status, HttpResponseHeaders? headers, DateTimeOffset now);

        /// <summary>The wait before retry number <paramref name="retry"/> (1 = the first) of its kind.</summary>
        internal abstract TimeSpan Delay(int retry, HttpResponseHeaders? headers, DateTimeOffset now, double random01);

        /// <summary>A server pacing its clients (a 429 that says when to come back): such retries have their own budget.</summary>
        internal virtual bool IsPacing(int status, HttpResponseHeaders? headers, DateTimeOffset now) => false;

        /// <summary>An answer that holds back the command's other requests until the wait is over.</summary>
        internal virtual bool HoldsBackOthers(int status) => false;

        /// <summary>What a wait before a retry is called in its progress record.</summary>
        internal virtual string WaitTitle(RequestSpec spec) => spec.Display;

        /// <summary>The server's id for a response, for -Debug and error messages.</summary>
        internal virtual string? RequestId(HttpResponseMessage response) => null;
    }
}
