namespace LlamaCloud.Emulator;

/// <summary>Carries out a matched fault rule on the wire.</summary>
static class FaultResponder
{
    static readonly ReadOnlyMemory<byte> DefaultBody = HttpOut.Utf8("{\"detail\":\"Emulated fault\"}");
    static readonly ReadOnlyMemory<byte> MalformedBody = HttpOut.Utf8("{\"events\":[{\"type\":\"text\",\"content\":\"x\"},not json]]");
    static readonly ReadOnlyMemory<byte> HtmlBody = HttpOut.Utf8(
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center>\n" +
        "<hr><center>nginx</center>\n<p>The upstream server is temporarily unavailable. Please sign in to the corporate proxy.</p>\n</body></html>\n");

    /// <param name="real">The response the request would have had (computed only for truncate/slow).</param>
    /// <param name="ct">Client gone or emulator stopping.</param>
    /// <returns>false when no status line was sent (hang, reset): the request log then shows 0.</returns>
    public static async Task<bool> RunAsync(HttpContext ctx, FaultRule rule, Func<ApiResult> real, CancellationToken ct)
    {
        if (rule.DelayMs > 0) await Task.Delay(rule.DelayMs, ct);
        switch (rule.Kind)
        {
            case FaultKind.Hang:
                // Never answer; end when the client disconnects (or the emulator stops).
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) { }
                ctx.Abort();
                return false;
            case FaultKind.Reset:
                ctx.Abort(); // connection dropped, no status line
                return false;
            case FaultKind.Status:
                await Send(ctx, rule, rule.Status ?? 500, rule.Body is null ? DefaultBody : HttpOut.Utf8(rule.Body),
                    rule.ContentType ?? "application/json", ct);
                break;
            case FaultKind.Malformed:
                await Send(ctx, rule, rule.Status ?? 200, MalformedBody, rule.ContentType ?? SessionJson.ContentType, ct);
                break;
            case FaultKind.Html:
                await Send(ctx, rule, rule.Status ?? 200, rule.Body is null ? HtmlBody : HttpOut.Utf8(rule.Body),
                    rule.ContentType ?? "text/html; charset=utf-8", ct);
                break;
            case FaultKind.Empty:
                await Send(ctx, rule, rule.Status ?? 200, ReadOnlyMemory<byte>.Empty, rule.ContentType ?? SessionJson.ContentType, ct);
                break;
            case FaultKind.Truncate:
                await Truncate(ctx, rule, real(), ct);
                break;
            case FaultKind.Slow:
                await Slow(ctx, rule, real(), ct);
                break;
        }
        return true;
    }

    static Task Send(HttpContext ctx, FaultRule rule, int status, ReadOnlyMemory<byte> body, string contentType, CancellationToken ct)
    {
        ApplyHeaders(ctx, rule);
        return HttpOut.SendAsync(ctx, status, body, contentType, ct);
    }

    /// <summary>Rule headers last so they can override anything (even Content-Type).</summary>
    static void ApplyHeaders(HttpContext ctx, FaultRule rule)
    {
        foreach (var (name, value) in rule.Headers) ctx.Response.Headers[name] = value;
    }

    static void Start(HttpContext ctx, FaultRule rule, ApiResult r)
    {
        ctx.Response.StatusCode = r.Status;
        if (r.ContentType is not null) ctx.Response.ContentType = r.ContentType;
        if (r.Status is not (204 or 304)) ctx.Response.ContentLength = r.Body.Length; // the FULL length, whatever we send
        ApplyHeaders(ctx, rule);
    }

    /// <summary>Full Content-Length, half the bytes, flush, then drop the connection.</summary>
    static async Task Truncate(HttpContext ctx, FaultRule rule, ApiResult r, CancellationToken ct)
    {
        Start(ctx, rule, r);
        await HttpOut.WriteAsync(ctx.Response.Body, r.Body[..(r.Body.Length / 2)], ct);
        await ctx.Response.Body.FlushAsync(ct);
        // Flush hands the bytes to the transport; give the socket a moment to send them,
        // otherwise the abort can discard them and the client sees a bare reset instead.
        await Task.Delay(100, ct);
        ctx.Abort();
    }

    /// <summary>The real body in chunkBytes pieces with chunkDelayMs pauses in between.</summary>
    static async Task Slow(HttpContext ctx, FaultRule rule, ApiResult r, CancellationToken ct)
    {
        Start(ctx, rule, r);
        var body = r.Body;
        for (int offset = 0; offset < body.Length; offset += rule.ChunkBytes)
        {
            if (offset > 0 && rule.ChunkDelayMs > 0) await Task.Delay(rule.ChunkDelayMs, ct);
            await ctx.Response.Body.WriteAsync(body.Slice(offset, Math.Min(rule.ChunkBytes, body.Length - offset)), ct);
            await ctx.Response.Body.FlushAsync(ct);
        }
    }
}
