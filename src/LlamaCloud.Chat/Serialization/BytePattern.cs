using System;
using System.Text;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// A test on an event's raw JSON bytes that a text search can only pass if it may match: the event must hold the
    /// search's required literal (its anchor) as bytes, ASCII letters in either case when the search ignores case. It never
    /// rejects an event that matches once its strings are unescaped: text may arrive escaped (<c>é</c> as <c>\u00e9</c>,
    /// a quote as <c>\"</c>), so an event with a <c>\u</c> escape, or with the escape of a character the anchor holds,
    /// always passes. Without an anchor (a pattern with no required literal) every event passes.
    /// </summary>
    internal sealed class BytePattern
    {
        private readonly byte[] _anchor;
        private readonly bool _ignoreCase;
        private readonly byte _first;
        private readonly byte _firstOther;
        private readonly bool[] _escapes = new bool[128]; // the escape letters (after '\') that could stand for an anchor character

        /// <param name="anchor">Text every match contains; when <paramref name="ignoreCase"/>, only characters whose case
        /// variants are ASCII (the caller, <c>SearchPattern</c>, chooses such an anchor).</param>
        /// <param name="ignoreCase">ASCII letters match in either case.</param>
        internal BytePattern(string anchor, bool ignoreCase)
        {
            if (string.IsNullOrEmpty(anchor)) throw new ArgumentException(Messages.EmptyAnchor(), nameof(anchor));
            Anchor = anchor;
            _ignoreCase = ignoreCase;
            _anchor = Encoding.UTF8.GetBytes(ignoreCase ? anchor.ToLowerInvariant() : anchor);
            _first = _anchor[0];
            _firstOther = ignoreCase ? Other(_first) : _first;
            _escapes['u'] = true; // \uXXXX can stand for any character
            foreach (var c in anchor)
            {
                switch (c)
                {
                    case '"': _escapes['"'] = true; break;
                    case '\\': _escapes['\\'] = true; break;
                    case '/': _escapes['/'] = true; break;
                    case '\b': _escapes['b'] = true; break;
                    case '\f': _escapes['f'] = true; break;
                    case '\n': _escapes['n'] = true; break;
                    case '\r': _escapes['r'] = true; break;
                    case '\t': _escapes['t'] = true; break;
                }
            }
        }

        /// <summary>The literal every match holds.</summary>
        internal string Anchor { get; }

        /// <summary>False only when no string of the event, unescaped, can hold the anchor.</summary>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        internal bool MayMatch(ReadOnlySpan<byte> json) => Contains(json) || HasRelevantEscape(json);

        private bool Contains(ReadOnlySpan<byte> json)
        {
            if (!_ignoreCase) return json.IndexOf(_anchor) >= 0;
            var rest = json;
            while (true)
            {
                var at = _first == _firstOther ? rest.IndexOf(_first) : rest.IndexOfAny(_first, _firstOther);
                if (at < 0 || rest.Length - at < _anchor.Length) return false;
                if (EqualsIgnoreAsciiCase(rest.Slice(at + 1, _anchor.Length - 1), _anchor.AsSpan(1))) return true;
                rest = rest.Slice(at + 1);
            }
        }

        private bool HasRelevantEscape(ReadOnlySpan<byte> json)
        {
            var rest = json;
            while (true)
            {
                var at = rest.IndexOf((byte)'\\');
                if (at < 0 || at + 1 >= rest.Length) return false;
                var e = rest[at + 1];
                if (e < 128 && _escapes[e]) return true;
                rest = rest.Slice(at + 2); // an escape is two bytes at least; \\ must not start another
            }
        }

        private static bool EqualsIgnoreAsciiCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> lower)
        {
            for (var i = 0; i < lower.Length; i++)
            {
                var b = a[i];
                if (b >= (byte)'A' && b <= (byte)'Z') b = (byte)(b | 0x20);
                if (b != lower[i]) return false;
            }
            return true;
        }

        private static byte Other(byte b) =>
            b >= (byte)'a' && b <= (byte)'z' ? (byte)(b & ~0x20) : b;
    }
}
