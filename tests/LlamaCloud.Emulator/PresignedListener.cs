using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>One request the presigned-URL listener (or the API host's redirect route) saw.</summary>
sealed record PresignedRequest(string Kind, string Method, string Target, KeyValuePair<string, string>[] Headers, int Status, DateTime Time);

/// <summary>
/// The storage side of attachments: a second loopback listener, on another port (another origin than the API), that
/// serves the PNG a presigned URL names, like an object store. It checks the URL's signature and expiry (403 with an
/// S3-style XML error otherwise) and REJECTS any request that carries an Authorization header (400): a presigned URL
/// carries its own authorization, and a client that sends the API key there leaks it to the storage host. Every
/// request is recorded (GET /_emulator/presigned/requests), and so is every hop of the API host's redirect route
/// (GET /_emulator/redirect?to=URL, 302 to that URL, which must be on this listener), so tests can prove the key
/// never went there. Scripted faults: POST /_emulator/presigned/fault {"kind":"status"|"truncate"|"html","status":500,"times":1}.
/// </summary>
sealed class PresignedListener
{
    const int DefaultExpirySeconds = 900;
    readonly object _gate = new();
    readonly List<PresignedRequest> _log = [];
    readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    (string Kind, int Status, int Times)? _fault;

    /// <summary>The bound port (set once Kestrel has bound it).</summary>
    public int Port { get; set; }
    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";
    /// <summary>How long new presigned URLs live (POST /_emulator/presigned/config {"expiresInSeconds": N}; may be negative).</summary>
    public int ExpiresInSeconds { get; private set; } = DefaultExpirySeconds;

    public void Reset()
    {
        lock (_gate) { _log.Clear(); _fault = null; ExpiresInSeconds = DefaultExpirySeconds; }
    }

    public string UrlFor(string source, string name, DateTimeOffset expires)
    {
        long exp = expires.ToUnixTimeSeconds();
        return $"{BaseUrl}/presigned/{Uri.EscapeDataString(source)}/{Uri.EscapeDataString(name)}?expires={exp}&signature={Attachments.Sign(_secret, source, name, exp)}";
    }

    /// <summary>Everything that arrives on the presigned port.</summary>
    public async Task HandleAsync(HttpContext ctx)
    {
        var (target, rawPath) = RawTarget.Get(ctx);
        int status = await AnswerAsync(ctx, rawPath);
        Record("download", ctx, target, status);
    }

    async Task<int> AnswerAsync(HttpContext ctx, string rawPath)
    {
        if (ctx.Request.Headers.ContainsKey("Authorization"))
            return await Xml(ctx, 400, "InvalidRequest", "Requests to a presigned URL must not carry an Authorization header: the URL authorizes itself.");
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
            return await Xml(ctx, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        var segments = rawPath.Split('/');
        if (segments.Length != 4 || segments[1] != "presigned") return await Xml(ctx, 404, "NoSuchKey", "The specified key does not exist.");
        string source = RawTarget.Decode(segments[2]), name = RawTarget.Decode(segments[3]);
        string expText = ctx.Request.Query["expires"].ToString(), signature = ctx.Request.Query["signature"].ToString();
        if (!long.TryParse(expText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long exp)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Attachments.Sign(_secret, source, name, exp))))
            return await Xml(ctx, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        if (DateTimeOffset.UtcNow.ToUnixTimeSeconds() > exp) return await Xml(ctx, 403, "AccessDenied", "Request has expired");
        var file = Attachments.All.TryGetValue(source, out var files) ? files.FirstOrDefault(f => f.Name == name) : null;
        if (file is null) return await Xml(ctx, 404, "NoSuchKey", "The specified key does not exist.");

        var fault = TakeFault();
        if (fault is { Kind: "status" } f) return await Xml(ctx, f.Status, "InternalError", "We encountered an internal error. Please try again.");
        if (fault is { Kind: "html" })
        {
            await HttpOut.SendAsync(ctx, 200, HttpOut.Utf8("<!DOCTYPE html><html><head><title>Sign in</title></head><body>proxy login</body></html>"), "text/html; charset=utf-8", ctx.RequestAborted);
            return 200;
        }
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "image/png";
        ctx.Response.ContentLength = file.Bytes.Length;
        ctx.Response.Headers.ETag = "\"" + Convert.ToHexString(SHA256.HashData(file.Bytes))[..16] + "\"";
        if (HttpMethods.IsHead(ctx.Request.Method)) return 200;
        if (fault is { Kind: "truncate" })
        {
            await ctx.Response.Body.WriteAsync(file.Bytes.AsMemory(0, file.Bytes.Length / 2), ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await Task.Delay(100, ctx.RequestAborted);
            ctx.Abort();
            return 200;
        }
        await ctx.Response.Body.WriteAsync(file.Bytes, ctx.RequestAborted);
        return 200;
    }

    (string Kind, int Status, int Times)? TakeFault()
    {
        lock (_gate)
        {
            if (_fault is not { } f) return null;
            _fault = f.Times > 1 ? f with { Times = f.Times - 1 } : f.Times < 0 ? f : null;
            return f;
        }
    }

    static async Task<int> Xml(HttpContext ctx, int status, string code, string message)
    {
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>";
        await HttpOut.SendAsync(ctx, status, HttpOut.Utf8(body), "application/xml", ctx.RequestAborted);
        return status;
    }

    void Record(string kind, HttpContext ctx, string target, int status)
    {
        var entry = new PresignedRequest(kind, ctx.Request.Method, target,
            ctx.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())).ToArray(), status, DateTime.UtcNow);
        lock (_gate) _log.Add(entry);
    }

    /// <summary>The control routes on the API port: the request log, faults, expiry, and the redirect route.</summary>
    public void Map(WebApplication app)
    {
        app.MapGet("/_emulator/presigned/requests", ctx => HttpOut.SendJsonAsync(ctx, 200, WriteJson));
        app.MapDelete("/_emulator/presigned/requests", ctx =>
        {
            lock (_gate) _log.Clear();
            return HttpOut.SendJsonAsync(ctx, 200, w => { w.WriteStartObject(); w.WriteBoolean("ok", true); w.WriteEndObject(); });
        });
        app.MapPost("/_emulator/presigned/fault", async ctx =>
        {
            var o = JsonIn.ParseObject(await JsonIn.ReadBodyAsync(ctx));
            var kind = (JsonIn.Str(o, "kind") ?? "status").ToLowerInvariant();
            lock (_gate) _fault = (kind, JsonIn.Int(o, "status") ?? 500, JsonIn.Int(o, "times") ?? 1);
            await HttpOut.SendJsonAsync(ctx, 200, w => { w.WriteStartObject(); w.WriteBoolean("ok", true); w.WriteEndObject(); });
        });
        app.MapPost("/_emulator/presigned/config", async ctx =>
        {
            var o = JsonIn.ParseObject(await JsonIn.ReadBodyAsync(ctx));
            lock (_gate) ExpiresInSeconds = JsonIn.Int(o, "expiresInSeconds") ?? DefaultExpirySeconds;
            await HttpOut.SendJsonAsync(ctx, 200, w => { w.WriteStartObject(); w.WriteNumber("expiresInSeconds", ExpiresInSeconds); w.WriteEndObject(); });
        });
        // A hop on the API's own host that sends the client on to storage: a client that re-sent the key on the
        // redirect would show it here (this hop) and at the listener (rejected with 400).
        app.MapGet("/_emulator/redirect", ctx =>
        {
            var (target, _) = RawTarget.Get(ctx);
            string to = ctx.Request.Query["to"].ToString();
            int status;
            if (!to.StartsWith(BaseUrl + "/", StringComparison.Ordinal)) { status = 400; ctx.Response.StatusCode = 400; }
            else { status = 302; ctx.Response.StatusCode = 302; ctx.Response.Headers.Location = to; }
            Record("redirect", ctx, target, status);
            return Task.CompletedTask;
        });
    }

    void WriteJson(Utf8JsonWriter w)
    {
        PresignedRequest[] snapshot;
        lock (_gate) snapshot = _log.ToArray();
        w.WriteStartArray();
        foreach (var e in snapshot)
        {
            w.WriteStartObject();
            w.WriteString("kind", e.Kind);
            w.WriteString("method", e.Method);
            w.WriteString("target", e.Target);
            w.WriteStartObject("headers");
            foreach (var (k, v) in e.Headers) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteNumber("status", e.Status);
            w.WriteString("time", e.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
