BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    function Get-CreatePost { @(Get-EmulatorRequest | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/api/v1/chat' }) }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'New-LlamaChatSession' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'creates a session bound to the given indexes, with an empty history' {
        $s = New-LlamaChatSession -IndexId idx-1, idx-2 @Conn
        $s | Should -BeOfType ([LlamaCloud.Chat.ChatSession])
        $s.SessionId | Should -BeLike 'ses-new-*'
        $s.IndexIds | Should -Be @('idx-1', 'idx-2')
        $s.GeneratedTitle | Should -BeNullOrEmpty
        $s.JobMetadata | Should -BeNullOrEmpty
        ($null -ne $s.Events) | Should -BeTrue
        $s.EventCount | Should -Be 0
        (Get-CreatePost).Count | Should -Be 1
        # It exists: listed, and readable by id.
        (Get-LlamaChatSession -Id $s.SessionId @Conn).IndexIds | Should -Be @('idx-1', 'idx-2')
        (Get-LlamaChatSession @Conn).SessionId | Should -Contain $s.SessionId
    }

    It 'without -IndexId creates an unbound session' {
        $s = New-LlamaChatSession @Conn
        $s.IndexIds | Should -BeNullOrEmpty
        $s.EventCount | Should -Be 0
    }

    It 'takes the index ids by position' {
        (New-LlamaChatSession idx-7 @Conn).IndexIds | Should -Be 'idx-7'
    }

    It 'rejects more than 10 index ids at binding, sending nothing' {
        { New-LlamaChatSession -IndexId (1..11 | ForEach-Object { "idx-$_" }) @Conn } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        (New-LlamaChatSession -IndexId (1..10 | ForEach-Object { "idx-$_" }) @Conn).IndexIds.Count | Should -Be 10
        (Get-CreatePost).Count | Should -Be 1
    }

    It '-WhatIf sends nothing' {
        $out = New-LlamaChatSession -IndexId idx-1 -WhatIf @Conn
        $out | Should -BeNullOrEmpty
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'is not re-sent after a 500 (a second POST could create a second session)' {
        Add-Fault @{ path = '/api/v1/chat'; method = 'POST'; status = 500; times = -1 }
        $errs = $null
        $out = New-LlamaChatSession @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.ServerError,*'
        (Get-CreatePost).Count | Should -Be 1
    }

    It 'is retried after a 429, which proves nothing was created' {
        Add-Fault @{ path = '/api/v1/chat'; method = 'POST'; status = 429; times = 1; headers = @{ 'retry-after-ms' = '10' } }
        (New-LlamaChatSession @Conn).SessionId | Should -BeLike 'ses-new-*'
        (Get-CreatePost).status | Should -Be @(429, 200)
    }
}
