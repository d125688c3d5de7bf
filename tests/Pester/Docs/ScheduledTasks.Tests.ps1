# docs/scheduled-tasks.md, run as written: the module installed as its section 1 says (the package Publish-Package
# makes for ./build.ps1 Package, Install-PSResource -Scope CurrentUser into a home of the task's own), then each recipe
# as a scheduler runs it: pwsh -NoProfile -NonInteractive -File, from a folder outside the repository, the key in the
# environment, nothing else. Logs must be plain text: no ANSI escape sequence anywhere in what the task writes.
BeforeDiscovery {
    # PSResourceGet ships with PowerShell 7.4+; on Windows PowerShell 5.1 it may be missing (the docs name Install-Module there).
    $script:NoPSResourceGet = -not (Get-Command Install-PSResource -ErrorAction SilentlyContinue)
}
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).ProviderPath
    $script:Doc = Get-Content -Raw (Join-Path $Root 'docs/scheduled-tasks.md')
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("llama-tasks-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $script:TaskHome = Join-Path $Work 'home'     # the task account's home: where CurrentUser installs go
    $script:Jobs = Join-Path $Work 'jobs'         # where the scripts live and run, far from the repository
    $null = New-Item -ItemType Directory -Path $TaskHome, $Jobs
    $modulePath = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $Root 'out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
    $script:ModuleDir = Split-Path (Resolve-Path $modulePath).ProviderPath

    function Get-Block([string] $Marker) {
        $m = [regex]::Match($Doc, '(?s)<!-- ' + [regex]::Escape($Marker) + ' -->\s*```powershell\r?\n(?<code>.*?)```')
        if (-not $m.Success) { throw "docs/scheduled-tasks.md has no block marked '$Marker'" }
        $m.Groups['code'].Value
    }
    # The task's environment: its own home (so its CurrentUser module folder), the key and base URI, no colour
    # settings (the recipes must make their logs plain text themselves), and no module path from this test run.
    function Get-TaskEnvironment([string] $ApiKey = $Key) {
        $defaultModulePath = ($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ -and $_ -notlike "$(Split-Path $ModuleDir)*" }) -join [IO.Path]::PathSeparator
        @{
            HOME = $TaskHome; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null
            PSModulePath = $defaultModulePath; LLAMA_CHAT_TEST_MODULE = $null; NO_COLOR = $null
            LLAMA_CLOUD_API_KEY = $ApiKey; LLAMA_CLOUD_BASE_URL = $Url; LLAMA_PARSE_API_KEY = $null
        }
    }
    function Invoke-Task([string] $Script, [string[]] $Arguments = @(), [string] $ApiKey = $Key) {
        $r = Invoke-ChildPwsh -WorkingDirectory $Jobs -Environment (Get-TaskEnvironment $ApiKey) -Arguments (@('-NoProfile', '-NonInteractive', '-File', (Join-Path $Jobs $Script)) + $Arguments)
        $r | Add-Member -NotePropertyName All -NotePropertyValue ($r.Output + $r.Errors) -PassThru
    }
    function Assert-PlainText([string] $Text) { $Text.IndexOf([char]27) | Should -Be -1 -Because "a log must hold no ANSI escape: $Text" }

    # Section 1, as written: ./build.ps1 Package's package (made by the same script, tools/Publish-Package.ps1) in
    # ./out/repo of a folder, and the install block run from there.
    $checkout = Join-Path $Work 'checkout'
    if (-not (Get-Command Install-PSResource -ErrorAction SilentlyContinue)) { return }
    $null = & (Join-Path $Root 'tools/Publish-Package.ps1') -ModulePath $ModuleDir -RepositoryPath (Join-Path $checkout 'out/repo') 6>$null
    Set-Content -LiteralPath (Join-Path $Work 'install.ps1') -Value (Get-Block 'install:start') -Encoding utf8
    $script:Install = Invoke-ChildPwsh -WorkingDirectory $checkout -Environment (Get-TaskEnvironment) -Arguments '-NoProfile', '-NonInteractive', '-File', (Join-Path $Work 'install.ps1')
    foreach ($name in 'sync-archive.ps1', 'usage-report.ps1', 'canary.ps1') {
        Set-Content -LiteralPath (Join-Path $Jobs $name) -Value (Get-Block "recipe:$name") -Encoding utf8
    }
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
}

