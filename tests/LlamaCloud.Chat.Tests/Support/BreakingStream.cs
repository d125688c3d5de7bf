using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Tests.Support
{
    /// <summary>Hands out the data a few bytes at a time, then fails like a dropped connection (or ends).</summary>
    internal sealed class BreakingStream : Stream
    {
        private readonly byte[] _data;
        private readonly int _breakAt;
        private int _pos;

        internal BreakingStream(byte[] data, int breakAt)
        {
            _data = data;
            _breakAt = breakAt;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_pos >= _breakAt && _breakAt < _data.Length) throw new IOException("connection reset by peer");
            var n = Math.Min(Math.Min(count, 7), Math.Min(_breakAt, _data.Length) - _pos);
            Buffer.BlockCopy(_data, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _pos; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
