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
