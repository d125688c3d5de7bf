# Issue 9: unattended outcomes are truthful. A rejected key stops the command after one request; a listing that
# cannot complete fails the command; a slow pipeline never times out a healthy download.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    function Get-SessionRequest([string] $Id) { @(Get-EmulatorRequest | Where-Object { $_.path -eq "/api/v1/chat/$Id" }) }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'A rejected key (401)' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It '<Command>: 3 ids with a wrong key send exactly 1 request and end in one terminating Unauthorized error' -TestCases @(
        @{ Command = 'Get-LlamaChatSession' }
        @{ Command = 'Get-LlamaChatEvent' }
        @{ Command = 'Export-LlamaChatSession' }
    ) {
        $errs = $null
        $thrown = $null
        $Error.Clear()
        $dir = Join-Path TestDrive: 'x'
        try {
            $extra = if ($Command -eq 'Export-LlamaChatSession') { @{ Path = $dir } } else { @{} }
            'ses-demo', 'ses-abc123', 'ses-fix-01' | & $Command -BaseUri $Url -ApiKey 'wrong-key' @extra -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        catch { $thrown = $_ }
        @(Get-EmulatorRequest).Count | Should -Be 1
        $thrown | Should -BeOfType System.Management.Automation.ErrorRecord
        $thrown.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.Unauthorized,*'
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.Exception.Message | Should -BeLike '*from the -ApiKey parameter was rejected*'
        $thrown.Exception.Message | Should -Not -BeLike '*wrong-key*'
        # Only the terminating error: no non-terminating 401 per input before it.
        @($Error | Where-Object { "$($_.FullyQualifiedErrorId)" -like 'LlamaCloud.Unauthorized*' }).Count | Should -Be 1
    }

    It 'names the environment variable when the key came from it' {
        $env:LLAMA_PARSE_API_KEY = 'wrong-parse-key'
        try {
            $e = { Get-LlamaChatEvent -SessionId ses-demo, ses-abc123 -BaseUri $Url } | Should -Throw -PassThru
            $e.Exception.Message | Should -BeLike '*API key from the LLAMA_PARSE_API_KEY environment variable was rejected*'
        }
        finally { Remove-Item Env:LLAMA_PARSE_API_KEY }
        @(Get-EmulatorRequest).Count | Should -Be 1
    }

    It 'names Connect-LlamaCloud when the connection supplied the key' {
        Connect-LlamaCloud -ApiKey 'wrong-connected-key' -BaseUri $Url
        try {
            $e = { Get-LlamaChatSession -Id ses-demo, ses-abc123 } | Should -Throw -PassThru
            $e.Exception.Message | Should -BeLike '*API key from Connect-LlamaCloud was rejected*'
        }
        finally { Disconnect-LlamaCloud }
    }

    It 'a 401 is never retried, even when x-should-retry says true' {
        Add-Fault @{ path = 'ses-demo'; status = 401; times = -1; headers = @{ 'x-should-retry' = 'true'; 'retry-after-ms' = '1' } }
        { Get-LlamaChatSession -Id ses-demo @Conn } | Should -Throw -ErrorId 'LlamaCloud.Unauthorized*'
        @(Get-EmulatorRequest).Count | Should -Be 1
    }

    It 'a listing with a wrong key is one request and one terminating error' {
        { Get-LlamaChatSession -BaseUri $Url -ApiKey 'wrong-key' } | Should -Throw -ErrorId 'LlamaCloud.Unauthorized*'
        @(Get-EmulatorRequest).Count | Should -Be 1
    }
}

