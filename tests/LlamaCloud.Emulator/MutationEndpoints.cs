using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>
/// The API's POSTs: create a session, and run a chat turn (streamed by <see cref="StreamEndpoints"/>).
/// Called from <see cref="ChatEndpoints"/> after the request log, latency and faults, so every fault applies.
/// DELETE is served by ChatEndpoints itself.
/// </summary>
static class MutationEndpoints
{
    const string Prefix = "/api/v1/chat";
    const int MaxIndexIds = 10;

    /// <returns>false when the request is not one of these (ChatEndpoints answers it).</returns>
    public static async Task<bool> TryHandleAsync(HttpContext ctx, Emulator em, string rawPath, CancellationToken ct)
    {
        if (!HttpMethods.IsPost(ctx.Request.Method) || !rawPath.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = rawPath[Prefix.Length..];
        string? id = null;
        if (rest is not ("" or "/"))
        {
            var segments = rest.TrimStart('/').Split('/');
            if (segments.Length != 3 || segments[0].Length == 0 || segments[1] != "messages" || segments[2] != "stream") return false;
            id = RawTarget.Decode(segments[0]);
        }
        if (!ChatEndpoints.IsAuthorized(ctx, em.ApiKey))
        {
            ctx.Response.Headers.WWWAuthenticate = "Bearer";
            await HttpOut.SendAsync(ctx, ApiResult.Detail(401, "Invalid or missing API key"), ct);
            return true;
        }
        JsonElement body;
        try { body = JsonIn.ParseObject(await JsonIn.ReadBodyAsync(ctx)); }
        catch (FormatException e) { await HttpOut.SendAsync(ctx, ApiResult.Detail(422, e.Message), ct); return true; }

        if (!TryIndexIds(body, required: id is not null, out var indexIds, out var problem))
        {
            await HttpOut.SendAsync(ctx, Invalid("index_ids", problem), ct);
            return true;
        }
        if (id is null)
        {
            if (!TrySharedAccess(body, out var sharedAccess))
            {
                await HttpOut.SendAsync(ctx, Invalid("shared_access", "Input should be 'query' or 'read_only'"), ct);
                return true;
            }
            var created = SessionHistory.Create(indexIds, sharedAccess);
            em.Sessions.Put(created);
            await HttpOut.SendAsync(ctx, ApiResult.Json(200, created.Summary), ct);
            return true;
        }
        if (em.Sessions.Find(id, Projects.Requested(ctx, em)) is not { } session)
        {
            await HttpOut.SendAsync(ctx, ApiResult.Detail(404, "Session not found"), ct);
            return true;
        }
        var prompt = JsonIn.TryGet(body, "prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : null;
        if (prompt is null || prompt.EnumerateRunes().Count() is < 1 or > 1000)
        {
            await HttpOut.SendAsync(ctx, Invalid("prompt", "String should have between 1 and 1000 characters"), ct);
            return true;
        }
        bool? requireAll = JsonIn.TryGet(body, "require_all_indexes", out var r) && r.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? r.GetBoolean() : null;
        await StreamEndpoints.RunTurnAsync(ctx, em, session, prompt, indexIds ?? [], requireAll, em.Stream, ct);
        return true;
    }

    /// <summary>shared_access: absent or null follows the deployment default (here read_only); else query | read_only.</summary>
    static bool TrySharedAccess(JsonElement body, out string sharedAccess)
    {
        sharedAccess = "read_only";
        if (!JsonIn.TryGet(body, "shared_access", out var v)) return true;
        if (v.ValueKind != JsonValueKind.String || v.GetString() is not ("query" or "read_only")) return false;
        sharedAccess = v.GetString()!;
        return true;
    }

    static bool TryIndexIds(JsonElement body, bool required, out List<string>? ids, out string problem)
    {
        ids = null;
        problem = "";
        if (!JsonIn.TryGet(body, "index_ids", out var v))
        {
            if (!required) return true;
            problem = "Field required";
            return false;
        }
        if (v.ValueKind != JsonValueKind.Array) { problem = "Input should be a valid list"; return false; }
        ids = [];
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) { problem = "Input should be a valid string"; return false; }
            ids.Add(item.GetString()!);
        }
        if (ids.Count > MaxIndexIds) { problem = $"List should have at most {MaxIndexIds} items after validation, not {ids.Count}"; return false; }
        return true;
    }

    /// <summary>422 in FastAPI's validation-error shape.</summary>
    static ApiResult Invalid(string field, string msg) => ApiResult.Json(422, HttpOut.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("detail"u8);
        w.WriteStartObject();
        w.WriteStartArray("loc"u8);
        w.WriteStringValue("body"u8);
        w.WriteStringValue(field);
        w.WriteEndArray();
        w.WriteString("msg"u8, msg);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }));
}
