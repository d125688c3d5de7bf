using System.Net.Http.Headers;

namespace LlamaCloud.Chat.Http
{
    /// <summary>What one attempt produced: the reader's value, or a failure with what the retry loop needs to judge it.</summary>
    internal sealed class AttemptOutcome<T>
    {
        private AttemptOutcome(T value, LlamaCloudException? failure, FailureKind kind, int status, HttpResponseHeaders? headers)
        {
            Value = value;
            Failure = failure;
            Kind = kind;
            Status = status;
            Headers = headers;
        }

        internal T Value { get; }
        /// <summary>Null on success.</summary>
        internal LlamaCloudException? Failure { get; }
        internal FailureKind Kind { get; }
        /// <summary>The HTTP status of a <see cref="FailureKind.Status"/> failure; 0 otherwise.</summary>
        internal int Status { get; }
        /// <summary>The failed response's headers (Retry-After, x-should-retry), when there was a response.</summary>
        internal HttpResponseHeaders? Headers { get; }

        internal static AttemptOutcome<T> Success(T value) => new AttemptOutcome<T>(value, null, FailureKind.Final, 0, null);

        internal static AttemptOutcome<T> Failed(LlamaCloudException failure, FailureKind kind, int status = 0, HttpResponseHeaders? headers = null) =>
            new AttemptOutcome<T>(default!, failure, kind, status, headers);
    }
}
