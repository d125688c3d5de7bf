BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    # Run a command and return its error record, without letting it stop the test.
    function Get-Failure([scriptblock] $Command) {
        $errs = $null
        try { $null = & $Command -ErrorVariable +errs -ErrorAction SilentlyContinue } catch { return $_ }
        return $errs | Select-Object -First 1
    }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Retries' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'retries a 503 and returns the session' {
        Add-Fault @{ path = 'ses-demo'; status = 503; times = 1; headers = @{ 'retry-after-ms' = '10' } }
        $verbose = Get-LlamaChatSession -Id ses-demo @Conn -Verbose 4>&1
        ($verbose | Where-Object { $_ -is [LlamaCloud.Chat.ChatSession] }).SessionId | Should -Be 'ses-demo'
        @(Get-EmulatorRequest).Count | Should -Be 2
        $text = ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $text | Should -Match ('GET ' + [regex]::Escape($Url) + '/api/v1/chat/ses-demo \(attempt 1 of 3\)')
        $text | Should -Match '503'
        $text | Should -Match 'Retrying .* in 0\.01 s'
        $text | Should -Match '200 OK, [\d,]+ bytes in \d+ ms'
    }

    It 'gives up after -MaximumRetryCount retries with a server-side category' {
        Add-Fault @{ path = 'ses-demo'; status = 502; times = -1; headers = @{ 'retry-after-ms' = '1' } }
        $e = Get-Failure { Get-LlamaChatSession -Id ses-demo @Conn -MaximumRetryCount 3 }
        @(Get-EmulatorRequest).Count | Should -Be 4
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.ServerError,*'
        $e.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $e.Exception.StatusCode | Should -Be 502
    }

    It '-MaximumRetryCount 0 makes one attempt only' {
        Add-Fault @{ path = 'ses-demo'; status = 500; times = -1 }
        $null = Get-Failure { Get-LlamaChatSession -Id ses-demo @Conn -MaximumRetryCount 0 }
        @(Get-EmulatorRequest).Count | Should -Be 1
    }

    It 'honours x-should-retry: false on a 503 and x-should-retry: true on a 400' {
        Add-Fault @{ path = 'ses-demo'; status = 503; times = -1; headers = @{ 'x-should-retry' = 'false' } }
        $null = Get-Failure { Get-LlamaChatSession -Id ses-demo @Conn }
        @(Get-EmulatorRequest).Count | Should -Be 1
        Reset-Emulator; Clear-EmulatorRequest
        Add-Fault @{ path = 'ses-demo'; status = 400; times = 1; headers = @{ 'x-should-retry' = 'true'; 'retry-after-ms' = '1' } }
        (Get-LlamaChatSession -Id ses-demo @Conn).SessionId | Should -Be 'ses-demo'
        @(Get-EmulatorRequest).Count | Should -Be 2
    }

    It 'waits as Retry-After says (seconds)' {
        Add-Fault @{ path = 'ses-demo'; status = 429; times = 1; headers = @{ 'Retry-After' = '1' } }
        Clear-EmulatorRequest
        $out = Get-LlamaChatSession -Id ses-demo @Conn -Verbose 4>&1
        @($out | Where-Object { $_ -is [LlamaCloud.Chat.ChatSession] }).SessionId | Should -Be 'ses-demo'
        # The wait the module chose is the one asked for: exactly 1 s.
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Retrying *' }).Message |
            Should -BeLike "Retrying * in 1 s *429*"
        # The emulator's log: the 429, then the retry no sooner than the second it asked for.
        $r = @(Get-EmulatorRequest)
        $r.status | Should -Be 429, 200
        $gap = ([datetime]$r[1].time - [datetime]$r[0].time).TotalSeconds
        $gap | Should -BeGreaterOrEqual 0.95 -Because 'Retry-After: 1'
        $gap | Should -BeLessThan 30 -Because 'the wait is the one asked for, not a hang'
    }

    It 'maps <Status> to <Category> without retrying' -TestCases @(
        @{ Status = 400; Category = 'InvalidArgument'; Id = 'LlamaCloud.BadRequest' }
        @{ Status = 403; Category = 'PermissionDenied'; Id = 'LlamaCloud.Forbidden' }
        @{ Status = 422; Category = 'InvalidData'; Id = 'LlamaCloud.UnprocessableEntity' }
    ) {
        Add-Fault @{ path = 'ses-demo'; status = $Status; times = -1; body = '{"detail":"emulated detail text"}'; headers = @{ 'x-request-id' = 'req-123' } }
        $e = Get-Failure { Get-LlamaChatSession -Id ses-demo @Conn }
        @(Get-EmulatorRequest).Count | Should -Be 1
        $e.CategoryInfo.Category | Should -Be $Category
        $e.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $e.Exception.Detail | Should -Be 'emulated detail text'
        $e.Exception.RequestId | Should -Be 'req-123'
        $e.ErrorDetails.Message | Should -BeLike '*emulated detail text*'
    }

    It 'maps 409 to ResourceBusy and 429 to LimitsExceeded after the retries' {
        Add-Fault @{ path = 'ses-demo'; status = 409; times = -1; headers = @{ 'retry-after-ms' = '1' } }
        (Get-Failure { Get-LlamaChatSession -Id ses-demo @Conn }).CategoryInfo.Category | Should -Be 'ResourceBusy'
        @(Get-EmulatorRequest).Count | Should -Be 3
        Reset-Emulator
        Add-Fault @{ path = 'ses-demo'; status = 429; times = -1; headers = @{ 'retry-after-ms' = '1' } }
        $e = Get-Failure { Get-LlamaChatSession -Id ses-demo @Conn }
        $e.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.RateLimited,*'
    }

    It 'returns all 100 sessions in order when a third of the requests get 429' {
        $ids = foreach ($i in 1..100) { 'ses-fix-{0:d2}' -f (($i % 10) + 1) }
        Add-Fault @{ path = '/api/v1/chat/'; everyNth = 3; status = 429; headers = @{ 'Retry-After' = '1'; 'retry-after-ms' = '20' } }
        $out = $ids | Get-LlamaChatSession @Conn -ErrorVariable errs
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 100
        $out.SessionId | Should -Be $ids
        # Every third request is refused: 100 answered takes 149 requests, of which 49 were refused.
        @(Get-EmulatorRequest | Where-Object status -eq 429).Count | Should -Be 49
        @(Get-EmulatorRequest | Where-Object status -eq 200).Count | Should -Be 100
    }

    It 'a 429 with a delay holds back the other requests of the command until then' {
        # ses-fix-01 is told to come back in 2 s; ses-fix-02's own 429 (300 ms later) asks for only 10 ms.
        # Without the shared gate ses-fix-02 would retry at ~0.3 s; with it, not before ses-fix-01's 2 s are up.
        Add-Fault @{ path = 'ses-fix-01'; status = 429; times = 1; headers = @{ 'retry-after-ms' = '2000' } }
        Add-Fault @{ path = 'ses-fix-02'; status = 429; times = 1; delayMs = 300; headers = @{ 'retry-after-ms' = '10' } }
        $out = 'ses-fix-01', 'ses-fix-02' | Get-LlamaChatSession @Conn -ErrorVariable errs
        $errs.Count | Should -Be 0
        $out.SessionId | Should -Be 'ses-fix-01', 'ses-fix-02'
        $r = @(Get-EmulatorRequest)
        $r.Count | Should -Be 4
        $first429 = [datetime]($r | Where-Object { $_.path -like '*ses-fix-01' } | Select-Object -First 1).time
        $retry2 = [datetime]($r | Where-Object { $_.path -like '*ses-fix-02' } | Select-Object -Last 1).time
        # ses-fix-02's retry was held back until ses-fix-01's 429 said to come back (2 s), not sent at once.
        ($retry2 - $first429).TotalSeconds | Should -BeGreaterOrEqual 1.95
        ($retry2 - $first429).TotalSeconds | Should -BeLessThan 30
    }
}

