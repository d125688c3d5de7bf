BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
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

Describe '-Name completion offers tool names, never file names' {
    BeforeAll {
        Reset-Emulator
        $script:Here = Join-Path ([IO.Path]::GetTempPath()) ("llama-complete-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $null = New-Item -ItemType Directory -Path $Here
        $null = New-Item -ItemType File -Path (Join-Path $Here 'search_notes.txt'), (Join-Path $Here 'read_me.md')
        # A runspace of its own: what it has seen is its own (other test files in this process have seen other tools).
        $script:Rs = [runspacefactory]::CreateRunspace()
        $Rs.Open()
        function Invoke-InRunspace([string] $Script) {
            $ps = [powershell]::Create()
            $ps.Runspace = $Rs
            try { $null = $ps.AddScript($Script); $ps.Invoke() } finally { $ps.Dispose() }
        }
        function Get-RunspaceCompletion([string] $Line) {
            Invoke-InRunspace "(TabExpansion2 -inputScript '$Line' -cursorColumn $($Line.Length)).CompletionMatches"
        }
        Invoke-InRunspace "Import-Module '$env:LLAMA_CHAT_TEST_MODULE'; Set-Location '$Here'"
        $env:LLAMA_CLOUD_API_KEY = $Key
        $env:LLAMA_CLOUD_BASE_URL = $Url
    }
    AfterAll {
        $Rs.Dispose()
        Remove-Item -Recurse -Force $Here -ErrorAction SilentlyContinue
        Remove-Item Env:LLAMA_CLOUD_API_KEY, Env:LLAMA_CLOUD_BASE_URL -ErrorAction SilentlyContinue
    }

    It 'from the session named on the command line, with one request' {
        Clear-EmulatorRequest
        $c = @(Get-RunspaceCompletion 'Get-LlamaChatEvent -SessionId ses-demo -Name ')
        $c.CompletionText | Should -Be 'search_index', 'read_page'
        $c[0].ToolTip | Should -Be 'A tool called in session ses-demo'
        (Get-RunspaceCompletion 'Get-LlamaChatEvent -SessionId ses-demo -Name re').CompletionText | Should -Be 'read_page'
        @(Get-EmulatorRequest).Count | Should -Be 1 -Because 'the second completion comes from the cache'
    }

    It 'from the tool names this PowerShell session has seen, when no session is named' {
        # Nothing seen yet: nothing offered, not the file beside it that PowerShell would fall back to.
        Get-RunspaceCompletion 'Get-LlamaChatEvent -Name sea' | Should -BeNullOrEmpty
        Invoke-InRunspace 'Test-Path ./search_notes.txt' | Should -BeTrue
        $null = Invoke-InRunspace 'Get-LlamaChatEvent -SessionId ses-unicode; Get-LlamaChatTurn -SessionId ses-abc123'
        $c = @(Get-RunspaceCompletion 'Get-LlamaChatEvent -Name ')
        $c.CompletionText | Should -Be 'search_index', 'list_files', 'поиск' -Because 'newest first: the second turn called search_index last'
        ($c | Where-Object CompletionText -eq 'поиск').ToolTip | Should -Be 'A tool seen in this PowerShell session'
        @($c | Where-Object { $_.ResultType -ne 'ParameterValue' }).Count | Should -Be 0
        (Get-RunspaceCompletion 'Get-LlamaChatEvent -Name se').CompletionText | Should -Be 'search_index'
        # Another runspace has seen none of them.
        $other = [powershell]::Create()
        try {
            $null = $other.AddScript("Import-Module '$env:LLAMA_CHAT_TEST_MODULE'; (TabExpansion2 -inputScript 'Get-LlamaChatEvent -Name ' -cursorColumn 25).CompletionMatches")
            @($other.Invoke()).Count | Should -Be 0
        }
        finally { $other.Dispose() }
    }
}
