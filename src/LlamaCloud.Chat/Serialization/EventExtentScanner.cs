using System;
using System.Runtime.CompilerServices;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// Finds where one event of a session's <c>events</c> array ends, and its type when that is plain, by walking its
    /// bytes once with the JSON grammar: a validating scanner, not a tokenizer. It answers <see cref="Outcome.Complete"/>
    /// only for a value that is well-formed JSON exactly as <see cref="System.Text.Json.Utf8JsonReader"/> would accept it
    /// (same escapes, numbers, literals and whitespace; like it, it does not check UTF-8 inside strings), and
    /// <see cref="Outcome.Unsure"/> for anything else: a malformed value, or one nested more than <see cref="MaxNesting"/>
    /// deep. An unsure event is then read by <see cref="EventScanner"/> with the real reader, which either accepts it
    /// or gives the error. So the scanner can make a read faster but never changes what is accepted.
    /// </summary>
    /// <remarks>
    /// It exists for speed: a session is mostly short streamed deltas, and the reader's per-token work (a large
    /// struct, its state machine, a property-name comparison per member) cost more than the download of the body;
    /// inside PowerShell the reader's generic search code also stays unoptimised for long. Plain string content, most
    /// of the bytes, is skipped eight bytes at a time. The type is classified under the same rule as
    /// <see cref="EventScanner"/>: exactly one member named <c>type</c> (written without escapes) whose value is a
    /// string without escapes; otherwise the event is left <see cref="EventTypeCode.Unresolved"/> and is decided by
    /// <see cref="EventReader"/> when it is built.
    /// </remarks>
    internal static unsafe class EventExtentScanner
    {
        internal enum Outcome
        {
            /// <summary>The value is whole and valid: it ends just before the returned position.</summary>
            Complete,
            /// <summary>The data ends inside the value, and all of it so far is valid: call again with more.</summary>
            NeedMore,
            /// <summary>Not decided here (malformed, or nested too deep): read it with the real reader.</summary>
            Unsure,
        }

        /// <summary>How deep containers may nest inside one event before the scanner hands it to the real reader.</summary>
        internal const int MaxNesting = 64;

        /// <summary>Scans the value that starts at <c>data[start]</c> (its first byte, not whitespace); on
        /// <see cref="Outcome.Complete"/>, <paramref name="end"/> is the index just past it.</summary>
        internal static Outcome Scan(ReadOnlySpan<byte> data, int start, out int end, out EventTypeCode code)
        {
            end = 0;
            code = EventTypeCode.Unresolved;
            if ((uint)start >= (uint)data.Length) return Outcome.NeedMore;
            fixed (byte* b = data)
            {
                var r = Scan(b + start, b + data.Length, out var stop, out code);
                if (r == Outcome.Complete) end = (int)(stop - b);
                return r;
            }
        }

        /// <summary>
        /// Scans the value whose first byte is at <paramref name="p"/> (before <paramref name="end"/>). On
        /// <see cref="Outcome.Complete"/>, <paramref name="stop"/> is just past it.
        /// </summary>
        [MethodImpl(HotPath.Options)]
        internal static Outcome Scan(byte* p, byte* end, out byte* stop, out EventTypeCode code)
        {
            stop = null;
            code = EventTypeCode.Unresolved;
            var depth = 0;
            ulong objects = 0; // bit 0 is the innermost container: 1 for an object, 0 for an array
            var isObject = *p == (byte)'{';
            var types = 0;
            var typeCode = EventTypeCode.Unresolved;
            var plainNames = true; // every member name of the event itself was written without escapes
            byte b;
            Outcome r;

        Value:
            if (p >= end) return Outcome.NeedMore;
            b = *p;
            if (b == (byte)'"')
            {
                r = String(ref p, end, out _);
                if (r != Outcome.Complete) return r;
                goto AfterValue;
            }
            if (b == (byte)'{' || b == (byte)'[')
            {
                if (depth == MaxNesting) return Outcome.Unsure;
                depth++;
                var opensObject = b == (byte)'{';
                objects = (objects << 1) | (opensObject ? 1UL : 0UL);
                p++;
                while (p < end && IsWhitespace(*p)) p++;
                if (p >= end) return Outcome.NeedMore;
                if (*p == (opensObject ? (byte)'}' : (byte)']'))
                {
                    p++;
                    depth--;
                    objects >>= 1;
                    goto AfterValue;
                }
                if (opensObject) goto Member;
                goto Value;
            }
            if (b == (byte)'-' || (uint)(b - '0') <= 9)
            {
                r = Number(ref p, end);
                if (r != Outcome.Complete) return r;
                goto AfterValue;
            }
            if (b == (byte)'t') r = Literal(ref p, end, (byte)'t', (byte)'r', (byte)'u', (byte)'e', 0);
            else if (b == (byte)'f') r = Literal(ref p, end, (byte)'f', (byte)'a', (byte)'l', (byte)'s', (byte)'e');
            else if (b == (byte)'n') r = Literal(ref p, end, (byte)'n', (byte)'u', (byte)'l', (byte)'l', 0);
            else return Outcome.Unsure;
            if (r != Outcome.Complete) return r;
            goto AfterValue;

        Member:
            // At the first byte of a member: its name, the colon, then its value.
            if (*p != (byte)'"') return Outcome.Unsure;
            var name = p + 1;
            r = String(ref p, end, out var escapedName);
            if (r != Outcome.Complete) return r;
            var isType = false;
            if (depth == 1)
            {
                if (escapedName) plainNames = false;
                else if (p - 1 - name == 4 && name[0] == (byte)'t' && name[1] == (byte)'y' && name[2] == (byte)'p' && name[3] == (byte)'e') isType = true;
            }
            while (p < end && IsWhitespace(*p)) p++;
            if (p >= end) return Outcome.NeedMore;
            if (*p != (byte)':') return Outcome.Unsure;
            p++;
            while (p < end && IsWhitespace(*p)) p++;
            if (p >= end) return Outcome.NeedMore;
            if (!isType) goto Value;
            types++;
            typeCode = EventTypeCode.Unresolved;
            if (*p != (byte)'"') goto Value;
            var typeStart = p + 1;
            r = String(ref p, end, out var escapedType);
            if (r != Outcome.Complete) return r;
            if (!escapedType) typeCode = EventScanner.Classify(new ReadOnlySpan<byte>(typeStart, (int)(p - 1 - typeStart)));
            goto AfterValue;

        AfterValue:
            if (depth == 0)
            {
                stop = p;
                if (isObject && types == 1 && plainNames) code = typeCode;
                return Outcome.Complete;
            }
            while (p < end && IsWhitespace(*p)) p++;
            if (p >= end) return Outcome.NeedMore;
            b = *p;
            var inObject = (objects & 1) != 0;
            if (b == (byte)',')
            {
                p++;
                while (p < end && IsWhitespace(*p)) p++;
                if (p >= end) return Outcome.NeedMore;
                if (inObject) goto Member;
                goto Value;
            }
            if (b == (inObject ? (byte)'}' : (byte)']'))
            {
                p++;
                depth--;
                objects >>= 1;
                goto AfterValue;
            }
            return Outcome.Unsure;
        }

        /// <summary>JSON's four whitespace bytes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool IsWhitespace(byte b) => b <= (byte)' ' && (b == (byte)' ' || b == (byte)'\n' || b == (byte)'\r' || b == (byte)'\t');

        /// <summary>Skips JSON whitespace; false when the data ends first.</summary>
        internal static bool SkipWhitespace(ReadOnlySpan<byte> data, ref int i)
        {
            while (i < data.Length)
            {
                if (!IsWhitespace(data[i])) return true;
                i++;
            }
            return false;
        }

        /// <summary>Moves past a string that starts at <c>data[i]</c>; false if there is none that is whole and valid.</summary>
        internal static bool SkipString(ReadOnlySpan<byte> data, ref int i, out bool escaped)
        {
            escaped = false;
            if ((uint)i >= (uint)data.Length || data[i] != (byte)'"') return false;
            fixed (byte* b = data)
            {
                var p = b + i;
                if (String(ref p, b + data.Length, out escaped) != Outcome.Complete) return false;
                i = (int)(p - b);
                return true;
            }
        }

        // A string whose opening quote is at p; on Complete, p is just past its closing quote.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Outcome String(ref byte* p, byte* end, out bool escaped)
        {
            escaped = false;
            var q = p + 1;
            while (true)
            {
                q = SkipPlain(q, end);
                if (q >= end) return Outcome.NeedMore;
                var b = *q;
                if (b == (byte)'"')
                {
                    p = q + 1;
                    return Outcome.Complete;
                }
                if (b != (byte)'\\') return Outcome.Unsure; // a control character
                escaped = true;
                if (q + 1 >= end) return Outcome.NeedMore;
                var e = q[1];
                if (e == (byte)'u')
                {
                    for (var k = 2; k < 6; k++)
                    {
                        if (q + k >= end) return Outcome.NeedMore;
                        if (!IsHex(q[k])) return Outcome.Unsure;
                    }
                    q += 6;
                }
                else if (e == (byte)'"' || e == (byte)'\\' || e == (byte)'/' || e == (byte)'b' || e == (byte)'f'
                    || e == (byte)'n' || e == (byte)'r' || e == (byte)'t')
                {
                    q += 2;
                }
                else
                {
                    return Outcome.Unsure;
                }
            }
        }

        private const ulong Ones = 0x0101010101010101UL;
        private const ulong Highs = 0x8080808080808080UL;

        // The first byte at or after p that ends plain string content: the quote, the backslash, or a control character
        // (below 0x20, which JSON does not allow unescaped); end if none. Eight bytes at a time: in each, a lane's high
        // bit marks a byte equal to '"', equal to '\', or below 0x20 (the classic "has zero byte" tests, whose borrows
        // can only mark lanes above a true one, so the lowest mark is exact).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static byte* SkipPlain(byte* p, byte* end)
        {
            if (BitConverter.IsLittleEndian)
            {
                while (end - p >= 8)
                {
                    var x = Unsafe.ReadUnaligned<ulong>(p);
                    var quote = x ^ (Ones * (byte)'"');
                    var backslash = x ^ (Ones * (byte)'\\');
                    var marks = (((quote - Ones) & ~quote) | ((backslash - Ones) & ~backslash) | ((x - Ones * 0x20) & ~x)) & Highs;
                    if (marks != 0) return p + FirstMarkedByte(marks);
                    p += 8;
                }
            }
            while (p < end)
            {
                var b = *p;
                if (b == (byte)'"' || b == (byte)'\\' || b < 0x20) return p;
                p++;
            }
            return p;
        }

        // The lane of the lowest high bit set: lanes are bytes, the first in memory the lowest on a little-endian machine
        // (x86, ARM; a big-endian one reads the lanes in reverse, so there SkipPlain takes only the byte loop).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int FirstMarkedByte(ulong marks)
        {
            var lowest = marks & (ulong)(-(long)marks);
            return DeBruijnByte[(int)((lowest * 0x03F79D71B4CB0A89UL) >> 58)];
        }

        // Bit index / 8 of a 64-bit power of two, looked up by its de Bruijn product's top six bits.
        private static readonly byte[] DeBruijnByte = BuildDeBruijn();

        private static byte[] BuildDeBruijn()
        {
            var t = new byte[64];
            for (var bit = 0; bit < 64; bit++) t[(int)(((1UL << bit) * 0x03F79D71B4CB0A89UL) >> 58)] = (byte)(bit / 8);
            return t;
        }

        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? starting at p; on Complete, p is just past it.
        [MethodImpl(HotPath.Options)]
        private static Outcome Number(ref byte* p, byte* end)
        {
            var q = p;
            if (*q == (byte)'-' && ++q >= end) return Outcome.NeedMore;
            if (*q == (byte)'0') q++;
            else if (IsDigit(*q)) { while (++q < end && IsDigit(*q)) { } }
            else return Outcome.Unsure;
            if (q >= end) return Outcome.NeedMore;
            if (*q == (byte)'.')
            {
                if (++q >= end) return Outcome.NeedMore;
                if (!IsDigit(*q)) return Outcome.Unsure;
                while (++q < end && IsDigit(*q)) { }
                if (q >= end) return Outcome.NeedMore;
            }
            if (*q == (byte)'e' || *q == (byte)'E')
            {
                if (++q >= end) return Outcome.NeedMore;
                if ((*q == (byte)'+' || *q == (byte)'-') && ++q >= end) return Outcome.NeedMore;
                if (!IsDigit(*q)) return Outcome.Unsure;
                while (++q < end && IsDigit(*q)) { }
                if (q >= end) return Outcome.NeedMore;
            }
            // As Utf8JsonReader does, a number must be followed by a delimiter; what else it refuses (a comment) is the reader's to say.
            var next = *q;
            if (!IsWhitespace(next) && next != (byte)',' && next != (byte)'}' && next != (byte)']') return Outcome.Unsure;
            p = q;
            return Outcome.Complete;
        }

        // true, false or null (a 0 ends a four-letter word). A literal that runs into the next byte (truex) is
        // refused by the caller's check of what follows a value, as Utf8JsonReader refuses it.
        [MethodImpl(HotPath.Options)]
        private static Outcome Literal(ref byte* p, byte* end, byte c0, byte c1, byte c2, byte c3, byte c4)
        {
            var length = c4 == 0 ? 4 : 5;
            for (var k = 0; k < length; k++)
            {
                if (p + k >= end) return Outcome.NeedMore;
                var want = k == 0 ? c0 : k == 1 ? c1 : k == 2 ? c2 : k == 3 ? c3 : c4;
                if (p[k] != want) return Outcome.Unsure;
            }
            p += length;
            return Outcome.Complete;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsHex(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 5;
    }
}
