using System;
using System.IO;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// A failure to write a local file while a response streams into it (a full disk, say). Deliberately not an
    /// <see cref="IOException"/>: the request loop would take it for a broken connection and retry.
    /// </summary>
    internal sealed class LocalWriteException : Exception
    {
        internal LocalWriteException(IOException inner) : base(inner.Message, inner)
        {
        }

        /// <summary>The file-system error.</summary>
        internal IOException IOError => (IOException)InnerException!;
    }
}
