using System;

namespace LlamaCloud.Chat
{
    /// <summary>The document is not a chat session: malformed or truncated JSON, or the wrong shape.</summary>
    public sealed class InvalidSessionJsonException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public InvalidSessionJsonException(string message) : base(message) { }

        /// <summary>Creates the exception with its cause.</summary>
        public InvalidSessionJsonException(string message, Exception inner) : base(message, inner) { }
    }
}
