using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Api
{
    /// <summary>Reads response bodies: sessions incrementally from the stream, error bodies for their <c>detail</c>.</summary>
    internal static class ResponseBody
    {
        private const int InitialBuffer = 64 * 1024;
        private const int RetainedBufferMax = 1024 * 1024;

        /// <summary>
        /// Feeds the body to <paramref name="reader"/> as it arrives. Each network read's events that the reader's sink
        /// hands out (a streamed read) go to <paramref name="onBatch"/> at once. Throws on non-JSON, malformed or truncated bodies.
        /// With <paramref name="copyTo"/>, every byte of the body is also written there as received, up to its end,
        /// and anything but whitespace after the session is an error.
        /// </summary>
        internal static async Task ReadSessionAsync(HttpResponseMessage response, SessionReader reader,
            Func<List<ChatEvent>, Task>? onBatch, AttemptContext ctx, Stream? copyTo = null)
        {
            await ResponseText.EnsureJsonAsync(response, ctx).ConfigureAwait(false);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            // .NET Framework's stream reads may ignore the token: disposing the response ends them on cancel.
            using var reg = ctx.Token.Register(response.Dispose);
            if (reader.Sink.PointsIntoBody)
            {
                await ReadRetainedAsync(stream, reader, onBatch, ctx).ConfigureAwait(false);
                return;
            }
            var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
            var start = 0;   // first byte not yet consumed by the reader
            var filled = 0;  // end of the data received
            try
            {
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        // Full: move the unconsumed tail to a buffer of its own, twice as large if one value fills it.
                        var rest = filled - start;
                        var next = ArrayPool<byte>.Shared.Rent(rest * 2 > buffer.Length ? buffer.Length * 2 : buffer.Length);
                        Buffer.BlockCopy(buffer, start, next, 0, rest);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = next;
                        start = 0;
                        filled = rest;
                    }
                    ctx.Touch();
                    var n = await stream.ReadAsync(buffer, filled, buffer.Length - filled, ctx.Token).ConfigureAwait(false);
                    ctx.Token.ThrowIfCancellationRequested();
                    ctx.BytesReceived += n;
                    if (copyTo != null) Copy(copyTo, buffer, filled, n);
                    filled += n;
                    if (copyTo != null && reader.IsComplete)
                    {
                        // Past the session: only the whitespace a server may add is allowed, and copied.
                        if (!IsBlank(buffer, start, filled)) throw new InvalidSessionJsonException(Serialization.Messages.DataAfterSession());
                        start = filled;
                        if (n == 0) return;
                        continue;
                    }
                    start += reader.Read(new ReadOnlySpan<byte>(buffer, start, filled - start), n == 0);
                    // The consumer may be slow (a full channel): that wait is the pipeline's, not the server's.
                    if (reader.Sink.TakeBatch() is { } batch && onBatch != null) await ctx.WithoutTimerAsync(() => onBatch(batch)).ConfigureAwait(false);
                    if (n == 0 || (reader.IsComplete && copyTo == null)) return;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>
        /// A session kept whole: the body goes into append-only buffers that the session keeps, so its events (or
        /// their text) point into the bytes instead of copying them. A full buffer is not reused: the unconsumed
        /// tail is copied into a new one, and the old one stays as it is for the events that lie in it.
        /// </summary>
        private static async Task ReadRetainedAsync(Stream stream, SessionReader reader, Func<List<ChatEvent>, Task>? onBatch, AttemptContext ctx)
        {
            var buffer = new AppendOnlyBuffer(InitialBuffer);
            var start = 0; // first byte not yet consumed by the reader
            while (true)
            {
                if (buffer.Free == 0)
                {
                    // Buffers grow towards 1 MiB (twice as large at once if one value fills one): a large session then
                    // lives in a dozen large arrays that the GC never copies, not a hundred small ones it promotes.
                    var rest = buffer.Length - start;
                    var size = rest * 2 > buffer.Capacity ? buffer.Capacity * 2 : buffer.Capacity;
                    if (size < RetainedBufferMax) size = Math.Min(size * 2, RetainedBufferMax);
                    var next = new AppendOnlyBuffer(Math.Max(size, rest * 2));
                    next.Append(buffer.Slice(start, rest));
                    buffer = next;
                    start = 0;
                }
                ctx.Touch();
                var n = await buffer.AppendFromAsync(stream, ctx.Token).ConfigureAwait(false);
                ctx.Token.ThrowIfCancellationRequested();
                ctx.BytesReceived += n;
                start += reader.Read(buffer, start, n == 0);
                if (reader.Sink.TakeBatch() is { } batch && onBatch != null) await ctx.WithoutTimerAsync(() => onBatch(batch)).ConfigureAwait(false);
                if (n == 0 || reader.IsComplete) return;
            }
        }

        private static void Copy(Stream to, byte[] buffer, int offset, int count)
        {
            try
            {
                to.Write(buffer, offset, count);
            }
            catch (IOException ex)
            {
                throw new LocalWriteException(ex);
            }
        }

        private static bool IsBlank(byte[] buffer, int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                var b = buffer[i];
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n') return false;
            }
            return true;
        }
    }
}
