using System;
using System.IO;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// A write-only stream that re-indents JSON on its way to another stream: it drops the whitespace between tokens
    /// and writes two spaces per level, a line feed after each '{', '[' and ',', and ": " after each name. Strings,
    /// numbers and literals pass through byte for byte, so no value and no escape changes ("Grüße" stays "Grüße",
    /// "\u00e9" stays "\u00e9"). Its state is a few fields: memory does not depend on the document's size.
    /// It assumes valid JSON; the caller validates the same bytes separately.
    /// </summary>
    internal sealed class JsonReindenter : Stream
    {
        private const int BufferSize = 64 * 1024;
        private readonly Stream _inner;
        private readonly byte[] _out = new byte[BufferSize];
        private int _used;
        private int _depth;
        private bool _inString;
        private bool _escaped;
        private bool _justOpened;

        internal JsonReindenter(Stream inner)
        {
            _inner = inner;
        }

        /// <inheritdoc />
        public override void Write(byte[] buffer, int offset, int count)
        {
            for (var i = offset; i < offset + count; i++)
            {
                var b = buffer[i];
                if (_inString)
                {
                    Put(b);
                    if (_escaped) _escaped = false;
                    else if (b == (byte)'\\') _escaped = true;
                    else if (b == (byte)'"') _inString = false;
                    continue;
                }
                if (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n') continue;
                if (_justOpened)
                {
                    _justOpened = false;
                    if (b == (byte)'}' || b == (byte)']')
                    {
                        // An empty object or array stays on one line: {} and [].
                        _depth--;
                        Put(b);
                        continue;
                    }
                    NewLine();
                }
                switch (b)
                {
                    case (byte)'{':
                    case (byte)'[':
                        Put(b);
                        _depth++;
                        _justOpened = true;
                        break;
                    case (byte)'}':
                    case (byte)']':
                        _depth--;
                        NewLine();
                        Put(b);
                        break;
                    case (byte)',':
                        Put(b);
                        NewLine();
                        break;
                    case (byte)':':
                        Put(b);
                        Put((byte)' ');
                        break;
                    case (byte)'"':
                        Put(b);
                        _inString = true;
                        break;
                    default:
                        Put(b);
                        break;
                }
            }
        }

        private void NewLine()
        {
            Put((byte)'\n');
            for (var i = 0; i < _depth; i++)
            {
                Put((byte)' ');
                Put((byte)' ');
            }
        }

        private void Put(byte b)
        {
            if (_used == _out.Length)
            {
                _inner.Write(_out, 0, _used);
                _used = 0;
            }
            _out[_used++] = b;
        }

        /// <inheritdoc />
        public override void Flush()
        {
            if (_used > 0) _inner.Write(_out, 0, _used);
            _used = 0;
            _inner.Flush();
        }

        /// <inheritdoc />
        public override bool CanRead => false;
        /// <inheritdoc />
        public override bool CanSeek => false;
        /// <inheritdoc />
        public override bool CanWrite => true;
        /// <inheritdoc />
        public override long Length => throw new NotSupportedException();
        /// <inheritdoc />
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        /// <inheritdoc />
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        /// <inheritdoc />
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        /// <inheritdoc />
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