Describe 'Timeouts and cancellation' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'ends a stalled request with OperationTimeout after -TimeoutSec' {
        Add-Fault @{ path = 'ses-demo'; kind = 'hang'; times = -1 }
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $e = Get-Failure { Get-LlamaChatSession -Id ses-demo @Conn -TimeoutSec 1 -MaximumRetryCount 0 }
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 5
        $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.Timeout,*'
    }

    It 'retries a timed-out attempt' {
        Add-Fault @{ path = 'ses-demo'; kind = 'hang'; times = 1 }
        (Get-LlamaChatSession -Id ses-demo @Conn -TimeoutSec 1).SessionId | Should -Be 'ses-demo'
        @(Get-EmulatorRequest).Count | Should -Be 2
    }

    It 'Stop() returns control within a second while <Case>' -TestCases @(
        @{ Case = 'waiting for a server that never answers'; Rule = @{ path = 'ses-demo'; kind = 'hang'; times = -1 }; Command = 'Get-LlamaChatSession' }
        @{ Case = 'reading a slow body'; Rule = @{ path = 'ses-gen-20000'; kind = 'slow'; chunkBytes = 1024; chunkDelayMs = 200; times = -1 }; Command = 'Get-LlamaChatEvent' }
        @{ Case = 'waiting between retries'; Rule = @{ path = 'ses-demo'; status = 503; times = -1; headers = @{ 'Retry-After' = '30' } }; Command = 'Get-LlamaChatSession' }
    ) {
        Add-Fault $Rule
        $id = if ($Command -eq 'Get-LlamaChatEvent') { 'ses-gen-20000' } else { 'ses-demo' }
        $param = if ($Command -eq 'Get-LlamaChatEvent') { 'SessionId' } else { 'Id' }
        # One script, not a batch of statements: stopping a batch mid-way can crash the host.
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; $Command -$param '$id' -BaseUri '$Url' -ApiKey '$Key'")
        $async = $ps.BeginInvoke()
        Start-Sleep -Milliseconds 1500
        $async.IsCompleted | Should -BeFalse
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 1
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
    }
}

