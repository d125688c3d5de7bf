BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    function Get-Completion([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }
}
AfterAll {
    Remove-Item Env:LLAMA_CLOUD_API_KEY, Env:LLAMA_CLOUD_BASE_URL -ErrorAction SilentlyContinue
    Stop-LlamaEmulator $script:Emulator
}

Describe 'Tab completion' {
    BeforeAll { Reset-Emulator }

    It '-Type completes the wire names with tooltips' {
        $c = Get-Completion 'Get-LlamaChatEvent -Type '
        $c.CompletionText | Should -Contain 'tool_call'
        $c.CompletionText | Should -Contain 'thinking_delta'
        ($c | Where-Object CompletionText -eq 'tool_call').ToolTip | Should -BeLike 'The agent called a tool*'
        ($c | Where-Object CompletionText -eq 'stop').ToolTip | Should -BeLike 'End of a turn*'
        $c[0].CompletionText | Should -Be 'user_input'
        (Get-Completion 'Get-LlamaChatEvent -Type tool_r').CompletionText | Should -Be 'tool_result'
    }

    It '-Id completes session ids by prefix with the title as tooltip when a key is configured' {
        $env:LLAMA_CLOUD_API_KEY = $Key
        $env:LLAMA_CLOUD_BASE_URL = $Url
        $c = Get-Completion 'Get-LlamaChatSession -Id ses-de'
        $c.CompletionText | Should -Be 'ses-demo'
        $c[0].ToolTip | Should -Be 'What were the main findings in Q3?'
        (Get-Completion 'Get-LlamaChatEvent -SessionId ses-fix-0').Count | Should -Be 9
    }

    It 'completes from the cache the second time' {
        $env:LLAMA_CLOUD_API_KEY = $Key
        $env:LLAMA_CLOUD_BASE_URL = $Url
        $null = Get-Completion 'Get-LlamaChatSession -Id ses-'
        Clear-EmulatorRequest
        $null = Get-Completion 'Get-LlamaChatSession -Id ses-a'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'is silent and fast when there is no key or the server fails' {
        Remove-Item Env:LLAMA_CLOUD_API_KEY -ErrorAction SilentlyContinue
        $Error.Clear()
        Get-Completion 'Get-LlamaChatSession -Id zzz-' | Should -BeNullOrEmpty
        $env:LLAMA_CLOUD_API_KEY = $Key
        $sw = [Diagnostics.Stopwatch]::StartNew()
        Get-Completion "Get-LlamaChatSession -BaseUri http://127.0.0.1:1 -Id ses-" | Should -BeNullOrEmpty
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 4
        $Error.Count | Should -Be 0
    }
}
