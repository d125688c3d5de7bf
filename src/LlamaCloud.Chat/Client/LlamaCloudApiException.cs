using System.Management.Automation;
using System.Net;

namespace LlamaCloud.Chat
{
    /// <summary>LlamaCloud answered with an HTTP error status.</summary>
    public sealed class LlamaCloudApiException : LlamaCloudException
    {
        /// <summary>Creates the exception.</summary>
        public LlamaCloudApiException(string message, int statusCode, string? detail, string? requestId)
            : base(message, ErrorIds.ForStatus(statusCode), CategoryFor(statusCode))
        {
            StatusCode = statusCode;
            Detail = detail;
            RequestId = requestId;
        }

        /// <summary>The HTTP status code, e.g. 404.</summary>
        public int StatusCode { get; }

        /// <summary>The server's explanation (the <c>detail</c> of its JSON error body), if any.</summary>
        public string? Detail { get; }

        /// <summary>The server's request id header (<c>x-request-id</c>), to quote to LlamaCloud support.</summary>
        public string? RequestId { get; }

        /// <summary>The status as the HttpStatusCode enum.</summary>
        public HttpStatusCode Status => (HttpStatusCode)StatusCode;

        internal static ErrorCategory CategoryFor(int status) => status switch
        {
            400 => ErrorCategory.InvalidArgument,
            401 => ErrorCategory.AuthenticationError,
            403 => ErrorCategory.PermissionDenied,
            404 => ErrorCategory.ObjectNotFound,
            408 => ErrorCategory.OperationTimeout,
            409 => ErrorCategory.ResourceBusy,
            422 => ErrorCategory.InvalidData,
            429 => ErrorCategory.LimitsExceeded,
            >= 500 => ErrorCategory.ResourceUnavailable,
            _ => ErrorCategory.InvalidOperation,
        };
    }
}
