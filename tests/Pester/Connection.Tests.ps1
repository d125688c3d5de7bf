# Connect-LlamaCloud's key checks and -Validate, Get-LlamaCloudConnection, and where settings come from in messages.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}
AfterAll {
    Disconnect-LlamaCloud
    Remove-Item Env:LLAMA_CLOUD_API_KEY, Env:LLAMA_CLOUD_BASE_URL -ErrorAction SilentlyContinue
    Stop-LlamaEmulator $script:Emulator
}

Describe 'Connect-LlamaCloud' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest; Disconnect-LlamaCloud }

    It 'refuses a key that cannot be sent, at connect time, without showing it, and keeps nothing' {
        $e = { Connect-LlamaCloud -ApiKey "bad key`u{e9}" -BaseUri $Url } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidApiKey,*'
        $e.Exception.Message | Should -Not -BeLike '*bad key*'
        (Get-LlamaCloudConnection -WarningAction SilentlyContinue).KeySource | Should -BeNullOrEmpty
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'sends no request without -Validate' {
        Connect-LlamaCloud -ApiKey 'wrong-key' -BaseUri $Url
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It '-Validate makes one request and fails on 401 there and then, keeping nothing' {
        $e = { Connect-LlamaCloud -ApiKey 'wrong-key' -BaseUri $Url -Validate } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.Unauthorized,*'
        $e.Exception.Message | Should -BeLike '*Connect-LlamaCloud*'
        $r = @(Get-EmulatorRequest)
        $r.Count | Should -Be 1
        $r[0].path | Should -Be '/api/v1/chat'
        $r[0].query.page_size | Should -Be '1'
        (Get-LlamaCloudConnection -WarningAction SilentlyContinue).KeySource | Should -BeNullOrEmpty
    }

    It '-Validate with a good key keeps the connection' {
        Connect-LlamaCloud -ApiKey $Key -BaseUri $Url -ProjectId proj-1 -Validate
        @(Get-EmulatorRequest).Count | Should -Be 1
        (Get-EmulatorRequest)[0].query.project_id | Should -Be 'proj-1'
        (Get-LlamaCloudConnection).KeySource | Should -Be 'Connect-LlamaCloud'
    }
}

Describe 'Get-LlamaCloudConnection' {
    BeforeEach { Disconnect-LlamaCloud; Remove-Item Env:LLAMA_CLOUD_API_KEY, Env:LLAMA_CLOUD_BASE_URL -ErrorAction SilentlyContinue }

    It 'shows the connection: base URI, region, project, key source and only the last 4 characters of the key' {
        Connect-LlamaCloud -ApiKey 'llx-abcdefgh12345678wxyz' -Region EU -OrganizationId org-1 -ProjectId proj-2
        $c = Get-LlamaCloudConnection
        $c | Should -BeOfType LlamaCloud.Chat.Commands.LlamaCloudConnectionInfo
        $c.BaseUri | Should -Be 'https://api.cloud.eu.llamaindex.ai/'
        $c.Region | Should -Be 'EU'
        $c.OrganizationId | Should -Be 'org-1'
        $c.ProjectId | Should -Be 'proj-2'
        $c.KeySource | Should -Be 'Connect-LlamaCloud'
        $c.KeyHint | Should -Be '********wxyz'
        $text = ($c | Out-String) + ($c | Format-List * -Force | Out-String) + ($c | ConvertTo-Json)
        $text | Should -Not -BeLike '*abcdefgh*'
        $text | Should -Match 'KeyHint\s+: \*{8}wxyz'
    }

    It 'names the environment variable when the environment supplies the key and base URI' {
        $env:LLAMA_CLOUD_API_KEY = 'env-key-0000-9876'
        $env:LLAMA_CLOUD_BASE_URL = $Url
        $c = Get-LlamaCloudConnection
        $c.KeySource | Should -Be 'the LLAMA_CLOUD_API_KEY environment variable'
        $c.KeyHint | Should -Be '********9876'
        $c.BaseUriSource | Should -Be 'the LLAMA_CLOUD_BASE_URL environment variable'
        $c.Region | Should -BeNullOrEmpty
    }

    It 'with no key anywhere: no source, no hint, one warning' {
        $c = Get-LlamaCloudConnection -WarningVariable w 3>$null
        $c.KeySource | Should -BeNullOrEmpty
        $c.KeyHint | Should -BeNullOrEmpty
        $c.BaseUri | Should -Be 'https://api.cloud.llamaindex.ai/'
        $c.Region | Should -Be 'NA'
        @($w).Count | Should -Be 1
    }

    It 'shows the proxy the next command would use, and of its credential only the user name' {
        $c = Get-LlamaCloudConnection -WarningAction SilentlyContinue
        $c.Proxy | Should -Be 'platform settings'
        $c.ProxyCredential | Should -BeNullOrEmpty
        $password = 'pw-' + [guid]::NewGuid().ToString('n')
        $cred = [pscredential]::new('proxy-user', (ConvertTo-SecureString $password -AsPlainText -Force))
        Connect-LlamaCloud -ApiKey $Key -BaseUri $Url -Proxy 'http://127.0.0.1:3128' -ProxyCredential $cred
        $c = Get-LlamaCloudConnection
        $c.Proxy | Should -Be 'http://127.0.0.1:3128/'
        $c.ProxyCredential | Should -Be 'proxy-user'
        $text = ($c | Out-String) + ($c | Format-List * -Force | Out-String) + ($c | ConvertTo-Json)
        $text | Should -Not -BeLike "*$password*"
        $c | Out-String | Should -Match 'Proxy\s+: http://127\.0\.0\.1:3128/'
        $c | Out-String | Should -Match 'ProxyCredential\s+: proxy-user'
        Connect-LlamaCloud -ApiKey $Key -BaseUri $Url -Proxy 'http://127.0.0.1:3128' -ProxyUseDefaultCredentials
        (Get-LlamaCloudConnection).ProxyCredential | Should -Be 'default credentials'
        Connect-LlamaCloud -ApiKey $Key -BaseUri $Url -NoProxy
        $c = Get-LlamaCloudConnection
        $c.Proxy | Should -Be 'none'
        $c.ProxyCredential | Should -BeNullOrEmpty
    }

    It 'is per runspace' {
        Connect-LlamaCloud -ApiKey $Key -BaseUri $Url
        $inner = 1 | ForEach-Object -Parallel { Import-Module $using:env:LLAMA_CHAT_TEST_MODULE; (Get-LlamaCloudConnection -WarningAction SilentlyContinue).KeySource }
        $inner | Should -BeNullOrEmpty
        (Get-LlamaCloudConnection).KeySource | Should -Be 'Connect-LlamaCloud'
    }
}

Describe 'Clear words' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest; Disconnect-LlamaCloud; Remove-Item Env:LLAMA_CLOUD_BASE_URL -ErrorAction SilentlyContinue }

    It 'names LLAMA_CLOUD_BASE_URL when the environment supplied a bad base URI, masking its credentials' {
        $env:LLAMA_CLOUD_BASE_URL = 'https://alice:hunter2@api.example/'
        try {
            $e = { Get-LlamaChatSession -Id ses-demo -ApiKey $Key } | Should -Throw -PassThru
        }
        finally { Remove-Item Env:LLAMA_CLOUD_BASE_URL }
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidBaseUri,*'
        $e.Exception.Message | Should -BeLike '*LLAMA_CLOUD_BASE_URL*'
        $e.Exception.Message | Should -Not -BeLike '*hunter2*'
        $e.Exception.Message | Should -BeLike "*'https://********@api.example/'*"
    }

    It 'gives the title, not the markup, of an HTML error page at a 4xx status' {
        Add-Fault @{ path = 'ses-demo'; status = 403; times = -1; contentType = 'text/html'; body = '<!DOCTYPE html><html><head><title>Access denied by policy</title><style>body{}</style></head><body><h1>Denied</h1></body></html>' }
        $null = Get-LlamaChatSession -Id ses-demo @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -Be "Session 'ses-demo': 403 Forbidden: Access denied by policy."
    }

    It 'says a reset connection once' {
        Add-Fault @{ path = 'ses-demo'; kind = 'reset'; times = -1 }
        $null = Get-LlamaChatSession -Id ses-demo @Conn -MaximumRetryCount 0 -ErrorVariable errs -ErrorAction SilentlyContinue
        $m = $errs[0].Exception.Message
        $m | Should -BeLike "Session 'ses-demo': *"
        # No sentence said twice.
        $sentences = @($m -split '(?<=\.)\s+' | Where-Object { $_ })
        ($sentences | Group-Object | Where-Object Count -gt 1) | Should -BeNullOrEmpty
        $m | Should -Not -Match '[a-z]\.[A-Z]'   # no sentence run into the next
    }

    It 'the session table never cuts a 36-character id' {
        $id = '3f2b8c1e-9d4a-4e7b-8f6c-2a1d0e9b7c5f'
        Set-EmulatorSession -Id $id -Json ('{"session_id":"' + $id + '","last_updated_at":"2026-01-01T00:00:00","generated_title":"' + ('A long title ' * 20) + '","events":[]}')
        $lines = Get-LlamaChatSession -Id $id @Conn | Out-String -Width 100 -Stream
        @($lines | Where-Object { $_ -like "$id *" }).Count | Should -Be 1
    }
}
