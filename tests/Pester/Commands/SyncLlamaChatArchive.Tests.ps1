BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "llama-sync-$PID"
    $script:ModuleFile = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../../out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
    $script:Pwsh = (Get-Process -Id $PID).Path

    # Every file of an archive folder: name, size, time and content hash.
    function Get-Snapshot([string] $Folder) {
        Get-ChildItem -Force -File $Folder | Sort-Object Name | ForEach-Object {
            '{0}|{1}|{2}|{3}' -f $_.Name, $_.Length, $_.LastWriteTimeUtc.Ticks, (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash
        }
    }
    # The archive's content, timestamps aside: what two runs must agree on.
    function Get-ArchiveContent([string] $Folder) {
        Get-ChildItem -Force -File $Folder | Sort-Object Name | ForEach-Object { '{0}|{1}' -f $_.Name, (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash }
    }
    function Get-SessionRequest { @(Get-EmulatorRequest | Where-Object { $_.path -like '/api/v1/chat/*' }) }
    function Get-ListRequest { @(Get-EmulatorRequest | Where-Object { $_.path -eq '/api/v1/chat' }) }
    function Set-Latency([int] $Ms) { $null = Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path 'config' -Body @{ latencyMs = $Ms } }
    function Start-FreshPwsh([string] $Script) {
        $psi = [Diagnostics.ProcessStartInfo]::new($Pwsh)
        if ($Pwsh -match 'dotnet(\.exe)?$') { $psi.ArgumentList.Add('pwsh') }
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $Script) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        [Diagnostics.Process]::Start($psi)
    }
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
}

