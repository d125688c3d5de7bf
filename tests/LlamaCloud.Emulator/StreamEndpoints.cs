using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>
/// A chat turn as Server-Sent Events: a scripted agent turn paced over time, with keep-alive comments, appended
/// to the session's history as it went out. <see cref="StreamScript"/> (POST /_emulator/stream) picks line ends
/// and the faults: a cut mid-stream, a non-JSON data line, an is_error stop, multi-line data, a stall.
/// </summary>
static class StreamEndpoints
{
    /// <summary>POST/GET/DELETE /_emulator/stream: the script of the next turns.</summary>
    public static void MapControl(WebApplication app, Emulator em)
    {
        app.MapPost("/_emulator/stream", async ctx =>
        {
            try { em.Stream = StreamScript.Parse(JsonIn.ParseObject(await JsonIn.ReadBodyAsync(ctx))); }
            catch (FormatException e) { await HttpOut.SendAsync(ctx, 400, HttpOut.Detail(e.Message), SessionJson.ContentType, ctx.RequestAborted); return; }
            await HttpOut.SendJsonAsync(ctx, 200, w => { w.WriteStartObject(); w.WriteBoolean("ok", true); w.WriteEndObject(); });
        });
        app.MapDelete("/_emulator/stream", ctx =>
        {
            em.Stream = StreamScript.Default;
            return HttpOut.SendJsonAsync(ctx, 200, w => { w.WriteStartObject(); w.WriteBoolean("ok", true); w.WriteEndObject(); });
        });
    }

