# Send-LlamaChatMessage against every framing the emulator can serve a turn in (EMULATOR-SPEC.md, "Stream script
# additions"), over real HTTP: the guide's own framing, labels that are not the type, multi-line data, [DONE], a clean
# end without stop, an event: error frame and an error body mid-stream. Skipped indexes and -RequireAllIndexes too.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:TurnTypes = @('user_input', 'thinking_delta', 'thinking_delta', 'thinking_delta', 'thinking', 'tool_call', 'tool_result',
        'text_delta', 'text_delta', 'text_delta', 'text_delta', 'text', 'stop')
    function Set-StreamScript([hashtable] $Script = @{}) {
        if (-not $Script.ContainsKey('paceMs')) { $Script.paceMs = 0 }
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'stream' -Body $Script
    }
    function Invoke-Turn([scriptblock] $Command) {
        $ErrorActionPreference = 'Continue'
        $warnings = $null
        $all = @(& $Command 2>&1 3>&1)
        [pscustomobject]@{
            Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
            Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        }
    }
    function Get-TurnPost { @(Get-EmulatorRequest | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/messages/stream' }) }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Send-LlamaChatMessage reads the stream in every framing' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'the guide''s framing: event: delta|message and one data: line, nothing else' {
        Set-StreamScript @{ keepAlive = $false; ids = $false; retry = $false }
        $r = Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' @Conn }
        $r.Errors.Count | Should -Be 0
        $r.Output.Type | Should -Be $TurnTypes
        ($r.Output | Where-Object Type -like '*_delta').StreamEventName | Sort-Object -Unique | Should -Be 'delta'
        ($r.Output | Where-Object Type -notlike '*_delta').StreamEventName | Sort-Object -Unique | Should -Be 'message'
    }

    It 'a label that is not the type: the payload''s type decides' {
        Set-StreamScript @{ label = 'message' }
        $r = Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' @Conn }
        $r.Output.Type | Should -Be $TurnTypes
        $r.Output[1] | Should -BeOfType ([LlamaCloud.Chat.ThinkingDeltaEvent])
        $r.Output.StreamEventName | Sort-Object -Unique | Should -Be 'message'
        Set-StreamScript @{ label = 'delta' }
        (Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' @Conn }).Output[-1] | Should -BeOfType ([LlamaCloud.Chat.StopEvent])
    }

    It 'multi-line data over CRLF with ids and comments' {
        Set-StreamScript @{ multiLine = $true; lineEnd = 'crlf' }
        $r = Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' @Conn }
        $r.Errors.Count | Should -Be 0
        $r.Output.Type | Should -Be $TurnTypes
        $r.Output[5].Arguments.query | Should -Be 'hi'
    }

    It 'data: [DONE] ends the turn at once, though the server keeps the connection open' {
        Set-StreamScript @{ done = $true; holdMs = 20000 }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' -TimeoutSec 60 @Conn }
        $watch.Stop()
        $r.Errors.Count | Should -Be 0
        $r.Output.Count | Should -Be 13
        # Not the 20 s hold, not -TimeoutSec: [DONE] was the end (generous bound for a loaded machine).
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
    }

    It 'a clean end after stop is a complete turn; an end without stop is StreamInterrupted after the events' {
        Set-StreamScript @{ omitStop = $true }
        $r = Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' @Conn }
        $r.Output.Count | Should -Be 12
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.StreamInterrupted,*'
        $r.Errors[0].Exception.Message | Should -Match 'after 12 events \(the stream ended without the turn''s stop event\)'
        (Get-TurnPost).Count | Should -Be 1
    }

    It 'an event: error frame is one TurnFailed with the server''s words, after the events before it' {
        Set-StreamScript @{ errorFrame = 'Upstream model failed'; errorAfter = 3 }
        $r = Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' @Conn }
        $r.Output.Type | Should -Be @('user_input', 'thinking_delta', 'thinking_delta')
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.TurnFailed,*'
        $r.Errors[0].Exception.Message | Should -Be "Session 'ses-empty': the chat turn failed: the server reported an error in the turn's stream after 3 events: Upstream model failed"
        (Get-TurnPost).Count | Should -Be 1
    }

    It 'an error body written into the stream is one TurnFailed with its detail' {
        Set-StreamScript @{ errorBody = 'Internal Server Error: index worker crashed'; errorAfter = 5 }
        $r = Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' @Conn }
        $r.Output.Count | Should -Be 5
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.TurnFailed,*'
        $r.Errors[0].Exception.Message | Should -Match 'after 5 events: Internal Server Error: index worker crashed$'
    }

    It '-ErrorAction Stop turns an error frame into an exception' {
        Set-StreamScript @{ errorFrame = 'quota exhausted' }
        { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' -ErrorAction Stop @Conn } | Should -Throw -ErrorId 'LlamaCloud.TurnFailed*'
    }
}

Describe 'Send-LlamaChatMessage and indexes that cannot be queried' {
    BeforeEach { Reset-Emulator; Set-StreamScript; Clear-EmulatorRequest }

    It 'a turn that skipped indexes succeeds with one warning naming them' {
        $r = Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' -IndexId idx-a, idx-offline-1, idx-offline-2 @Conn }
        $r.Errors.Count | Should -Be 0
        $r.Warnings.Count | Should -Be 1
        $r.Warnings[0].Message | Should -Be "Session 'ses-empty': the turn could not query 2 requested indexes: idx-offline-1, idx-offline-2. Its answer did not use them; -RequireAllIndexes makes such a turn fail instead."
        $stop = $r.Output[-1]
        $stop.SkippedIndexIds | Should -Be @('idx-offline-1', 'idx-offline-2')
        $stop.IsError | Should -BeFalse
    }

    It 'a turn with every index queried warns nothing' {
        $r = Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' -IndexId idx-a @Conn }
        $r.Warnings.Count | Should -Be 0
        $r.Output[-1].SkippedIndexIds.Count | Should -Be 0
    }

    It '-RequireAllIndexes makes the server fail the turn: one IndexesUnavailable error, not TurnFailed' {
        $r = Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' -IndexId idx-offline-1 -RequireAllIndexes @Conn }
        $r.Output.Type | Should -Be @('user_input', 'stop')
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.IndexesUnavailable,*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $r.Errors[0].Exception.Message | Should -Match '1 requested index could not be queried \(idx-offline-1\)'
        $r.Warnings.Count | Should -Be 0
        ((Get-TurnPost)[0].body | ConvertFrom-Json).require_all_indexes | Should -BeTrue
    }

    It 'the turns and transcripts of the history show the skipped indexes' {
        $null = Invoke-Turn { Send-LlamaChatMessage -SessionId ses-empty -Prompt 'hi' -IndexId idx-offline-9 @Conn }
        $turn = Get-LlamaChatTurn -SessionId ses-empty @Conn
        $turn.SkippedIndexIds | Should -Be 'idx-offline-9'
        ($turn | Format-List | Out-String) | Should -Match 'SkippedIndexIds\s*:\s*idx-offline-9'
        $md = ConvertTo-LlamaChatTranscript -SessionId ses-empty @Conn
        $md | Should -Match 'Indexes not queried: `idx-offline-9`'
        $html = ConvertTo-LlamaChatTranscript -SessionId ses-empty -Format Html @Conn
        $html | Should -Match '<p class="note skipped">Indexes not queried: <code>idx-offline-9</code></p>'
    }
}
