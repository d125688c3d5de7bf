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

        // Transcripts (Export-LlamaChatTranscript)
        /// <summary>The transcript file exists and -Force was not given.</summary>
        public const string TranscriptFileExists = "LlamaCloud.TranscriptFileExists";
        /// <summary>-Path is not a file system path, or names a file whose format is unknown (terminating).</summary>
        public const string TranscriptPathInvalid = "LlamaCloud.TranscriptPathInvalid";
        /// <summary>-Path names one file, and a second session arrived.</summary>
        public const string TranscriptOneFile = "LlamaCloud.TranscriptOneFile";
        /// <summary>The transcript file could not be written.</summary>
        public const string TranscriptWriteFailed = "LlamaCloud.TranscriptWriteFailed";
        /// <summary>A chat turn's event stream broke, stalled or ended before its stop event (the turn is not re-sent).</summary>
        public const string StreamInterrupted = "LlamaCloud.StreamInterrupted";
        /// <summary>A chat turn ended with a stop event whose is_error is true.</summary>
        public const string TurnFailed = "LlamaCloud.TurnFailed";
        /// <summary>-RequireAllIndexes was given and the server failed the turn because requested indexes could not be queried.</summary>
        public const string IndexesUnavailable = "LlamaCloud.IndexesUnavailable";
        /// <summary>Update-LlamaChatSessionTitle without -FirstMessage on a session that has no user_input to take it from.</summary>
        public const string TitleMessageMissing = "LlamaCloud.TitleMessageMissing";

        // Attachments (Get-LlamaChatAttachment, Save-LlamaChatAttachment, Export-LlamaChatTranscript -IncludeImages)
        /// <summary>The image behind a presigned URL could not be downloaded (status, connection, or not an image).</summary>
        public const string AttachmentDownloadFailed = "LlamaCloud.AttachmentDownloadFailed";
        /// <summary>The attachment's file exists and -Force was not given.</summary>
        public const string AttachmentFileExists = "LlamaCloud.AttachmentFileExists";
        /// <summary>Save-LlamaChatAttachment -Path is a file or not a file system path (terminating).</summary>
        public const string AttachmentPathInvalid = "LlamaCloud.AttachmentPathInvalid";
        /// <summary>An attachment file could not be written; no partial file is left.</summary>
        public const string AttachmentWriteFailed = "LlamaCloud.AttachmentWriteFailed";
        // Export-LlamaChatSession and Sync-LlamaChatArchive.
        /// <summary>The target file exists and -Force was not given.</summary>
        public const string ExportFileExists = "LlamaCloud.ExportFileExists";
        /// <summary>A session file could not be written (permissions, full disk).</summary>
        public const string ExportFailed = "LlamaCloud.ExportFailed";
        /// <summary>-Path is not a file-system folder.</summary>
        public const string ExportPathInvalid = "LlamaCloud.ExportPathInvalid";
        /// <summary>Another run held the archive folder's lock for longer than -LockTimeoutSec.</summary>
        public const string ArchiveLocked = "LlamaCloud.ArchiveLocked";
        /// <summary>The archive's index could not be written, so the next run re-checks what this one did.</summary>
        public const string ArchiveIndexFailed = "LlamaCloud.ArchiveIndexFailed";

        // Traces (ConvertTo-LlamaChatTrace, Export-LlamaChatTrace)
        /// <summary>An OTLP export request failed: refused by the receiver, or unreachable, after the retries.</summary>
        public const string OtlpExportFailed = "LlamaCloud.OtlpExportFailed";
        /// <summary>The OTLP receiver accepted a request but rejected some of its spans (partial success).</summary>
        public const string OtlpPartialSuccess = "LlamaCloud.OtlpPartialSuccess";
        /// <summary>-Endpoint or an OTEL_EXPORTER_OTLP_*ENDPOINT variable is not an absolute http(s) URI without credentials.</summary>
        public const string InvalidOtlpEndpoint = "LlamaCloud.InvalidOtlpEndpoint";
        /// <summary>OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL asks for grpc or an unknown protocol; this module sends OTLP/HTTP (JSON).</summary>
        public const string UnsupportedOtlpProtocol = "LlamaCloud.UnsupportedOtlpProtocol";
        /// <summary>OTEL_EXPORTER_OTLP_[TRACES_]COMPRESSION is neither gzip nor none.</summary>
        public const string InvalidOtlpCompression = "LlamaCloud.InvalidOtlpCompression";
        /// <summary>A -Header name or value that no HTTP header can carry.</summary>
        public const string InvalidOtlpHeader = "LlamaCloud.InvalidOtlpHeader";
        /// <summary>Export-LlamaChatTrace -Path onto an existing file without -Force or -Append.</summary>
        public const string TraceFileExists = "LlamaCloud.TraceFileExists";
        /// <summary>Export-LlamaChatTrace -Path is a folder or not a file system path, or both -Path and -Endpoint were given.</summary>
        public const string TracePathInvalid = "LlamaCloud.TracePathInvalid";
        /// <summary>Writing the trace file failed.</summary>
        public const string TraceWriteFailed = "LlamaCloud.TraceWriteFailed";
        /// <summary>One session's trace is larger than an OTLP request may be (64 MiB).</summary>
        public const string TraceTooLarge = "LlamaCloud.TraceTooLarge";
        /// <summary>A -RedactPattern entry has no usable name or is not a valid regular expression (terminating: nothing is written unredacted).</summary>
        public const string InvalidRedactPattern = "LlamaCloud.InvalidRedactPattern";
        /// <summary>A proxy answered 407: no credentials, or the wrong ones (terminating: nothing can get through).</summary>
        public const string ProxyAuthenticationRequired = "LlamaCloud.ProxyAuthenticationRequired";
        /// <summary>-Proxy is not an absolute http(s) URI without credentials, or the proxy parameters conflict.</summary>
        public const string InvalidProxy = "LlamaCloud.InvalidProxy";
        // Issue 22: piped turns, and a trace export that would have to guess where to send.
        /// <summary>A turn piped to Get-LlamaChatEvent came from a live stream: where its events lie in the history is not known.</summary>
        public const string TurnNotInHistory = "LlamaCloud.TurnNotInHistory";
        /// <summary>Export-LlamaChatTrace without -Path or -Endpoint, and no OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT to say where (terminating).</summary>
        public const string TraceDestinationMissing = "LlamaCloud.TraceDestinationMissing";
        // Issue 9: every id the module writes lives in this class (a test checks the README's table against it by reflection).
        /// <summary>A -Path / -LiteralPath that names no file (the id PowerShell's own cmdlets use; kept as documented).</summary>
        public const string PathNotFound = "PathNotFound";
        /// <summary>A listing that could not be completed: the sessions already listed were written (terminating).</summary>
        public const string ListIncomplete = "LlamaCloud.ListIncomplete";
        /// <summary>Export-LlamaChatTable -Format Parquet on Windows PowerShell 5.1, or a Parquet writer that could not be loaded (terminating).</summary>
        public const string ParquetUnavailable = "LlamaCloud.ParquetUnavailable";
        /// <summary>Export-LlamaChatTable: a session's table files could not be written; its previous rows are untouched.</summary>
        public const string TableWriteFailed = "LlamaCloud.TableWriteFailed";
        /// <summary>Export-LlamaChatTable: the folder's manifest cannot be read, or names another -Format (terminating).</summary>
        public const string TableFolderInvalid = "LlamaCloud.TableFolderInvalid";
        /// <summary>Export-LlamaChatTable: another run held the table folder longer than -LockTimeoutSec (terminating).</summary>
        public const string TablesLocked = "LlamaCloud.TablesLocked";
        /// <summary>Search-LlamaChat: -Pattern is not a valid regular expression (terminating).</summary>
        public const string InvalidPattern = "LlamaCloud.InvalidPattern";
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
            407 => (ProxyAuthenticationRequired, ErrorCategory.AuthenticationError),
            422 => (UnprocessableEntity, ErrorCategory.InvalidData),
            429 => (RateLimited, ErrorCategory.LimitsExceeded),
            >= 500 => (ServerError, ErrorCategory.ResourceUnavailable),
            _ => (HttpError, ErrorCategory.InvalidOperation),
        };
    }
}
