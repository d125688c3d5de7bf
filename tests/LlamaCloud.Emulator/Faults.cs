using System.Text.Json;

namespace LlamaCloud.Emulator;

enum FaultKind { Status, Hang, Reset, Truncate, Malformed, Html, Empty, Slow }

/// <summary>One POST /_emulator/faults rule (field meanings: EMULATOR-SPEC.md, "Control API").</summary>
sealed class FaultRule
{
    public string? Path { get; init; }
    /// <summary>Substring of the raw query string (e.g. "page_token=" for every list page but the first); omit = any.</summary>
    public string? Query { get; init; }
    public string? Method { get; init; }
    /// <summary>Requests it may apply to; -1 = forever, 0 = never.</summary>
    public int Times { get; init; } = 1;
    /// <summary>&gt; 0: applies to every Nth matching request only (forever; Times ignored).</summary>
    public int EveryNth { get; init; }
    /// <summary>Explicit status; null = the kind's default (500 for status, 200 otherwise).</summary>
    public int? Status { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    public string? Body { get; init; }
    public string? ContentType { get; init; }
    public int DelayMs { get; init; }
    public FaultKind Kind { get; init; } = FaultKind.Status;
    public int ChunkBytes { get; init; } = 4096;
    public int ChunkDelayMs { get; init; } = 50;

    // Guarded by the owning FaultList's lock.
    internal long Matched;
    internal long Applied;

    public static FaultRule Parse(JsonElement o)
    {
        var kindText = JsonIn.Str(o, "kind") ?? "status";
        if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || char.IsDigit(kindText[0]))
            throw new FormatException($"unknown kind '{kindText}' (status|hang|reset|truncate|malformed|html|empty|slow)");
        var headers = new List<KeyValuePair<string, string>>();
        if (JsonIn.TryGet(o, "headers", out var h))
        {
            if (h.ValueKind != JsonValueKind.Object) throw new FormatException("'headers' must be an object");
            foreach (var p in h.EnumerateObject())
                headers.Add(new(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()));
        }
        var status = JsonIn.Int(o, "status");
        if (status is < 100 or > 999) throw new FormatException("'status' must be 100..999");
        return new FaultRule
        {
            Path = JsonIn.Str(o, "path") is { Length: > 0 } path ? path : null,
            Query = JsonIn.Str(o, "query") is { Length: > 0 } query ? query : null,
            Method = JsonIn.Str(o, "method") is { Length: > 0 } method ? method : null,
            Times = JsonIn.Int(o, "times") ?? 1,
            EveryNth = Math.Max(0, JsonIn.Int(o, "everyNth") ?? 0),
            Status = status,
            Headers = headers,
            Body = JsonIn.Str(o, "body"),
            ContentType = JsonIn.Str(o, "contentType"),
            DelayMs = Math.Max(0, JsonIn.Int(o, "delayMs") ?? 0),
            Kind = kind,
            ChunkBytes = Math.Max(1, JsonIn.Int(o, "chunkBytes") ?? 4096),
            ChunkDelayMs = Math.Max(0, JsonIn.Int(o, "chunkDelayMs") ?? 50),
        };
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (Path is not null) w.WriteString("path", Path);
        if (Query is not null) w.WriteString("query", Query);
        if (Method is not null) w.WriteString("method", Method);
        w.WriteNumber("times", Times);
        w.WriteNumber("everyNth", EveryNth);
        if (Status is int s) w.WriteNumber("status", s);
        w.WriteString("kind", Kind.ToString().ToLowerInvariant());
        w.WriteNumber("delayMs", DelayMs);
        w.WriteNumber("matched", Matched);
        w.WriteNumber("applied", Applied);
        w.WriteEndObject();
    }
}

/// <summary>The ordered rule list. Matching and counting happen under one lock (concurrent clients).</summary>
sealed class FaultList
{
    readonly object _gate = new();
    readonly List<FaultRule> _rules = [];

    public int Add(FaultRule rule)
    {
        lock (_gate) { _rules.Add(rule); return _rules.Count - 1; }
    }

    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    /// <summary>The first rule that applies to this request (and counts it), or null.</summary>
    public FaultRule? Match(string method, string decodedPath, string? rawTarget = null)
    {
        var q = rawTarget is null ? "" : rawTarget.IndexOf('?') is var at and >= 0 ? rawTarget[(at + 1)..] : "";
        lock (_gate)
        {
            foreach (var r in _rules)
            {
                if (r.Path is not null && !decodedPath.Contains(r.Path, StringComparison.Ordinal)) continue;
                if (r.Method is not null && !string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                if (r.Query is not null && !q.Contains(r.Query, StringComparison.Ordinal)) continue;
                if (r.EveryNth > 0)
                {
                    if (++r.Matched % r.EveryNth != 0) continue; // not its turn: later rules may apply
                }
                else
                {
                    if (r.Times >= 0 && r.Applied >= r.Times) continue; // used up
                    r.Matched++;
                }
                r.Applied++;
                return r;
            }
            return null;
        }
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        lock (_gate)
        {
            w.WriteStartArray();
            foreach (var r in _rules) r.WriteJson(w);
            w.WriteEndArray();
        }
    }
}
