# Update-LlamaChatSessionTitle against the emulator's title route (tests/LlamaCloud.Emulator/TitleEndpoint.cs): the title
# is the first message's first line, cut at 60 characters on a word boundary, trailing punctuation dropped.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    function Get-TitlePost { @(Get-EmulatorRequest | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/title' }) }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Update-LlamaChatSessionTitle' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'sends -FirstMessage as first_message and returns the updated session' {
        $s = Update-LlamaChatSessionTitle -Id ses-demo -FirstMessage 'Q3 findings: revenue, costs and risks?' @Conn
        $s | Should -BeOfType ([LlamaCloud.Chat.ChatSession])
        $s.SessionId | Should -Be 'ses-demo'
        $s.GeneratedTitle | Should -Be 'Q3 findings: revenue, costs and risks'
        $s.SharedAccess | Should -Be 'query'
        $s.Events | Should -BeNullOrEmpty
        $post = Get-TitlePost
        $post.Count | Should -Be 1
        $post[0].path | Should -Be '/api/v1/chat/ses-demo/title'
        ($post[0].body | ConvertFrom-Json).first_message | Should -Be 'Q3 findings: revenue, costs and risks?'
        (Get-LlamaChatSession -Id ses-demo -Summary @Conn).GeneratedTitle | Should -Be 'Q3 findings: revenue, costs and risks'
    }

    It 'without -FirstMessage sends the session''s first user_input, read with one GET' {
        $s = Update-LlamaChatSessionTitle -Id ses-abc123 @Conn
        $s.GeneratedTitle | Should -Be 'Which files are in the finance index'
        $requests = @(Get-EmulatorRequest)
        $requests.Count | Should -Be 2
        $requests[0].method | Should -Be 'GET'
        $requests[0].path | Should -Be '/api/v1/chat/ses-abc123'
        ($requests[1].body | ConvertFrom-Json).first_message | Should -Be 'Which files are in the finance index?'
    }

    It 'takes the first message of a piped session with loaded events without another request' {
        $session = Get-LlamaChatSession -Id ses-unicode @Conn
        Clear-EmulatorRequest
        $s = $session | Update-LlamaChatSessionTitle
        # The first user_input, non-ASCII and all (no trailing punctuation to drop).
        $s.GeneratedTitle | Should -BeExactly ($session.Events | Where-Object Type -eq 'user_input' | Select-Object -First 1).Content
        $s.GeneratedTitle.Length | Should -Be 14
        @(Get-EmulatorRequest).Count | Should -Be 1
    }

    It 'pipes ids and objects with a SessionId by property name' {
        $out = @('ses-abc123', [pscustomobject]@{ SessionId = 'ses-err' }) | Update-LlamaChatSessionTitle @Conn
        $out.SessionId | Should -Be @('ses-abc123', 'ses-err')
        $out[1].GeneratedTitle | Should -Be 'Fetch the Q4 forecast'
        (Get-TitlePost).Count | Should -Be 2
    }

    It 'is one TitleMessageMissing error for a session without a user message, and sends no title request' {
        $out = @(Update-LlamaChatSessionTitle -Id ses-empty, ses-demo @Conn -ErrorVariable failed -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 1
        $out[0].SessionId | Should -Be 'ses-demo'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.TitleMessageMissing,*'
        $failed[0].TargetObject | Should -Be 'ses-empty'
        (Get-TitlePost).path | Should -Be '/api/v1/chat/ses-demo/title'
    }

    It 'is one NotFound error for another project''s session' {
        Update-LlamaChatSessionTitle -Id ses-other -FirstMessage 'x' @Conn -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound,*'
        (Update-LlamaChatSessionTitle -Id ses-other -FirstMessage 'Another one' -ProjectId proj-other @Conn).GeneratedTitle | Should -Be 'Another one'
    }

    It '-WhatIf sends nothing, not even the read of the first message' {
        Update-LlamaChatSessionTitle -Id ses-abc123 -WhatIf @Conn | Should -BeNullOrEmpty
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'the help examples run as written against the emulator' {
        $env:LLAMA_CLOUD_API_KEY = $Key; $env:LLAMA_CLOUD_BASE_URL = $Url
        try {
            $examples = @((Get-Help Update-LlamaChatSessionTitle -Examples).examples.example)
            $examples.Count | Should -Be 4
            foreach ($e in $examples) {
                $code = $e.code -replace '(?s)```Output.*$', ''
                $null = & ([scriptblock]::Create($code)) 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { throw $_ } else { $_ } }
            }
            (Get-LlamaChatSession -Id ses-nulls -Summary).GeneratedTitle | Should -Be 'Anything there'
        }
        finally { Remove-Item Env:LLAMA_CLOUD_API_KEY, Env:LLAMA_CLOUD_BASE_URL -ErrorAction SilentlyContinue }
    }
}
