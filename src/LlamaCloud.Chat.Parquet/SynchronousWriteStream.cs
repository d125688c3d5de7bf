using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Parquet
{
    /// <summary>
    /// A file stream as Parquet.Net sees it: its asynchronous writes and flushes run synchronously and return completed
    /// tasks. Parquet.Net only writes asynchronously; a FileStream opened for synchronous I/O runs such a write on a
    /// thread-pool thread, and the rest of the row group then continued there, so the buffers Parquet.Net rents from
    /// .NET's shared ArrayPool were rented and returned on ever other threads and stayed in each thread's own cache of
    /// that pool (docs/analytics.md). Written through, the one pipeline thread rents and returns them all.
    /// </summary>
    internal sealed class SynchronousWriteStream : Stream
    {
        private readonly Stream _inner;

        internal SynchronousWriteStream(Stream inner) => _inner = inner;

        public override bool CanRead => false;

        public override bool CanSeek => _inner.CanSeek;

        public override bool CanWrite => _inner.CanWrite;

        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set => _inner.Position = value;
        }

        public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => _inner.Write(buffer);

        public override void WriteByte(byte value) => _inner.WriteByte(value);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _inner.Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _inner.Write(buffer.Span);
            return default;
        }

        public override void Flush() => _inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            _inner.Flush();
            return Task.CompletedTask;
        }

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override void SetLength(long value) => _inner.SetLength(value);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