    public static async Task RunTurnAsync(HttpContext ctx, Emulator em, StoredSession session, string prompt,
        IReadOnlyList<string> indexIds, bool? requireAll, StreamScript script, CancellationToken ct)
    {
        var requested = indexIds.Count > 0 ? indexIds : BoundIndexes(session);
        var skipped = requested.Where(IsUnavailable).ToList();
        var events = skipped.Count > 0 && requireAll == true
            ? FailedTurn(prompt, skipped)
            : Script(prompt, indexIds, requireAll, script.Error, skipped);
        if (script.OmitStop) events.RemoveAt(events.Count - 1);
        var sent = new List<byte[]>();
        StopInfo? stop = null;
        var response = ctx.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        var eol = script.LineEnd;
        try
        {
            var head = new StringBuilder();
            if (script.Bom) head.Append('\uFEFF');
            if (script.Retry) head.Append("retry: 3000").Append(eol).Append(eol);
            if (head.Length > 0) await Send(response, head.ToString(), ct);
            for (int i = 0; i < events.Count; i++)
            {
                if (script.CutAfter > 0 && i == script.CutAfter)
                {
                    // Give the transport a moment to send what was flushed, then drop the connection.
                    await Task.Delay(100, ct);
                    ctx.Abort();
                    return;
                }
                if (script.StallAfter > 0 && i == script.StallAfter) await Stall(response, script, ct);
                if (i == script.ErrorAfter && (script.ErrorFrame ?? script.ErrorBody) is not null)
                {
                    // The server reports a failure inside the 200 stream, then ends it.
                    var failure = script.ErrorFrame is { } frame
                        ? "event: error" + eol + "data: " + JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = frame }) + eol + eol
                        : JsonSerializer.Serialize(new Dictionary<string, string> { ["detail"] = script.ErrorBody! }) + eol;
                    await Send(response, failure, ct);
                    stop = new StopInfo(true, script.ErrorFrame ?? script.ErrorBody);
                    return;
                }
                if (i > 0 && script.PaceMs > 0) await Task.Delay(script.PaceMs, ct);
                var (json, isDelta) = events[i];
                var text = new StringBuilder();
                if (script.KeepAlive) text.Append(": keep-alive").Append(eol);
                if (script.Label is { } label) text.Append("event: ").Append(label).Append(eol);
                else if (script.EventNames) text.Append("event: ").Append(isDelta ? "delta" : "message").Append(eol);
                if (script.Ids) text.Append("id: ").Append(i + 1).Append(eol);
                foreach (var line in Lines(json, script.MultiLine)) text.Append("data: ").Append(line).Append(eol);
                text.Append(eol);
                if (script.NonJson is { } nonJson && i == 1) text.Append("data: ").Append(nonJson).Append(eol).Append(eol);
                await Send(response, text.ToString(), ct);
                sent.Add(json);
                if (i == events.Count - 1 && !script.OmitStop) stop = StopOf(json);
            }
            if (script.Done) await Send(response, "data: [DONE]" + eol + eol, ct);
            if (script.HoldMs > 0) await Task.Delay(script.HoldMs, ct);
        }
        finally
        {
            if (sent.Count > 0) em.Sessions.Put(SessionHistory.Append(session, prompt, indexIds, sent, stop));
        }
    }

    static async Task Stall(HttpResponse response, StreamScript script, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddMilliseconds(script.StallMs);
        while (DateTime.UtcNow < until)
        {
            var step = Math.Min(200, Math.Max(1, (int)(until - DateTime.UtcNow).TotalMilliseconds));
            await Task.Delay(step, ct);
            if (script.StallKeepAlive) await Send(response, ": still working" + script.LineEnd, ct);
        }
    }

    static async Task Send(HttpResponse response, string text, CancellationToken ct)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await response.Body.FlushAsync(ct);
    }

    static IEnumerable<string> Lines(byte[] json, bool multiLine)
    {
        if (!multiLine) return [Encoding.UTF8.GetString(json)];
        using var doc = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = SessionJson.Options.Encoder }))
            doc.RootElement.WriteTo(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan).Split('\n').Select(l => l.TrimEnd('\r'));
    }

    /// <summary>Index ids the emulator cannot query (an index being rebuilt, say): those starting with idx-offline.</summary>
    public static bool IsUnavailable(string indexId) => indexId.StartsWith("idx-offline", StringComparison.Ordinal);

    static IReadOnlyList<string> BoundIndexes(StoredSession session)
    {
        using var doc = JsonDocument.Parse(session.Summary);
        return doc.RootElement.TryGetProperty("index_ids", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
    }

    static StopInfo StopOf(byte[] stopJson)
    {
        using var doc = JsonDocument.Parse(stopJson);
        var root = doc.RootElement;
        bool isError = root.TryGetProperty("is_error", out var e) && e.ValueKind == JsonValueKind.True;
        return new StopInfo(isError, root.TryGetProperty("error", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null);
    }

    /// <summary>require_all_indexes with an index that cannot be queried: the prompt, then an error stop naming it.</summary>
    static List<(byte[] Json, bool IsDelta)> FailedTurn(string prompt, IReadOnlyList<string> skipped)
    {
        var list = new List<(byte[], bool)>();
        void Add(Action<EventWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var w = new Utf8JsonWriter(buffer, SessionJson.Options)) write(new EventWriter(w));
            list.Add((buffer.WrittenSpan.ToArray(), false));
        }
        Add(e => e.Content("user_input", prompt));
        var names = string.Join(", ", skipped.Select(s => "'" + s + "'"));
        Add(e => e.Stop($"Index {names} could not be queried and require_all_indexes is set", true,
            "{\"duration_ms\":12.5,\"total_input_tokens\":0,\"total_output_tokens\":0,\"turns\":0}", skipped));
        return list;
    }

    /// <summary>The scripted agent turn: what it thinks, the tool it calls, what it answers, how it stops.</summary>
    /// <remarks>The tool call's arguments echo the request (prompt, index_ids, require_all_indexes when sent), so tests see what the client sent.</remarks>
    static List<(byte[] Json, bool IsDelta)> Script(string prompt, IReadOnlyList<string> indexIds, bool? requireAll, string? error,
        IReadOnlyList<string> skipped)
    {
        var list = new List<(byte[], bool)>();
        void Add(bool delta, Action<EventWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var w = new Utf8JsonWriter(buffer, SessionJson.Options)) write(new EventWriter(w));
            list.Add((buffer.WrittenSpan.ToArray(), delta));
        }
        Add(false, e => e.Content("user_input", prompt));
        foreach (var t in new[] { "Looking", " at", " the indexes" }) Add(true, e => e.Content("thinking_delta", t));
        Add(false, e => e.Content("thinking", "Looking at the indexes"));
        var echo = new Dictionary<string, object> { ["query"] = prompt, ["index_ids"] = indexIds };
        if (requireAll is bool all) echo["require_all_indexes"] = all;
        var args = JsonSerializer.Serialize(echo, new JsonSerializerOptions { Encoder = SessionJson.Options.Encoder });
        Add(false, e => e.ToolCall("call_1", "search_index", args));
        Add(false, e => e.ToolResult("call_1", "search_index", "{\"nodes\":[{\"text\":\"Revenue grew 12%\",\"score\":0.91}]}", "null"));
        foreach (var t in new[] { "Revenue", " grew", " 12%", "." }) Add(true, e => e.Content("text_delta", t));
        Add(false, e => e.Content("text", "Revenue grew 12%."));
        Add(false, e => e.Stop(error, error is not null,
            "{\"duration_ms\":1234.5,\"total_input_tokens\":100,\"total_output_tokens\":20,\"turns\":1}", skipped));
        return list;
    }
}