Describe 'A listing that cannot complete' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'writes the sessions already read, then one terminating error with the count and "incomplete"' {
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'sessions' -Body @{ count = 250 }
        Add-Fault @{ path = '/api/v1/chat'; query = 'page_token='; status = 503; times = -1; headers = @{ 'retry-after-ms' = '1' } }
        $got = [System.Collections.Generic.List[object]]::new()
        $thrown = $null
        try { Get-LlamaChatSession @Conn | ForEach-Object { $got.Add($_) } } catch { $thrown = $_ }
        $got.Count | Should -Be 100
        $thrown.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.ListIncomplete,*'
        $thrown.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $thrown.Exception.Message | Should -BeLike 'The session list is incomplete: 100 sessions were listed, then page 2 failed after the retries: *503*'
        $thrown.Exception.InnerException.StatusCode | Should -Be 503
        # Page 1, then page 2 three times (-MaximumRetryCount 2).
        @(Get-EmulatorRequest).Count | Should -Be 4
    }

    It 'a first page that fails is the cause itself, terminating' {
        Add-Fault @{ path = '/api/v1/chat'; method = 'GET'; status = 403; times = -1; body = '{"detail":"no access to project"}' }
        $e = { Get-LlamaChatSession @Conn -ErrorAction SilentlyContinue } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.Forbidden,*'
        $e.Exception.Message | Should -BeLike '*no access to project*'
        @(Get-EmulatorRequest).Count | Should -Be 1
    }

    It 'a rejected page_size (422 naming it) lists with the server default page size, and says so in -Verbose' {
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'sessions' -Body @{ count = 30 }
        Add-Fault @{ path = '/api/v1/chat'; query = 'page_size='; status = 422; times = -1; body = '{"detail":[{"type":"less_than_equal","loc":["query","page_size"],"msg":"Input should be less than or equal to 50"}]}' }
        $all = Get-LlamaChatSession @Conn -Verbose 4>&1
        $sessions = @($all | Where-Object { $_ -is [LlamaCloud.Chat.ChatSession] })
        $sessions.Count | Should -Be 47   # 17 fixtures + 30
        ($sessions.SessionId | Select-Object -Unique).Count | Should -Be 47
        $verbose = ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        @($verbose | Where-Object { $_ -like "The server rejected page_size=100 (422: query.page_size: Input should be less than or equal to 50); listing with the server's default page size instead." }).Count | Should -Be 1
        $r = @(Get-EmulatorRequest)
        $r.Count | Should -Be 4   # the rejected one, then 3 pages of the default 20
        $r[0].query.page_size | Should -Be '100'
        $r[1..3] | ForEach-Object { $_.query.PSObject.Properties.Name | Should -Not -Contain 'page_size' }
    }

    It 'an empty page that still has a next token is followed to the real next page, without a warning' {
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'sessions' -Body @{ count = 110 }
        $next = (Invoke-RestMethod "$Url/api/v1/chat?page_size=100" -Headers @{ Authorization = "Bearer $Key" }).next_page_token
        Clear-EmulatorRequest
        Add-Fault @{ path = '/api/v1/chat'; query = 'page_token='; status = 200; times = 1; body = (@{ items = @(); next_page_token = $next } | ConvertTo-Json -Compress) }
        $sessions = @(Get-LlamaChatSession @Conn -WarningVariable warns)
        $sessions.Count | Should -Be 127
        ($sessions.SessionId | Select-Object -Unique).Count | Should -Be 127
        $warns.Count | Should -Be 0
        @(Get-EmulatorRequest).Count | Should -Be 3
    }

    It 'empty pages with a next token, 10 in a row, end in ListIncomplete with the count, not in an endless loop' {
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'sessions' -Body @{ count = 110 }
        $next = (Invoke-RestMethod "$Url/api/v1/chat?page_size=100" -Headers @{ Authorization = "Bearer $Key" }).next_page_token
        Clear-EmulatorRequest
        Add-Fault @{ path = '/api/v1/chat'; query = 'page_token='; status = 200; times = -1; body = (@{ items = @(); next_page_token = $next } | ConvertTo-Json -Compress) }
        $got = [System.Collections.Generic.List[object]]::new()
        $thrown = $null
        try { Get-LlamaChatSession @Conn | ForEach-Object { $got.Add($_) } } catch { $thrown = $_ }
        $got.Count | Should -Be 100
        $thrown.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.ListIncomplete,*'
        $thrown.Exception.Message | Should -Be 'The session list is incomplete: 100 sessions were listed, then the API returned 10 empty pages in a row that still had a next page token (pages 2 to 11)'
        @(Get-EmulatorRequest).Count | Should -Be 11
    }

    It 'a 400 that does not name page_size is an error, not a fallback' {
        Add-Fault @{ path = '/api/v1/chat'; status = 400; times = -1; body = '{"detail":"project_id is not a UUID"}' }
        { Get-LlamaChatSession @Conn } | Should -Throw -ErrorId 'LlamaCloud.BadRequest*'
        @(Get-EmulatorRequest).Count | Should -Be 1
    }
}

