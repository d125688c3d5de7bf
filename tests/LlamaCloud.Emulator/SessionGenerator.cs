using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlamaCloud.Emulator;

/// <summary>
/// Deterministic sessions of exactly N events shaped like real histories (EMULATOR-SPEC.md,
/// "Generated sessions"): per turn user_input, ~40 thinking_delta, thinking,
/// 2 x (tool_call, tool_result), ~120 text_delta, text, stop = ~168 events, so ~1 in 84 is a
/// tool_call. Speed matters (1,000,000 events ~ 70 MB in well under a few seconds): delta
/// fragments are pre-encoded once, and the output goes into one pre-sized buffer.
/// </summary>
static class SessionGenerator
{
    const string Prefix = "ses-gen-";
    /// <summary>Upper bound so a typo cannot ask for gigabytes.</summary>
    public const int MaxEvents = 10_000_000;
    /// <summary>Bytes per event we pre-size for (measured average is a little below).</summary>
    const int BytesPerEventHint = 78;

    static readonly string[] Words =
    [
        "the", "revenue", "grew", "quarter", "costs", "fell", "margin", "report", "index", "page", "table",
        "we", "see", "that", "growth", "was", "driven", "by", "subscriptions", "and", "services", "in",
        "Q3", "compared", "to", "last", "year", "the", "forecast", "shows", "a", "decline", "of", "operating",
        "expenses", "while", "cash", "flow", "improved", "significantly", "according", "section", "figure",
        "customers", "retention", "pricing", "North", "America", "Europe", "segment", "guidance", "raised",
        "net", "income", "rose", "to", "million", "dollars", "per", "share", "analysts", "expected", "this",
    ];

    static readonly string[] Questions =
    [
        "What were the main findings in Q3?", "Summarise the revenue section of the annual report.",
        "Which risks does the report mention?", "Compare operating costs with last year.",
        "How did customer retention change?", "What is the guidance for next quarter?",
        "List the tables about cash flow.", "Where is segment performance discussed?",
    ];

    static readonly string[] Tools = ["search_index", "read_page", "list_files", "get_chunk"];

    /// <summary>4096 fragments of 1-3 words with a leading space, encoded once for all sessions.</summary>
    static readonly (string Text, JsonEncodedText Encoded)[] Fragments = BuildFragments();

    static (string, JsonEncodedText)[] BuildFragments()
    {
        var rng = new Rng(12345);
        var result = new (string, JsonEncodedText)[4096];
        var sb = new StringBuilder();
        for (int i = 0; i < result.Length; i++)
        {
            sb.Clear();
            int words = 1 + rng.Next(3);
            for (int k = 0; k < words; k++) sb.Append(' ').Append(Words[rng.Next(Words.Length)]);
            if (rng.Next(9) == 0) sb.Append(rng.Next(2) == 0 ? "." : ",");
            var s = sb.ToString();
            result[i] = (s, JsonEncodedText.Encode(s));
        }
        return result;
    }

    /// <summary>ses-gen-&lt;N&gt; or ses-gen-&lt;N&gt;-&lt;seed&gt;, digits only.</summary>
    public static bool TryParseId(string id, out int events, out int seed)
    {
        events = 0; seed = 0;
        if (!id.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = id.AsSpan(Prefix.Length);
        int dash = rest.IndexOf('-');
        var n = dash < 0 ? rest : rest[..dash];
        if (!IsDigits(n) || !int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out events) || events > MaxEvents)
            return false;
        if (dash < 0) return true;
        var s = rest[(dash + 1)..];
        return IsDigits(s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out seed);
    }

    static bool IsDigits(ReadOnlySpan<char> s) => s.Length is > 0 and <= 9 && !s.ContainsAnyExceptInRange('0', '9');

