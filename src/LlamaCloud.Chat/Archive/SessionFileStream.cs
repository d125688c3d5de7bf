using System;
using System.Collections.Generic;
using System.IO;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Archive
{
    /// <summary>
    /// Reads a session file through a <see cref="SessionReader"/> in small pieces, however large the file: the one loop
    /// behind a file's summary (Sync-LlamaChatArchive) and a file's events streamed to a consumer (the analytics cmdlets'
    /// -Path), so a 1,000,000-event file is never held whole.
    /// </summary>
    internal static class SessionFileStream
    {
        private const int InitialBuffer = 64 * 1024;

        /// <summary>
        /// Feeds the whole file to <paramref name="reader"/>; each piece's events that its sink hands out go to
        /// <paramref name="onBatch"/> (null: the sink keeps what it keeps). A UTF-8 byte order mark is skipped, as <c>Get-LlamaChatSession -Path</c> allows it.
        /// Throws <see cref="InvalidSessionJsonException"/> for a file that is not a session, IO exceptions for one that
        /// cannot be read.
        /// </summary>
        internal static void Read(string path, SessionReader reader, Action<List<ChatEvent>>? onBatch)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            var buffer = new byte[InitialBuffer];
            int start = 0, filled = 0;
            var bomChecked = false;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    // Move the unconsumed tail to the front; grow only when one value fills half the buffer. Reads grow
                    // towards 1 MiB: fewer calls into the reader for a large file.
                    var rest = filled - start;
                    var size = rest * 2 > buffer.Length || buffer.Length < 1024 * 1024 ? buffer.Length * 2 : buffer.Length;
                    var next = size != buffer.Length ? new byte[size] : buffer;
                    Buffer.BlockCopy(buffer, start, next, 0, rest);
                    buffer = next;
                    start = 0;
                    filled = rest;
                }
                var n = stream.Read(buffer, filled, buffer.Length - filled);
                filled += n;
                if (!bomChecked && (filled >= 3 || n == 0))
                {
                    bomChecked = true;
                    if (filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) start = 3;
                }
                else if (!bomChecked) continue;
                start += reader.Read(new ReadOnlySpan<byte>(buffer, start, filled - start), n == 0);
                if (onBatch != null && reader.Sink.TakeBatch() is { } batch) onBatch(batch);
                if (n == 0) break;
            }
        }
    }
}
