BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:Archive = Join-Path ([IO.Path]::GetTempPath()) "llama-usage-$PID"
    function Format-Usage($Rows) { foreach ($r in $Rows) { '{0}|{1}|{2}|{3}|{4}|{5}|{6}|{7}' -f $r.Key, $r.Sessions, $r.Turns, $r.InputTokens, $r.OutputTokens, $r.Errors, $r.ToolCalls, $r.ToolErrors } }
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Archive -ErrorAction SilentlyContinue
}

Describe 'Get-LlamaChatUsage' {
    BeforeEach { Reset-Emulator }

    It 'adds up turns, tokens, errors and tool calls exactly (from the fixtures'' stop events)' {
        # ses-err: turn 1 400/6, turn 2 800/12 with is_error and one tool call whose result is {"error": "timeout after 30s"}.
        Format-Usage @(Get-LlamaChatUsage -SessionId ses-err @Conn) | Should -Be '|1|2|1200|18|1|1|1'
        Format-Usage @(Get-LlamaChatUsage -SessionId ses-demo, ses-err -GroupBy Session @Conn) | Should -Be 'ses-demo|1|1|1200|340|0|2|0', 'ses-err|1|2|1200|18|1|1|1'
        $row = @(Get-LlamaChatUsage -SessionId ses-demo @Conn)[0]
        $row | Should -BeOfType ([LlamaCloud.Chat.ChatUsage])
        $row.Group | Should -Be 'None'
    }

    It 'groups by day of the last update, by index and by tool' {
        $day = @(Get-LlamaChatUsage -SessionId ses-demo, ses-err, ses-abc123 -GroupBy Day @Conn)
        Format-Usage $day | Should -Be '2026-04-17|1|2|1200|18|1|1|1', '2026-04-21|1|2|640|120|0|2|0', '2026-04-22|1|1|1200|340|0|2|0'
        $day[0].Day | Should -Be ([datetime]::new(2026, 4, 17, 0, 0, 0, [DateTimeKind]::Utc))
        Format-Usage @(Get-LlamaChatUsage -SessionId ses-demo, ses-err, ses-empty -GroupBy Index @Conn) |
            Should -Be '|1|0|0|0|0|0|0', 'idx-abc123|1|1|1200|340|0|2|0', 'idx-def456|2|3|2400|358|1|3|1'
        $tools = @(Get-LlamaChatUsage -SessionId ses-demo, ses-err -GroupBy Tool @Conn)
        Format-Usage $tools | Should -Be 'read_page|1|1|1200|340|0|1|0', 'search_index|2|2|2000|352|1|2|1'
    }

    It 'selects whole sessions by their last update with -Since and -Until' {
        $rows = @(Get-LlamaChatUsage -GroupBy Session -Since ([datetime]::new(2026, 4, 21, 0, 0, 0, [DateTimeKind]::Utc)) -Until ([datetime]::new(2026, 4, 22, 0, 0, 0, [DateTimeKind]::Utc)) @Conn)
        $rows.Key | Should -Be 'ses-abc123'
        @(Get-LlamaChatUsage -Since ([datetime]::new(2030, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)) @Conn).Count | Should -Be 0
    }

    It 'gives the same rows from an archive folder, from piped sessions and from the live project' {
        $null = Sync-LlamaChatArchive -Path $Archive @Conn
        $live = Format-Usage @(Get-LlamaChatUsage -GroupBy Tool @Conn)
        @($live).Count | Should -BeGreaterOrEqual 5
        Format-Usage @(Get-LlamaChatUsage -GroupBy Tool -Path $Archive) | Should -Be $live
        Format-Usage @(Get-LlamaChatSession -Path (Join-Path $Archive '*.json') | Get-LlamaChatUsage -GroupBy Tool) | Should -Be $live
        Format-Usage @(Get-LlamaChatSession @Conn | Get-LlamaChatUsage -GroupBy Tool) | Should -Be $live
    }
}
