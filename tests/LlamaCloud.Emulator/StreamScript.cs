using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>
/// How the next chat turns are streamed (POST /_emulator/stream; reset restores the defaults). The defaults are
/// a well-behaved server: LF line ends, event names and ids, a keep-alive comment before each event, 250 ms apart.
/// Field meanings: EMULATOR-SPEC.md, "Chat turns".
/// </summary>
sealed record StreamScript
{
    public static readonly StreamScript Default = new();

    public int PaceMs { get; init; } = 250;
    public string LineEnd { get; init; } = "\n";
    public bool KeepAlive { get; init; } = true;
    public bool EventNames { get; init; } = true;
    public bool Ids { get; init; } = true;
    public bool Bom { get; init; }
    /// <summary>Each event's JSON pretty-printed over several data: lines.</summary>
    public bool MultiLine { get; init; }
    /// <summary>Drop the connection after this many events (0 = never).</summary>
    public int CutAfter { get; init; }
    /// <summary>A data payload that is not JSON, sent after the second event.</summary>
    public string? NonJson { get; init; }
    /// <summary>Send "data: [DONE]" after the stop event.</summary>
    public bool Done { get; init; }
    /// <summary>End the turn with is_error: true and this error.</summary>
    public string? Error { get; init; }
    /// <summary>After this many events, send nothing for StallMs (keep-alives every 200 ms if StallKeepAlive).</summary>
    public int StallAfter { get; init; }
    public int StallMs { get; init; }
    public bool StallKeepAlive { get; init; }
    /// <summary>Send the "retry: 3000" line first (default true).</summary>
    public bool Retry { get; init; } = true;
    /// <summary>Label every frame with this event name instead of delta/message (the label is a category, never the type).</summary>
    public string? Label { get; init; }
    /// <summary>End the body cleanly without the stop event.</summary>
    public bool OmitStop { get; init; }
    /// <summary>After ErrorAfter events, an "event: error" frame with data {"error": this text}, then the end.</summary>
    public string? ErrorFrame { get; init; }
    /// <summary>After ErrorAfter events, a raw JSON error body {"detail": this text} (no SSE framing), then the end.</summary>
    public string? ErrorBody { get; init; }
    public int ErrorAfter { get; init; } = 3;
    /// <summary>Keep the connection open this long after the last frame (a client that ends at stop or [DONE] does not wait).</summary>
    public int HoldMs { get; init; }

    public static StreamScript Parse(JsonElement o)
    {
        var lineEnd = (JsonIn.Str(o, "lineEnd") ?? "lf").ToLowerInvariant() switch
        {
            "lf" => "\n",
            "crlf" => "\r\n",
            "cr" => "\r",
            var other => throw new FormatException($"lineEnd '{other}' is not lf, crlf or cr"),
        };
        return new StreamScript
        {
            PaceMs = Math.Max(0, JsonIn.Int(o, "paceMs") ?? Default.PaceMs),
            LineEnd = lineEnd,
            KeepAlive = Bool(o, "keepAlive") ?? true,
            EventNames = Bool(o, "eventNames") ?? true,
            Ids = Bool(o, "ids") ?? true,
            Bom = Bool(o, "bom") ?? false,
            MultiLine = Bool(o, "multiLine") ?? false,
            CutAfter = Math.Max(0, JsonIn.Int(o, "cutAfter") ?? 0),
            NonJson = JsonIn.Str(o, "nonJson"),
            Done = Bool(o, "done") ?? false,
            Error = JsonIn.Str(o, "error"),
            StallAfter = Math.Max(0, JsonIn.Int(o, "stallAfter") ?? 0),
            StallMs = Math.Max(0, JsonIn.Int(o, "stallMs") ?? 0),
            StallKeepAlive = Bool(o, "stallKeepAlive") ?? false,
            Retry = Bool(o, "retry") ?? true,
            Label = JsonIn.Str(o, "label"),
            OmitStop = Bool(o, "omitStop") ?? false,
            ErrorFrame = JsonIn.Str(o, "errorFrame"),
            ErrorBody = JsonIn.Str(o, "errorBody"),
            ErrorAfter = Math.Max(0, JsonIn.Int(o, "errorAfter") ?? 3),
            HoldMs = Math.Max(0, JsonIn.Int(o, "holdMs") ?? 0),
        };
    }

    static bool? Bool(JsonElement o, string name)
    {
        if (!JsonIn.TryGet(o, name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(v.GetString(), out var b) => b,
            _ => throw new FormatException($"'{name}' must be a boolean"),
        };
    }
}
