# Send-LlamaChatMessage against the emulator's scripted, paced turn (tests/LlamaCloud.Emulator/StreamEndpoints.cs):
# user_input, 3 thinking_delta, thinking, tool_call, tool_result, 4 text_delta, text, stop = 13 events.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:TurnTypes = @('user_input', 'thinking_delta', 'thinking_delta', 'thinking_delta', 'thinking', 'tool_call', 'tool_result',
        'text_delta', 'text_delta', 'text_delta', 'text_delta', 'text', 'stop')
    # The next turns' script; paceMs 0 unless a test needs time to pass.
    function Set-StreamScript([hashtable] $Script = @{}) {
        if (-not $Script.ContainsKey('paceMs')) { $Script.paceMs = 0 }
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'stream' -Body $Script
    }
    function Get-TurnPost { @(Get-EmulatorRequest | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/messages/stream' }) }
    # Runs a command, keeping its output and its non-terminating errors apart (and in order within each).
    function Invoke-Turn([scriptblock] $Command) {
        $ErrorActionPreference = 'Continue'
        $all = @(& $Command 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Send-LlamaChatMessage: a turn' {
    BeforeEach { Reset-Emulator; Set-StreamScript; Clear-EmulatorRequest }

    It 'New-LlamaChatSession | Send-LlamaChatMessage writes the typed events, and the history shows the turn' {
        $session = New-LlamaChatSession -IndexId idx-1 @Conn
        $events = @($session | Send-LlamaChatMessage -Prompt 'hi' @Conn)
        $events.Type | Should -Be $TurnTypes
        $events[0] | Should -BeOfType ([LlamaCloud.Chat.UserInputEvent])
        $events[0].Content | Should -Be 'hi'
        $events[5] | Should -BeOfType ([LlamaCloud.Chat.ToolCallEvent])
        $events[6] | Should -BeOfType ([LlamaCloud.Chat.ToolResultEvent])
        $events[12] | Should -BeOfType ([LlamaCloud.Chat.StopEvent])
        $events[12].IsError | Should -BeFalse
        $events.SessionId | Select-Object -Unique | Should -Be $session.SessionId
        # A new session's history is empty, so the module knows every event's true Index.
        $events.Index | Should -Be (0..12)
        $events.TurnPosition | Should -Be (0..12)
        ($events | Where-Object Type -like '*_delta').StreamEventName | Select-Object -Unique | Should -Be 'delta'
        ($events | Where-Object Type -notlike '*_delta').StreamEventName | Select-Object -Unique | Should -Be 'message'

        $after = Get-LlamaChatSession -Id $session.SessionId @Conn
        $after.EventCount | Should -Be 13
        $after.Events.Type | Should -Be $TurnTypes
        $after.Events[0].Content | Should -Be 'hi'
        $after.GeneratedTitle | Should -Be 'hi'
        $after.JobMetadata.Turns | Should -Be 1
        (Get-TurnPost).Count | Should -Be 1
    }

    It 'sends the prompt and the piped session''s index ids (the emulator echoes them in the tool call)' {
        $session = New-LlamaChatSession -IndexId idx-1, idx-2 @Conn
        $call = $session | Send-LlamaChatMessage -Prompt 'Q3 findings?' @Conn | Where-Object Type -eq tool_call
        $call.Arguments.query | Should -Be 'Q3 findings?'
        $call.Arguments.index_ids | Should -Be @('idx-1', 'idx-2')
        $call.Arguments.PSObject.Properties.Name | Should -Not -Contain 'require_all_indexes'
    }

    It '-IndexId overrides, -RequireAllIndexes is sent, and an id alone sends an empty list' {
        $session = New-LlamaChatSession -IndexId idx-1 @Conn
        $call = $session | Send-LlamaChatMessage 'x' -IndexId idx-9 -RequireAllIndexes @Conn | Where-Object Type -eq tool_call
        $call.Arguments.index_ids | Should -Be 'idx-9'
        $call.Arguments.require_all_indexes | Should -BeTrue
        $call = Send-LlamaChatMessage 'x' -SessionId $session.SessionId -RequireAllIndexes:$false @Conn | Where-Object Type -eq tool_call
        @($call.Arguments.index_ids).Count | Should -Be 0
        $call.Arguments.require_all_indexes | Should -BeFalse
    }

    It 'numbers a loaded session''s turn from its history length; an id alone gets only TurnPosition' {
        $demo = Get-LlamaChatSession -Id ses-demo @Conn
        $before = $demo.EventCount
        $events = @($demo | Send-LlamaChatMessage 'more?' @Conn)
        $events.Index | Should -Be ($before..($before + 12))
        (Get-LlamaChatSession -Id ses-demo @Conn).Events[$before].Content | Should -Be 'more?'

        $byId = @(Send-LlamaChatMessage 'again' -SessionId ses-demo @Conn)
        $byId.TurnPosition | Should -Be (0..12)
        $byId.Index | Where-Object { $null -ne $_ } | Should -BeNullOrEmpty
        # A listed summary has no events loaded: its history length is unknown too.
        $listed = Get-LlamaChatSession @Conn | Where-Object SessionId -eq 'ses-abc123'
        ($listed | Send-LlamaChatMessage 'x' @Conn | Select-Object -First 1).Index | Should -BeNullOrEmpty
    }

    It 'binds the id from the pipeline by value and by property name' {
        ('ses-empty' | Send-LlamaChatMessage 'x' @Conn).Count | Should -Be 13
        ([pscustomobject]@{ SessionId = 'ses-empty' } | Send-LlamaChatMessage 'x' @Conn).Count | Should -Be 13
        (Get-LlamaChatEvent -SessionId ses-abc123 -Type user_input @Conn | Select-Object -First 1 | Send-LlamaChatMessage 'x' @Conn).Count | Should -Be 13
        (Get-TurnPost).path | Should -Be @('/api/v1/chat/ses-empty/messages/stream', '/api/v1/chat/ses-empty/messages/stream', '/api/v1/chat/ses-abc123/messages/stream')
    }

    It '-Text writes only the answer''s text, one string per delta' {
        $text = @(Send-LlamaChatMessage 'hi' -SessionId ses-empty -Text @Conn)
        $text | Should -Be @('Revenue', ' grew', ' 12%', '.')
        $text | ForEach-Object { $_ | Should -BeOfType ([string]) }
    }

    It 'checks the prompt at binding: <Case>' -TestCases @(
        @{ Case = 'empty'; Prompt = '' }
        @{ Case = '1001 characters'; Prompt = 'x' * 1001 }
    ) {
        { Send-LlamaChatMessage -Prompt $Prompt -SessionId ses-empty @Conn } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'counts the prompt as the API does: 1000 emoji are 1000 characters' {
        $prompt = [string]::Concat([System.Linq.Enumerable]::Repeat([char]::ConvertFromUtf32(0x1F600), 1000))
        $prompt.Length | Should -Be 2000
        (Send-LlamaChatMessage -Prompt $prompt -SessionId ses-empty @Conn)[0].Content | Should -Be $prompt
    }

    It 'a missing session is one NotFound error' {
        $r = Invoke-Turn { Send-LlamaChatMessage 'x' -SessionId nope @Conn }
        $r.Output.Count | Should -Be 0
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound,*'
        $r.Errors[0].TargetObject | Should -Be 'nope'
        (Get-TurnPost).Count | Should -Be 1
    }
}

Describe 'Send-LlamaChatMessage: live arrival and cancelling' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'writes the first event while the turn is still streaming' {
        Set-StreamScript @{ paceMs = 250 }   # 13 events over about 3 s
        $seen = [System.Collections.Generic.List[object]]::new()
        $session = New-LlamaChatSession -IndexId idx-1 @Conn
        $session | Send-LlamaChatMessage -Prompt 'hi' @Conn | ForEach-Object {
            if ($seen.Count -eq 0) {
                # The emulator is still sending this turn when the first event reaches the pipeline.
                $inFlight = (Invoke-EmulatorControl -Emulator $script:Emulator -Method Get -Path 'health').inFlight
                $seen.Add([pscustomobject]@{ Time = [datetime]::UtcNow; InFlight = $inFlight })
            }
            else { $seen.Add([pscustomobject]@{ Time = [datetime]::UtcNow; InFlight = $null }) }
        }
        $seen.Count | Should -Be 13
        $seen[0].InFlight | Should -Be 1
        # Liveness, not speed: the last event came well after the first, as the server paced them.
        ($seen[12].Time - $seen[0].Time).TotalSeconds | Should -BeGreaterThan 1.5
        (Get-LlamaChatSession -Id $session.SessionId @Conn).Events.Type | Should -Be $TurnTypes
    }

    It 'Stop() (Ctrl+C) cancels the turn at once, mid-stream' {
        Set-StreamScript @{ paceMs = 500 }
        $ps = [powershell]::Create()
        $out = [System.Management.Automation.PSDataCollection[object]]::new()
        $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; Send-LlamaChatMessage 'hi' -SessionId ses-empty -BaseUri '$Url' -ApiKey '$Key'")
        $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[object]]$null, $out)
        $deadline = [datetime]::UtcNow.AddSeconds(20)
        while ($out.Count -lt 2 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $out.Count | Should -BeGreaterOrEqual 2
        $async.IsCompleted | Should -BeFalse
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 2
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $out.Count | Should -BeLessThan 13
        $ps.Dispose()
        (Get-TurnPost).Count | Should -Be 1
    }
}

Describe 'Send-LlamaChatMessage: faults' {
    BeforeEach { Reset-Emulator; Set-StreamScript; Clear-EmulatorRequest }

    It 'a stream cut mid-way gives the events received plus one StreamInterrupted error, and one POST' {
        Set-StreamScript @{ cutAfter = 5 }
        $r = Invoke-Turn { Send-LlamaChatMessage 'hi' -SessionId ses-empty @Conn }
        $r.Output.Type | Should -Be $TurnTypes[0..4]
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.StreamInterrupted,*'
        $r.Errors[0].Exception.Message | Should -BeLike '*after 5 events*'
        $r.Errors[0].TargetObject | Should -Be 'ses-empty'
        (Get-TurnPost).Count | Should -Be 1
    }

    It 'a turn is never re-sent: <Case> gives one POST and one <Id> error' -TestCases @(
        @{ Case = '500'; Rule = @{ path = 'messages/stream'; status = 500; times = -1 }; Id = 'LlamaCloud.ServerError' }
        @{ Case = '503 without Retry-After'; Rule = @{ path = 'messages/stream'; status = 503; times = -1 }; Id = 'LlamaCloud.ServerError' }
        @{ Case = 'a connection reset'; Rule = @{ path = 'messages/stream'; kind = 'reset'; times = -1 }; Id = 'LlamaCloud.ConnectionFailed' }
        @{ Case = 'no answer within -TimeoutSec'; Rule = @{ path = 'messages/stream'; kind = 'hang'; times = -1 }; Id = 'LlamaCloud.Timeout' }
    ) {
        Add-Fault $Rule
        $r = Invoke-Turn { Send-LlamaChatMessage 'hi' -SessionId ses-empty -TimeoutSec 1 @Conn }
        $r.Output.Count | Should -Be 0
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        (Get-TurnPost).Count | Should -Be 1
    }

    It 'retries <Case> before the stream, then streams the turn once' -TestCases @(
        @{ Case = '429'; Rule = @{ path = 'messages/stream'; status = 429; times = 1; headers = @{ 'retry-after-ms' = '10' } } }
        @{ Case = '503 with Retry-After'; Rule = @{ path = 'messages/stream'; status = 503; times = 1; headers = @{ 'Retry-After' = '1' } } }
    ) {
        Add-Fault $Rule
        $r = Invoke-Turn { Send-LlamaChatMessage 'hi' -SessionId ses-empty @Conn }
        $r.Errors.Count | Should -Be 0
        $r.Output.Type | Should -Be $TurnTypes
        (Get-TurnPost).status | Should -Be @($Rule.status, 200)
        (Get-LlamaChatSession -Id ses-empty @Conn).EventCount | Should -Be 13
    }

    It 'a stop with is_error is written as an event and as one TurnFailed error' {
        Set-StreamScript @{ error = 'Tool timeout' }
        $r = Invoke-Turn { Send-LlamaChatMessage 'hi' -SessionId ses-empty @Conn }
        $r.Output.Type | Should -Be $TurnTypes
        $r.Output[12].IsError | Should -BeTrue
        $r.Output[12].Error | Should -Be 'Tool timeout'
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.TurnFailed,*'
        $r.Errors[0].Exception.Message | Should -BeLike '*Tool timeout*'
        { Send-LlamaChatMessage 'hi' -SessionId ses-empty @Conn -ErrorAction Stop } | Should -Throw -ErrorId 'LlamaCloud.TurnFailed*'
    }

    It 'keeps a non-JSON data line as an UnknownEvent with its text, and skips [DONE]' {
        Set-StreamScript @{ nonJson = 'keep going…'; done = $true }
        $r = Invoke-Turn { Send-LlamaChatMessage 'hi' -SessionId ses-empty @Conn }
        $r.Errors.Count | Should -Be 0
        $r.Output.Count | Should -Be 14
        $odd = $r.Output[2]
        $odd | Should -BeOfType ([LlamaCloud.Chat.UnknownEvent])
        $odd.RawJson | Should -Be 'keep going…'
        $odd.IsJson | Should -BeFalse
        $odd.TurnPosition | Should -Be 2
        ($r.Output | Where-Object { $_ -isnot [LlamaCloud.Chat.UnknownEvent] }).Type | Should -Be $TurnTypes
    }

    It 'reads <Case> the same as LF' -TestCases @(
        @{ Case = 'CRLF line ends'; Script = @{ lineEnd = 'crlf' } }
        @{ Case = 'CR line ends'; Script = @{ lineEnd = 'cr' } }
        @{ Case = 'multi-line data'; Script = @{ multiLine = $true } }
        @{ Case = 'a BOM, no event names, no ids, no keep-alives'; Script = @{ bom = $true; eventNames = $false; ids = $false; keepAlive = $false } }
    ) {
        Set-StreamScript $Script
        $r = Invoke-Turn { Send-LlamaChatMessage 'Grüße 😀' -SessionId ses-empty @Conn }
        $r.Errors.Count | Should -Be 0
        $r.Output.Type | Should -Be $TurnTypes
        $r.Output[0].Content | Should -Be 'Grüße 😀'
        $r.Output[5].Arguments.query | Should -Be 'Grüße 😀'
        $r.Output[11].Content | Should -Be 'Revenue grew 12%.'
        $r.Output[12].Usage.TotalInputTokens | Should -Be 100
    }

    It '-TimeoutSec is the longest silence: keep-alives keep a slow turn going' {
        # 4.5 s without an event, a comment every 200 ms: never 2 s of silence.
        Set-StreamScript @{ stallAfter = 3; stallMs = 4500; stallKeepAlive = $true }
        $r = Invoke-Turn { Send-LlamaChatMessage 'hi' -SessionId ses-empty -TimeoutSec 2 @Conn }
        $r.Errors.Count | Should -Be 0
        $r.Output.Count | Should -Be 13
    }

    It '-TimeoutSec ends a silent stream with StreamInterrupted, not a re-send' {
        Set-StreamScript @{ stallAfter = 3; stallMs = 4000 }
        $r = Invoke-Turn { Send-LlamaChatMessage 'hi' -SessionId ses-empty -TimeoutSec 1 @Conn }
        $r.Output.Count | Should -Be 3
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.StreamInterrupted,*'
        $r.Errors[0].Exception.Message | Should -BeLike '*after 3 events (nothing arrived for 1 s)*'
        (Get-TurnPost).Count | Should -Be 1
    }

    It 'never shows the key in errors or verbose and debug lines, even when the server echoes it' {
        Set-StreamScript @{ error = "bad key $Key"; nonJson = "Bearer $Key" }
        $ErrorActionPreference = 'Continue'
        $DebugPreference = 'Continue'   # the debug lines too, without -Debug (which would make them inquire)
        $all = @(& { Send-LlamaChatMessage 'hi' -SessionId ses-empty -Verbose @Conn } 2>&1 4>&1 5>&1)
        $messages = $all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -or $_ -is [System.Management.Automation.InformationalRecord] }
        @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
        ($messages | ForEach-Object { "$_" }) -join "`n" | Should -Not -Match ([regex]::Escape($Key))
        ($messages | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Exception.Message | Should -BeLike '*bad key ********'
    }

    It 'an HTML page instead of a stream is one InvalidResponse error, not re-sent' {
        Add-Fault @{ path = 'messages/stream'; kind = 'html'; times = -1 }
        $r = Invoke-Turn { Send-LlamaChatMessage 'hi' -SessionId ses-empty @Conn }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidResponse,*'
        $r.Errors[0].Exception.Message | Should -BeLike '*text/event-stream*text/html*'
        (Get-TurnPost).Count | Should -Be 1
    }
}

Describe 'Send-LlamaChatMessage -WhatIf' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'shows the prompt and the session, writes nothing and sends nothing' {
        $run = Invoke-ChildPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', "`$PSStyle.OutputRendering = 'PlainText'; Import-Module '$env:LLAMA_CHAT_TEST_MODULE'; Send-LlamaChatMessage -SessionId ses-abc -Prompt 'And the risks?' -IndexId idx-1 -BaseUri '$Url' -ApiKey '$Key' -WhatIf; 'done'"
        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output -split "`r?`n" | Where-Object { $_ }) | Should -Be @(
            "What if: Performing the operation `"Send the prompt 'And the risks?'`" on target `"LlamaCloud chat session 'ses-abc' (indexes idx-1)`"."
            'done')
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'with a piped session: its indexes, and only the request that got the session' {
        $out = Get-LlamaChatSession -Id ses-abc @Conn | Send-LlamaChatMessage -Prompt 'Q3 findings?' -WhatIf
        $out | Should -BeNullOrEmpty
        $r = @(Get-EmulatorRequest)
        $r.Count | Should -Be 1
        $r[0].method | Should -Be 'GET'
        (Get-LlamaChatEvent -SessionId ses-abc -Type user_input @Conn).Content | Should -Be 'Which quarter had the highest revenue?', 'Show me page 4.'
    }
}
