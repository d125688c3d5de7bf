BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
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
        @($lines).Count | Should -BeGreaterThan 2   # a header, its rule, and the two sessions' lines
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

    It 'an event without a view of its own (inside another object, Format-Wide) shows its type, not a blank' {
        $events = @($Session | Get-LlamaChatEvent)
        $events.Count | Should -BeGreaterThan 10
        # Format-List * of a session prints its Events property the way PowerShell prints any collection in a property.
        $line = ($Session | Format-List -Property Events | Out-String -Width 200) -split "`r?`n" | Where-Object { $_ -match '^Events\s*:' }
        $line | Should -Match ('^Events\s*:\s*\{' + [regex]::Escape($events[0].Type) + ', ' + [regex]::Escape($events[1].Type) + ', ')
        $wide = @(($events | Format-Wide -Column 4 | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $wide.Count | Should -Be ([Math]::Ceiling($events.Count / 4))
        $wide[0] | Should -Match ('^' + [regex]::Escape($events[0].Type) + '\s')
    }

    It 'listed sessions show that events were not loaded' {
        $text = Get-LlamaChatSession @Conn -First 3 | Format-List | Out-String
        $text | Should -Match 'not loaded'
    }
}

# Every table view of the format file, read from the built module's own file, so views added later are held to it:
# the fixed columns must fit 80 columns with room for the others, which still get a readable share at 120.
Describe 'Every table view fits 80 columns' {
    BeforeAll {
        $file = Join-Path (Get-Module LlamaCloud.Chat).ModuleBase 'LlamaCloud.Chat.format.ps1xml'
        $script:Tables = @(([xml](Get-Content -Raw $file)).Configuration.ViewDefinitions.View | Where-Object { $_.TableControl } | ForEach-Object {
                $headers = @($_.TableControl.TableHeaders.TableColumnHeader)
                $fixed = @($headers | Where-Object { $_.Width } | ForEach-Object { [int]$_.Width })
                [pscustomobject]@{
                    View    = "$($_.Name) ($(@($_.ViewSelectedBy.TypeName) + @($_.ViewSelectedBy.SelectionSetName) -join ', '))"
                    Headers = $headers
                    Fixed   = ($fixed | Measure-Object -Sum).Sum + $headers.Count - 1 # one space between columns
                    Auto    = $headers.Count - $fixed.Count
                }
            })
    }

    It 'finds the table views (sessions, usage, events, usage of a stop, turns, traces, export results)' {
        $Tables.Count | Should -BeGreaterOrEqual 7
    }

    It 'leaves each column without a width at least 12 columns at 80 and 24 at 120, and fits at 80 when all are fixed' {
        foreach ($t in $Tables) {
            if ($t.Auto -eq 0) { $t.Fixed | Should -BeLessOrEqual 80 -Because $t.View; continue }
            [Math]::Floor((80 - $t.Fixed) / $t.Auto) | Should -BeGreaterOrEqual 12 -Because "$($t.View) at 80 columns"
            [Math]::Floor((120 - $t.Fixed) / $t.Auto) | Should -BeGreaterOrEqual 24 -Because "$($t.View) at 120 columns"
        }
    }

    It 'gives each fixed column a width its label fits in (a header is never cut or stacked)' {
        # Every table view fixes the width of some of its columns (52 in all when this was written): its fixed share is
        # more than the spaces between its columns. And the headers read here are all the file has: <Width> counted in its text.
        foreach ($t in $Tables) { $t.Fixed | Should -BeGreaterThan ($t.Headers.Count - 1) -Because "$($t.View) fixes a column's width" }
        $text = Get-Content -Raw (Join-Path (Get-Module LlamaCloud.Chat).ModuleBase 'LlamaCloud.Chat.format.ps1xml')
        @($Tables.Headers | Where-Object { $_.Width }).Count | Should -Be ([regex]::Matches($text, '<Width>\d+</Width>').Count)
        foreach ($t in $Tables) {
            foreach ($h in $t.Headers | Where-Object { $_.Width }) { $h.Label.Length | Should -BeLessOrEqual ([int]$h.Width) -Because "$($t.View): '$($h.Label)'" }
        }
    }
}

Describe 'Views at 80 and 120 columns' {
    BeforeAll {
        Reset-Emulator
        $env:OTEL_EXPORTER_OTLP_ENDPOINT = $Url
        $uuid = '3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c'
        Set-EmulatorSession -Id $uuid -Json ('{"session_id":"' + $uuid + '","generated_title":"Quarterly revenue by region, with the forecast","last_updated_at":"2026-11-30T08:15:00","events":[{"content":"What changed in the quarterly revenue by region since the forecast?","type":"user_input"},{"content":"Revenue by region grew in every region except EMEA, which stayed flat.","type":"text"},{"error":null,"is_error":false,"usage":{"total_input_tokens":123456,"total_output_tokens":7890,"turns":1},"type":"stop"}]}')
        $script:Samples = [ordered]@{
            Sessions = Get-LlamaChatSession @Conn -First 3
            Turns    = Get-LlamaChatTurn -SessionId ses-err, $uuid @Conn
            Events   = Get-LlamaChatEvent -SessionId ses-demo, ses-unknown @Conn
            Traces   = ConvertTo-LlamaChatTrace -SessionId $uuid, ses-abc123 @Conn
            Exports  = Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatTrace -PassThru
            Usage    = (Get-LlamaChatEvent -SessionId ses-demo -Type stop @Conn).Usage
            RunUsage = Get-LlamaChatSession @Conn | Where-Object SessionId -in 'ses-err', 'ses-demo', $uuid | Format-Table -View Usage
        }
        $script:Uuid = $uuid
        function Get-Lines($Object, [int] $Width) { @(($Object | Out-String -Width $Width -Stream) | Where-Object { $_.Trim() }) }
    }
    AfterAll { Remove-Item Env:OTEL_EXPORTER_OTLP_ENDPOINT -ErrorAction SilentlyContinue }

    It '<_> at <Width> columns: no line is longer, every header on one line' -ForEach 'Sessions', 'Turns', 'Events', 'Traces', 'Exports', 'Usage', 'RunUsage' {
        foreach ($width in 80, 120) {
            $lines = Get-Lines $Samples[$_] $width
            $lines.Count | Should -BeGreaterThan 2
            foreach ($l in $lines) { $l.Length | Should -BeLessOrEqual $width -Because "'$l'" }
            $dashes = @($lines | Where-Object { $_ -match '^[\s-]+$' })
            $dashes.Count | Should -BeGreaterOrEqual 1
            # Every column's underline has its header directly above: nothing stacked letter by letter.
            $i = [array]::IndexOf($lines, $dashes[0])
            foreach ($m in [regex]::Matches($dashes[0], '-+')) {
                $lines[$i - 1].Substring($m.Index, [Math]::Min($m.Length, $lines[$i - 1].Length - $m.Index)).Trim() | Should -Not -BeNullOrEmpty -Because "the header over column $($m.Index) at $width"
            }
        }
    }

    It 'turns at 80 columns: prompt and answer readable, a failed turn''s error in front of its answer' {
        $lines = Get-Lines $Samples.Turns 80
        @($lines | Where-Object { $_ -match '^Turn Prompt\s+Answer\s+Tools Tokens in/out$' }).Count | Should -Be 2
        $lines | Should -Contain '   1 Fetch the Q4 forecast       Looking it up.                  0         400/6'
        $lines | Should -Contain '   2 Try again with the forecas… [error] Tool timeout            1        800/12'
        $lines | Should -Contain '   1 What changed in the quarte… Revenue by region grew in …     0   123456/7890'
        $wide = Get-Lines $Samples.Turns 120
        $wide | Should -Contain '   2 Try again with the forecast index               [error] Tool timeout                                1        800/12'
    }

    It 'the Usage view at 80 columns keeps a UUID whole and says which run failed' {
        $lines = Get-Lines $Samples.RunUsage 80
        $lines | Should -Contain 'ses-err                                  2      800        12    30.0 error'
        @($lines | Where-Object { $_ -like "$Uuid *" }).Count | Should -Be 1
    }

    It 'traces at 80 columns keep the session id and counts whole; at 120 the trace id too' {
        $t = @($Samples.Traces)[0]
        $row = @(Get-Lines $Samples.Traces 80 | Where-Object { $_ -like "$Uuid *" })
        $row.Count | Should -Be 1
        $row[0] | Should -Match "^$Uuid\s+1\s+0\s+1 $($t.TraceId.Substring(0, 20))"
        @(Get-Lines $Samples.Traces 120 | Where-Object { $_ -like "$Uuid *" })[0] | Should -Match "$($t.TraceId)$"
        $list = $t | Format-List | Out-String -Width 80
        $list | Should -Match "TraceId\s+: $($t.TraceId)"
        $list | Should -Match 'EndTime\s+: 2026-11-30 08:15:00\.000 UTC'
        $list | Should -Match 'Json\s+: \d+ characters of OTLP/JSON \(see \.Json\)'
    }
}
