# The test emulator at a real prompt: Start-LlamaEmulator (tests/Emulator.psm1) must survive Ctrl+C.
# A terminal sends Ctrl+C as SIGINT to its whole foreground process group; the emulator is a child of the prompt's
# pwsh and so in that group. Here a pwsh is started as the leader of a process group of its own (setsid), starts the
# emulator as a person would, and the whole group gets SIGINT, as from a terminal.
BeforeDiscovery {
    $script:NoGroups = $IsWindows -or -not (Get-Command setsid -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    $ErrorActionPreference = 'Stop'
    $script:DefaultSignal = $false
    try { & env --default-signal=INT true 2>$null; $script:DefaultSignal = $LASTEXITCODE -eq 0 } catch { }
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).ProviderPath
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("llama-emu-int-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $Work
    function Wait-File([string] $Path, [int] $TimeoutSec = 60) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while (-not (Test-Path -LiteralPath $Path) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        if (-not (Test-Path -LiteralPath $Path)) { throw "$Path did not appear within $TimeoutSec s" }
        Get-Content -Raw -LiteralPath $Path
    }
}
AfterAll { Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue }

Describe 'Start-LlamaEmulator at a prompt' {
    It 'keeps the emulator running when Ctrl+C interrupts a command at that prompt' -Skip:$NoGroups {
        $urlFile = Join-Path $Work 'url.txt'
        $interrupted = Join-Path $Work 'interrupted.txt'
        $quit = Join-Path $Work 'quit.txt'
        # What a person does at the prompt: start the emulator, run something long, press Ctrl+C. The finally block
        # stands for the prompt that comes back: this pwsh stays alive (with it, the emulator's --parent-pid watch).
        $script = @"
Import-Module '$Root/tests/Emulator.psm1'
`$emu = Start-LlamaEmulator
# The URL is written inside the try: once the test sees it, an interrupt can only land where the finally block runs.
try { Set-Content -LiteralPath '$urlFile' -Value `$emu.Url; Start-Sleep -Seconds 120 }
finally {
    Set-Content -LiteralPath '$interrupted' -Value 'stopped'
    `$deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path -LiteralPath '$quit') -and [DateTime]::UtcNow -lt `$deadline) { [Threading.Thread]::Sleep(100) }
    Stop-LlamaEmulator `$emu
}
"@
        $scriptPath = Join-Path $Work 'prompt.ps1'
        Set-Content -LiteralPath $scriptPath -Value $script -Encoding utf8
        # A shell starts a background job (`cmd &`, nohup) with SIGINT ignored, and an ignored signal stays ignored in
        # every child, pwsh included: GNU env puts the default action back first, as a terminal's prompt has it.
        $psi = [System.Diagnostics.ProcessStartInfo]::new('setsid')
        if ($DefaultSignal) {
            $psi = [System.Diagnostics.ProcessStartInfo]::new('env')
            foreach ($a in '--default-signal=INT', 'setsid') { $psi.ArgumentList.Add($a) }
        }
        $psi.ArgumentList.Add((Get-Process -Id $PID).Path)
        if ($psi.ArgumentList[$psi.ArgumentList.Count - 1] -match 'dotnet$') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-File', $scriptPath) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $prompt = [System.Diagnostics.Process]::Start($psi)
        try {
            $url = (Wait-File $urlFile).Trim()
            # The emulator was running: it answers, and it sits in the prompt's process group.
            (Invoke-RestMethod -Uri "$url/api/v1/chat/ses-demo/summary" -Headers @{ Authorization = 'Bearer emulator-key' }).session_id | Should -Be 'ses-demo'
            $group = (Get-Content -Raw "/proc/$($prompt.Id)/stat") -replace '^.*\)\s+\S+\s+\d+\s+(\d+).*$', '$1'
            [int]$group | Should -Be $prompt.Id -Because 'setsid made the prompt the leader of its own process group'

            # Ctrl+C, as the terminal sends it: SIGINT to every process of the foreground group.
            & kill -s INT -- "-$($prompt.Id)"
            $LASTEXITCODE | Should -Be 0
            (Wait-File $interrupted -TimeoutSec 30).Trim() | Should -Be 'stopped' -Because 'the interrupt reached the command at the prompt'

            Start-Sleep -Milliseconds 500 # what an exiting emulator would need to be gone
            (Invoke-RestMethod -Uri "$url/api/v1/chat/ses-demo/summary" -Headers @{ Authorization = 'Bearer emulator-key' }).session_id | Should -Be 'ses-demo'
        }
        finally {
            Set-Content -LiteralPath $quit -Value 'quit'
            if (-not $prompt.WaitForExit(20000)) { $prompt.Kill($true) }
        }
    }
}
