using System.Net;

namespace LlamaCloud.Chat
{
    /// <summary>LlamaCloud answered with an HTTP error status.</summary>
    public sealed class LlamaCloudApiException : LlamaCloudException
    {
        /// <summary>Creates the exception.</summary>
        public LlamaCloudApiException(string message, int statusCode, string? detail, string? requestId)
            : base(message, ErrorIds.ForStatusWithCategory(statusCode).Id, ErrorIds.ForStatusWithCategory(statusCode).Category)
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
    }
}
