namespace LlamaCloud.Emulator;

/// <summary>
/// The fixed sessions present after start and after POST /_emulator/reset (EMULATOR-SPEC.md,
/// "Fixture sessions"). Built once; the store re-adds these immutable objects on every reset.
/// Timestamps are distinct so the list order is fully determined.
/// </summary>
static class Fixtures
{
    static readonly Lazy<StoredSession[]> Built = new(Build);

    public static IReadOnlyList<StoredSession> Sessions => Built.Value;

    static StoredSession[] Build()
    {
        var list = new List<StoredSession> { Demo(), Abc123(), Unicode(), Unknown(), Nulls(), Err(), Empty() };
        for (int i = 1; i <= 10; i++) list.Add(Ordinary(i));
        list.Add(HostileFixture.Build()); // unlisted: served by id only
        list.Add(AbcFixture.Build());     // unlisted: the README's headline session
        list.Add(PiiFixture.Build()); // unlisted: the redaction corpus in every field (issue 21)
        list.Add(Projects.OtherProjectSession()); // proj-other's: never in the default project's list
        return list.ToArray();
    }

    static DateTime T(string s) => SessionJson.ParseTimestamp(s);
    static string Q(string s) => SessionJson.Quote(s);

    static StoredSession Demo()
    {
        const string question = "What were the main findings in Q3?";
        var meta = new SessionMeta("ses-demo", T("2026-04-22T12:34:41.342245"), Q(question),
            """["idx-abc123","idx-def456"]""",
            """{"duration_ms":5321.5,"error":null,"export_config_ids":["exp-q3-report"],"is_error":false,"total_input_tokens":1200,"total_output_tokens":340,"turns":2}""")
        { SharedAccess = "query" };
        return SessionJson.Build(meta, e =>
        {
            e.Content("user_input", question);
            string[] thinking = ["The user", " asks about", " the Q3", " findings. I", " should search", " the index first."];
            foreach (var t in thinking) e.Content("thinking_delta", t);
            e.Content("thinking", string.Concat(thinking));
            e.ToolCall("call_1", "search_index",
                """{"query":"Q3 findings","filters":{"year":2025,"tags":["finance","q3"]},"top_k":5}""");
            e.ToolResult("call_1", "search_index",
                """{"nodes":[{"text":"Revenue grew 12%","score":0.91,"metadata":{"page":4,"file":"q3.pdf"}},{"text":"Costs fell","score":0.77,"metadata":{"page":9,"file":"q3.pdf"}}]}""",
                """{"attachment_name":"page_4.png","source_id":"src-q3"}""");
            e.ToolCall("call_2", "read_page", """{"file":"q3.pdf","page":4}""");
            e.ToolResult("call_2", "read_page",
                Q("Page 4: Revenue grew 12% year over year, driven by subscriptions; costs fell 3%."), "null");
            string[] text = ["The main", " findings:", " revenue grew", " 12%", " while costs", " fell", " (see", " page 4)."];
            foreach (var t in text) e.Content("text_delta", t);
            e.Content("text", string.Concat(text));
            e.Stop(null, false, """{"duration_ms":5321.5,"total_input_tokens":1200,"total_output_tokens":340,"turns":2}""");
        });
    }

    static StoredSession Abc123()
    {
        const string q1 = "Which files are in the finance index?";
        var meta = new SessionMeta("ses-abc123", T("2026-04-21T09:15:02.118734"), Q(q1), """["idx-abc123"]""",
            """{"duration_ms":2210.25,"error":null,"export_config_ids":null,"is_error":false,"total_input_tokens":640,"total_output_tokens":120,"turns":2}""");
        return SessionJson.Build(meta, e =>
        {
            e.Content("user_input", q1);
            e.Content("thinking_delta", "List the").Content("thinking_delta", " index files.");
            e.Content("thinking", "List the index files.");
            e.ToolCall("call_a1", "list_files", """{"index_id":"idx-abc123","recursive":true}""");
            e.ToolResult("call_a1", "list_files", """{"files":[{"name":"q3.pdf","pages":24},{"name":"q4.pdf","pages":31}]}""", "null");
            e.Content("text_delta", "Two files:").Content("text_delta", " q3.pdf and").Content("text_delta", " q4.pdf.");
            e.Content("text", "Two files: q3.pdf and q4.pdf.");
            e.Stop(null, false, """{"duration_ms":1100.0,"total_input_tokens":300,"total_output_tokens":60,"turns":1}""");

            e.Content("user_input", "Search them for revenue.");
            e.ToolCall("call_a2", "search_index", """{"query":"revenue","filters":{"files":["q3.pdf","q4.pdf"]},"top_k":3}""");
            e.ToolResult("call_a2", "search_index",
                """{"nodes":[{"text":"Revenue grew 12%","score":0.88,"metadata":{"page":4,"file":"q3.pdf"}}]}""",
                """{"attachment_name":"page_4.png","source_id":"src-q3"}""");
            e.Content("text_delta", "Revenue grew").Content("text_delta", " 12% in Q3.");
            e.Content("text", "Revenue grew 12% in Q3.");
            e.Stop(null, false, """{"duration_ms":1110.25,"total_input_tokens":340,"total_output_tokens":60,"turns":2}""");
        });
    }