Describe 'Sync-LlamaChatArchive' {
    BeforeEach {
        Reset-Emulator
        Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
        $script:Listed = @((Get-LlamaChatSession @Conn).SessionId)
        Clear-EmulatorRequest
    }

    It 'fetches everything once, then nothing and touches no file, then exactly the session that changed' {
        $r1 = Sync-LlamaChatArchive -Path $Dir @Conn
        $r1.New | Should -Be $Listed.Count
        $r1.Updated, $r1.Unchanged, $r1.Missing, $r1.Failed | Should -Be 0, 0, 0, 0
        (Get-SessionRequest).Count | Should -Be $Listed.Count
        $back = Get-LlamaChatSession -Path (Join-Path $Dir '*.json')
        $back.SessionId | Sort-Object | Should -Be ($Listed | Sort-Object)
        [Convert]::ToBase64String([IO.File]::ReadAllBytes((Join-Path $Dir 'ses-unicode.json'))) | Should -Be ([Convert]::ToBase64String((Get-EmulatorBody ses-unicode)))
        $before = Get-Snapshot $Dir

        Clear-EmulatorRequest
        $r2 = Sync-LlamaChatArchive -Path $Dir @Conn
        (Get-SessionRequest).Count | Should -Be 0
        (Get-ListRequest).Count | Should -Be 1
        $r2.New, $r2.Updated, $r2.Unchanged, $r2.Failed | Should -Be 0, 0, $Listed.Count, 0
        Get-Snapshot $Dir | Should -Be $before

        $changed = '{"events":[{"content":"Neu: Grüße","type":"user_input"}],"last_updated_at":"2027-01-01T00:00:00.000001","session_id":"ses-fix-03","generated_title":"changed","index_ids":null,"job_metadata":null}'
        Set-EmulatorSessionBytes -Id ses-fix-03 -Body ([Text.UTF8Encoding]::new($false).GetBytes($changed))
        Clear-EmulatorRequest
        $r3 = Sync-LlamaChatArchive -Path $Dir @Conn
        (Get-SessionRequest).path | Should -Be '/api/v1/chat/ses-fix-03'
        $r3.New, $r3.Updated, $r3.Unchanged, $r3.Failed | Should -Be 0, 1, ($Listed.Count - 1), 0
        [IO.File]::ReadAllText((Join-Path $Dir 'ses-fix-03.json')) | Should -BeExactly $changed
        $after = Get-Snapshot $Dir
        $unchangedFiles = { param($s) $s | Where-Object { $_ -notlike 'ses-fix-03.json|*' -and $_ -notlike '.llama-archive.index|*' } }
        & $unchangedFiles $after | Should -Be (& $unchangedFiles $before)
    }

    It 'keeps and reports a session the project no longer lists, and never deletes its file' {
        $null = Sync-LlamaChatArchive -Path $Dir @Conn
        $null = Invoke-RestMethod -Method Delete -Uri "$Url/api/v1/chat/ses-fix-07" -Headers @{ Authorization = "Bearer $Key" }
        Clear-EmulatorRequest
        $r = Sync-LlamaChatArchive -Path $Dir @Conn
        $r.Missing | Should -Be 1
        $r.MissingIds | Should -Be 'ses-fix-07'
        $r.Unchanged | Should -Be ($Listed.Count - 1)
        (Get-SessionRequest).Count | Should -Be 0
        Test-Path (Join-Path $Dir 'ses-fix-07.json') | Should -BeTrue
    }

    It 'reports each failed session as one error and in the summary, and fetches it on the next run' {
        Add-Fault @{ path = 'ses-fix-05'; status = 500; times = -1 }
        $r = Sync-LlamaChatArchive -Path $Dir @Conn -MaximumRetryCount 0 -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.Failed | Should -Be 1
        $r.FailedIds | Should -Be 'ses-fix-05'
        $r.Succeeded | Should -BeFalse
        $r.New | Should -Be ($Listed.Count - 1)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.ServerError,*'
        $errs[0].TargetObject | Should -Be 'ses-fix-05'
        Test-Path (Join-Path $Dir 'ses-fix-05.json') | Should -BeFalse

        $null = Invoke-EmulatorControl -Emulator $Emulator -Method Delete -Path 'faults'
        Clear-EmulatorRequest
        $r = Sync-LlamaChatArchive -Path $Dir @Conn
        (Get-SessionRequest).path | Should -Be '/api/v1/chat/ses-fix-05'
        $r.New, $r.Unchanged, $r.Failed | Should -Be 1, ($Listed.Count - 1), 0
    }

    It '-PassThru writes the files it wrote, then the summary; -Indented indents them' {
        $out = Sync-LlamaChatArchive -Path $Dir -PassThru -Indented @Conn
        $out.Count | Should -Be ($Listed.Count + 1)
        $out[-1] | Should -BeOfType LlamaCloud.Chat.ArchiveSyncResult
        ($out | Select-Object -SkipLast 1).Name | Sort-Object | Should -Be ($Listed | ForEach-Object { "$_.json" } | Sort-Object)
        (Get-Content -LiteralPath (Join-Path $Dir 'ses-demo.json'))[1] | Should -BeLike '  "events": `[*'
        $again = Sync-LlamaChatArchive -Path $Dir -PassThru @Conn
        @($again).Count | Should -Be 1
        $again.Unchanged | Should -Be $Listed.Count
    }

    It 'learns from files already in the folder (an earlier export) instead of fetching them' {
        'ses-demo', 'ses-abc123' | Export-LlamaChatSession -Path $Dir @Conn
        Clear-EmulatorRequest
        $r = Sync-LlamaChatArchive -Path $Dir @Conn
        $r.Unchanged, $r.New | Should -Be 2, ($Listed.Count - 2)
        (Get-SessionRequest).path | Should -Not -Contain '/api/v1/chat/ses-demo'
        (Get-SessionRequest).Count | Should -Be ($Listed.Count - 2)
    }

    It 'a second run waits for the lock a bounded time, then fails with LlamaCloud.ArchiveLocked, fetching nothing' {
        New-Item -ItemType Directory -Force $Dir | Out-Null
        $held = [IO.File]::Open((Join-Path $Dir '.llama-archive.lock'), 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            { Sync-LlamaChatArchive -Path $Dir -LockTimeoutSec 1 @Conn -ErrorAction Stop } | Should -Throw -ErrorId 'LlamaCloud.ArchiveLocked*'
            $elapsed = $sw.Elapsed.TotalSeconds
            # It waited for -LockTimeoutSec 1, and no more than a bounded time.
            $elapsed | Should -BeGreaterOrEqual 0.95
            $elapsed | Should -BeLessThan 30
            # And it says what it waits for, and how long.
            $said = [System.Collections.Generic.List[object]]::new()
            try { Sync-LlamaChatArchive -Path $Dir -LockTimeoutSec 1 @Conn -ErrorAction Stop -Verbose 4>&1 | ForEach-Object { $said.Add($_) } } catch { }
            $waits = @($said | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*in use by another run*' })
            $waits.Count | Should -Be 1
            $waits[0].Message | Should -BeLike '*waiting up to 1 s*' 
            @(Get-EmulatorRequest).Count | Should -Be 0
        }
        finally { $held.Dispose() }
        (Sync-LlamaChatArchive -Path $Dir @Conn).New | Should -Be $Listed.Count
    }

    It 'a second run started while the first holds the lock proceeds once it is released' {
        New-Item -ItemType Directory -Force $Dir | Out-Null
        $lock = Join-Path $Dir '.llama-archive.lock'
        $job = Start-ThreadJob { $h = [IO.File]::Open($using:lock, 'OpenOrCreate', 'ReadWrite', 'None'); Start-Sleep -Milliseconds 3000; $h.Dispose() }
        try {
            while (-not (Test-Path $lock)) { Start-Sleep -Milliseconds 20 }
            Start-Sleep -Milliseconds 200
            $r = Sync-LlamaChatArchive -Path $Dir -LockTimeoutSec 60 @Conn -Verbose 4>&1 | Where-Object { $_ -is [LlamaCloud.Chat.ArchiveSyncResult] -or "$_" -like '*in use by another run*' }
            $r[0] | Should -BeLike '*in use by another run; waiting up to 60 s*'
            $r[-1].New | Should -Be $Listed.Count
        }
        finally { $job | Wait-Job | Remove-Job }
    }

    It 'a run killed mid-way, run again, gives the same archive as an uninterrupted run, fetching nothing twice' {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path 'sessions' -Body @{ count = 40; prefix = 'ses-k-'; events = 30 }
        $all = @((Get-LlamaChatSession @Conn).SessionId)
        $all.Count | Should -Be ($Listed.Count + 40)
        $killed = Join-Path $Dir 'killed'
        $whole = Join-Path $Dir 'whole'
        Set-Latency 300
        $p = Start-FreshPwsh "Import-Module '$ModuleFile'; Sync-LlamaChatArchive -Path '$killed' -BaseUri '$Url' -ApiKey '$Key' -ThrottleLimit 2 | Out-Null"
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while (@(Get-ChildItem $killed -Filter '*.json' -ErrorAction SilentlyContinue).Count -lt 6 -and -not $p.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $p.HasExited | Should -BeFalse -Because 'the run must still be going when it is killed'
        }
        finally { $p.Kill($true); $p.WaitForExit() }
        # What the kill left: only complete session files, some temporary ones, the lock file.
        $complete = @(Get-ChildItem $killed -Filter '*.json')
        $complete.Count | Should -BeGreaterOrEqual 6 -Because 'the run is killed once six session files are written'
        $complete.Count | Should -BeLessThan $all.Count
        @(Get-LlamaChatSession -Path (Join-Path $killed '*.json')).Count | Should -Be $complete.Count
        Test-Path (Join-Path $killed '.llama-archive.lock') | Should -BeTrue

        Set-Latency 0
        Clear-EmulatorRequest
        $r = Sync-LlamaChatArchive -Path $killed @Conn -LockTimeoutSec 5
        (Get-SessionRequest).Count | Should -Be ($all.Count - $complete.Count)
        (Get-SessionRequest).path | Should -Not -BeIn ($complete | ForEach-Object { '/api/v1/chat/' + $_.BaseName })
        $r.New, $r.Unchanged, $r.Failed | Should -Be ($all.Count - $complete.Count), $complete.Count, 0
        @(Get-ChildItem -Force $killed -Filter '*.tmp').Count | Should -Be 0

        $null = Sync-LlamaChatArchive -Path $whole @Conn
        Get-ArchiveContent $killed | Should -Be (Get-ArchiveContent $whole)
        @(Get-ChildItem -Force $killed).Count | Should -Be ($all.Count + 2) # the sessions, the index, the lock
    }

    It 'Ctrl+C (Stop) records what was put in place, releases the lock and leaves no temporary file' {
        Set-Latency 300
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$ModuleFile'; Sync-LlamaChatArchive -Path '$Dir' -BaseUri '$Url' -ApiKey '$Key' -ThrottleLimit 2")
        $async = $ps.BeginInvoke()
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (@(Get-ChildItem $Dir -Filter '*.json' -ErrorAction SilentlyContinue).Count -lt 3 -and -not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $async.IsCompleted | Should -BeFalse -Because 'the run must still be going when it is stopped'
            $ps.Stop()
        }
        finally { $ps.Dispose() }
        $files = @(Get-ChildItem $Dir -Filter '*.json')
        $files.Count | Should -BeLessThan $Listed.Count
        $index = Get-Content -Raw (Join-Path $Dir '.llama-archive.index') | ConvertFrom-Json
        @($index.sessions.file) | Sort-Object | Should -Be ($files.Name | Sort-Object)
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while (@(Get-ChildItem -Force $Dir -Filter '*.tmp').Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        @(Get-ChildItem -Force $Dir -Filter '*.tmp').Count | Should -Be 0
        Set-Latency 0
        Clear-EmulatorRequest
        $r = Sync-LlamaChatArchive -Path $Dir -LockTimeoutSec 0 @Conn
        $r.New, $r.Unchanged | Should -Be ($Listed.Count - $files.Count), $files.Count
        (Get-SessionRequest).Count | Should -Be ($Listed.Count - $files.Count)
    }

    It 'supports -WhatIf: lists the project and says what a run would fetch; nothing is fetched or written' {
        Clear-EmulatorRequest
        Sync-LlamaChatArchive -Path $Dir @Conn -WhatIf
        Test-Path $Dir | Should -BeFalse
        $r = @(Get-EmulatorRequest)
        @($r | Where-Object path -ne '/api/v1/chat').Count | Should -Be 0 -Because 'no session is downloaded'
        $lists = @($r | Where-Object path -eq '/api/v1/chat')
        # The listing says what a run would fetch: every page of it, at the page size the command asked for, walked here
        # straight against the emulator.
        $size = $lists[0].query.page_size
        $pages = 0; $token = $null
        do {
            $query = @("page_size=$size") + $(if ($token) { "page_token=$([uri]::EscapeDataString($token))" })
            $page = Invoke-RestMethod "$Url/api/v1/chat?$($query -join '&')" -Headers @{ Authorization = "Bearer $Key" }
            $pages++; $token = $page.next_page_token
        } while ($token)
        $lists.Count | Should -Be $pages
    }

    It '-WhatIf names each session a run would fetch (new or changed), and a summary, in a real pwsh' {
        $null = New-Item -ItemType Directory -Path $Dir
        $null = Sync-LlamaChatArchive -Path $Dir @Conn
        $changed = $Listed[0]
        Set-EmulatorSession -Id $changed -Json ('{"session_id":"' + $changed + '","last_updated_at":"2026-12-01T00:00:00.000001","events":[]}')
        Set-EmulatorSession -Id 'ses-brand-new' -Json '{"session_id":"ses-brand-new","last_updated_at":"2026-12-02T00:00:00.000001","events":[]}'
        $before = @(Get-ChildItem -Force $Dir | ForEach-Object { "$($_.Name) $($_.Length) $($_.LastWriteTimeUtc.Ticks)" })
        @($before -like '*.json *').Count | Should -Be $Listed.Count
        Clear-EmulatorRequest
        $run = Invoke-ChildPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', "`$PSStyle.OutputRendering = 'PlainText'; Import-Module '$env:LLAMA_CHAT_TEST_MODULE'; Sync-LlamaChatArchive -Path '$Dir' -BaseUri '$Url' -ApiKey '$Key' -WhatIf"
        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $lines = @($run.Output -split "`r?`n" | Where-Object { $_ -like 'What if:*' })
        $lines | Should -Contain "What if: Performing the operation `"Synchronize the chat session archive`" on target `"$Dir`"."
        @($lines | Where-Object { $_ -like 'What if: Fetching new session*' }) | Should -Be @("What if: Fetching new session 'ses-brand-new' (last updated 2026-12-02 00:00:00 UTC) into $(Join-Path $Dir 'ses-brand-new.json').")
        @($lines | Where-Object { $_ -like 'What if: Fetching changed session*' }) | Should -Be @("What if: Fetching changed session '$changed' (last updated 2026-12-01 00:00:00 UTC) into $(Join-Path $Dir "$changed.json").")
        $lines[-1] | Should -Be "What if: Synchronizing $Dir would fetch 2 session(s), leave $($Listed.Count - 1) unchanged and report 0 as no longer listed."
        @(Get-EmulatorRequest | Where-Object path -ne '/api/v1/chat').Count | Should -Be 0
        @(Get-ChildItem -Force $Dir | ForEach-Object { "$($_.Name) $($_.Length) $($_.LastWriteTimeUtc.Ticks)" }) | Should -Be $before
    }
}

Describe 'Sync-LlamaChatArchive lists through the paging rules of Get-LlamaChatSession' {
    BeforeEach {
        Reset-Emulator
        Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
        Clear-EmulatorRequest
    }

    It 'a page still failing after the retries: one terminating ListIncomplete, nothing fetched, no file or index touched, nothing Missing next run' {
        # 127 sessions: two pages of 100. The first run archives them all.
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path 'sessions' -Body @{ count = 110; prefix = 'ses-p-'; events = 3 }
        (Sync-LlamaChatArchive -Path $Dir @Conn).New | Should -Be 127
        $before = Get-Snapshot $Dir
        Add-Fault @{ path = '/api/v1/chat'; query = 'page_token='; status = 503; times = -1; headers = @{ 'retry-after-ms' = '1' } }
        Clear-EmulatorRequest
        $out = [System.Collections.Generic.List[object]]::new()
        $thrown = $null
        try { Sync-LlamaChatArchive -Path $Dir @Conn -MaximumRetryCount 1 | ForEach-Object { $out.Add($_) } } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.ListIncomplete,*'
        $thrown.Exception.Message | Should -BeLike 'The session list is incomplete: 100 sessions were listed, then page 2 failed after the retries: *503*'
        $out.Count | Should -Be 0 # no summary: no session is reported Missing
        (Get-ListRequest).Count | Should -Be 3 # page 1, page 2 twice (-MaximumRetryCount 1)
        (Get-SessionRequest).Count | Should -Be 0
        Get-Snapshot $Dir | Should -Be $before # the index included: it marks nothing

        $null = Invoke-EmulatorControl -Emulator $Emulator -Method Delete -Path 'faults'
        $r = Sync-LlamaChatArchive -Path $Dir -LockTimeoutSec 0 @Conn
        $r.Unchanged, $r.Missing, $r.New, $r.Failed | Should -Be 127, 0, 0, 0
    }

    It 'a rejected page_size (422 naming it): the sync completes with the server default page size, said in -Verbose' {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path 'sessions' -Body @{ count = 30; prefix = 'ses-p-'; events = 3 }
        Add-Fault @{ path = '/api/v1/chat'; query = 'page_size='; status = 422; times = -1; body = '{"detail":[{"type":"less_than_equal","loc":["query","page_size"],"msg":"Input should be less than or equal to 50"}]}' }
        $all = Sync-LlamaChatArchive -Path $Dir @Conn -Verbose 4>&1
        $r = @($all | Where-Object { $_ -is [LlamaCloud.Chat.ArchiveSyncResult] })
        $r.Count | Should -Be 1
        $r[0].New, $r[0].Failed, $r[0].Missing | Should -Be 47, 0, 0
        @(Get-ChildItem $Dir -Filter '*.json').Count | Should -Be 47
        @(($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -like 'The server rejected page_size=100 (422: *); listing with the server''s default page size instead.').Count | Should -Be 1
        $list = Get-ListRequest
        $list.Count | Should -Be 4 # the rejected one, then 3 pages of the default 20
        $list[0].query.page_size | Should -Be '100'
        $list[1..3] | ForEach-Object { $_.query.PSObject.Properties.Name | Should -Not -Contain 'page_size' }
        (Get-SessionRequest).Count | Should -Be 47
    }

    It 'an empty page that still has a next token is followed, not taken for the end of the listing' {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path 'sessions' -Body @{ count = 110; prefix = 'ses-p-'; events = 3 }
        $next = (Invoke-RestMethod "$Url/api/v1/chat?page_size=100" -Headers @{ Authorization = "Bearer $Key" }).next_page_token
        Clear-EmulatorRequest
        # Page 2 comes back empty once, pointing at itself: the real page 2 follows.
        Add-Fault @{ path = '/api/v1/chat'; query = 'page_token='; status = 200; times = 1; body = (@{ items = @(); next_page_token = $next } | ConvertTo-Json -Compress) }
        $r = Sync-LlamaChatArchive -Path $Dir @Conn
        $r.New, $r.Missing, $r.Failed | Should -Be 127, 0, 0
        (Get-ListRequest).Count | Should -Be 3
    }
}

Describe 'The archive page''s scheduled-task recipe' {
    BeforeAll {
        # The recipe exactly as docs/archives.md shows it, run as a script file in a fresh pwsh, the key and base URI in
        # its environment as a scheduled task would have them.
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../../docs/archives.md')
        $m = [regex]::Match($readme, '(?s)<!-- sync-recipe:start -->\s*```powershell\r?\n(.*?)```\s*<!-- sync-recipe:end -->')
        $m.Success | Should -BeTrue
        $script:Recipe = Join-Path ([IO.Path]::GetTempPath()) "sync-archive-$PID.ps1"
        Set-Content -LiteralPath $Recipe -Value $m.Groups[1].Value -Encoding utf8
        function Invoke-Recipe([string] $Folder, [string] $ApiKey = $Key) {
            $psi = [Diagnostics.ProcessStartInfo]::new($Pwsh)
            if ($Pwsh -match 'dotnet(\.exe)?$') { $psi.ArgumentList.Add('pwsh') }
            foreach ($a in '-NoProfile', '-NonInteractive', '-File', $Recipe, '-Path', $Folder) { $psi.ArgumentList.Add($a) }
            $psi.UseShellExecute = $false
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $psi.Environment['LLAMA_CLOUD_API_KEY'] = $ApiKey
            $psi.Environment['LLAMA_CLOUD_BASE_URL'] = $Url
            $psi.Environment['PSModulePath'] = (Split-Path (Split-Path (Resolve-Path $ModuleFile).ProviderPath)) + [IO.Path]::PathSeparator + $env:PSModulePath
            $p = [Diagnostics.Process]::Start($psi)
            $stdout = $p.StandardOutput.ReadToEndAsync()
            $stderr = $p.StandardError.ReadToEndAsync()
            $p.WaitForExit()
            [pscustomobject]@{ ExitCode = $p.ExitCode; Out = $stdout.Result; Err = $stderr.Result }
        }
    }
    AfterAll { Remove-Item -LiteralPath $Recipe -ErrorAction SilentlyContinue }
    BeforeEach { Reset-Emulator; Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

    It 'exits 2 when the listing cannot be completed, leaving the archive as it was' {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path 'sessions' -Body @{ count = 110; prefix = 'ses-p-'; events = 3 }
        (Invoke-Recipe $Dir).ExitCode | Should -Be 0
        $before = Get-Snapshot $Dir
        Add-Fault @{ path = '/api/v1/chat'; query = 'page_token='; status = 503; times = -1; headers = @{ 'retry-after-ms' = '1' } }
        $broken = Invoke-Recipe $Dir
        $broken.ExitCode | Should -Be 2
        $broken.Err | Should -Match 'Archive sync did not complete: LlamaCloud\.ListIncomplete,.*100 sessions were listed, then page 2 failed'
        ($broken.Out + $broken.Err).IndexOf([char]27) | Should -Be -1 -Because 'the log of a task is plain text'
        $broken.Out | Should -Not -Match 'Missing'
        Get-Snapshot $Dir | Should -Be $before
    }

    It 'exits 0 when everything is archived, 1 when a session failed, 2 when the run cannot start' {
        $ok = Invoke-Recipe $Dir
        $ok.ExitCode | Should -Be 0 -Because $ok.Err
        $ok.Out | Should -Match 'New 17, Updated 0, Unchanged 0, Missing 0, Failed 0'

        Remove-Item -LiteralPath (Join-Path $Dir 'ses-fix-02.json')
        Add-Fault @{ path = 'ses-fix-02'; status = 404; times = -1 }
        $failed = Invoke-Recipe $Dir
        $failed.ExitCode | Should -Be 1
        $failed.Err | Should -Match 'Not archived: ses-fix-02'

        (Invoke-Recipe $Dir -ApiKey 'wrong-key').ExitCode | Should -Be 2
    }
}