Describe 'Installing as docs/scheduled-tasks.md says' -Skip:$NoPSResourceGet {
    It 'Install-PSResource puts the package in the task account''s own module folder, where its pwsh finds it' {
        $Install.ExitCode | Should -Be 0 -Because $Install.Errors
        $Install.Errors | Should -BeNullOrEmpty
        $Install.Output | Should -Match 'LlamaCloud\.Chat'
        $Install.Output | Should -Match ([regex]::Escape($TaskHome))
        $r = Invoke-ChildPwsh -WorkingDirectory $Jobs -Environment (Get-TaskEnvironment) -Arguments '-NoProfile', '-NonInteractive', '-Command', '(Get-Module -ListAvailable LlamaCloud.Chat).ModuleBase'
        $r.Output.Trim() | Should -BeLike "$TaskHome*"
    }

    It 'without it, a recipe fails with exit code 2 and says why, in plain text' {
        $bare = Get-TaskEnvironment
        $bare.HOME = Join-Path $Work 'no-module-home'
        $null = New-Item -ItemType Directory -Force -Path $bare.HOME
        $r = Invoke-ChildPwsh -WorkingDirectory $Jobs -Environment $bare -Arguments '-NoProfile', '-NonInteractive', '-File', (Join-Path $Jobs 'usage-report.ps1')
        $r.ExitCode | Should -Be 2
        $r.Errors | Should -Match "Usage report failed: Modules_ModuleNotFound"
        Assert-PlainText ($r.Output + $r.Errors)
    }

    It 'the PSModulePath line works instead of installing' {
        $folder = Join-Path $Work 'portable'
        $null = New-Item -ItemType Directory -Force -Path (Join-Path $folder 'Modules')
        Copy-Item -Recurse -LiteralPath $ModuleDir -Destination (Join-Path $folder 'Modules')
        $line = [regex]::Match($Doc, '(?m)^\$env:PSModulePath = \(Join-Path \$PSScriptRoot ''Modules''\).*$').Value
        $line | Should -BeLike '$env:PSModulePath = (Join-Path $PSScriptRoot ''Modules'')*' -Because 'docs/scheduled-tasks.md shows the line'
        Set-Content -LiteralPath (Join-Path $folder 'where.ps1') -Value ($line + "`n(Get-Command Get-LlamaChatSession).Module.ModuleBase") -Encoding utf8
        $bare = Get-TaskEnvironment
        $bare.HOME = Join-Path $Work 'no-module-home'
        $r = Invoke-ChildPwsh -WorkingDirectory $Jobs -Environment $bare -Arguments '-NoProfile', '-NonInteractive', '-File', (Join-Path $folder 'where.ps1')
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Trim() | Should -Be (Join-Path $folder 'Modules/LlamaCloud.Chat')
    }
}