    static StoredSession Empty() =>
        SessionJson.Build(new SessionMeta("ses-empty", T("2026-04-16T08:00:00.000001"), "null", "null", "null"), _ => { });

    /// <summary>Forward compatibility: unknown type, no type at all, extra fields on known events.</summary>
    static StoredSession Unknown()
    {
        var meta = new SessionMeta("ses-unknown", T("2026-04-19T17:45:10.500000"), Q("Show me the citations"),
            """["idx-abc123"]""",
            """{"duration_ms":10.0,"error":null,"export_config_ids":null,"is_error":false,"total_input_tokens":5,"total_output_tokens":7,"turns":1}""");
        return SessionJson.Build(meta, e => e
            .Raw("""{"content":"Show me the citations","ts":1714000000,"type":"user_input"}""")
            .Raw("""{"source_id":"s1","span":[3,9],"type":"citation"}""")
            .Raw("""{"content":"untyped text"}""")
            .Raw("""{"call_id":"c9","name":"lookup","arguments":{"k":1}}""")
            .Raw("""{"call_id":"c9","name":"lookup","result":[1,2]}""")
            .Raw("""{"is_error":false,"usage":{"turns":1}}""")
            .Raw("""{"weird":true}""")
            .Raw("""{"content":"Answer","ts":1714000001,"type":"text_delta"}""")
            .Raw("""{"call_id":"c10","name":"search_index","arguments":{"query":"x"},"ts":1714000002,"trace":{"span":"abc"},"type":"tool_call"}""")
            .Raw("""{"call_id":"c10","name":"search_index","result":{"nodes":[]},"image_attachment":null,"ts":1714000003,"type":"tool_result"}""")
            .Raw("""{"content":"Answer with citations","annotations":[{"kind":"cite","ref":"s1"}],"type":"text"}""")
            .Raw("""{"error":null,"is_error":false,"usage":{"duration_ms":10.0,"total_input_tokens":5,"total_output_tokens":7,"turns":1,"cached_tokens":2},"ts":1714000004,"type":"stop"}"""));
    }

    /// <summary>Every optional field null or missing (title missing, index_ids null, sparse job_metadata).</summary>
    static StoredSession Nulls()
    {
        var meta = new SessionMeta("ses-nulls", T("2026-04-18T06:30:00.250000"), null, "null", """{"turns":1}""");
        return SessionJson.Build(meta, e => e
            .Raw("""{"content":"Anything there?","type":"user_input"}""")
            .Raw("""{"call_id":"n1","name":"noop","arguments":{},"type":"tool_call"}""")
            .Raw("""{"call_id":"n1","name":"noop","result":null,"type":"tool_result"}""")
            .Raw("""{"content":"Nothing found.","type":"text"}""")
            .Raw("""{"error":null,"is_error":false,"usage":{"duration_ms":null,"total_input_tokens":null,"total_output_tokens":null,"turns":null},"type":"stop"}""")
            .Raw("""{"is_error":false,"usage":{},"type":"stop"}"""));
    }

