using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>
/// /_emulator/*: the test-only control API (no auth, never logged as an /api request).
/// Bodies are read leniently (see <see cref="JsonIn"/>); a bad body is a 400 with a detail.
/// </summary>
static class ControlEndpoints
{
    const string SessionsPrefix = "/_emulator/sessions/";

    public static void Map(WebApplication app, Emulator em)
    {
        app.MapPost("/_emulator/reset", ctx =>
        {
            em.Reset();
            return Ok(ctx);
        });

        // The id is the rest of the raw path, decoded once (so a%2Fb stores "a/b").
        app.MapPut("/_emulator/sessions/{**id}", async ctx =>
        {
            var (_, rawPath) = RawTarget.Get(ctx);
            int at = rawPath.IndexOf(SessionsPrefix, StringComparison.Ordinal);
            string id = at < 0 ? "" : RawTarget.Decode(rawPath[(at + SessionsPrefix.Length)..]);
            if (id.Length == 0) { await Bad(ctx, "missing session id"); return; }
            var body = await JsonIn.ReadBodyAsync(ctx);
            var session = SessionStore.FromBody(id, body);
            em.Sessions.Put(session);
            await HttpOut.SendJsonAsync(ctx, 200, w =>
            {
                w.WriteStartObject();
                w.WriteString("session_id", id);
                w.WriteBoolean("listed", session.Listed);
                w.WriteNumber("bytes", body.Length);
                w.WriteEndObject();
            });
        });

        app.MapPost("/_emulator/sessions", async ctx =>
        {
            if (await ReadObject(ctx) is not { } o) return;
            int count, events;
            try { count = JsonIn.Int(o, "count") ?? 1; events = JsonIn.Int(o, "events") ?? 3; }
            catch (FormatException e) { await Bad(ctx, e.Message); return; }
            if (count is < 0 or > 100_000 || events is < 0 or > 100_000) { await Bad(ctx, "count/events out of range"); return; }
            var ids = em.Sessions.AddBatch(count, JsonIn.Str(o, "prefix") ?? "ses-list-", events);
            await HttpOut.SendJsonAsync(ctx, 200, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("added", ids.Count);
                w.WriteStartArray("ids");
                foreach (var id in ids) w.WriteStringValue(id);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        });

        app.MapDelete("/_emulator/sessions", ctx =>
        {
            em.Sessions.Clear();
            return Ok(ctx);
        });

        app.MapPost("/_emulator/config", async ctx =>
        {
            if (await ReadObject(ctx) is not { } o) return;
            try { em.Latency.Configure(o); }
            catch (FormatException e) { await Bad(ctx, e.Message); return; }
            await HttpOut.SendJsonAsync(ctx, 200, em.Latency.WriteJson);
        });
        app.MapGet("/_emulator/config", ctx => HttpOut.SendJsonAsync(ctx, 200, em.Latency.WriteJson));

        app.MapPost("/_emulator/faults", async ctx =>
        {
            if (await ReadObject(ctx) is not { } o) return;
            FaultRule rule;
            try { rule = FaultRule.Parse(o); }
            catch (FormatException e) { await Bad(ctx, e.Message); return; }
            int index = em.Faults.Add(rule);
            await HttpOut.SendJsonAsync(ctx, 200, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("index", index);
                w.WritePropertyName("rule");
                rule.WriteJson(w);
                w.WriteEndObject();
            });
        });
        app.MapGet("/_emulator/faults", ctx => HttpOut.SendJsonAsync(ctx, 200, em.Faults.WriteJson));
        app.MapDelete("/_emulator/faults", ctx =>
        {
            em.Faults.Clear();
            return Ok(ctx);
        });

        app.MapGet("/_emulator/requests", ctx => HttpOut.SendJsonAsync(ctx, 200, em.Requests.WriteJson));
        app.MapDelete("/_emulator/requests", ctx =>
        {
            em.Requests.Clear();
            return Ok(ctx);
        });

        // Not in the spec: a cheap liveness/diagnostics probe (in-flight count shows hangs ending).
        app.MapGet("/_emulator/health", ctx => HttpOut.SendJsonAsync(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WriteNumber("inFlight", Volatile.Read(ref em.InFlight));
            w.WriteNumber("sessions", em.Sessions.Count);
            w.WriteNumber("generatedCached", em.Sessions.GeneratedCached);
            w.WriteEndObject();
        }));
    }

    static Task Ok(HttpContext ctx) => HttpOut.SendJsonAsync(ctx, 200, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", true);
        w.WriteEndObject();
    });

    static Task Bad(HttpContext ctx, string detail) =>
        HttpOut.SendAsync(ctx, 400, HttpOut.Detail(detail), SessionJson.ContentType, ctx.RequestAborted);

    /// <summary>The body as a JSON object, or null after answering 400.</summary>
    static async Task<JsonElement?> ReadObject(HttpContext ctx)
    {
        try { return JsonIn.ParseObject(await JsonIn.ReadBodyAsync(ctx)); }
        catch (FormatException e) { await Bad(ctx, e.Message); return null; }
    }
}