Describe 'Bad responses' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It '<Kind> gives one clear InvalidResponse error naming the id, and no session' -TestCases @(
        @{ Kind = 'malformed'; Pattern = '*not valid JSON*' }
        @{ Kind = 'html'; Pattern = '*Expected JSON, got text/html*' }
        @{ Kind = 'empty'; Pattern = '*empty*' }
    ) {
        Add-Fault @{ path = 'ses-demo'; kind = $Kind; times = -1 }
        $out = 'ses-demo', 'ses-abc123' | Get-LlamaChatSession @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.SessionId | Should -Be 'ses-abc123'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidResponse,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errs[0].TargetObject | Should -Be 'ses-demo'
        $errs[0].Exception.Message | Should -BeLike $Pattern
        $errs[0].Exception.Message | Should -BeLike "*ses-demo*"
    }

    It 'a body cut off mid-way is a connection error after the retries, never a partial session' {
        Add-Fault @{ path = 'ses-gen-5000'; kind = 'truncate'; times = -1 }
        $out = Get-LlamaChatSession -Id ses-gen-5000 @Conn -MaximumRetryCount 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errs[0].Exception.Message | Should -BeLike '*broke after * bytes*'
        @(Get-EmulatorRequest).Count | Should -Be 2
    }

    It 'a streamed read resumes after a broken connection without repeating events' {
        Add-Fault @{ path = 'ses-gen-5000'; kind = 'truncate'; times = 1 }
        $events = Get-LlamaChatEvent -SessionId ses-gen-5000 @Conn
        $events.Count | Should -Be 5000
        $events.Index | Should -Be (0..4999)
    }

    It 'an HTML error page from a proxy shows its title' {
        Add-Fault @{ path = 'ses-demo'; status = 502; times = -1; contentType = 'text/html'; body = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' }
        $e = Get-Failure { Get-LlamaChatSession -Id ses-demo @Conn -MaximumRetryCount 0 }
        $e.Exception.Message | Should -Be "Session 'ses-demo': 502 Bad Gateway."   # the page's title only repeats the status: said once
    }

    It 'a refused connection is a quick ConnectionError' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $e = Get-Failure { Get-LlamaChatSession -Id ses-demo -BaseUri "http://127.0.0.1:$port" -ApiKey $Key -MaximumRetryCount 0 }
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 5
        $e.CategoryInfo.Category | Should -Be 'ConnectionError'
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.ConnectionFailed,*'
    }

    It 'an unresolvable host is a quick ConnectionError' {
        $e = Get-Failure { Get-LlamaChatSession -Id ses-demo -BaseUri 'https://llama-chat-test.invalid' -ApiKey $Key -MaximumRetryCount 0 -TimeoutSec 10 }
        $e.CategoryInfo.Category | Should -BeIn 'ConnectionError', 'OperationTimeout'
    }

    It 'a reset connection is a ConnectionError' {
        Add-Fault @{ path = 'ses-demo'; kind = 'reset'; times = -1 }
        (Get-Failure { Get-LlamaChatSession -Id ses-demo @Conn -MaximumRetryCount 0 }).CategoryInfo.Category | Should -Be 'ConnectionError'
    }
}