Describe '-TimeoutSec measures the server, not the pipeline' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'a slow consumer (2 ms per event) behind several large sessions at -TimeoutSec 1: one GET per id, no error' {
        # While the first session is consumed slowly (~6 s), the large ones download ahead into full channels.
        $ids = 'ses-gen-3000-7', 'ses-gen-60000-1', 'ses-gen-60000-2', 'ses-gen-60000-3'
        # Generate (and cache) them first: a busy machine's first generation must not pass for a stalled server.
        foreach ($id in $ids) { $null = Invoke-WebRequest -Uri "$Url/api/v1/chat/$id" -Headers @{ Authorization = "Bearer $Key" } }
        Clear-EmulatorRequest
        $count = @{}
        $ids | Get-LlamaChatEvent @Conn -TimeoutSec 1 -ErrorVariable errs | ForEach-Object {
            if ($_.SessionId -eq 'ses-gen-3000-7') { Start-Sleep -Milliseconds 2 }
            $count[$_.SessionId] = 1 + [int]$count[$_.SessionId]
        }
        $errs.Count | Should -Be 0
        foreach ($id in $ids) {
            $count[$id] | Should -Be ([int]($id -split '-')[2])
            @(Get-SessionRequest $id).Count | Should -Be 1 -Because "$id must be downloaded once"
        }
    }
}

Describe 'Verbose lines' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'name the host, and rate-limit waits are not counted as attempts' {
        $hostPart = ([uri]$Url).Authority
        Add-Fault @{ path = 'ses-demo'; status = 429; times = 4; headers = @{ 'retry-after-ms' = '5' } }
        Add-Fault @{ path = 'ses-demo'; status = 503; times = 1; headers = @{ 'retry-after-ms' = '5' } }
        $v = (Get-LlamaChatSession -Id ses-demo @Conn -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        $attempts = @($v | Where-Object { $_ -match '^GET \S+ \(attempt' })
        $attempts.Count | Should -Be 6
        $attempts[0] | Should -Be "GET http://$hostPart/api/v1/chat/ses-demo (attempt 1 of 3)"
        $attempts[4] | Should -Be "GET http://$hostPart/api/v1/chat/ses-demo (attempt 1 of 3, after 4 rate-limit waits)"
        $attempts[5] | Should -Be "GET http://$hostPart/api/v1/chat/ses-demo (attempt 2 of 3, after 4 rate-limit waits)"
        @($v | Where-Object { $_ -match 'attempt (\d+) of (\d+)' -and [int]$Matches[1] -gt [int]$Matches[2] }).Count | Should -Be 0
    }
}

