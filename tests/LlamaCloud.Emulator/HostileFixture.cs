namespace LlamaCloud.Emulator;

/// <summary>
/// ses-hostile: a session whose every text field tries to break out of a transcript (EMULATOR-SPEC.md): script tags,
/// event-handler attributes, closing tags of the page's own structure, javascript: URLs, Markdown links, images,
/// headings, tables and fences, long backtick runs. Every script payload tries to change document.title to
/// "pwned…" or to add an element whose id starts with "injected". Served by id, never listed, so the listing
/// fixtures stay as they are.
/// </summary>
static class HostileFixture
{
    public const string Id = "ses-hostile";

    internal const string Script = "<script>document.title='pwned-script';document.body.appendChild(document.createElement('div')).id='injected-script'</script>";
    internal const string Img = "<img src=x onerror=\"document.title='pwned-img';this.id='injected-img'\">";
    const string Breakout = "</div></details></pre></section></main><h1 id=\"injected-h1\">fake heading</h1><details open id=\"injected-details\"><summary>fake</summary></details>";
    const string Links = "<a id=\"injected-a\" href=\"javascript:document.title='pwned-link'\">click</a> [md link](javascript:alert(1)) ![md image](https://tracker.invalid/pixel.png) <javascript:alert(2)> <https://autolink.invalid>";
    const string Markdown = "# Fake H1\n## Turn 99\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n\n1. list\n- bullet\n> quote\n    indented code\n[ref]: javascript:alert(3)\n**bold** _em_ ~~strike~~ `code` &lt;entity&gt; &amp; \\*escaped\\* @someone #123 $x^2$";
    const string Fences = "```\n# heading inside a fence\n```\n````html\n<script>document.title='pwned-fence'</script>\n````\n`````````` ten backticks";
    const string Svg = "<svg onload=\"document.title='pwned-svg'\"><circle r=\"1\"/></svg><iframe srcdoc=\"<script>parent.document.title='pwned-iframe'</script>\"></iframe><style>body{display:none}</style><meta http-equiv=\"refresh\" content=\"0;url=javascript:document.title='pwned-meta'\"><base href=\"javascript:alert(4)//\"><!-- comment --> ]]> <![CDATA[x]]>";

    public static StoredSession Build()
    {
        string prompt = "Summarise this: " + Script + "\n" + Img + "\n" + Breakout + "\n" + Links + "\n" + Markdown;
        string thinking = "Thinking " + Script + " " + Img + " " + Fences;
        string answer = "Here is the answer.\n" + Script + "\n" + Img + "\n" + Breakout + "\n" + Links + "\n" + Svg + "\n" + Markdown + "\n" + Fences;
        string title = "</title><script>document.title='pwned-title'</script>" + Img + " [t](javascript:alert(5))";

        var meta = new SessionMeta(Id, SessionJson.ParseTimestamp("2026-04-15T10:00:00.000001"), SessionJson.Quote(title),
            "[" + SessionJson.Quote("idx-<b>bold</b>`x`") + "]",
            """{"duration_ms":99.0,"error":"<script>document.title='pwned-meta-error'</script>","export_config_ids":null,"is_error":true,"total_input_tokens":21,"total_output_tokens":34,"turns":2}""");
        var built = SessionJson.Build(meta, e =>
        {
            e.Content("user_input", prompt);
            e.Content("thinking_delta", "Thinking ").Content("thinking", thinking);
            e.ToolCall("call_<x>`", "<img src=x onerror=alert(6)>`tool`",
                "{\"query\":" + SessionJson.Quote(Script + Img) + ",\"url\":\"javascript:alert(7)\",\"md\":" + SessionJson.Quote(Fences + "\n![x](javascript:alert(8)) </details>") + "}");
            e.ToolResult("call_<x>`", "<img src=x onerror=alert(6)>`tool`",
                SessionJson.Quote("</pre></details>" + Script + "\n" + Fences + "\n" + Breakout + "\n" + Links), "null");
            e.ToolCall("call_2", "search_index", "{\"q\":" + SessionJson.Quote(Breakout) + "}");
            e.ToolResult("call_2", "search_index",
                "{\"nodes\":[{\"text\":" + SessionJson.Quote(Svg + "\n" + Markdown) + ",\"metadata\":{\"file\":" + SessionJson.Quote("javascript:alert(9)") + "}}]}",
                "{\"attachment_name\":" + SessionJson.Quote(Img) + ",\"source_id\":" + SessionJson.Quote("</code>" + Script) + "}");
            e.Content("text_delta", "Here is").Content("text", answer);
            e.Stop(null, false, """{"duration_ms":50.0,"total_input_tokens":10,"total_output_tokens":20,"turns":1}""");

            e.Content("user_input", Links + "\n" + Fences);
            e.ToolCall("call_3", "fetch", "{\"url\":\"javascript:alert(10)\"}");
            e.Content("text_delta", Img).Content("text_delta", " interrupted ").Content("text_delta", Script);
            e.Stop("Tool failed: " + Script + " " + Img + " " + Breakout, true,
                """{"duration_ms":49.0,"total_input_tokens":11,"total_output_tokens":14,"turns":1}""");
        });
        return new StoredSession(built.Id, built.Body, built.Summary, built.SortTime, listed: false);
    }
}
