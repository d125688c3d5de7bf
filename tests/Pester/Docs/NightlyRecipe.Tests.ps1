# docs/scheduled-tasks.md's nightly script, taken from the page itself, run as a scheduled task runs it:
# pwsh -NonInteractive -File, against the emulator, in a fresh process.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).ProviderPath
    $readme = Get-Content -Raw (Join-Path $Root 'docs/scheduled-tasks.md')
    $m = [regex]::Match($readme, '(?ms)^### A nightly archive as a scheduled task\s*$.*?^```powershell\r?\n(?<code>.*?)^```')
    if (-not $m.Success) { throw 'docs/scheduled-tasks.md has no "### A nightly archive as a scheduled task" section with a powershell block' }
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("llama-nightly-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $Work
    $script:ScriptPath = Join-Path $Work 'nightly.ps1'
    Set-Content -LiteralPath $ScriptPath -Value $m.Groups['code'].Value -Encoding utf8
    $script:Pwsh = (Get-Process -Id $PID).Path
    $script:ModuleParent = Split-Path (Split-Path (Resolve-Path $(if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $Root 'out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' })).ProviderPath)

    # Runs the script as a scheduler would: pwsh -NonInteractive -File, from a folder outside the repository, with the
    # task's environment (key and base URL as variables, the module on PSModulePath, no colour settings).
    function Invoke-Nightly([string] $OutputRoot, [string] $ApiKey = $script:Key) {
        $environment = @{
            LLAMA_CLOUD_API_KEY = $ApiKey; LLAMA_CLOUD_BASE_URL = $script:Url; NO_COLOR = $null; LLAMA_CHAT_TEST_MODULE = $null
            PSModulePath = $script:ModuleParent + [IO.Path]::PathSeparator + $env:PSModulePath
        }
        $r = Invoke-ChildPwsh -WorkingDirectory $script:Work -Environment $environment -Arguments @(
            '-NoProfile', '-NonInteractive', '-File', $script:ScriptPath, '-OutputRoot', $OutputRoot, '-Days', '36500')
        [pscustomobject]@{ ExitCode = $r.ExitCode; Output = $r.Output + $r.Errors }
    }
    function Get-Day { (Get-Date).ToUniversalTime().ToString('yyyy-MM-dd') }
    # A small project: 12 sessions with a stop event each.
    function Set-Project {
        Reset-Emulator
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Delete -Path 'sessions'
        foreach ($i in 1..12) {
            Set-EmulatorSession -Id ("ses-n{0:d2}" -f $i) -Json ('{{"session_id":"ses-n{0:d2}","last_updated_at":"2026-05-{0:d2}T10:00:00.000001","events":[{{"content":"q","type":"user_input"}},{{"error":null,"is_error":false,"usage":{{"total_input_tokens":{0},"total_output_tokens":1,"turns":1}},"type":"stop"}}]}}' -f $i)
        }
        Clear-EmulatorRequest
    }
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    if ($script:Work -and (Test-Path $script:Work)) { Remove-Item -Recurse -Force $script:Work }
}

Describe 'The nightly script as a scheduled task' {
    It 'all good: exits 0, archives every session, writes the report and an OK line' {
        Set-Project
        $dir = Join-Path $Work 'good'
        $r = Invoke-Nightly $dir
        $r.ExitCode | Should -Be 0 -Because $r.Output
        @(Get-ChildItem (Join-Path $dir "archive/$(Get-Day)") -Filter *.json).Count | Should -Be 12
        $csv = @(Import-Csv (Join-Path $dir "report-$(Get-Day).csv"))
        $csv.Count | Should -Be 12
        ($csv | Where-Object SessionId -eq 'ses-n07').In | Should -Be '7'
        $log = @(Get-Content (Join-Path $dir 'nightly.log'))
        $log.Count | Should -Be 1
        $log[0] | Should -Match 'OK 12 sessions listed, 0 errors$'
    }

    It 'one bad id: logged, the others exported, exit 0' {
        Set-Project
        Add-Fault @{ path = 'ses-n05'; status = 500; times = -1; headers = @{ 'retry-after-ms' = '1' }; body = '{"detail":"storage offline"}' }
        $dir = Join-Path $Work 'one-bad'
        $r = Invoke-Nightly $dir
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $files = @(Get-ChildItem (Join-Path $dir "archive/$(Get-Day)") -Filter *.json)
        $files.Count | Should -Be 11
        $files.Name | Should -Not -Contain 'ses-n05.json'
        @(Import-Csv (Join-Path $dir "report-$(Get-Day).csv")).Count | Should -Be 11
        $log = @(Get-Content (Join-Path $dir 'nightly.log'))
        # Export and the stop report each failed once for it; both are logged, then the summary.
        @($log | Where-Object { $_ -match 'FAILED ses-n05 LlamaCloud\.ServerError,.*storage offline' }).Count | Should -Be 2
        $log[-1] | Should -Match 'OK 12 sessions listed, 2 errors$'
    }

    It 'wrong key: exit 1, one RUN FAILED line naming the key source, one request, no outputs' {
        Set-Project
        $dir = Join-Path $Work 'wrong-key'
        $r = Invoke-Nightly $dir -ApiKey 'not-the-key'
        $r.ExitCode | Should -Be 1
        $log = @(Get-Content (Join-Path $dir 'nightly.log'))
        $log.Count | Should -Be 1
        $log[0] | Should -Match 'RUN FAILED LlamaCloud\.Unauthorized,.*LLAMA_CLOUD_API_KEY environment variable'
        $log[0] | Should -Not -Match 'not-the-key'
        # Plain text, what the task wrote and what its log holds: no ANSI escape anywhere.
        ($r.Output + (Get-Content -Raw (Join-Path $dir 'nightly.log'))).IndexOf([char]27) | Should -Be -1
        @(Get-EmulatorRequest).Count | Should -Be 1
        Test-Path (Join-Path $dir 'archive') | Should -BeFalse
        Test-Path (Join-Path $dir "report-$(Get-Day).csv") | Should -BeFalse
    }

    It 'a listing page that keeps failing: exit 1, RUN FAILED with the count and "incomplete", nothing exported' {
        Set-Project
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'sessions' -Body @{ count = 150; prefix = 'ses-list-'; events = 2 }
        Add-Fault @{ path = '/api/v1/chat'; query = 'page_token='; status = 503; times = -1; headers = @{ 'retry-after-ms' = '1' } }
        $dir = Join-Path $Work 'broken-list'
        $r = Invoke-Nightly $dir
        $r.ExitCode | Should -Be 1
        $log = @(Get-Content (Join-Path $dir 'nightly.log'))
        $log.Count | Should -Be 1
        $log[0] | Should -Match 'RUN FAILED LlamaCloud\.ListIncomplete,.*incomplete: 100 sessions were listed, then page 2 failed'
        @(Get-EmulatorRequest | Where-Object { $_.path -eq '/api/v1/chat' }).Count | Should -Be 4
        Test-Path (Join-Path $dir 'archive') | Should -BeFalse
    }
}