    /// <summary>Literal UTF-8 (incl. a surrogate pair) next to JSON escapes the client must decode.</summary>
    static StoredSession Unicode()
    {
        var meta = new SessionMeta("ses-unicode", T("2026-04-20T23:59:59.999999"), """ "Grüße — 日本語 😀" """.Trim(),
            """["idx-ünï"]""",
            """{"duration_ms":42.5,"error":null,"export_config_ids":null,"is_error":false,"total_input_tokens":9,"total_output_tokens":11,"turns":1}""");
        return SessionJson.Build(meta, e => e
            .Raw("""{"content":"Grüße — 日本語 😀","type":"user_input"}""")
            .Raw("""{"content":"caf\u00e9 \u2014 ","type":"thinking_delta"}""")
            .Raw("""{"content":"caf\u00e9 \u2014 ","type":"thinking"}""")
            .Raw("""{"call_id":"u1","name":"поиск","arguments":{"q":"日本語","emoji":"😀","esc":"a\"b\\c"},"type":"tool_call"}""")
            .Raw("""{"call_id":"u1","name":"поиск","result":{"text":"Grüße \u00e9 \"x\"\n\ttab"},"image_attachment":null,"type":"tool_result"}""")
            .Raw("""{"content":"line1\nline2 \"quoted\" ","type":"text_delta"}""")
            .Raw("""{"content":"caf\u00e9 😀","type":"text_delta"}""")
            .Raw("""{"content":"line1\nline2 \"quoted\" caf\u00e9 😀","type":"text"}""")
            .Raw("""{"error":null,"is_error":false,"usage":{"duration_ms":42.5,"total_input_tokens":9,"total_output_tokens":11,"turns":1},"type":"stop"}"""));
    }

    static StoredSession Err()
    {
        var meta = new SessionMeta("ses-err", T("2026-04-17T14:02:33.777001"), Q("Fetch the Q4 forecast"), """["idx-def456"]""",
            """{"duration_ms":30012.0,"error":"Tool timeout","export_config_ids":null,"is_error":true,"total_input_tokens":800,"total_output_tokens":12,"turns":2}""");
        return SessionJson.Build(meta, e =>
        {
            e.Content("user_input", "Fetch the Q4 forecast");
            e.Content("text_delta", "Looking").Content("text_delta", " it up.").Content("text", "Looking it up.");
            e.Stop(null, false, """{"duration_ms":800.0,"total_input_tokens":400,"total_output_tokens":6,"turns":1}""");
            e.Content("user_input", "Try again with the forecast index");
            e.ToolCall("call_e1", "search_index", """{"query":"Q4 forecast","top_k":5}""");
            e.ToolResult("call_e1", "search_index", """{"error":"timeout after 30s"}""", "null");
            e.Stop("Tool timeout", true, """{"duration_ms":30012.0,"total_input_tokens":800,"total_output_tokens":12,"turns":2}""");
        });
    }

    static readonly string[] Topics =
        ["budget", "hiring plan", "churn", "roadmap", "pricing", "security review", "latency", "onboarding", "Q2 board deck", "vendor list"];

    static StoredSession Ordinary(int i)
    {
        string id = $"ses-fix-{i:D2}", topic = Topics[i - 1], question = $"Summarise the {topic}";
        // A day apart, older than the special fixtures, with distinct microseconds.
        var time = T("2026-04-01T07:00:00.000000").AddDays(i).AddTicks(i * 1_234_560);
        var meta = new SessionMeta(id, time, Q(question), $"[\"idx-fix-{i:D2}\"]",
            $"{{\"duration_ms\":{i * 100}.5,\"error\":null,\"export_config_ids\":null,\"is_error\":false,\"total_input_tokens\":{i * 50},\"total_output_tokens\":{i * 10},\"turns\":1}}");
        return SessionJson.Build(meta, e =>
        {
            e.Content("user_input", question);
            if (i % 3 == 0)
            {
                e.ToolCall($"call_f{i}", "search_index", $"{{\"query\":\"{topic}\",\"top_k\":{i}}}");
                e.ToolResult($"call_f{i}", "search_index", $"{{\"nodes\":[{{\"text\":\"About {topic}\",\"metadata\":{{\"page\":{i}}}}}]}}", "null");
            }
            e.Content("text_delta", $"The {topic}").Content("text_delta", " looks fine.");
            e.Content("text", $"The {topic} looks fine.");
            e.Stop(null, false, $"{{\"duration_ms\":{i * 100}.5,\"total_input_tokens\":{i * 50},\"total_output_tokens\":{i * 10},\"turns\":1}}");
        });
    }
}
