# The README's "try every command at a prompt" block, run as written: from the repository's root, in a fresh pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).ProviderPath
    $readme = Get-Content -Raw (Join-Path $Root 'README.md')
    $blocks = [regex]::Matches($readme, '(?s)To try every command at a prompt.*?```powershell\r?\n(?<code>.*?)```')
    $blocks.Count | Should -Be 1 -Because 'the README shows the block once'
    $script:Block = $blocks[0].Groups['code'].Value
    $script:File = Join-Path ([IO.Path]::GetTempPath()) "llama-readme-emulator-$PID.ps1"
    # The block leaves the emulator running for the person at the prompt; the test stops it, as its comment says to.
    Set-Content -LiteralPath $File -Value ($Block + "`nStop-LlamaEmulator `$emu`n") -Encoding utf8
}
AfterAll {
    Remove-Item -LiteralPath $script:File -ErrorAction SilentlyContinue
    Stop-LlamaEmulator $script:Emulator
}

Describe 'The README''s emulator block' {
    It 'starts an emulator, points the module at it and shows ses-abc''s two tool calls' {
        $Block | Should -Match 'Start-LlamaEmulator'
        $r = Invoke-ChildPwsh -WorkingDirectory $Root -Environment @{ LLAMA_CLOUD_BASE_URL = $null; LLAMA_CLOUD_API_KEY = $null; NO_COLOR = '1' } `
            -Arguments '-NoProfile', '-NonInteractive', '-File', $File
        $r.ExitCode | Should -Be 0 -Because $r.Errors
        $r.Errors | Should -BeNullOrEmpty
        $calls = @($r.Output -split "`r?`n" | Where-Object { $_ -match '^\s*\d+ tool_call\s' })
        $calls.Count | Should -Be 2 -Because $r.Output
        $calls[0] | Should -Match '^\s*4 tool_call\s+search_index\('
        $calls[1] | Should -Match '^\s*12 tool_call\s+read_page\('
    }
}
