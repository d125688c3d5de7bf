using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>A computed API answer, not yet written (fault kinds truncate/slow rewrite how it goes out).</summary>
readonly record struct ApiResult(int Status, ReadOnlyMemory<byte> Body, string? ContentType = SessionJson.ContentType)
{
    public static ApiResult Json(int status, ReadOnlyMemory<byte> body) => new(status, body);
    public static ApiResult Detail(int status, string detail) => new(status, HttpOut.Detail(detail));
    public static readonly ApiResult NoContent = new(204, ReadOnlyMemory<byte>.Empty, null);
}

static class HttpOut
{
    /// <summary>
    /// Large bodies go to Kestrel in slices: one WriteAsync of 70 MB would be copied whole into
    /// the transport pipe (70 MB of pool blocks) before the first byte leaves. Slices keep
    /// backpressure and memory flat; the session bytes themselves are never copied by us.
    /// </summary>
    const int Slice = 256 * 1024;

    public static ReadOnlyMemory<byte> Detail(string detail) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("detail"u8, detail);
        w.WriteEndObject();
    });

    public static ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, SessionJson.Options)) write(w);
        return buffer.WrittenMemory;
    }

    public static Task SendAsync(HttpContext ctx, ApiResult r, CancellationToken ct) =>
        SendAsync(ctx, r.Status, r.Body, r.ContentType, ct);

    public static Task SendJsonAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> write) =>
        SendAsync(ctx, status, Write(write), SessionJson.ContentType, ctx.RequestAborted);

    public static Task SendAsync(HttpContext ctx, int status, ReadOnlyMemory<byte> body, string? contentType, CancellationToken ct)
    {
        var response = ctx.Response;
        response.StatusCode = status;
        if (status is 204 or 304) return Task.CompletedTask; // no body, no Content-Length allowed
        if (contentType is not null) response.ContentType = contentType;
        response.ContentLength = body.Length;
        return WriteAsync(response.Body, body, ct);
    }

    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        for (int offset = 0; offset < body.Length; offset += Slice)
            await stream.WriteAsync(body.Slice(offset, Math.Min(Slice, body.Length - offset)), ct);
    }

    public static ReadOnlyMemory<byte> Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
