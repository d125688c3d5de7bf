# Get-LlamaChatSession keeps a session's body and builds its events when first asked; Get-LlamaChatEvent -Type on such
# a session filters inside the bytes. Everything a user can see must be as if the events had been built at once.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Sessions whose events are built on demand' {
    BeforeAll { Reset-Emulator }

    It 'a piped session gives the same events as the stream, for <Label>, with no further request' -TestCases @(
        @{ Label = '-Type tool_call'; Filter = @{ Type = 'tool_call' }; Count = 36 }
        @{ Label = '-Type text, stop'; Filter = @{ Type = 'text', 'stop' }; Count = 38 }
        @{ Label = '-Type tool_result -Name s*'; Filter = @{ Type = 'tool_result'; Name = 's*' }; Count = 12 }
        @{ Label = '-Name *'; Filter = @{ Name = '*' }; Count = 72 }
        @{ Label = 'no filter'; Filter = @{}; Count = 3000 }
    ) {
        $session = Get-LlamaChatSession -Id ses-gen-3000 @Conn
        Clear-EmulatorRequest
        $piped = @($session | Get-LlamaChatEvent @Filter)
        @(Get-EmulatorRequest).Count | Should -Be 0
        $streamed = @(Get-LlamaChatEvent -SessionId ses-gen-3000 @Conn @Filter)
        $streamed.Count | Should -Be $Count   # ses-gen-3000's events of that kind (every call has its result: 36 of each)
        $piped.Count | Should -Be $streamed.Count
        ($piped | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Index, $_.GetType().Name, $_.SessionId, $_.Summary }) -join "`n" |
            Should -Be (($streamed | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Index, $_.GetType().Name, $_.SessionId, $_.Summary }) -join "`n")
    }

    It 'pipes every event of a session it has not built on in order, building them beside the pipeline and keeping none' {
        $flags = [Reflection.BindingFlags]'NonPublic,Instance'
        $session = Get-LlamaChatSession -Id ses-gen-20000 @Conn
        $lazy = $session.GetType().GetProperty('Lazy', $flags).GetValue($session)
        $script:n = 0; $script:next = 0; $script:misplaced = 0
        $session | Get-LlamaChatEvent | ForEach-Object {
            if ($_.Index -ne $script:next -or $_.SessionId -ne 'ses-gen-20000') { $script:misplaced++ }
            $script:next = $_.Index + 1
            $script:n++
        }
        $script:n | Should -Be 20000
        $script:misplaced | Should -Be 0
        $lazy.GetType().GetProperty('IsMaterialized', $flags).GetValue($lazy) | Should -BeFalse
        # A downstream Select-Object -First ends the replay; the session is as it was.
        @($session | Get-LlamaChatEvent | Select-Object -First 3).Index | Should -Be @(0, 1, 2)
        $lazy.GetType().GetProperty('IsMaterialized', $flags).GetValue($lazy) | Should -BeFalse
        # Once built, the piped events are the very objects Events holds.
        $session.Events.Count | Should -Be 20000
        $again = @($session | Get-LlamaChatEvent)
        [object]::ReferenceEquals($again[19999], $session.Events[19999]) | Should -BeTrue
    }

    It 'EventCount, Events and the filter agree, and the filter hands out the objects that Events holds' {
        $session = Get-LlamaChatSession -Id ses-gen-3000 @Conn
        $session.EventCount | Should -Be 3000
        $calls = @($session | Get-LlamaChatEvent -Type tool_call)
        $calls.Count | Should -Be @($session.Events | Where-Object Type -EQ 'tool_call').Count
        [object]::ReferenceEquals($calls[0], $session.Events[$calls[0].Index]) | Should -BeTrue
        $session.Events.Count | Should -Be 3000
        $session.Events[2999].Index | Should -Be 2999
    }

    It 'unknown and untyped events survive: -Type unknown, Events and the export' {
        $json = '{"session_id":"ses-lazy-odd","events":[{"content":"hi","type":"user_input"},{"type":"citation","ref":7},' +
            '{"call_id":"c1","name":"search","arguments":{"q":1}},"a bare string",{"content":"x","t\u0079pe":"text"}],"extra":{"a":1}}'
        Set-EmulatorSession 'ses-lazy-odd' $json
        $session = Get-LlamaChatSession -Id ses-lazy-odd @Conn
        $unknown = @($session | Get-LlamaChatEvent -Type unknown)
        $unknown.Index | Should -Be @(1, 3)
        $unknown[0].Type | Should -Be 'citation'
        $unknown[0].RawJson | Should -Be '{"type":"citation","ref":7}'
        @($session | Get-LlamaChatEvent -Type tool_call).CallId | Should -Be 'c1'
        @($session | Get-LlamaChatEvent -Type text).Content | Should -Be 'x'
        $dir = Join-Path $TestDrive 'lazy-export'
        $file = $session | Export-LlamaChatSession -Path $dir -PassThru
        $back = Get-LlamaChatSession -Path $file.FullName
        @($back.Events).Count | Should -Be 5
        ($back.Events | ForEach-Object { '{0}|{1}' -f $_.GetType().Name, $_.Summary }) -join ';' |
            Should -Be (($session.Events | ForEach-Object { '{0}|{1}' -f $_.GetType().Name, $_.Summary }) -join ';')
    }

    It 'a body that is not valid JSON deep inside an event is refused at fetch time, and no session comes out' {
        Set-EmulatorSession 'ses-lazy-ok' '{"session_id":"ses-lazy-ok","events":[]}'
        # Valid up to the 10,000th event's arguments: the body's shape is only wrong where no filter would look.
        $good = (1..10000 | ForEach-Object { '{"content":"c' + $_ + '","type":"text_delta"}' }) -join ','
        Set-EmulatorSession 'ses-lazy-bad' ('{"session_id":"ses-lazy-bad","events":[' + $good + ',{"call_id":"c","name":"n","arguments":{"a":[1,2},"type":"tool_call"}]}')
        $out = 'ses-lazy-bad', 'ses-lazy-ok' | Get-LlamaChatSession @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.SessionId | Should -Be 'ses-lazy-ok'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidResponse,*'
    }
}
