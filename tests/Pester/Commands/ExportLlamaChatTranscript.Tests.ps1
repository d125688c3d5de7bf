# Export-LlamaChatTranscript and ConvertTo-LlamaChatTranscript: files, formats and options; the Markdown structure is
# checked with a real GitHub-flavoured Markdown parser (Markdig, restored from NuGet with Pester).
# The HTML transcript in a real browser: TranscriptBrowser.Tests.ps1.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    Add-Type -Path (Join-Path $packages 'markdig/1.6.0/lib/net8.0/Markdig.dll')
    $script:Gfm = [Markdig.MarkdownExtensions]::UseEmojiAndSmiley([Markdig.MarkdownExtensions]::UseAdvancedExtensions([Markdig.MarkdownPipelineBuilder]::new())).Build()

    function Get-MarkdownNode([string] $Markdown) {
        $doc = [Markdig.Markdown]::Parse($Markdown, $script:Gfm)
        # In a list: container blocks are themselves lists, which the pipeline would unroll.
        $nodes = [System.Collections.Generic.List[object]]::new()
        foreach ($d in [Markdig.Syntax.MarkdownObjectExtensions]::Descendants($doc)) { $nodes.Add($d) }
        , $nodes
    }
    # The text of an inline container, as a reader sees it (escapes resolved, hard breaks as line breaks).
    function Get-InlineText($Inline) {
        $sb = [System.Text.StringBuilder]::new()
        foreach ($i in [Markdig.Syntax.MarkdownObjectExtensions]::Descendants($Inline)) {
            if ($i -is [Markdig.Syntax.Inlines.LiteralInline]) { $null = $sb.Append($i.Content.ToString()) }
            elseif ($i -is [Markdig.Syntax.Inlines.CodeInline]) { $null = $sb.Append($i.Content) }
            elseif ($i -is [Markdig.Syntax.Inlines.LineBreakInline]) { $null = $sb.Append("`n") }
            # The writer keeps leading spaces visible as &nbsp;: a reader sees a space.
            elseif ($i -is [Markdig.Syntax.Inlines.HtmlEntityInline]) { $null = $sb.Append(($i.Transcoded.ToString() -replace [char]0xA0, ' ')) }
        }
        $sb.ToString()
    }
    function Get-BlockText($Block) {
        $paragraphs = foreach ($p in [Markdig.Syntax.MarkdownObjectExtensions]::Descendants($Block)) {
            if ($p -is [Markdig.Syntax.ParagraphBlock]) { Get-InlineText $p.Inline }
        }
        $paragraphs -join "`n`n"
    }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'ConvertTo-LlamaChatTranscript' {
    BeforeEach { Reset-Emulator }

    It 'writes the demo as this Markdown, reading the summary and then the history' {
        $md = ConvertTo-LlamaChatTranscript -SessionId ses-demo @Conn
        $md | Should -BeOfType string
        $expected = @'
# What were the main findings in Q3?

- Session: `ses-demo`
- Last updated: 2026-04-22 12:34:41 UTC
- Indexes: `idx-abc123`, `idx-def456`

## Turn 1

**Prompt**

> What were the main findings in Q3?

**Tool call 1 of 2:** `search_index` · call id `call_1`

Arguments:

```json
{
  "query": "Q3 findings",
  "filters": {
    "year": 2025,
    "tags": [
      "finance",
      "q3"
    ]
  },
  "top_k": 5
}
```

Image attachment: `page_4.png` from source `src-q3`

**Tool call 2 of 2:** `read_page` · call id `call_2`

Arguments:

```json
{
  "file": "q3.pdf",
  "page": 4
}
```

**Answer**

The main findings: revenue grew 12% while costs fell (see page 4).

*Usage: 1,200 input tokens · 340 output tokens · 2 model turns · 5.3 s*


---

*1 turn · 2 tool calls · 1,200 input tokens · 340 output tokens · 0 errors*

'@ -replace "`r`n", "`n"
        $md | Should -BeExactly $expected
        @(Get-EmulatorRequest).path | Should -Be '/api/v1/chat/ses-demo/summary', '/api/v1/chat/ses-demo'
    }

    It 'adds reasoning with -IncludeThinking and tool results with -IncludeToolOutput' {
        $plain = ConvertTo-LlamaChatTranscript -SessionId ses-demo @Conn
        $plain | Should -Not -Match '\*\*Thinking\*\*|Result:'
        $md = ConvertTo-LlamaChatTranscript -SessionId ses-demo @Conn -IncludeThinking -IncludeToolOutput
        $md | Should -Match "\*\*Thinking\*\*`n`n> The user asks about the Q3 findings\. I should search the index first\.`n"
        $md | Should -Match "Result:`n`n``````text`nPage 4: Revenue grew 12% year over year, driven by subscriptions; costs fell 3%\.`n``````"
        $md | Should -Match '"score": 0\.91,'
    }

    It 'cuts results longer than -MaxToolOutputLength and says how much was left out' {
        $text = 'Page 4: Revenue grew 12% year over year, driven by subscriptions; costs fell 3%.'
        $md = ConvertTo-LlamaChatTranscript -SessionId ses-demo @Conn -IncludeToolOutput -MaxToolOutputLength 20
        $md | Should -Match ("``````text`n" + [regex]::Escape($text.Substring(0, 20)) + "`n``````")
        $md | Should -Match ([regex]::Escape("*… $($text.Length - 20) more characters left out (-MaxToolOutputLength)*"))
        $whole = ConvertTo-LlamaChatTranscript -SessionId ses-demo @Conn -IncludeToolOutput -MaxToolOutputLength 0
        $whole | Should -Not -Match 'left out'
        $whole | Should -Match ([regex]::Escape($text))
    }

    It 'writes piped turns (filtered as you like) without another request' {
        $turns = Get-LlamaChatTurn -SessionId ses-abc123 @Conn
        Clear-EmulatorRequest
        $md = $turns | Where-Object Number -eq 2 | ConvertTo-LlamaChatTranscript
        $md | Should -Match "^# Chat session ses-abc123`n"
        $md | Should -Match '## Turn 2'
        $md | Should -Not -Match '## Turn 1'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'writes one text per session, in input order, from sessions already read' {
        $sessions = Get-LlamaChatSession -Id ses-err, ses-demo @Conn
        Clear-EmulatorRequest
        $out = $sessions | ConvertTo-LlamaChatTranscript -Format Html
        $out.Count | Should -Be 2
        $out[0] | Should -Match '<h1>Fetch the Q4 forecast</h1>'
        $out[1] | Should -Match '<h1>What were the main findings in Q3\?</h1>'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'writes an HTML page that loads nothing and allows no script' {
        $html = ConvertTo-LlamaChatTranscript -SessionId ses-hostile @Conn -Format Html -IncludeThinking -IncludeToolOutput
        $html | Should -Match '<meta http-equiv="Content-Security-Policy" content="default-src ''none''; script-src ''none''; style-src ''sha256-[A-Za-z0-9+/=]+''; '
        # Every tag on the page is one of the writer's own: session content is all escaped.
        $tags = [regex]::Matches($html, '<([a-zA-Z][a-zA-Z0-9]*)') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
        $tags | Should -Be @('body', 'code', 'details', 'div', 'footer', 'h1', 'h2', 'head', 'header', 'html', 'main', 'meta', 'p', 'pre', 'section', 'style', 'summary', 'title')
        $attributes = [regex]::Matches($html, '<[a-zA-Z][^>]*>') | ForEach-Object { [regex]::Matches(($_.Value -replace '"[^"]*"', '""'), '\s([a-zA-Z-]+)=') } | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
        $attributes | Should -Be @('charset', 'class', 'content', 'http-equiv', 'id', 'lang', 'name')
        $html | Should -Match '&lt;script&gt;document\.title=&#39;pwned-script&#39;'
        # The style sheet's hash in the policy is the hash of the style sheet on the page.
        $style = [regex]::Match($html, '<style>(.*?)</style>', 'Singleline').Groups[1].Value
        $hash = [Convert]::ToBase64String([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($style)))
        $html | Should -Match ([regex]::Escape("style-src 'sha256-$hash'"))
    }
}

Describe 'The Markdown transcript of hostile content' {
    BeforeAll {
        Reset-Emulator
        $script:Md = ConvertTo-LlamaChatTranscript -SessionId ses-hostile @Conn -IncludeThinking -IncludeToolOutput
        $script:Nodes = Get-MarkdownNode $Md
        $script:Turns = Get-LlamaChatTurn -SessionId ses-hostile @Conn
        $script:Title = (Get-LlamaChatSession -Id ses-hostile @Conn).GeneratedTitle
    }

    It 'has the title and one heading per turn, and no other heading' {
        $headings = $Nodes | Where-Object { $_ -is [Markdig.Syntax.HeadingBlock] }
        $headings.Level | Should -Be 1, 2, 2
        Get-InlineText $headings[0].Inline | Should -BeExactly $Title
        Get-InlineText $headings[1].Inline | Should -BeExactly 'Turn 1'
        Get-InlineText $headings[2].Inline | Should -BeExactly 'Turn 2'
    }

    It 'has no link, image, HTML, table, emoji, footnote, math or thematic break the writer did not put there' {
        $kinds = $Nodes | ForEach-Object { $_.GetType().Name } | Sort-Object -Unique
        foreach ($bad in 'LinkInline', 'AutolinkInline', 'HtmlInline', 'HtmlBlock', 'Table', 'EmojiInline', 'FootnoteLink',
            'LinkReferenceDefinition', 'MathInline', 'MathBlock', 'CodeBlock') {
            $kinds | Should -Not -Contain $bad
        }
        # The only list is the writer's own session block; the only thematic break is before the totals.
        @($Nodes | Where-Object { $_ -is [Markdig.Syntax.ListBlock] }).Count | Should -Be 1
        @($Nodes | Where-Object { $_ -is [Markdig.Syntax.ThematicBreakBlock] }).Count | Should -Be 1
        # Entities only for the no-break spaces that keep indentation visible.
        $Nodes | Where-Object { $_ -is [Markdig.Syntax.Inlines.HtmlEntityInline] } | ForEach-Object { $_.Original.ToString() } | Sort-Object -Unique | Should -Be '&nbsp;'
        # Emphasis only around the writer's labels.
        $emphasis = $Nodes | Where-Object { $_ -is [Markdig.Syntax.Inlines.EmphasisInline] } | ForEach-Object { Get-InlineText $_ }
        $emphasis | Should -Contain 'Prompt'
        $emphasis | Should -Contain 'Answer'
        foreach ($e in $emphasis) { $e | Should -Match '^(Prompt|Thinking|Answer|Error:|Tool call \d of \d:|Usage: .*|No result was recorded for this call\.|This turn has no stop event: .*|\d+ turns · .*)$' }
    }

    It 'keeps every tool argument and result whole inside its own fenced block' {
        $fences = @($Nodes | Where-Object { $_ -is [Markdig.Syntax.FencedCodeBlock] })
        $fences.Count | Should -Be 5
        $call = $Turns[0].ToolCalls[0]
        $fences[1].Lines.ToString() | Should -BeExactly $call.Result
        ($fences[0].Lines.ToString() | ConvertFrom-Json).md | Should -BeExactly $call.Arguments.md
        ($fences[3].Lines.ToString() | ConvertFrom-Json).nodes[0].text | Should -BeExactly $Turns[0].ToolCalls[1].Result.nodes[0].text
        ($fences[4].Lines.ToString() | ConvertFrom-Json).url | Should -BeExactly 'javascript:alert(10)'
    }

    It 'shows the prompts, reasoning and answers exactly as written' {
        $quotes = @($Nodes | Where-Object { $_ -is [Markdig.Syntax.QuoteBlock] })
        $quotes.Count | Should -Be 3
        Get-BlockText $quotes[0] | Should -BeExactly $Turns[0].Prompt
        Get-BlockText $quotes[1] | Should -BeExactly $Turns[0].Thinking
        Get-BlockText $quotes[2] | Should -BeExactly $Turns[1].Prompt
        # Blank lines in the answer separate paragraphs; the text of each is the answer's text.
        $paragraphs = @($Nodes | Where-Object { $_ -is [Markdig.Syntax.ParagraphBlock] -and $_.Parent -is [Markdig.Syntax.MarkdownDocument] } | ForEach-Object { Get-InlineText $_.Inline })
        $start = [array]::IndexOf($paragraphs, 'Answer') + 1
        $paragraphs | Should -Contain 'Answer' -Because 'the answer follows its label'
        ($paragraphs[$start], $paragraphs[$start + 1]) -join "`n`n" | Should -BeExactly $Turns[0].Answer
    }
}

Describe 'Export-LlamaChatTranscript' {
    BeforeEach { Reset-Emulator }

    It 'writes one file per session into a folder, Markdown by default, and passes the files on' {
        $dir = Join-Path $TestDrive 'many'
        $files = Get-LlamaChatSession -Id ses-demo, ses-abc123 @Conn | Export-LlamaChatTranscript -Path $dir -PassThru
        $files.Name | Should -Be 'ses-demo.md', 'ses-abc123.md'
        $files[0] | Should -BeOfType System.IO.FileInfo
        (Get-ChildItem $dir).Name | Sort-Object | Should -Be 'ses-abc123.md', 'ses-demo.md'
        Get-Content -Raw (Join-Path $dir 'ses-demo.md') | Should -BeExactly (ConvertTo-LlamaChatTranscript -SessionId ses-demo @Conn)
    }

    It 'takes the format from the extension, or from -Format' {
        Export-LlamaChatTranscript -SessionId ses-demo @Conn -Path (Join-Path $TestDrive 'one.html')
        Get-Content -Raw (Join-Path $TestDrive 'one.html') | Should -Match '^<!DOCTYPE html>'
        Export-LlamaChatTranscript -SessionId ses-demo @Conn -Path (Join-Path $TestDrive 'one.txt') -Format Markdown
        Get-Content -Raw (Join-Path $TestDrive 'one.txt') | Should -Match '^# What were'
        'ses-err' | Export-LlamaChatTranscript @Conn -Path (Join-Path $TestDrive 'html') -Format Html
        (Get-ChildItem (Join-Path $TestDrive 'html')).Name | Should -Be 'ses-err.html'
    }

    It 'refuses to overwrite without -Force, and overwrites with it' {
        $file = Join-Path $TestDrive 'exists.md'
        Set-Content -Path $file -Value 'keep me'
        Export-LlamaChatTranscript -SessionId ses-demo @Conn -Path $file -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.TranscriptFileExists,*'
        (Get-Content -Raw $file).Trim() | Should -Be 'keep me'
        @(Get-EmulatorRequest).Count | Should -Be 0
        Export-LlamaChatTranscript -SessionId ses-demo @Conn -Path $file -Force
        Get-Content -Raw $file | Should -Match '^# What were'
    }

    It 'writes nothing and sends nothing with -WhatIf' {
        $dir = Join-Path $TestDrive 'whatif'
        'ses-demo', 'ses-err' | Export-LlamaChatTranscript @Conn -Path $dir -WhatIf
        Test-Path $dir | Should -BeFalse
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'writes one session into a file path, and an error for each further session' {
        $file = Join-Path $TestDrive 'single.md'
        'ses-demo', 'ses-err' | Export-LlamaChatTranscript @Conn -Path $file -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.TranscriptOneFile,*'
        $errs[0].TargetObject | Should -Be 'ses-err'
        Get-Content -Raw $file | Should -Match '^# What were'
    }

    It 'stops before any request when the path names no format or no file system' {
        { Export-LlamaChatTranscript -SessionId ses-demo @Conn -Path (Join-Path $TestDrive 'x.pdf') } |
            Should -Throw -ErrorId 'LlamaCloud.TranscriptPathInvalid,LlamaCloud.Chat.Commands.ExportLlamaChatTranscriptCommand'
        { Export-LlamaChatTranscript -SessionId ses-demo @Conn -Path 'Env:/x.md' } |
            Should -Throw -ErrorId 'LlamaCloud.TranscriptPathInvalid,LlamaCloud.Chat.Commands.ExportLlamaChatTranscriptCommand'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'leaves no file, not even a partial one, for a session that cannot be read' {
        $dir = Join-Path $TestDrive 'broken'
        Add-Fault @{ path = 'ses-gen-3000'; method = 'GET'; kind = 'truncate'; times = -1 }
        'ses-nope', 'ses-gen-3000', 'ses-demo' | Export-LlamaChatTranscript @Conn -Path $dir -MaximumRetryCount 0 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be 'LlamaCloud.NotFound', 'LlamaCloud.ConnectionFailed'
        (Get-ChildItem $dir).Name | Should -Be 'ses-demo.md'
    }

    It 'keeps no partial transcript of piped turns when the pipeline fails before their session ends' {
        # The turns of ses-abc123 have begun a transcript when the script feeding them fails: the pipeline ends
        # without EndProcessing, and that half-written transcript must not stay behind as a temporary (or any) file.
        $dir = Join-Path $TestDrive 'stopped'
        $turns = @(Get-LlamaChatTurn -SessionId ses-demo, ses-abc123 @Conn)
        $second = @($turns | Where-Object SessionId -EQ 'ses-abc123')
        $second.Count | Should -Be 2
        { & { $turns | Where-Object SessionId -EQ 'ses-demo'; $second[0]; throw 'the source failed' } | Export-LlamaChatTranscript -Path $dir } |
            Should -Throw 'the source failed'
        @(Get-ChildItem -LiteralPath $dir -Force).Name | Should -Be @('ses-demo.md')
    }
}
