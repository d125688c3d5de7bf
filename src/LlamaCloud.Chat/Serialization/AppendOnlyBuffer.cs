using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// A byte array that is filled front to back and never changed: every byte below <see cref="Length"/> keeps its
    /// value for the life of the object, because the only ways in append past the end. Sessions keep their response
    /// in these and point event text and event extents into them, instead of copying each event out.
    /// </summary>
    internal sealed class AppendOnlyBuffer : IUtf8Text
    {
        private readonly byte[] _bytes;

        /// <summary>The size of the buffers a large response is received in, and the only size that is reused.</summary>
        internal const int ReusedSize = 1024 * 1024;

        internal AppendOnlyBuffer(int capacity)
        {
            if (capacity == ReusedSize && ReusedBuffers.TryTake(out var reused))
            {
                _bytes = reused;
                return;
            }
            _bytes = new byte[capacity];
            if (capacity != ReusedSize) GC.SuppressFinalize(this);
        }

        // A buffer of the reused size goes back to the store when its owner is collected: nothing else can reach
        // the array then (it is only ever lent as a span, by a caller that holds this object), so the next large
        // response is received into memory that is already committed instead of pages the system must fault in and
        // zero again.
        ~AppendOnlyBuffer()
        {
            // A constructor that threw (no array of that size could be had) still leaves a finalizable object, without
            // an array: an exception here would end the process.
            if (_bytes != null) ReusedBuffers.Return(_bytes);
        }

        /// <summary>A buffer holding a copy of <paramref name="bytes"/>.</summary>
        internal static AppendOnlyBuffer CopyOf(ReadOnlySpan<byte> bytes)
        {
            var b = new AppendOnlyBuffer(bytes.Length);
            b.Append(bytes);
            return b;
        }

        /// <summary>How many bytes have been written; these are immutable.</summary>
        internal int Length { get; private set; }

        /// <summary>How many bytes fit in all.</summary>
        internal int Capacity => _bytes.Length;

        /// <summary>Room left for appending.</summary>
        internal int Free => _bytes.Length - Length;

        /// <summary>Written bytes, read-only.</summary>
        internal ReadOnlySpan<byte> Slice(int start, int length)
        {
            if (start < 0 || length < 0 || start > Length - length) throw new ArgumentOutOfRangeException(nameof(start));
            return new ReadOnlySpan<byte>(_bytes, start, length);
        }

        /// <summary>Written bytes decoded as UTF-8 (invalid sequences become U+FFFD).</summary>
        public string GetString(int start, int length)
        {
            if (start < 0 || length < 0 || start > Length - length) throw new ArgumentOutOfRangeException(nameof(start));
            var text = Encoding.UTF8.GetString(_bytes, start, length);
            // Once _bytes is loaded this object is otherwise dead: a caller whose only reference was just dropped by another
            // thread (ContentEvent.Content clears its own) must not see the array go back to the store mid-decode.
            GC.KeepAlive(this);
            return text;
        }

        /// <summary>Copies <paramref name="data"/> after the written bytes.</summary>
        internal void Append(ReadOnlySpan<byte> data)
        {
            if (data.Length > Free) throw new InvalidOperationException(Messages.BufferFull());
            data.CopyTo(new Span<byte>(_bytes, Length, data.Length));
            Length += data.Length;
        }

        /// <summary>Reads once from <paramref name="stream"/> into the free space; returns the bytes read (0 at the end).</summary>
        internal async Task<int> AppendFromAsync(Stream stream, CancellationToken cancellationToken)
        {
            if (Free == 0) throw new InvalidOperationException(Messages.BufferFull());
            var n = await stream.ReadAsync(_bytes, Length, Free, cancellationToken).ConfigureAwait(false);
            Length += n;
            return n;
        }
    
    }

    /// <summary>
    /// The receive buffers kept for reuse: at most <see cref="MaxCount"/> of <see cref="AppendOnlyBuffer.ReusedSize"/>
    /// (16 MiB), filled as sessions are collected and emptied as new large responses arrive.
    /// </summary>
    internal static class ReusedBuffers
    {
        internal const int MaxCount = 16;
        private static readonly byte[]?[] Items = new byte[MaxCount][];
        private static readonly object Gate = new object();
        private static int _count;

        internal static int Count
        {
            get { lock (Gate) return _count; }
        }

        internal static bool TryTake(out byte[] buffer)
        {
            lock (Gate)
            {
                if (_count > 0)
                {
                    buffer = Items[--_count]!;
                    Items[_count] = null;
                    return true;
                }
            }
            buffer = null!;
            return false;
        }

        internal static void Return(byte[] buffer)
        {
            if (buffer.Length != AppendOnlyBuffer.ReusedSize) return;
            lock (Gate)
            {
                if (_count < MaxCount) Items[_count++] = buffer;
            }
        }
    }
}
