using System.Globalization;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>
/// Everything under /api: request log, latency, faults, auth, then the chat API itself.
/// Dispatch is by hand on the raw target (see <see cref="RawTarget"/>), not by routing.
/// </summary>
static class ChatEndpoints
{
    const string Prefix = "/api/v1/chat";
    static readonly ReadOnlyMemory<byte> Unauthorized = HttpOut.Detail("Invalid or missing API key");
    static readonly ReadOnlyMemory<byte> SessionNotFound = HttpOut.Detail("Session not found");

    public static async Task HandleAsync(HttpContext ctx, Emulator em, CancellationToken stopping)
    {
        var (target, rawPath) = RawTarget.Get(ctx);
        var entry = em.Requests.Add(ctx, target, RawTarget.Decode(rawPath));
        Interlocked.Increment(ref em.InFlight);
        // Client gone or emulator stopping: either ends waits, hangs and slow writes.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        var ct = cts.Token;
        bool answered = true;
        try
        {
            if (HttpMethods.IsPost(ctx.Request.Method)) entry.Body = await RecordBodyAsync(ctx, ct);
            await em.Latency.WaitAsync(ct);
            // Faults come before auth, like a proxy or gateway in front of the real API.
            if (em.Faults.Match(ctx.Request.Method, entry.Path, entry.RawTarget) is { } fault)
            {
                entry.Fault = fault.Kind.ToString().ToLowerInvariant();
                answered = await FaultResponder.RunAsync(ctx, fault, () => Answer(ctx, em, rawPath), ct);
            }
            else if (!await Attachments.TryHandleAsync(ctx, em, rawPath, ct)
                && !await TitleEndpoint.TryHandleAsync(ctx, em, rawPath, ct)
                && !await MutationEndpoints.TryHandleAsync(ctx, em, rawPath, ct))
            {
                await HttpOut.SendAsync(ctx, Answer(ctx, em, rawPath), ct);
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            ctx.Abort(); // the client went away mid-answer (or we are shutting down): nothing to send
            answered = ctx.Response.HasStarted;
        }
        finally
        {
            entry.Status = answered ? ctx.Response.StatusCode : 0;
            Interlocked.Decrement(ref em.InFlight);
        }
    }

    /// <summary>The normal answer to an /api request (also the "real body" for truncate/slow faults).</summary>
    static ApiResult Answer(HttpContext ctx, Emulator em, string rawPath)
    {
        if (!IsAuthorized(ctx, em.ApiKey))
        {
            ctx.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiResult.Json(401, Unauthorized);
        }
        string method = ctx.Request.Method;
        if (!rawPath.StartsWith(Prefix, StringComparison.Ordinal)) return ApiResult.Detail(404, "Not Found");
        var rest = rawPath[Prefix.Length..];
        if (rest is "" or "/")
            return HttpMethods.IsGet(method) ? List(ctx, em) : ApiResult.Detail(405, "Method Not Allowed");
        if (rest[0] != '/') return ApiResult.Detail(404, "Not Found");

        // Split on literal '/' only, THEN decode: an encoded slash stays inside the id.
        var segments = rest[1..].Split('/');
        if (segments[0].Length == 0) return ApiResult.Detail(404, "Not Found");
        string id = RawTarget.Decode(segments[0]);

        if (segments.Length == 1)
        {
            var project = Projects.Requested(ctx, em);
            if (HttpMethods.IsGet(method))
                return em.Sessions.Find(id, project) is { } s ? ApiResult.Json(200, s.Body) : ApiResult.Json(404, SessionNotFound);
            if (HttpMethods.IsDelete(method))
                return em.Sessions.Find(id, project) is not null && em.Sessions.Delete(id) ? ApiResult.NoContent : ApiResult.Json(404, SessionNotFound);
            return ApiResult.Detail(405, "Method Not Allowed");
        }
        if (segments.Length == 2 && segments[1] == "summary")
        {
            if (!HttpMethods.IsGet(method)) return ApiResult.Detail(405, "Method Not Allowed");
            return em.Sessions.Find(id, Projects.Requested(ctx, em)) is { } s ? ApiResult.Json(200, s.Summary) : ApiResult.Json(404, SessionNotFound);
        }
        return ApiResult.Detail(404, "Not Found");
    }

    /// <summary>A POST's body for the request log, read ahead and rewound so the handler still reads it whole.</summary>
    static async Task<string?> RecordBodyAsync(HttpContext ctx, CancellationToken ct)
    {
        if (ctx.Request.ContentLength is > 64 * 1024) return null;
        ctx.Request.EnableBuffering();
        using var ms = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(ms, ct);
        ctx.Request.Body.Position = 0;
        return System.Text.Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
    }

    internal static bool IsAuthorized(HttpContext ctx, string key)
    {
        var header = ctx.Request.Headers.Authorization.ToString().Trim();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(header[scheme.Length..].Trim(), key, StringComparison.Ordinal);
    }

    /// <summary>GET /api/v1/chat: newest first, cursor pages of page_size (1..100, default 20).</summary>
    static ApiResult List(HttpContext ctx, Emulator em)
    {
        var query = ctx.Request.Query;
        int pageSize = 20;
        string sizeText = query["page_size"].ToString();
        if (sizeText.Length > 0) // empty = not given
        {
            if (!int.TryParse(sizeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out pageSize))
                return Invalid("int_parsing", "Input should be a valid integer, unable to parse string as an integer", sizeText, null);
            if (pageSize < 1) return Invalid("greater_than_equal", "Input should be greater than or equal to 1", sizeText, ("ge", 1));
            if (pageSize > 100) return Invalid("less_than_equal", "Input should be less than or equal to 100", sizeText, ("le", 100));
        }
        int offset = 0;
        string token = query["page_token"].ToString();
        if (token.Length > 0 && !PageToken.TryDecode(token, out offset))
            return ApiResult.Detail(400, "Invalid page token");

        var all = em.Sessions.Listed(Projects.Requested(ctx, em));
        int start = Math.Min(offset, all.Length), end = Math.Min(all.Length, start + pageSize);
        return ApiResult.Json(200, HttpOut.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("items"u8);
            for (int i = start; i < end; i++) w.WriteRawValue(all[i].Summary.Span, skipInputValidation: true);
            w.WriteEndArray();
            if (end < all.Length) w.WriteString("next_page_token"u8, PageToken.Encode(end));
            w.WriteEndObject();
        }));
    }

    /// <summary>422 in FastAPI's validation-error shape: detail is a list, not a string.</summary>
    static ApiResult Invalid(string type, string msg, string input, (string Name, int Value)? limit) =>
        ApiResult.Json(422, HttpOut.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("detail"u8);
            w.WriteStartObject();
            w.WriteString("type"u8, type);
            w.WriteStartArray("loc"u8);
            w.WriteStringValue("query"u8);
            w.WriteStringValue("page_size"u8);
            w.WriteEndArray();
            w.WriteString("msg"u8, msg);
            w.WriteString("input"u8, input);
            if (limit is { } l)
            {
                w.WriteStartObject("ctx"u8);
                w.WriteNumber(l.Name, l.Value);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }));
}
