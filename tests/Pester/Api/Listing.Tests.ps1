BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    function Clear-Project { $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Delete -Path 'sessions' }
    function Add-ListedSession([int] $Count, [int] $Events = 3) {
        (Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'sessions' -Body @{ count = $Count; prefix = 'ses-list-'; events = $Events }).ids
    }
    function Get-ListRequest { @(Get-EmulatorRequest | Where-Object { $_.path -eq '/api/v1/chat' }) }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Get-LlamaChatSession without -Id lists the project' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'an empty project gives nothing, with one request' {
        Clear-Project
        Get-LlamaChatSession @Conn | Should -BeNullOrEmpty
        @(Get-ListRequest).Count | Should -Be 1
    }

    It 'lists every session of a multi-page project, newest first, following the page token verbatim' {
        Clear-Project
        $null = Add-ListedSession 250
        $s = Get-LlamaChatSession @Conn -PageSize 100
        $s.Count | Should -Be 250
        ($s.SessionId | Select-Object -Unique).Count | Should -Be 250
        $s[0].SessionId | Should -Be 'ses-list-0250'
        $sorted = $s.LastUpdatedAt | Sort-Object -Descending
        $s.LastUpdatedAt | Should -Be $sorted
        $r = Get-ListRequest
        $r.Count | Should -Be 3
        $r[0].query.page_size | Should -Be '100'
        $r[0].query.PSObject.Properties.Name | Should -Not -Contain 'page_token'
        $r[1].query.page_token | Should -Not -BeNullOrEmpty
    }

    It 'uses the largest page size by default' {
        $null = Get-LlamaChatSession @Conn
        (Get-ListRequest)[0].query.page_size | Should -Be '100'
    }

    It 'a project of exactly one page takes one request' {
        Clear-Project
        $null = Add-ListedSession 5
        (Get-LlamaChatSession @Conn -PageSize 10).Count | Should -Be 5
        @(Get-ListRequest).Count | Should -Be 1
    }

    It '-First 5 sends one request' {
        $s = Get-LlamaChatSession @Conn -First 5
        $s.Count | Should -Be 5
        @(Get-ListRequest).Count | Should -Be 1
    }

    It '-First larger than a page follows pages and stops once satisfied' {
        Clear-Project
        $null = Add-ListedSession 50
        $s = Get-LlamaChatSession @Conn -PageSize 10 -First 25
        $s.Count | Should -Be 25
        @(Get-ListRequest).Count | Should -Be 3
    }

    It '-Skip skips across pages' {
        Clear-Project
        $null = Add-ListedSession 30
        $all = Get-LlamaChatSession @Conn
        $some = Get-LlamaChatSession @Conn -PageSize 7 -Skip 12 -First 5
        $some.SessionId | Should -Be $all[12..16].SessionId
    }

    It '-IncludeTotalCount reports the total' {
        Clear-Project
        $null = Add-ListedSession 12
        $out = @(Get-LlamaChatSession @Conn -IncludeTotalCount -PageSize 5)
        # Twelve sessions, then the count object (PowerShell's: the number, with Accuracy 1 for an exact total).
        $out.Count | Should -Be 13
        @($out[0..11] | Where-Object { $_ -is [LlamaCloud.Chat.ChatSession] }).Count | Should -Be 12
        $count = $out[12]
        $count | Should -Not -BeOfType LlamaCloud.Chat.ChatSession
        $count.PSObject.BaseObject | Should -BeOfType [uint64]
        $count.PSObject.BaseObject | Should -Be 12
        $count.Accuracy | Should -Be 1
        @(Get-ListRequest).Count | Should -Be 3
    }

    It 'listed sessions have no events loaded ($null, not empty)' {
        $s = Get-LlamaChatSession @Conn -First 1
        $null -eq $s.Events | Should -BeTrue
        $s.EventCount | Should -BeNullOrEmpty
    }

    It 'Get-LlamaChatSession | Get-LlamaChatEvent -Type stop gives one stop per session, in list order' {
        Clear-Project
        foreach ($i in 1..7) {
            Set-EmulatorSession -Id "ses-s$i" -Json ('{{"session_id":"ses-s{0}","last_updated_at":"2026-05-0{0}T10:00:00.000001","events":[{{"content":"q{0}","type":"user_input"}},{{"content":"a","type":"text"}},{{"error":null,"is_error":false,"usage":{{"turns":{0}}},"type":"stop"}}]}}' -f $i)
        }
        $stops = Get-LlamaChatSession @Conn -PageSize 3 | Get-LlamaChatEvent -Type stop
        $stops.Count | Should -Be 7
        $stops.SessionId | Should -Be (7..1 | ForEach-Object { "ses-s$_" })
        $stops.Usage.Turns | Should -Be (7..1)
    }

    It 'LastUpdatedAt compares correctly with Get-Date values' {
        Clear-Project
        $now = [datetime]::UtcNow
        $old = $now.AddDays(-40).ToString('yyyy-MM-ddTHH:mm:ss.ffffff')
        $new = $now.AddDays(-1).ToString('yyyy-MM-ddTHH:mm:ss.ffffff')
        Set-EmulatorSession -Id ses-old -Json "{`"session_id`":`"ses-old`",`"last_updated_at`":`"$old`",`"events`":[]}"
        Set-EmulatorSession -Id ses-new -Json "{`"session_id`":`"ses-new`",`"last_updated_at`":`"$new`",`"events`":[]}"
        (Get-LlamaChatSession @Conn | Where-Object LastUpdatedAt -lt (Get-Date).AddDays(-30)).SessionId | Should -Be 'ses-old'
    }

    It 'a failing listing is one terminating error' {
        Add-Fault @{ path = '/api/v1/chat'; method = 'GET'; status = 403; times = -1; body = '{"detail":"no access to project"}' }
        $out = $null
        $e = { $script:out = Get-LlamaChatSession @Conn -ErrorAction SilentlyContinue } | Should -Throw -PassThru
        $script:out | Should -BeNullOrEmpty
        $e.CategoryInfo.Category | Should -Be 'PermissionDenied'
        @(Get-ListRequest).Count | Should -Be 1
    }

    It '-Summary returns the session without events, from the summary endpoint' {
        $s = Get-LlamaChatSession -Id ses-demo -Summary @Conn
        $s.GeneratedTitle | Should -Be 'What were the main findings in Q3?'
        $null -eq $s.Events | Should -BeTrue
        (Get-EmulatorRequest | Select-Object -Last 1).path | Should -Be '/api/v1/chat/ses-demo/summary'
    }

    It 'summaries piped into Get-LlamaChatEvent fetch the events' {
        (Get-LlamaChatSession -Id ses-demo -Summary @Conn | Get-LlamaChatEvent -Type tool_call @Conn).Count | Should -Be 2
    }
}