    /// <summary>Generates the session; never listed unless the caller says so (POST /_emulator/sessions).</summary>
    public static StoredSession Generate(string id, int events, int seed, DateTime? lastUpdated = null, bool listed = false)
    {
        var rng = new Rng((uint)events * 2654435761u ^ (uint)seed * 40503u ^ 0x9E3779B9u);
        var time = lastUpdated ?? new DateTime(2026, 3, 1, 0, 0, 0).AddMinutes(seed % 100_000).AddTicks(events % 1_000_000 * 10L);
        // One allocation sized for the whole body: no regrowth copies of a 70 MB buffer.
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(int.MaxValue - 64, 1024L + (long)events * BytesPerEventHint));
        var totals = new Totals();
        SessionMeta meta;
        using (var w = new Utf8JsonWriter(buffer, SessionJson.Options))
        {
            w.WriteStartObject();
            w.WriteStartArray(Names.Events);
            var scratch = new StringBuilder(4096);
            for (int remaining = events; remaining > 0;)
            {
                var plan = TurnPlan.For(remaining, ref rng);
                WriteTurn(w, plan, ref rng, ref totals, scratch);
                remaining -= plan.Total;
            }
            w.WriteEndArray();
            meta = new SessionMeta(id, time, SessionJson.Quote(totals.Title), """["idx-gen-a","idx-gen-b"]""",
                totals.Turns == 0 ? "null" : string.Create(CultureInfo.InvariantCulture,
                    $"{{\"duration_ms\":{totals.DurationMs:0.0},\"error\":null,\"export_config_ids\":null,\"is_error\":false,\"total_input_tokens\":{totals.InputTokens},\"total_output_tokens\":{totals.OutputTokens},\"turns\":{totals.Turns}}}"));
            SessionJson.WriteSummaryFields(w, meta);
            w.WriteEndObject();
        }
        return new StoredSession(id, buffer.WrittenMemory, SessionJson.Summary(meta), time, listed);
    }

    struct Totals
    {
        public string? Title;
        public int Turns;
        public long InputTokens, OutputTokens;
        public double DurationMs;
    }

    /// <summary>How many events of each kind one turn gets; the last turn shrinks to hit N exactly.</summary>
    readonly record struct TurnPlan(int ThinkingDeltas, bool Thinking, int ToolPairs, int TextDeltas, bool Text, bool Stop)
    {
        public int Total => 1 + ThinkingDeltas + (Thinking ? 1 : 0) + 2 * ToolPairs + TextDeltas + (Text ? 1 : 0) + (Stop ? 1 : 0);

        public static TurnPlan For(int remaining, ref Rng rng)
        {
            int thinking = 35 + rng.Next(11), text = 110 + rng.Next(21); // ~40 and ~120
            const int fixedEvents = 8; // user_input, thinking, 2 x (call, result), text, stop
            if (remaining >= fixedEvents + thinking + text) return new(thinking, true, 2, text, true, true);
            if (remaining >= fixedEvents)
            {
                int extra = remaining - fixedEvents, t = extra / 4;
                return new(t, true, 2, extra - t, true, true);
            }
            // Tiny tail (or tiny session): keep the turn well formed as far as the count allows.
            bool stop = remaining >= 2, txt = remaining >= 3, th = remaining >= 4;
            int pairs = remaining >= 6 ? 1 : 0;
            var plan = new TurnPlan(0, th, pairs, 0, txt, stop);
            return plan with { TextDeltas = remaining - plan.Total };
        }
    }

    static void WriteTurn(Utf8JsonWriter w, TurnPlan plan, ref Rng rng, ref Totals totals, StringBuilder scratch)
    {
        int turn = ++totals.Turns;
        string question = Questions[rng.Next(Questions.Length)];
        if (turn > 1) question = string.Create(CultureInfo.InvariantCulture, $"{question} (follow-up {turn})");
        totals.Title ??= question;
        WriteContent(w, Names.UserInput, question);

        scratch.Clear();
        for (int i = 0; i < plan.ThinkingDeltas; i++) WriteFragment(w, Names.ThinkingDelta, ref rng, scratch);
        if (plan.Thinking) WriteContent(w, Names.Thinking, scratch.Length > 0 ? scratch.ToString(1, scratch.Length - 1) : "Let me check.");

        for (int p = 0; p < plan.ToolPairs; p++) WriteToolPair(w, turn, p, ref rng);

        scratch.Clear();
        for (int i = 0; i < plan.TextDeltas; i++) WriteFragment(w, Names.TextDelta, ref rng, scratch);
        if (plan.Text) WriteContent(w, Names.Text, scratch.Length > 0 ? scratch.ToString(1, scratch.Length - 1) : "Done.");

        int input = 400 + rng.Next(2000), output = plan.TextDeltas * 2 + plan.ThinkingDeltas * 2 + 10;
        double duration = 500 + rng.Next(20000) + 0.5;
        totals.InputTokens += input; totals.OutputTokens += output; totals.DurationMs += duration;
        if (!plan.Stop) return;
        w.WriteStartObject();
        w.WriteNull(Names.Error);
        w.WriteBoolean(Names.IsError, false);
        w.WriteStartObject(Names.Usage);
        w.WriteNumber("duration_ms"u8, duration);
        w.WriteNumber("total_input_tokens"u8, input);
        w.WriteNumber("total_output_tokens"u8, output);
        w.WriteNumber("turns"u8, turn);
        w.WriteEndObject();
        w.WriteString(Names.Type, Names.Stop);
        w.WriteEndObject();
    }

    static void WriteContent(Utf8JsonWriter w, JsonEncodedText type, string content)
    {
        w.WriteStartObject();
        w.WriteString(Names.Content, content);
        w.WriteString(Names.Type, type);
        w.WriteEndObject();
    }

    static void WriteFragment(Utf8JsonWriter w, JsonEncodedText type, ref Rng rng, StringBuilder scratch)
    {
        var (text, encoded) = Fragments[rng.Next(Fragments.Length)];
        scratch.Append(text);
        w.WriteStartObject();
        w.WriteString(Names.Content, encoded);
        w.WriteString(Names.Type, type);
        w.WriteEndObject();
    }

    /// <summary>A tool_call with nested arguments and its tool_result with a nodes/metadata result.</summary>
    static void WriteToolPair(Utf8JsonWriter w, int turn, int pair, ref Rng rng)
    {
        string callId = string.Create(CultureInfo.InvariantCulture, $"call_{turn}_{pair + 1}");
        string tool = Tools[rng.Next(Tools.Length)];
        int quarter = 1 + rng.Next(4), file = 1 + rng.Next(40);

        w.WriteStartObject();
        w.WriteString(Names.CallId, callId);
        w.WriteString(Names.Name, tool);
        w.WriteStartObject(Names.Arguments);
        w.WriteString("query"u8, Fragments[rng.Next(Fragments.Length)].Encoded);
        w.WriteStartObject("filters"u8);
        w.WriteNumber("year"u8, 2020 + rng.Next(6));
        w.WriteStartArray("tags"u8);
        w.WriteStringValue("finance"u8);
        w.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"q{quarter}"));
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNumber("top_k"u8, 3 + rng.Next(8));
        w.WriteEndObject();
        w.WriteString(Names.Type, Names.ToolCall);
        w.WriteEndObject();

        w.WriteStartObject();
        w.WriteString(Names.CallId, callId);
        w.WriteString(Names.Name, tool);
        w.WriteStartObject(Names.Result);
        w.WriteStartArray("nodes"u8);
        int nodes = 2 + rng.Next(3), firstPage = 1 + rng.Next(200);
        for (int n = 0; n < nodes; n++)
        {
            w.WriteStartObject();
            w.WriteString("text"u8, Sentence(ref rng, 24));
            w.WriteNumber("score"u8, (900 - n * 70 - rng.Next(50)) / 1000.0);
            w.WriteStartObject("metadata"u8);
            w.WriteNumber("page"u8, firstPage + n * 3);
            w.WriteString("file"u8, string.Create(CultureInfo.InvariantCulture, $"report-{file}.pdf"));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        if (rng.Next(2) == 0) w.WriteNull(Names.ImageAttachment);
        else
        {
            w.WriteStartObject(Names.ImageAttachment);
            w.WriteString("attachment_name"u8, string.Create(CultureInfo.InvariantCulture, $"page_{firstPage}.png"));
            w.WriteString("source_id"u8, string.Create(CultureInfo.InvariantCulture, $"src-{file}"));
            w.WriteEndObject();
        }
        w.WriteString(Names.Type, Names.ToolResult);
        w.WriteEndObject();
    }

    static string Sentence(ref Rng rng, int words)
    {
        var sb = new StringBuilder(words * 8);
        for (int i = 0; i < words; i++) sb.Append(i == 0 ? "" : " ").Append(Words[rng.Next(Words.Length)]);
        return sb.Append('.').ToString();
    }
}

/// <summary>xorshift32: tiny, fast, and stable across runtime versions (unlike a future System.Random).</summary>
struct Rng(uint seed)
{
    uint _state = seed == 0 ? 0x6D2B79F5u : seed;

    public int Next(int max)
    {
        uint x = _state;
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        _state = x;
        return (int)((ulong)x * (uint)max >> 32);
    }
}