Describe 'Hostile session ids' {
    BeforeAll { Reset-Emulator }

    It 'sends <Id> as exactly one path segment and no query' -TestCases @(
        @{ Id = '../x' }, @{ Id = 'a/b' }, @{ Id = '?limit=1' }, @{ Id = '#frag' }, @{ Id = 'a b' }, @{ Id = 'séance' }, @{ Id = 'x&project_id=evil' }, @{ Id = '%2F..%2F' }
    ) {
        Clear-EmulatorRequest
        $e = Get-Failure { Get-LlamaChatSession -Id $Id @Conn }
        $e.TargetObject | Should -Be $Id
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r = @(Get-EmulatorRequest)
        $r.Count | Should -Be 1
        $r[0].path | Should -Be "/api/v1/chat/$Id"
        $r[0].rawTarget | Should -Match '^/api/v1/chat/[^/?#]+$'
        @($r[0].query.PSObject.Properties).Count | Should -Be 0
    }

    It 'rejects <Id>, which no URL can carry as a segment, with one InvalidSessionId error and no request' -TestCases @(@{ Id = '.' }, @{ Id = '..' }) {
        Clear-EmulatorRequest
        $out = $Id, 'ses-demo' | Get-LlamaChatSession @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.SessionId | Should -Be 'ses-demo'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidSessionId,*'
        $errs[0].TargetObject | Should -Be $Id
        @(Get-EmulatorRequest).Count | Should -Be 1
    }

    It 'serves a session whose id has a slash' {
        Set-EmulatorSession -Id 'team/a' -Json '{"session_id":"team/a","last_updated_at":"2026-01-01T00:00:00","events":[{"content":"hi","type":"text"}]}'
        (Get-LlamaChatEvent -SessionId 'team/a' @Conn).Content | Should -Be 'hi'
    }
}

Describe 'Secrets and transport' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'refuses to send the key over plain http to a non-loopback host' {
        $e = { Get-LlamaChatSession -Id ses-demo -BaseUri 'http://llama-chat-test.invalid' -ApiKey $Key } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.UnencryptedAuthentication,*'
    }

    It '-AllowUnencryptedAuthentication lifts the guard' {
        $e = Get-Failure { Get-LlamaChatSession -Id ses-demo -BaseUri 'http://llama-chat-test.invalid' -ApiKey $Key -AllowUnencryptedAuthentication -MaximumRetryCount 0 -TimeoutSec 10 }
        $e.FullyQualifiedErrorId | Should -Not -BeLike 'LlamaCloud.UnencryptedAuthentication*'
    }

    It 'never shows the key in any stream, error or exception' {
        $secret = 'sk-leak-canary-7f3a9c'
        $emu2 = Start-LlamaEmulator -ApiKey $secret
        try {
            Invoke-EmulatorControl -Emulator $emu2 -Method Post -Path 'faults' -Body @{ path = 'ses-abc123'; status = 503; times = 1; headers = @{ 'retry-after-ms' = '1' } } | Out-Null
            Invoke-EmulatorControl -Emulator $emu2 -Method Post -Path 'faults' -Body @{ path = 'ses-fix-01'; kind = 'html'; times = -1 } | Out-Null
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
            $Error.Clear()
            $all = & {
                'ses-demo', 'ses-missing', 'ses-abc123', 'ses-fix-01' | Get-LlamaChatSession -BaseUri $emu2.Url -ApiKey $secret -Verbose -Debug -ErrorAction Continue
                Get-LlamaChatEvent -SessionId ses-demo, nope -BaseUri $emu2.Url -ApiKey $secret -Verbose -Debug -ErrorAction Continue
                try { Get-LlamaChatSession -Id ses-demo -BaseUri $emu2.Url -ApiKey 'wrong' -ErrorAction Continue } catch { $_ }
                Connect-LlamaCloud -ApiKey $secret -BaseUri $emu2.Url -PassThru -Verbose
                Get-LlamaChatSession -First 3 -Verbose -Debug
            } *>&1
            $VerbosePreference = 'SilentlyContinue'; $DebugPreference = 'SilentlyContinue'
            $text = ($all | Out-String -Width 4096) + ($all | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 4096 })
            $text += ($Error | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 4096; $_.Exception | Format-List * -Force | Out-String -Width 4096; $_.Exception.ToString() })
            $text += ($all | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue)
            $Error.Count | Should -BeGreaterThan 1
            $text | Should -Not -BeLike "*$secret*"
        }
        finally {
            Disconnect-LlamaCloud
            Stop-LlamaEmulator $emu2
        }
    }
}