Describe 'Long waits are visible without -Verbose' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It '<Command>: a download running over a second shows progress with the bytes received of the total, a percentage and the time left, then completes it' -TestCases @(
        @{ Command = 'Get-LlamaChatSession -Id' }
        @{ Command = 'Get-LlamaChatEvent -SessionId' }
    ) {
        $total = (Get-EmulatorBody 'ses-gen-5000').Length # what the emulator's Content-Length says
        Add-Fault @{ path = 'ses-gen-5000'; kind = 'slow'; chunkBytes = 8192; chunkDelayMs = 60; times = -1 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; $Command ses-gen-5000 -BaseUri '$Url' -ApiKey '$Key' | Measure-Object | ForEach-Object Count")
            $ps.Invoke() | Should -Be $(if ($Command -like 'Get-LlamaChatEvent*') { 5000 } else { 1 })
            $p = @($ps.Streams.Progress | Where-Object Activity -eq 'Downloading from LlamaCloud')
            $running = @($p | Where-Object RecordType -eq 'Processing')
            $p[0].RecordType | Should -Be 'Processing'
            @($p | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
            $totalText = $total.ToString('N0', [cultureinfo]::InvariantCulture)
            foreach ($r in $running) {
                $r.StatusDescription | Should -Match "^session 'ses-gen-5000': [\d,]+ of $totalText bytes \(\d+%\)$"
                $received = [long](($r.StatusDescription -replace '^.*: ([\d,]+) of .*$', '$1') -replace ',', '')
                $r.PercentComplete | Should -Be ([int][Math]::Floor($received * 100 / $total)) -Because $r.StatusDescription
                $r.StatusDescription | Should -BeLike "*($($r.PercentComplete)%)"
                $r.SecondsRemaining | Should -BeGreaterOrEqual 0 -Because 'the rate so far gives the time left'
            }
            $bytes = $running | ForEach-Object { [long](($_.StatusDescription -replace '^.*: ([\d,]+) of .*$', '$1') -replace ',', '') }
            $bytes[0] | Should -BeGreaterOrEqual 8192 -Because 'a record appears after a second, when several 8 KiB chunks have arrived'
            $bytes[-1] | Should -BeLessOrEqual $total
            ($bytes | Sort-Object) -join ',' | Should -Be ($bytes -join ',')   # never goes back
            $p[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }

    It 'a server-requested wait over a second counts down, a short call shows nothing' {
        Add-Fault @{ path = 'ses-demo'; status = 503; times = 1; headers = @{ 'Retry-After' = '2' } }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; (Get-LlamaChatSession -Id ses-demo -BaseUri '$Url' -ApiKey '$Key').SessionId")
            $ps.Invoke() | Should -Be 'ses-demo'
            $p = @($ps.Streams.Progress | Where-Object Activity -eq 'Waiting for LlamaCloud')
            $running = @($p | Where-Object RecordType -eq 'Processing')
            $p[0].RecordType | Should -Be 'Processing'
            @($p | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
            $running[0].StatusDescription | Should -Match ('^GET ' + [regex]::Escape($Url) + '/api/v1/chat/ses-demo: retrying in [12] s$')
            $running[0].SecondsRemaining | Should -BeIn 1, 2
            $p[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; (Get-LlamaChatSession -Id ses-demo -BaseUri '$Url' -ApiKey '$Key').SessionId")
            $ps.Invoke() | Should -Be 'ses-demo'
            @($ps.Streams.Progress).Count | Should -Be 0
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Requests held back by a 429' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'show their wait as progress' {
        # ses-fix-01 must come back in 2 s; ses-fix-02's own 429 arrives 300 ms later asking for 10 ms, so it is held back ~1.7 s.
        Add-Fault @{ path = 'ses-fix-01'; status = 429; times = 1; headers = @{ 'retry-after-ms' = '2000' } }
        Add-Fault @{ path = 'ses-fix-02'; status = 429; times = 1; delayMs = 300; headers = @{ 'retry-after-ms' = '10' } }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; ('ses-fix-01', 'ses-fix-02' | Get-LlamaChatSession -BaseUri '$Url' -ApiKey '$Key').SessionId")
            $ps.Invoke() | Should -Be 'ses-fix-01', 'ses-fix-02'
            $held = @($ps.Streams.Progress | Where-Object { $_.Activity -eq 'Waiting for LlamaCloud' -and $_.StatusDescription -like 'held back*' })
            $held[0].RecordType | Should -Be 'Processing'
            $held[0].StatusDescription | Should -Match '^held back: the server asked this command to slow down: retrying in [12] s$'
            @($ps.Streams.Progress | Where-Object ActivityId -eq $held[0].ActivityId)[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Values kept whole, end to end' {
    BeforeAll { Reset-Emulator }

    It '{"":0}, {"a":1,"a":2} and [1e400] as tool results keep their values (a repeated key as ConvertFrom-Json: the last)' {
        Set-EmulatorSession -Id ses-values -Json '{"session_id":"ses-values","events":[{"call_id":"c1","name":"n","result":{"":0},"type":"tool_result"},{"call_id":"c2","name":"n","result":{"a":1,"a":2},"type":"tool_result"},{"call_id":"c3","name":"n","result":[1e400],"type":"tool_result"},{"call_id":"c4","name":"n","result":{"id":123456789012345678901234567890},"type":"tool_result"}]}'
        foreach ($r in @(Get-LlamaChatEvent -SessionId ses-values @Conn), @((Get-LlamaChatSession -Id ses-values @Conn).Events)) {
            $r.Count | Should -Be 4
            $r[0].Result | Should -BeOfType System.Collections.Specialized.OrderedDictionary
            $r[0].Result[''] | Should -Be 0
            @($r[1].Result.PSObject.Properties).Count | Should -Be 1
            $r[1].Result.a | Should -Be 2
            $r[2].Result | Should -Be ([double]::PositiveInfinity)
            $r[3].Result.id | Should -BeOfType System.Numerics.BigInteger
            $r[3].Result.id.ToString() | Should -Be '123456789012345678901234567890'
            $r[1].ResultJson | Should -Be '{"a":1,"a":2}'
            $r[2].ResultJson | Should -Be '[1e400]'
        }
    }
}
