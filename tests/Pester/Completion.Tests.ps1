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

Describe 'Session-id completion cache (issue 9)' {
    BeforeAll { Reset-Emulator }

    It "never shows one key's sessions to another key" {
        $env:LLAMA_CLOUD_API_KEY = $Key
        $env:LLAMA_CLOUD_BASE_URL = $Url
        (Get-Completion 'Get-LlamaChatSession -Id ses-de').CompletionText | Should -Be 'ses-demo'
        Clear-EmulatorRequest
        $env:LLAMA_CLOUD_API_KEY = 'another-tenant-key'
        Get-Completion 'Get-LlamaChatSession -Id ses-de' | Should -BeNullOrEmpty
        # Not served from the first key's cache: asked the server, which refused the other key.
        $r = @(Get-EmulatorRequest)
        $r.Count | Should -Be 1
        $r[0].status | Should -Be 401
    }

    It "never shows one runspace's sessions to another" {
        $env:LLAMA_CLOUD_API_KEY = $Key
        $env:LLAMA_CLOUD_BASE_URL = $Url
        $null = Get-Completion 'Get-LlamaChatSession -Id ses-'
        Clear-EmulatorRequest
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; (TabExpansion2 -inputScript 'Get-LlamaChatSession -Id ses-de' -cursorColumn 30).CompletionMatches.CompletionText")
            $ps.Invoke() | Should -Be 'ses-demo'
        }
        finally { $ps.Dispose() }
        @(Get-EmulatorRequest).Count | Should -Be 1
    }
}
