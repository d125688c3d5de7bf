using System.Text;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>
/// POST /api/v1/chat/{session_id}/title <c>{"first_message": "..."}</c>: "Generate a title for a session from its first
/// user message" (docs/api.md). The emulator's "model" is deterministic: the message's first line, whitespace collapsed,
/// cut at 60 characters on a word boundary, trailing punctuation dropped. Answers the session's summary (with
/// shared_access); 404 for an unknown session or one of another project; 422 when first_message is missing or empty.
/// </summary>
static class TitleEndpoint
{
    const string Prefix = "/api/v1/chat/";
    const int MaxTitle = 60;

    /// <returns>false when the request is not a title request.</returns>
    public static async Task<bool> TryHandleAsync(HttpContext ctx, Emulator em, string rawPath, CancellationToken ct)
    {
        if (!rawPath.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var segments = rawPath[Prefix.Length..].Split('/');
        if (segments.Length != 2 || segments[0].Length == 0 || segments[1] != "title") return false;
        if (!ChatEndpoints.IsAuthorized(ctx, em.ApiKey))
        {
            ctx.Response.Headers.WWWAuthenticate = "Bearer";
            await HttpOut.SendAsync(ctx, ApiResult.Detail(401, "Invalid or missing API key"), ct);
            return true;
        }
        if (!HttpMethods.IsPost(ctx.Request.Method))
        {
            await HttpOut.SendAsync(ctx, ApiResult.Detail(405, "Method Not Allowed"), ct);
            return true;
        }
        string id = RawTarget.Decode(segments[0]);
        JsonElement body;
        try { body = JsonIn.ParseObject(await JsonIn.ReadBodyAsync(ctx)); }
        catch (FormatException e) { await HttpOut.SendAsync(ctx, ApiResult.Detail(422, e.Message), ct); return true; }
        // Exact, case-sensitive name: the API is FastAPI (JsonIn.TryGet is lenient for the control API only).
        string? first = body.TryGetProperty("first_message", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        if (string.IsNullOrWhiteSpace(first))
        {
            await HttpOut.SendAsync(ctx, ApiResult.Json(422, HttpOut.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("detail"u8);
                w.WriteStartObject();
                w.WriteStartArray("loc"u8);
                w.WriteStringValue("body"u8);
                w.WriteStringValue("first_message"u8);
                w.WriteEndArray();
                w.WriteString("msg"u8, first is null ? "Field required" : "String should have at least 1 character");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            })), ct);
            return true;
        }
        if (em.Sessions.Find(id, Projects.Requested(ctx, em)) is not { } session)
        {
            await HttpOut.SendAsync(ctx, ApiResult.Detail(404, "Session not found"), ct);
            return true;
        }
        var updated = SessionHistory.Retitle(session, Title(first));
        em.Sessions.Put(updated);
        await HttpOut.SendAsync(ctx, ApiResult.Json(200, updated.Summary), ct);
        return true;
    }

    /// <summary>The emulator's title for a first message (deterministic, so tests can assert it).</summary>
    public static string Title(string firstMessage)
    {
        var line = firstMessage.Trim().Split('\n')[0];
        var sb = new StringBuilder();
        foreach (var word in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0 && sb.Length + 1 + word.Length > MaxTitle) break;
            if (sb.Length == 0 && word.Length > MaxTitle) { sb.Append(word.AsSpan(0, MaxTitle)); break; }
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(word);
        }
        return sb.ToString().TrimEnd('?', '!', '.', ',', ';', ':');
    }
}
