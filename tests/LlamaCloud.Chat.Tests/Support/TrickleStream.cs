using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Tests.Support
{
    /// <summary>A read-only stream that hands out at most a few bytes per read, in a repeatable uneven pattern.</summary>
    internal sealed class TrickleStream : Stream
    {
        private readonly byte[] _data;
        private readonly int[] _sizes;
        private int _pos, _turn;

        internal TrickleStream(byte[] data, params int[] sizes)
        {
            _data = data;
            _sizes = sizes;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, _sizes[_turn++ % _sizes.Length]), _data.Length - _pos);
            Buffer.BlockCopy(_data, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => Task.FromResult(Read(buffer, offset, count));

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
