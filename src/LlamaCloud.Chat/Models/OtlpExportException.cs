using System;
using System.Management.Automation;

namespace LlamaCloud.Chat
{
    /// <summary>An OTLP/HTTP export that failed: the receiver refused it, or could not be reached, after the retries the rules allow.</summary>
    public sealed class OtlpExportException : LlamaCloudException
    {
        /// <summary>Creates the exception.</summary>
        public OtlpExportException(string message, int statusCode, int attempts, ErrorCategory category, Exception? inner = null)
            : base(message, ErrorIds.OtlpExportFailed, category, inner)
        {
            StatusCode = statusCode;
            Attempts = attempts;
        }

        /// <summary>The receiver's last HTTP status; 0 when no response came (connection failure, timeout).</summary>
        public int StatusCode { get; }

        /// <summary>How many attempts were made.</summary>
        public int Attempts { get; }
    }
}
