# docs/scheduled-tasks.md's canary, run as written: the script in a fresh non-interactive pwsh, as a scheduler runs it.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../../docs/scheduled-tasks.md')
    $readme | Should -Match '(?m)^# canary\.ps1' -Because 'docs/scheduled-tasks.md shows canary.ps1'
    $start = $readme.IndexOf('# canary.ps1')
    $end = $readme.IndexOf('exit $code', $start)
    $end | Should -BeGreaterThan $start -Because 'the canary ends with exit $code'
    $script:Canary = Join-Path ([IO.Path]::GetTempPath()) "llama-canary-$PID.ps1"
    Set-Content -Path $script:Canary -Value $readme.Substring($start, $end - $start + 'exit $code'.Length) -Encoding utf8

    # A scheduled task's pwsh: no profile, no console input, started in a folder outside the repository, the key and
    # base URI from its environment, no colour settings.
    function Invoke-Canary {
        $moduleRoot = Split-Path (Split-Path $env:LLAMA_CHAT_TEST_MODULE)
        $environment = @{ LLAMA_CLOUD_API_KEY = $Key; LLAMA_CLOUD_BASE_URL = $Url; NO_COLOR = $null; LLAMA_CHAT_TEST_MODULE = $null
            PSModulePath = $moduleRoot + [IO.Path]::PathSeparator + $env:PSModulePath }
        $r = Invoke-ChildPwsh -Environment $environment -Arguments '-NoProfile', '-NonInteractive', '-File', $script:Canary
        [pscustomobject]@{ ExitCode = $r.ExitCode; Output = $r.Output + $r.Errors }
    }
    function Set-StreamScript([hashtable] $Script) {
        $Script.paceMs = 0
        $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'stream' -Body $Script
    }
}
AfterAll {
    Remove-Item $script:Canary -ErrorAction SilentlyContinue
    Stop-LlamaEmulator $script:Emulator
}

Describe 'The canary recipe' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'exits 0 after a good turn and deletes its session' {
        Set-StreamScript @{}
        $r = Invoke-Canary
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $log = @(Get-EmulatorRequest)
        ($log | ForEach-Object { $_.method }) | Should -Be @('POST', 'POST', 'DELETE')
        $log[2].status | Should -Be 204
    }

    It 'exits 1 when <Case>, and still deletes its session' -TestCases @(
        @{ Case = 'the turn fails'; Script = @{ error = 'Tool timeout' }; Id = 'LlamaCloud.TurnFailed' }
        # (a broken stream takes the same path: LlamaCloud.StreamInterrupted; see SendLlamaChatMessage.Tests.ps1)
    ) {
        Set-StreamScript $Script
        $r = Invoke-Canary
        $r.ExitCode | Should -Be 1
        $r.Output | Should -BeLike "*canary failed: $Id*"
        $r.Output.IndexOf([char]27) | Should -Be -1 -Because 'the log of a task is plain text'
        @(Get-EmulatorRequest | Where-Object method -eq 'DELETE').Count | Should -Be 1
        @(Get-EmulatorRequest | Where-Object path -like '*/messages/stream').Count | Should -Be 1
    }
}
