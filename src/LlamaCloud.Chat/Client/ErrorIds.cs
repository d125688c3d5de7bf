using System.Management.Automation;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// The stable error ids (the first part of FullyQualifiedErrorId). Documented in the README; never rename one.
    /// </summary>
    public static class ErrorIds
    {
        /// <summary>400 from the API.</summary>
        public const string BadRequest = "LlamaCloud.BadRequest";
        /// <summary>401: the key is missing, wrong or revoked.</summary>
        public const string Unauthorized = "LlamaCloud.Unauthorized";
        /// <summary>403: the key may not read this project or session.</summary>
        public const string Forbidden = "LlamaCloud.Forbidden";
        /// <summary>404: no such session.</summary>
        public const string NotFound = "LlamaCloud.NotFound";
        /// <summary>408 after the retries.</summary>
        public const string RequestTimeout = "LlamaCloud.RequestTimeout";
        /// <summary>409 after the retries.</summary>
        public const string Conflict = "LlamaCloud.Conflict";
        /// <summary>422: the API rejected a parameter.</summary>
        public const string UnprocessableEntity = "LlamaCloud.UnprocessableEntity";
        /// <summary>429 after the retries.</summary>
        public const string RateLimited = "LlamaCloud.RateLimited";
        /// <summary>5xx after the retries.</summary>
        public const string ServerError = "LlamaCloud.ServerError";
        /// <summary>Any other non-success status.</summary>
        public const string HttpError = "LlamaCloud.HttpError";
        /// <summary>Unreachable host, DNS failure, refused or reset connection, TLS failure.</summary>
        public const string ConnectionFailed = "LlamaCloud.ConnectionFailed";
        /// <summary>No answer within -TimeoutSec.</summary>
        public const string Timeout = "LlamaCloud.Timeout";
        /// <summary>A 2xx answer whose body is not a usable session (HTML, malformed, truncated, empty).</summary>
        public const string InvalidResponse = "LlamaCloud.InvalidResponse";
        /// <summary>No API key in the parameters, the connection or the environment.</summary>
        public const string ApiKeyMissing = "LlamaCloud.ApiKeyMissing";
        /// <summary>The key has characters no HTTP header can carry (a trailing newline, non-ASCII).</summary>
        public const string InvalidApiKey = "LlamaCloud.InvalidApiKey";
        /// <summary>-BaseUri or LLAMA_CLOUD_BASE_URL is not an absolute http(s) URI.</summary>
        public const string InvalidBaseUri = "LlamaCloud.InvalidBaseUri";
        /// <summary>The key would be sent over plain http to a host that is not loopback.</summary>
        public const string UnencryptedAuthentication = "LlamaCloud.UnencryptedAuthentication";
        /// <summary>A session id that cannot be sent as one path segment.</summary>
        public const string InvalidSessionId = "LlamaCloud.InvalidSessionId";
        /// <summary>A file given to -Path could not be read as a session.</summary>
        public const string InvalidSessionFile = "LlamaCloud.InvalidSessionFile";

        // Issue 9: every id the module writes lives in this class (a test checks the README's table against it by reflection).
        /// <summary>Export-LlamaChatSession without -Force onto an existing file.</summary>
        public const string ExportFileExists = "LlamaCloud.ExportFileExists";
        /// <summary>Export-LlamaChatSession -Path is a file, or not a file system path (terminating).</summary>
        public const string ExportPathInvalid = "LlamaCloud.ExportPathInvalid";
        /// <summary>Writing an export file failed (disk full, access denied).</summary>
        public const string ExportFailed = "LlamaCloud.ExportFailed";
        /// <summary>A -Path / -LiteralPath that names no file (the id PowerShell's own cmdlets use; kept as documented).</summary>
        public const string PathNotFound = "PathNotFound";
        /// <summary>A listing that could not be completed: the sessions already listed were written (terminating).</summary>
        public const string ListIncomplete = "LlamaCloud.ListIncomplete";
        /// <summary>Anything else that failed for one input.</summary>
        public const string UnexpectedError = "LlamaCloud.UnexpectedError";

        /// <summary>The id for an HTTP status.</summary>
        public static string ForStatus(int status) => ForStatusWithCategory(status).Id;

        /// <summary>One table for both halves of an HTTP failure's identity: its error id and its category.</summary>
        internal static (string Id, ErrorCategory Category) ForStatusWithCategory(int status) => status switch
        {
            400 => (BadRequest, ErrorCategory.InvalidArgument),
            401 => (Unauthorized, ErrorCategory.AuthenticationError),
            403 => (Forbidden, ErrorCategory.PermissionDenied),
            404 => (NotFound, ErrorCategory.ObjectNotFound),
            408 => (RequestTimeout, ErrorCategory.OperationTimeout),
            409 => (Conflict, ErrorCategory.ResourceBusy),
            422 => (UnprocessableEntity, ErrorCategory.InvalidData),
            429 => (RateLimited, ErrorCategory.LimitsExceeded),
            >= 500 => (ServerError, ErrorCategory.ResourceUnavailable),
            _ => (HttpError, ErrorCategory.InvalidOperation),
        };
    }
}