Describe 'Many sessions' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }
    AfterEach { $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'config' -Body @{ latencyMs = 0 } }

    It 'keeps input order under random per-session latency' {
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'config' -Body @{ latencyMs = 5; latencyJitterMs = 60; seed = 7 }
        $ids = foreach ($i in 1..40) { "ses-gen-20-$i" }
        ($ids | Get-LlamaChatSession @Conn -ThrottleLimit 8).SessionId | Should -Be $ids
        ($ids | Get-LlamaChatEvent -Type user_input @Conn -ThrottleLimit 8).SessionId | Should -Be $ids
    }

    It 'a failing id in the middle gives one error and the rest still arrive in order' {
        $ids = foreach ($i in 1..20) { if ($i -eq 10) { 'ses-missing' } else { "ses-gen-20-$i" } }
        $out = $ids | Get-LlamaChatSession @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.SessionId | Should -Be ($ids | Where-Object { $_ -ne 'ses-missing' })
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be 'ses-missing'
    }

    It 'fetches ahead: 40 sessions behind 100 ms latency take well under the sequential time' {
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'config' -Body @{ latencyMs = 100 }
        $ids = foreach ($i in 1..40) { "ses-gen-10-$i" }
        $null = $ids | Get-LlamaChatSession @Conn
        $times = Get-EmulatorRequest | ForEach-Object { [datetime]$_.time }
        # Sequential would span >= 3.9 s of request start times; with 4 in flight it is about a quarter.
        (($times | Measure-Object -Maximum).Maximum - ($times | Measure-Object -Minimum).Minimum).TotalSeconds | Should -BeLessThan 2.5
    }

    It 'shows progress for a fetch longer than a second, and completes it; none for a short call' {
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'config' -Body @{ latencyMs = 150 }
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; 1..24 | ForEach-Object { 'ses-gen-10-' + `$_ } | Get-LlamaChatSession -ThrottleLimit 2 -BaseUri '$Url' -ApiKey '$Key'")
        $out = $ps.Invoke()
        $out.Count | Should -Be 24
        $progress = @($ps.Streams.Progress)
        $progress.Count | Should -BeGreaterThan 0
        $progress[-1].RecordType | Should -Be 'Completed'
        $progress[0].StatusDescription | Should -Match '\d+ sessions'
        $ps.Dispose()
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'config' -Body @{ latencyMs = 0 }
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; 'ses-demo', 'ses-abc123' | Get-LlamaChatSession -BaseUri '$Url' -ApiKey '$Key'")
        $null = $ps.Invoke()
        @($ps.Streams.Progress).Count | Should -Be 0
        $ps.Dispose()
    }

    It 'Ctrl+C mid-list stops promptly' {
        # Page 1 arrives; page 2 hangs: the command is provably running (it has written page 1 and sent page 2).
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'sessions' -Body @{ count = 150 }
        Add-Fault @{ path = '/api/v1/chat'; query = 'page_token='; kind = 'hang'; times = -1 }
        $ps = [powershell]::Create()
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; Get-LlamaChatSession -BaseUri '$Url' -ApiKey '$Key'")
        $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        $deadline = [datetime]::UtcNow.AddSeconds(30)
        while (@(Get-ListRequest).Count -lt 2 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        @(Get-ListRequest).Count | Should -Be 2
        $output.Count | Should -Be 100
        $async.IsCompleted | Should -BeFalse
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 1
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        # Stopped, not retried: no further request after the hung page.
        @(Get-ListRequest).Count | Should -Be 2
        $ps.Dispose()
    }
}
