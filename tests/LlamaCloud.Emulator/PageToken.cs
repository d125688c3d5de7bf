using System.Buffers.Binary;

namespace LlamaCloud.Emulator;

/// <summary>
/// Opaque list cursor. It is base64 of a fixed prefix, the offset and a check byte, chosen so the
/// text always contains '+', '/' and '=': a client that does not URL-encode it sends '+' which
/// the server reads as a space, the check fails, and it gets a 400 like from a real cursor.
/// </summary>
static class PageToken
{
    // 0xFB 0xEF 0xBE encodes as "++++", 0xFF 0xFF 0xFF as "////"; 11 bytes end in one '='.
    static ReadOnlySpan<byte> Magic => [0xFB, 0xEF, 0xBE, 0xFF, 0xFF, 0xFF];
    const int Length = 11;

    public static string Encode(int offset)
    {
        Span<byte> bytes = stackalloc byte[Length];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes[6..], offset);
        bytes[10] = Check(bytes[..10]);
        return Convert.ToBase64String(bytes);
    }

    public static bool TryDecode(string token, out int offset)
    {
        offset = 0;
        Span<byte> bytes = stackalloc byte[16];
        // TryFromBase64String skips whitespace, so an unencoded '+' (now ' ') shortens the data.
        if (!Convert.TryFromBase64String(token, bytes, out int n) || n != Length) return false;
        if (!bytes[..6].SequenceEqual(Magic) || bytes[10] != Check(bytes[..10])) return false;
        offset = BinaryPrimitives.ReadInt32BigEndian(bytes[6..]);
        return offset > 0;
    }

    static byte Check(ReadOnlySpan<byte> data)
    {
        byte c = 0x5A;
        foreach (var b in data) c = (byte)((c << 1 | c >> 7) ^ b);
        return c;
    }
}
