# Events and sessions as CSV: Export-Csv takes its columns from the first object, so every event has the same flat
# properties, sessions carry their run's usage as flat values, and timestamps say they are UTC.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("llama-csv-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $Work
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
}

Describe 'Export-Csv of mixed events' {
    BeforeAll { Reset-Emulator }

    It 'keeps the tool calls'' Name, CallId and arguments although the first event is a user_input' {
        $file = Join-Path $Work 'events.csv'
        Get-LlamaChatEvent -SessionId ses-demo @Conn | Export-Csv -LiteralPath $file -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $file)
        $rows.Count | Should -Be 22
        $rows[0].Type | Should -Be 'user_input'
        $rows[0].Content | Should -Be 'What were the main findings in Q3?'
        $calls = @($rows | Where-Object Type -eq 'tool_call')
        $calls.Count | Should -Be 2
        $calls[0].Name | Should -Be 'search_index'
        $calls[0].CallId | Should -Be 'call_1'
        $calls[0].ArgumentsJson | Should -Be '{"query":"Q3 findings","filters":{"year":2025,"tags":["finance","q3"]},"top_k":5}'
        ($rows | Where-Object Type -eq 'tool_result')[1].ResultJson | Should -Be '"Page 4: Revenue grew 12% year over year, driven by subscriptions; costs fell 3%."'
        $stop = $rows | Where-Object Type -eq 'stop'
        $stop.IsError | Should -Be 'False'
        $stop.InputTokens | Should -Be '1200'
        $stop.OutputTokens | Should -Be '340'
        $rows[0].IsError | Should -Be 'False'
        $rows[0].Name | Should -Be ''
    }

    It 'keeps events of unknown types as their JSON, and a failed stop''s error' {
        $rows = @(Get-LlamaChatEvent -SessionId ses-unknown, ses-err @Conn | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv)
        ($rows | Where-Object Type -eq 'citation').RawJson | Should -Be '{"source_id":"s1","span":[3,9],"type":"citation"}'
        $failed = @($rows | Where-Object { $_.Type -eq 'stop' -and $_.IsError -eq 'True' })
        $failed.Count | Should -Be 1
        $failed[0].Error | Should -Be 'Tool timeout'
    }

    It 'every event class has the same flat properties, null where it has no such thing' {
        $flat = 'Type', 'SessionId', 'Index', 'Summary', 'Content', 'Name', 'CallId', 'ArgumentsJson', 'ResultJson', 'IsError', 'Error', 'InputTokens', 'OutputTokens', 'RawJson'
        $events = Get-LlamaChatEvent -SessionId ses-demo, ses-unknown @Conn
        ($events | ForEach-Object { $_.GetType().Name } | Sort-Object -Unique).Count | Should -Be 9
        foreach ($e in $events) {
            foreach ($p in $flat) { $e.PSObject.Properties[$p] | Should -Not -BeNullOrEmpty -Because "$($e.GetType().Name).$p" }
        }
        $call = $events | Where-Object Type -eq 'tool_call' | Select-Object -First 1
        $call.Content | Should -BeNullOrEmpty
        $call.Arguments.query | Should -Be 'Q3 findings' # the objects are still there for scripts
    }
}

Describe 'Export-Csv of sessions' {
    BeforeAll { Reset-Emulator }

    It 'has the last run''s usage as columns and a timestamp marked as UTC' {
        $rows = @(Get-LlamaChatSession @Conn -First 7 | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv)
        $demo = $rows | Where-Object SessionId -eq 'ses-demo'
        $demo.LastUpdatedAtUtc | Should -Be '2026-04-22T12:34:41.342245Z'
        $demo.InputTokens | Should -Be '1200'
        $demo.OutputTokens | Should -Be '340'
        $demo.Turns | Should -Be '2'
        $demo.DurationMs | Should -Be '5321.5'
        $demo.IsError | Should -Be 'False'
        $err = $rows | Where-Object SessionId -eq 'ses-err'
        $err.IsError | Should -Be 'True'
        $err.Error | Should -Be 'Tool timeout'
        # A session before its first run: empty columns, not zeros.
        $empty = $rows | Where-Object SessionId -eq 'ses-empty'
        $empty.InputTokens | Should -Be ''
        $empty.IsError | Should -Be ''
        # The timestamp round-trips to the same instant.
        ([datetime]::Parse($demo.LastUpdatedAtUtc, [cultureinfo]::InvariantCulture, 'RoundtripKind')).ToUniversalTime() | Should -Be ([datetime]::new(2026, 4, 22, 12, 34, 41, [DateTimeKind]::Utc).AddTicks(3422450))   # the fixture's 2026-04-22T12:34:41.342245
    }
}
