using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>
/// A local OTLP/HTTP trace receiver for the trace export tests: POST /v1/traces (and any path under /otlp/, for
/// configured base paths) records each request, headers and body included, and answers from a script of responses
/// (status, Retry-After, body) before falling back to 200 with an empty ExportTraceServiceResponse.
/// Control: GET/DELETE /_emulator/otlp/requests, POST /_emulator/otlp/responses {"responses":[{status, retryAfter, body}]}.
/// A body sent with Content-Encoding: gzip is decompressed before it is recorded (a body that does not decompress
/// gets 400); each entry keeps the encoding and both sizes (wireBytes as sent, bodyBytes decoded) so tests see it was compressed.
/// Its state is its own: POST /_emulator/reset leaves it alone; DELETE /_emulator/otlp/requests clears it.
/// </summary>
static class OtlpReceiver
{
    sealed record Scripted(int Status, string? RetryAfter, string? Body);

    sealed record Received(string Path, KeyValuePair<string, string>[] Headers, string Body, int Status, DateTime Time,
        string? Encoding = null, int WireBytes = 0, int BodyBytes = 0);

    sealed class State
    {
        public readonly object Gate = new();
        public readonly Queue<Scripted> Script = new();
        public readonly List<Received> Requests = [];
    }

    public static void Map(WebApplication app)
    {
        var state = new State();
        app.MapPost("/v1/traces", ctx => ReceiveAsync(ctx, state));
        app.MapPost("/otlp/{**rest}", ctx => ReceiveAsync(ctx, state));

        app.MapGet("/_emulator/otlp/requests", ctx =>
        {
            Received[] snapshot;
            lock (state.Gate) snapshot = state.Requests.ToArray();
            return HttpOut.SendJsonAsync(ctx, 200, w =>
            {
                w.WriteStartArray();
                foreach (var r in snapshot)
                {
                    w.WriteStartObject();
                    w.WriteString("path", r.Path);
                    w.WriteStartObject("headers");
                    foreach (var (k, v) in r.Headers) w.WriteString(k, v);
                    w.WriteEndObject();
                    w.WriteString("body", r.Body);
                    w.WriteNumber("status", r.Status);
                    w.WriteString("time", r.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                    if (r.Encoding != null) w.WriteString("encoding", r.Encoding); else w.WriteNull("encoding");
                    w.WriteNumber("wireBytes", r.WireBytes);
                    w.WriteNumber("bodyBytes", r.BodyBytes);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
        });
        app.MapDelete("/_emulator/otlp/requests", ctx =>
        {
            lock (state.Gate)
            {
                state.Requests.Clear();
                state.Script.Clear();
            }
            return HttpOut.SendJsonAsync(ctx, 200, w => { w.WriteStartObject(); w.WriteBoolean("ok", true); w.WriteEndObject(); });
        });
        app.MapPost("/_emulator/otlp/responses", async ctx =>
        {
            JsonElement o;
            try { o = JsonIn.ParseObject(await JsonIn.ReadBodyAsync(ctx)); }
            catch (FormatException e) { await HttpOut.SendAsync(ctx, 400, HttpOut.Detail(e.Message), SessionJson.ContentType, ctx.RequestAborted); return; }
            var added = 0;
            if (JsonIn.TryGet(o, "responses", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                lock (state.Gate)
                {
                    foreach (var r in list.EnumerateArray())
                    {
                        var status = JsonIn.Int(r, "status") ?? 200;
                        string? retryAfter = JsonIn.TryGet(r, "retryAfter", out var ra) ? (ra.ValueKind == JsonValueKind.String ? ra.GetString() : ra.GetRawText()) : null;
                        string? body = JsonIn.TryGet(r, "body", out var b) ? (b.ValueKind == JsonValueKind.String ? b.GetString() : b.GetRawText()) : null;
                        state.Script.Enqueue(new Scripted(status, retryAfter, body));
                        added++;
                    }
                }
            }
            await HttpOut.SendJsonAsync(ctx, 200, w => { w.WriteStartObject(); w.WriteNumber("queued", added); w.WriteEndObject(); });
        });
    }

    static async Task ReceiveAsync(HttpContext ctx, State state)
    {
        var wire = await JsonIn.ReadBodyAsync(ctx);
        var encoding = ctx.Request.Headers.ContentEncoding.ToString();
        var body = wire;
        var decoded = true;
        if (encoding.Length > 0)
        {
            (body, decoded) = OtlpBodyDecoder.Decode(wire, encoding);
        }
        Scripted? next;
        lock (state.Gate) next = state.Script.Count > 0 ? state.Script.Dequeue() : null;
        var json = ctx.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        var status = next?.Status ?? (!decoded ? 400 : json ? 200 : 415);
        var entry = new Received(ctx.Request.Path.ToString(),
            ctx.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())).ToArray(),
            Encoding.UTF8.GetString(body.Span), status, DateTime.UtcNow,
            encoding.Length > 0 ? encoding : null, wire.Length, body.Length);
        lock (state.Gate) state.Requests.Add(entry);
        if (next?.RetryAfter is { } ra) ctx.Response.Headers["Retry-After"] = ra;
        var answer = next?.Body ?? (status == 200 ? "{}" : $"{{\"code\":{status},\"message\":\"scripted {status}\"}}");
        await HttpOut.SendAsync(ctx, status, Encoding.UTF8.GetBytes(answer), "application/json", ctx.RequestAborted);
    }
}