Describe 'The recipes of docs/scheduled-tasks.md, as a scheduler runs them' -Skip:$NoPSResourceGet {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'sync-archive.ps1: exit 0 and an OK line; then exit 2 with a RUN FAILED line for a rejected key, all plain text' {
        $r = Invoke-Task 'sync-archive.ps1'
        $r.ExitCode | Should -Be 0 -Because $r.All
        $archive = Join-Path $Jobs 'llama-archive'
        @(Get-ChildItem -LiteralPath $archive -Filter *.json).Count | Should -Be 17
        $log = @(Get-Content -LiteralPath (Join-Path $Jobs 'sync-archive.log'))
        $log[-1] | Should -Match '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ OK new=17 updated=0 unchanged=0 missing=0 failed=0 in \d+ s$'
        $bad = Invoke-Task 'sync-archive.ps1' -ApiKey 'wrong-key-0000'
        $bad.ExitCode | Should -Be 2
        $bad.Errors | Should -Match 'Archive sync did not complete: LlamaCloud\.Unauthorized'
        (Get-Content -LiteralPath (Join-Path $Jobs 'sync-archive.log'))[-1] | Should -Match 'RUN FAILED LlamaCloud\.Unauthorized,.* was rejected by '
        Assert-PlainText $bad.All
        Assert-PlainText (Get-Content -Raw -LiteralPath (Join-Path $Jobs 'sync-archive.log'))
    }

    It 'sync-archive.ps1: a session that fails alone is logged and exits 1; the others are archived' {
        Remove-Item -Recurse -Force (Join-Path $Jobs 'llama-archive') -ErrorAction SilentlyContinue
        Add-Fault @{ path = 'ses-err'; status = 404; times = -1; body = '{"detail":"Session not found"}' }
        $r = Invoke-Task 'sync-archive.ps1'
        $r.ExitCode | Should -Be 1 -Because $r.All
        @(Get-ChildItem -LiteralPath (Join-Path $Jobs 'llama-archive') -Filter *.json).Count | Should -Be 16
        @(Get-Content -LiteralPath (Join-Path $Jobs 'sync-archive.log')) -match '^\S+ \S+ FAILED ses-err LlamaCloud\.NotFound,' | Should -HaveCount 1
        Assert-PlainText $r.All
    }

    It 'usage-report.ps1: a CSV with flat usage columns and UTC-marked times' {
        $r = Invoke-Task 'usage-report.ps1' @('-Days', '36500')
        $r.ExitCode | Should -Be 0 -Because $r.All
        $r.Output | Should -Match '^17 sessions, 5404 input tokens -> '
        $csv = @(Import-Csv -LiteralPath (Get-ChildItem -LiteralPath (Join-Path $Jobs 'reports') -Filter 'usage-*.csv').FullName)
        $csv.Count | Should -Be 17
        ($csv | Where-Object SessionId -eq 'ses-demo').LastUpdatedAtUtc | Should -Be '2026-04-22T12:34:41.342245Z'
        ($csv | Where-Object SessionId -eq 'ses-err').Error | Should -Be 'Tool timeout'
        Assert-PlainText $r.All
    }

    It 'canary.ps1: exit 0 after a good turn, 1 when the turn fails, and deletes its session either way' {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path 'stream' -Body @{ paceMs = 0 }
        $r = Invoke-Task 'canary.ps1'
        $r.ExitCode | Should -Be 0 -Because $r.All
        $r.Output | Should -Match '^canary ok: 13 events in session ses-new-'
        @(Get-EmulatorRequest | Where-Object method -eq 'DELETE').Count | Should -Be 1
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path 'stream' -Body @{ paceMs = 0; error = 'index offline' }
        $failed = Invoke-Task 'canary.ps1'
        $failed.ExitCode | Should -Be 1
        $failed.Errors | Should -Match 'canary failed: LlamaCloud\.TurnFailed'
        @(Get-EmulatorRequest | Where-Object method -eq 'DELETE').Count | Should -Be 2
        Assert-PlainText $failed.All
    }

    It 'the plain-text check can fail: the same error without the recipes'' first line is coloured' {
        Set-Content -LiteralPath (Join-Path $Jobs 'coloured.ps1') -Value 'Write-Error "boom" -ErrorAction Continue' -Encoding utf8
        $r = Invoke-Task 'coloured.ps1'
        $r.Errors.IndexOf([char]27) | Should -BeGreaterOrEqual 0 -Because 'PowerShell colours errors in a log unless told not to'
    }
}
