using System.IO.Compression;

namespace LlamaCloud.Emulator;

/// <summary>
/// Undoes a request's Content-Encoding for the OTLP receiver, as a collector's OTLP/HTTP receiver does: gzip is
/// decompressed; any other encoding, or a body that is not valid gzip, is reported as not decoded (the receiver answers 400).
/// </summary>
static class OtlpBodyDecoder
{
    public static (ReadOnlyMemory<byte> Body, bool Decoded) Decode(ReadOnlyMemory<byte> wire, string encoding)
    {
        if (!string.Equals(encoding.Trim(), "gzip", StringComparison.OrdinalIgnoreCase)) return (wire, false);
        try
        {
            using var input = new MemoryStream(wire.ToArray());
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return (output.ToArray(), true);
        }
        catch (InvalidDataException)
        {
            return (wire, false);
        }
    }
}
