using System.Globalization;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>One /api request as the emulator saw it. Status is filled in when it completes.</summary>
sealed class RequestEntry
{
    public required string Method { get; init; }
    /// <summary>Path percent-decoded once (what fault rules match against).</summary>
    public required string Path { get; init; }
    /// <summary>Request target exactly as sent (path and query, still encoded).</summary>
    public required string RawTarget { get; init; }
    public required KeyValuePair<string, string>[] Query { get; init; }
    public required KeyValuePair<string, string>[] Headers { get; init; }
    public DateTime Time { get; init; }
    /// <summary>0 while in flight, and for requests that never got a status line (hang, reset).</summary>
    public volatile int Status;
    public volatile string? Fault;
    /// <summary>The request body of a POST (UTF-8 text, up to 64 KiB), so tests can see exactly what a client sent.</summary>
    public volatile string? Body;
}

/// <summary>
/// GET /_emulator/requests. Headers are kept verbatim, Authorization included: tests check the
/// key is sent to the API (and, elsewhere, that it is never leaked).
/// </summary>
sealed class RequestLog
{
    /// <summary>Bound memory if a long benchmark never clears the log; far above any test.</summary>
    const int Cap = 100_000;
    readonly object _gate = new();
    readonly List<RequestEntry> _entries = [];

    public RequestEntry Add(HttpContext ctx, string rawTarget, string decodedPath)
    {
        var entry = new RequestEntry
        {
            Method = ctx.Request.Method,
            Path = decodedPath,
            RawTarget = rawTarget,
            Query = ctx.Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString())).ToArray(),
            Headers = ctx.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())).ToArray(),
            Time = DateTime.UtcNow,
        };
        lock (_gate)
        {
            if (_entries.Count >= Cap) _entries.RemoveRange(0, Cap / 10);
            _entries.Add(entry);
        }
        return entry;
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        RequestEntry[] snapshot;
        lock (_gate) snapshot = _entries.ToArray();
        w.WriteStartArray();
        foreach (var e in snapshot)
        {
            w.WriteStartObject();
            w.WriteString("method", e.Method);
            w.WriteString("path", e.Path);
            w.WriteString("rawTarget", e.RawTarget);
            WriteMap(w, "query", e.Query);
            WriteMap(w, "headers", e.Headers);
            w.WriteNumber("status", e.Status);
            w.WriteString("time", e.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            if (e.Fault is { } f) w.WriteString("fault", f); else w.WriteNull("fault");
            if (e.Body is { } b) w.WriteString("body", b); else w.WriteNull("body");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    static void WriteMap(Utf8JsonWriter w, string name, KeyValuePair<string, string>[] map)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in map) w.WriteString(k, v);
        w.WriteEndObject();
    }
}