Describe 'Odd input' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'an empty pipeline fetches nothing (it does not list the project)' {
        @() | Get-LlamaChatSession @Conn | Should -BeNullOrEmpty
        $null | Get-LlamaChatSession @Conn -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'keeps text with a lone surrogate escape as data, and goes on with the next id' {
        Set-EmulatorSession -Id ses-sur -Json '{"session_id":"ses-sur","last_updated_at":"2026-01-01T00:00:00","events":[{"content":"a\ud800b","type":"text_delta"}]}'
        $out = Get-LlamaChatSession -Id ses-sur, ses-demo @Conn
        $out.SessionId | Should -Be 'ses-sur', 'ses-demo'
        $out[0].Events[0].Content.Length | Should -Be 3
        (Get-LlamaChatEvent -SessionId ses-sur @Conn).Content.Length | Should -Be 3
    }

    It 'never repeats the key when a server echoes it back' {
        Add-Fault @{ path = 'ses-demo'; status = 400; times = 1; body = "{`"detail`":`"bad header Authorization: Bearer $Key`"}" }
        Add-Fault @{ path = 'ses-abc123'; kind = 'html'; times = 1; body = "<html><title>Blocked $Key</title></html>"; contentType = 'text/html' }
        $null = 'ses-demo', 'ses-abc123' | Get-LlamaChatSession @Conn -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1 | Out-String | Should -Not -BeLike "*$Key*"
        $errs.Count | Should -Be 2
        foreach ($e in $errs) {
            ($e | Format-List * -Force | Out-String) + ($e.Exception | Format-List * -Force | Out-String) | Should -Not -BeLike "*$Key*"
        }
        $errs[0].Exception.Detail | Should -BeLike '*Bearer `*`*`*`*`*`*`*`**'
    }

    It 'rejects a key that cannot be sent, once, without showing it' {
        $e = { Get-LlamaChatSession -Id ses-demo -BaseUri $Url -ApiKey "bad key`u{e9}" } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidApiKey,*'
        $e.Exception.Message | Should -Not -BeLike '*bad key*'
        { Get-LlamaChatSession -Id ses-demo -BaseUri $Url -ApiKey '' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
    }

    It 'trims a trailing newline from a key read from a file' {
        (Get-LlamaChatSession -Id ses-demo -BaseUri $Url -ApiKey (ConvertTo-SecureString "$Key`n" -AsPlainText -Force)).SessionId | Should -Be 'ses-demo'
    }

    It 'takes the largest -TimeoutSec and 0 (no timeout)' {
        (Get-LlamaChatSession -Id ses-demo @Conn -TimeoutSec 2147483).SessionId | Should -Be 'ses-demo'
        (Get-LlamaChatSession -Id ses-demo @Conn -TimeoutSec 0).SessionId | Should -Be 'ses-demo'
    }

    It 'keeps Connect-LlamaCloud per runspace' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {  # ForEach-Object -Parallel is PowerShell 7's
        Connect-LlamaCloud -ApiKey $Key -BaseUri $Url
        try {
            1 | ForEach-Object -Parallel { Import-Module $using:env:LLAMA_CHAT_TEST_MODULE; Connect-LlamaCloud -ApiKey 'other-key' -BaseUri 'https://tenant-b.invalid' }
            (Get-LlamaChatSession -Id ses-demo).SessionId | Should -Be 'ses-demo'
        }
        finally { Disconnect-LlamaCloud }
    }
}
