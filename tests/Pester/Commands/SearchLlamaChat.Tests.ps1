BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:Archive = Join-Path ([IO.Path]::GetTempPath()) "llama-search-$PID"
    function Get-SessionRequest { @(Get-EmulatorRequest | Where-Object { $_.path -like '/api/v1/chat/*' }) }
    function Format-Match($Matches) { foreach ($m in $Matches) { '{0}|{1}|{2}|{3}|{4}|{5}' -f $m.SessionId, $m.Index, $m.Type, $m.Field, $m.LineNumber, $m.Line } }
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Archive -ErrorAction SilentlyContinue
}

Describe 'Search-LlamaChat' {
    BeforeEach { Reset-Emulator }

    It 'finds a text in every session of the project, as typed matches saying where' {
        $found = @(Search-LlamaChat timeout @Conn)
        Format-Match $found | Should -Be 'ses-err|7|tool_result|result.error|1|timeout after 30s', 'ses-err|8|stop|error|1|Tool timeout'
        $found[0] | Should -BeOfType ([LlamaCloud.Chat.ChatSearchMatch])
        $found[0].Value | Should -Be 'timeout'
        $found[0].Event | Should -BeOfType ([LlamaCloud.Chat.ToolResultEvent])
        $found[0].Event.CallId | Should -Be 'call_e1'
        $found[0].Path | Should -BeNullOrEmpty
    }

    It 'matches text that arrives escaped (\u00e9), whatever its case, and -CaseSensitive honours case' {
        # ses-unicode's tool result is {"text":"Grüße \u00e9 \"x\"\n\ttab"}: é only as an escape, a quote as \".
        Format-Match @(Search-LlamaChat 'é "x"' -SessionId ses-unicode @Conn) | Should -Be 'ses-unicode|4|tool_result|result.text|1|Grüße é "x"'
        @(Search-LlamaChat 'É "X"' -SessionId ses-unicode @Conn).Count | Should -Be 1
        @(Search-LlamaChat 'É' -CaseSensitive -SessionId ses-unicode @Conn).Count | Should -Be 0
        Format-Match @(Search-LlamaChat '(?m)^\ttab$' -SessionId ses-unicode @Conn) | Should -Be 'ses-unicode|4|tool_result|result.text|2|	tab'
        # An ASCII letter written as an escape is still found by a pattern whose literal holds it.
        Set-EmulatorSession ses-esc '{"events":[{"content":"no","type":"user_input"},{"content":"a \u0074imeout","type":"text"}],"last_updated_at":"2026-01-01T00:00:00","session_id":"ses-esc","generated_title":null,"index_ids":null,"job_metadata":null}'
        Format-Match @(Search-LlamaChat TIMEOUT -SessionId ses-esc @Conn) | Should -Be 'ses-esc|1|text|content|1|a timeout'
    }

    It 'gives the events around each match with -Context, whatever their type' {
        $none = @(Search-LlamaChat 'Revenue grew' -SessionId ses-demo @Conn)
        $none.Count | Should -Be 4
        $found = @(Search-LlamaChat 'Revenue grew' -Context 1 -SessionId ses-demo @Conn)
        Format-Match $found | Should -Be (Format-Match $none)
        foreach ($m in $found) {
            @($m.Before).Index | Should -Be ($m.Index - 1)
            @($m.After).Index | Should -Be ($m.Index + 1)
        }
        $all = @(Get-LlamaChatEvent -SessionId ses-demo @Conn)
        $found[0].Before[0].Type | Should -Be $all[$found[0].Index - 1].Type
        $none[0].Before.Count | Should -Be 0
        $none[0].After.Count | Should -Be 0
    }

    It 'narrows by -Type and -Name' {
        $types = @(Search-LlamaChat revenue -SessionId ses-demo @Conn | ForEach-Object Type | Sort-Object -Unique)
        $types.Count | Should -BeGreaterThan 1
        @(Search-LlamaChat revenue -Type tool_result -SessionId ses-demo @Conn | ForEach-Object Type | Sort-Object -Unique) | Should -Be 'tool_result'
        @(Search-LlamaChat revenue -Name read_page -SessionId ses-demo @Conn | ForEach-Object { $_.Event.Name } | Sort-Object -Unique) | Should -Be 'read_page'
    }

    It 'finds the same in an archive folder as in the live sessions, reading files only' {
        $null = Sync-LlamaChatArchive -Path $Archive @Conn
        $live = @(Search-LlamaChat 'search|revenue|timeout' @Conn)
        $live.Count | Should -BeGreaterThan 5
        Clear-EmulatorRequest
        $offline = @(Search-LlamaChat -Path $Archive -Pattern 'search|revenue|timeout')
        @(Get-EmulatorRequest).Count | Should -Be 0
        # The archive is read in file-name order, the project in listing order: the same matches, in another order.
        Format-Match $offline | Sort-Object -CaseSensitive | Should -Be (Format-Match $live | Sort-Object -CaseSensitive)
        $offline[0].Path | Should -Be (Join-Path (Resolve-Path $Archive).ProviderPath "$($offline[0].SessionId).json")
        # Sessions read by Get-LlamaChatSession -Path and piped give the same matches.
        Format-Match @(Get-LlamaChatSession -Path (Join-Path $Archive '*.json') | Search-LlamaChat 'search|revenue|timeout') | Should -Be (Format-Match $offline)
    }

    It 'reads each session once, and a plain text with -SimpleMatch' {
        Clear-EmulatorRequest
        $found = @(Search-LlamaChat -SessionId ses-demo, ses-abc123 -Pattern 'q3 (' -SimpleMatch @Conn)
        (Get-SessionRequest).path | Should -Be '/api/v1/chat/ses-demo', '/api/v1/chat/ses-abc123'
        $found.Count | Should -Be 0
        @(Search-LlamaChat -SessionId ses-demo -Pattern 'grew 12%' -SimpleMatch @Conn).Count | Should -Be 3
    }

    It 'refuses a pattern that is not a regular expression, with LlamaCloud.InvalidPattern' {
        { Search-LlamaChat -Pattern '(unclosed' -SessionId ses-demo @Conn } | Should -Throw -ErrorId 'LlamaCloud.InvalidPattern*'
    }

    It 'writes one error for a session that cannot be read and goes on' {
        $found = @(Search-LlamaChat timeout -SessionId ses-missing, ses-err @Conn -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound*'
        $found.Count | Should -Be 2
    }
}
