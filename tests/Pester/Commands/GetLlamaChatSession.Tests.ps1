BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Get-LlamaChatSession -Id' {
    BeforeEach { Reset-Emulator }

    It 'returns a typed session with its fields' {
        $s = Get-LlamaChatSession -Id ses-demo @Conn
        $s | Should -BeOfType LlamaCloud.Chat.ChatSession
        $s.SessionId | Should -Be 'ses-demo'
        $s.GeneratedTitle | Should -Be 'What were the main findings in Q3?'
        $s.IndexIds | Should -Be @('idx-abc123', 'idx-def456')
        $s.LastUpdatedAt | Should -BeOfType datetime
        $s.LastUpdatedAt.Kind | Should -Be 'Utc'
        $s.JobMetadata | Should -BeOfType LlamaCloud.Chat.JobMetadata
        $s.Events.Count | Should -Be 22
        $s.EventCount | Should -Be $s.Events.Count
    }

    It 'takes the id by position' {
        (Get-LlamaChatSession ses-abc123 @Conn).SessionId | Should -Be 'ses-abc123'
    }

    It 'takes ids from the pipeline, by value, in input order' {
        $ids = 'ses-fix-03', 'ses-demo', 'ses-fix-01', 'ses-abc123', 'ses-fix-02'
        $out = $ids | Get-LlamaChatSession @Conn
        $out.SessionId | Should -Be $ids
    }

    It 'takes SessionId by property name (alias)' {
        $out = [pscustomobject]@{ SessionId = 'ses-demo' }, [pscustomobject]@{ SessionId = 'ses-empty' } | Get-LlamaChatSession @Conn
        $out.SessionId | Should -Be 'ses-demo', 'ses-empty'
    }

    It 'takes an array of ids' {
        (Get-LlamaChatSession -Id ses-demo, ses-empty @Conn).SessionId | Should -Be 'ses-demo', 'ses-empty'
    }

    It 'rejects <Name> ids at binding, before any request' -TestCases @(
        @{ Name = 'empty'; Value = '' }
        @{ Name = 'blank'; Value = '   ' }
    ) {
        Clear-EmulatorRequest
        { Get-LlamaChatSession -Id $Value @Conn } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-EmulatorRequest | Should -BeNullOrEmpty
    }

    It 'keeps an empty history distinct from a missing one' {
        $s = Get-LlamaChatSession -Id ses-empty @Conn
        ($null -ne $s.Events) | Should -BeTrue
        $s.Events.Count | Should -Be 0
        $s.EventCount | Should -Be 0
        $s.JobMetadata | Should -BeNullOrEmpty
        $s.GeneratedTitle | Should -BeNullOrEmpty
    }

    It 'writes one error for a missing session and still returns the others' {
        $out = 'ses-demo', 'ses-missing', 'ses-abc123' | Get-LlamaChatSession @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.SessionId | Should -Be 'ses-demo', 'ses-abc123'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound,*GetLlamaChatSessionCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'ses-missing'
        $errs[0].Exception | Should -BeOfType LlamaCloud.Chat.LlamaCloudApiException
        $errs[0].Exception.StatusCode | Should -Be 404
        $errs[0].Exception.Message | Should -BeLike '*Session not found*'
        $errs[0].ErrorDetails.Message | Should -BeLike '*Session not found*'
    }

    It 'maps a wrong key to AuthenticationError' {
        $e = { Get-LlamaChatSession -Id ses-demo -BaseUri $Url -ApiKey 'wrong-key' -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.Unauthorized,*'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'sends Bearer auth, organization_id and project_id' {
        Clear-EmulatorRequest
        $null = Get-LlamaChatSession -Id ses-demo @Conn -OrganizationId org-1 -ProjectId 'proj 2'
        $r = Get-EmulatorRequest | Select-Object -Last 1
        $r.headers.Authorization | Should -Be "Bearer $Key"
        $r.query.organization_id | Should -Be 'org-1'
        $r.query.project_id | Should -Be 'proj 2'
        $r.headers.'User-Agent' | Should -BeLike 'LlamaCloud.Chat/* PowerShell/*'
    }
}

Describe 'Connection settings' {
    BeforeEach { Reset-Emulator }
    AfterEach {
        Remove-Item Env:LLAMA_CLOUD_API_KEY, Env:LLAMA_PARSE_API_KEY, Env:LLAMA_CLOUD_BASE_URL -ErrorAction SilentlyContinue
        Disconnect-LlamaCloud
    }

    It 'fails with a terminating error naming LLAMA_CLOUD_API_KEY when there is no key, and sends nothing' {
        Clear-EmulatorRequest
        $e = { Get-LlamaChatSession -Id ses-demo -BaseUri $Url } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.ApiKeyMissing,*'
        $e.Exception.Message | Should -BeLike '*LLAMA_CLOUD_API_KEY*'
        Get-EmulatorRequest | Should -BeNullOrEmpty
    }

    It 'reads LLAMA_CLOUD_API_KEY and LLAMA_CLOUD_BASE_URL' {
        $env:LLAMA_CLOUD_API_KEY = $Key
        $env:LLAMA_CLOUD_BASE_URL = $Url
        (Get-LlamaChatSession -Id ses-demo).SessionId | Should -Be 'ses-demo'
    }

    It 'falls back to LLAMA_PARSE_API_KEY' {
        $env:LLAMA_PARSE_API_KEY = $Key
        (Get-LlamaChatSession -Id ses-demo -BaseUri $Url).SessionId | Should -Be 'ses-demo'
    }

    It 'prefers the parameter over the environment' {
        $env:LLAMA_CLOUD_API_KEY = 'wrong-key'
        (Get-LlamaChatSession -Id ses-demo -BaseUri $Url -ApiKey $Key).SessionId | Should -Be 'ses-demo'
    }

    It 'accepts a SecureString key' {
        $secure = ConvertTo-SecureString $Key -AsPlainText -Force
        (Get-LlamaChatSession -Id ses-demo -BaseUri $Url -ApiKey $secure).SessionId | Should -Be 'ses-demo'
    }

    It 'rejects a malformed base URI as a terminating error' {
        $e = { Get-LlamaChatSession -Id ses-demo -BaseUri 'not a uri' -ApiKey $Key } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidBaseUri,*'
    }

    It 'Connect-LlamaCloud is used when no parameter or variable is given; Disconnect forgets it' {
        Connect-LlamaCloud -ApiKey $Key -BaseUri $Url -ProjectId p-9
        Clear-EmulatorRequest
        (Get-LlamaChatSession -Id ses-demo).SessionId | Should -Be 'ses-demo'
        (Get-EmulatorRequest | Select-Object -Last 1).query.project_id | Should -Be 'p-9'
        Disconnect-LlamaCloud
        { Get-LlamaChatSession -Id ses-demo } | Should -Throw -ErrorId 'LlamaCloud.ApiKeyMissing*'
    }

    It 'Connect-LlamaCloud -Region EU targets the EU endpoint and never shows the key' {
        $c = Connect-LlamaCloud -ApiKey 'super-secret-key' -Region EU -PassThru
        $c.BaseUri | Should -Be 'https://api.cloud.eu.llamaindex.ai/'
        ($c | Format-List * | Out-String) | Should -Not -Match 'super-secret-key'
        ($c | ConvertTo-Json | Out-String) | Should -Not -Match 'super-secret-key'
    }
}
