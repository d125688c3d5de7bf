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

    It 'sessions render as a table with id, last update, events and tokens; events are summarised, never dumped' {
        $text = $Session | Out-String -Width 140
        $text | Should -Match 'SessionId'
        $text | Should -Match 'LastUpdated'
        $text | Should -Match 'ses-demo'
        $text | Should -Match '1200'
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
