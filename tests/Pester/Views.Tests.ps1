BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Reset-Emulator
    $script:Session = Get-LlamaChatSession -Id ses-demo @Conn
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Default views' {
    It 'events render as one table, one line per event, with a single header' {
        $events = $Session | Get-LlamaChatEvent
        $lines = ($events | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() }
        @($lines | Where-Object { $_ -match '^\s*Index\s+Type\s+Summary' }).Count | Should -Be 1
        @($lines | Where-Object { $_ -match '^\s*\d+ \S+' }).Count | Should -Be $events.Count
        ($lines | Where-Object { $_ -match '^\s*\d+ tool_call\s' } | Select-Object -First 1) | Should -Match 'search_index\(\{"query":"Q3 findings"'
        ($lines | Where-Object { $_ -match '^\s*\d+ stop\s' }) | Should -Match 'in=1200 out=340'
    }

    It 'the design-card pipeline shows tool calls one line each' {
        $text = $Session | Get-LlamaChatEvent -Type tool_call | Out-String -Width 100
        ($text -split "`r?`n" | Where-Object { $_ -match '^\s*\d+ tool_call\s' }).Count | Should -Be 2
        $text | Should -Match 'read_page\('
    }

    It 'a listing fits an 80-column window with a UUID id whole and the title still readable' {
        $uuid = '3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c'
        $file = Join-Path ([IO.Path]::GetTempPath()) "$uuid.json"
        Set-Content -LiteralPath $file -Value ('{"session_id":"' + $uuid + '","generated_title":"Quarterly revenue by region, with the forecast","last_updated_at":"2026-11-30T08:15:00","events":[]}')
        $s = Get-LlamaChatSession -Path $file
        Remove-Item -LiteralPath $file
        $lines = @(($s, $Session) | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() }
        foreach ($l in $lines) { $l.Length | Should -BeLessOrEqual 80 -Because "'$l'" }
        $row = $lines | Where-Object { $_ -like "$uuid *" }
        @($row).Count | Should -Be 1
        $row | Should -Match '2026-11-30 08:15\s+0\s+Quarterly revenue'
        ($lines[0] -split '\s{2,}|\s(?=Title)') | Should -Contain 'Title'
    }

    It 'the Usage view shows what the last run cost' {
        $text = $Session | Format-Table -View Usage | Out-String -Width 80
        $text | Should -Match 'InTokens'
        $text | Should -Match "ses-demo\s+$($Session.JobMetadata.Turns)\s+$($Session.JobMetadata.TotalInputTokens)\s+$($Session.JobMetadata.TotalOutputTokens)\s+[\d.]+\s+ok"
    }

    It 'sessions render as a table with id, last update, events and title; events are summarised, never dumped' {
        $text = $Session | Out-String -Width 140
        $text | Should -Match 'SessionId'
        $text | Should -Match 'Updated \(UTC\)'
        $text | Should -Match 'ses-demo'
        $text | Should -Match 'What were the main findings'
        $text | Should -Not -Match 'thinking_delta'
        $list = $Session | Format-List | Out-String -Width 140
        $list | Should -Match "$($Session.EventCount) events"
        $list | Should -Not -Match 'LlamaCloud\.Chat\.\w+Event'
    }

    It 'Format-List shows each event type with its own fields' {
        $text = $Session | Get-LlamaChatEvent -Type tool_call, tool_result, stop | Format-List | Out-String -Width 200
        $text | Should -Match 'CallId\s*:\s*call_1'
        $text | Should -Match 'Arguments\s*:\s*\{"query"'
        $text | Should -Match 'ImageAttachment'
        $text | Should -Match 'IsError\s*:\s*False'
    }

    It 'listed sessions show that events were not loaded' {
        $text = Get-LlamaChatSession @Conn -First 3 | Format-List | Out-String
        $text | Should -Match 'not loaded'
    }
}
