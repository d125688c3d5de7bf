using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlamaCloud.Emulator;

/// <summary>New sessions and turns appended to a stored session's history (the session is re-serialised).</summary>
static class SessionHistory
{
    static int _created;

    /// <summary>POST /api/v1/chat: a new, listed, empty session.</summary>
    public static StoredSession Create(IReadOnlyList<string>? indexIds, string sharedAccess = "read_only")
    {
        int n = Interlocked.Increment(ref _created);
        string id = $"ses-new-{n:D4}-{Guid.NewGuid():N}"[..24];
        var root = new JsonObject
        {
            ["events"] = new JsonArray(),
            ["last_updated_at"] = SessionJson.Timestamp(DateTime.UtcNow),
            ["session_id"] = id,
            ["shared_access"] = sharedAccess,
            ["generated_title"] = null,
            ["index_ids"] = indexIds is null ? null : new JsonArray(indexIds.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
            ["job_metadata"] = null,
        };
        return SessionStore.FromBody(id, Serialize(root));
    }

    /// <summary>The session with one turn's events appended, its title, index ids and job metadata updated.</summary>
    public static StoredSession Append(StoredSession session, string prompt, IReadOnlyList<string> indexIds,
        IReadOnlyList<byte[]> events, StopInfo? stop)
    {
        var root = JsonNode.Parse(session.Body.Span) as JsonObject ?? new JsonObject();
        if (root["events"] is not JsonArray history)
        {
            history = new JsonArray();
            root["events"] = history;
        }
        foreach (var e in events) history.Add(JsonNode.Parse(e));
        root["last_updated_at"] = SessionJson.Timestamp(DateTime.UtcNow);
        if (root["generated_title"] is null) root["generated_title"] = prompt.Length > 60 ? prompt[..60] : prompt;
        if (root["index_ids"] is null && indexIds.Count > 0)
            root["index_ids"] = new JsonArray(indexIds.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        int turns = (root["job_metadata"] as JsonObject)?["turns"]?.GetValue<int>() ?? 0;
        root["job_metadata"] = new JsonObject
        {
            ["duration_ms"] = 1234.5,
            ["error"] = stop?.Error,
            ["export_config_ids"] = null,
            ["is_error"] = stop?.IsError ?? true,
            ["total_input_tokens"] = 100,
            ["total_output_tokens"] = 20,
            ["turns"] = turns + 1,
        };
        return SessionStore.FromBody(session.Id, Serialize(root), session.Project);
    }

    /// <summary>The session with a new generated_title (POST /api/v1/chat/{id}/title).</summary>
    public static StoredSession Retitle(StoredSession session, string title)
    {
        var root = JsonNode.Parse(session.Body.Span) as JsonObject ?? new JsonObject();
        root["generated_title"] = title;
        root["last_updated_at"] = SessionJson.Timestamp(DateTime.UtcNow);
        return SessionStore.FromBody(session.Id, Serialize(root), session.Project);
    }

    internal static ReadOnlyMemory<byte> Serialize(JsonObject root)
    {
        // events first, as the API serves them
        var ordered = new JsonObject();
        if (root["events"] is { } ev) { root.Remove("events"); ordered["events"] = ev; }
        foreach (var (k, v) in root.ToList()) { root.Remove(k); ordered[k] = v; }
        return JsonSerializer.SerializeToUtf8Bytes(ordered, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}

/// <summary>How a streamed turn ended, for the job metadata.</summary>
sealed record StopInfo(bool IsError, string? Error);
