namespace LlamaCloud.Emulator;

/// <summary>
/// ses-abc: the session of the README's headline line and of the help examples
/// (<c>Get-LlamaChatSession -Id ses-abc | Get-LlamaChatEvent -Type tool_call</c>). Two turns with search_index and
/// read_page calls, a result with nodes[].metadata.page, and one event of a type the module does not know (citation),
/// so every README line that names it shows something. Served by id, never listed: the listing fixtures (and the
/// tests that count them) stay as they are.
/// </summary>
static class AbcFixture
{
    public const string Id = "ses-abc";

    public static StoredSession Build()
    {
        const string q1 = "Which quarter had the highest revenue?";
        var meta = new SessionMeta(Id, SessionJson.ParseTimestamp("2026-04-23T08:05:17.402117"), SessionJson.Quote(q1),
            """["idx-abc123"]""",
            """{"duration_ms":3105.5,"error":null,"export_config_ids":null,"is_error":false,"total_input_tokens":910,"total_output_tokens":150,"turns":2}""");
        var built = SessionJson.Build(meta, e =>
        {
            e.Content("user_input", q1);
            e.Content("thinking_delta", "Search the").Content("thinking_delta", " revenue figures.");
            e.Content("thinking", "Search the revenue figures.");
            e.ToolCall("call_b1", "search_index", """{"query":"quarterly revenue","filters":{"year":2025},"top_k":3}""");
            e.ToolResult("call_b1", "search_index",
                """{"nodes":[{"text":"Q3 revenue: 4.2M","score":0.93,"metadata":{"page":4,"file":"q3.pdf"}},{"text":"Q4 revenue: 3.9M","score":0.81,"metadata":{"page":2,"file":"q4.pdf"}}]}""",
                """{"attachment_name":"page_4.png","source_id":"src-q3"}""");
            e.Raw("""{"source_id":"src-q3","span":[0,16],"type":"citation"}""");
            e.Content("text_delta", "Q3, with").Content("text_delta", " 4.2M.");
            e.Content("text", "Q3, with 4.2M.");
            e.Stop(null, false, """{"duration_ms":1800.0,"total_input_tokens":420,"total_output_tokens":70,"turns":1}""");

            e.Content("user_input", "Show me page 4.");
            e.ToolCall("call_b2", "read_page", """{"file":"q3.pdf","page":4}""");
            e.ToolResult("call_b2", "read_page", SessionJson.Quote("Page 4: Q3 revenue 4.2M, up 12% on Q2."), "null");
            e.Content("text_delta", "Page 4 says").Content("text_delta", " revenue grew 12%.");
            e.Content("text", "Page 4 says revenue grew 12%.");
            e.Stop(null, false, """{"duration_ms":1305.5,"total_input_tokens":490,"total_output_tokens":80,"turns":2}""");
        });
        return new StoredSession(built.Id, built.Body, built.Summary, built.SortTime, listed: false);
    }
}
