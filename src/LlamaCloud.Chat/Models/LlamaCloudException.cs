using System;
using System.Management.Automation;

namespace LlamaCloud.Chat
{
    /// <summary>Base of every failure the module reports for a request. <see cref="ErrorId"/> is stable: scripts may branch on it.</summary>
    public class LlamaCloudException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public LlamaCloudException(string message, string errorId, ErrorCategory category, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Category = category;
        }

        /// <summary>The stable error id, the first part of the ErrorRecord's FullyQualifiedErrorId.</summary>
        public string ErrorId { get; }

        /// <summary>The PowerShell error category the failure maps to.</summary>
        public ErrorCategory Category { get; }

        /// <summary>The session id the request was for, when there was one.</summary>
        public string? SessionId { get; internal set; }

        /// <summary>The request's method and URL (never carries credentials).</summary>
        public string? RequestUri { get; internal set; }

        /// <summary>True when the request was never sent because an earlier one of the same command had its key rejected (401).</summary>
        public bool NotSent { get; internal set; }

        /// <summary>What to do about it, for the error record's recommended action; null when there is nothing to add.</summary>
        internal string? Recommendation { get; set; }
    }
}
