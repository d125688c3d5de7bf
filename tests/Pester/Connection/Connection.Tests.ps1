# Connect-LlamaCloud's key checks and -Validate, Get-LlamaCloudConnection, and where settings come from in messages.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
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

Describe 'Connect-LlamaCloud changes only what it is given' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest; Disconnect-LlamaCloud; Remove-Item Env:LLAMA_CLOUD_API_KEY, Env:LLAMA_CLOUD_BASE_URL -ErrorAction SilentlyContinue }
    AfterEach { Disconnect-LlamaCloud; Remove-Item Env:LLAMA_CLOUD_API_KEY, Env:LLAMA_CLOUD_BASE_URL -ErrorAction SilentlyContinue }

    It 'without -Region or -BaseUri keeps LLAMA_CLOUD_BASE_URL: the next command goes where the environment says' {
        $env:LLAMA_CLOUD_BASE_URL = $Url
        Connect-LlamaCloud -ApiKey $Key
        $c = Get-LlamaCloudConnection
        $c.BaseUri | Should -Be "$Url/"
        $c.BaseUriSource | Should -Be 'the LLAMA_CLOUD_BASE_URL environment variable'
        $c.KeySource | Should -Be 'Connect-LlamaCloud'
        (Get-LlamaChatSession -Id ses-demo).SessionId | Should -Be 'ses-demo'
        @(Get-EmulatorRequest).Count | Should -Be 1
    }

    It 'without -Region, LLAMA_CLOUD_BASE_URL or -BaseUri, the default (NA) applies, from the default' {
        Connect-LlamaCloud -ApiKey $Key
        $c = Get-LlamaCloudConnection
        $c.BaseUri | Should -Be 'https://api.cloud.llamaindex.ai/'
        $c.BaseUriSource | Should -Be 'the default'
        $c.Region | Should -Be 'NA'
    }

    It '-Region, when given, wins over LLAMA_CLOUD_BASE_URL and says so' {
        $env:LLAMA_CLOUD_BASE_URL = $Url
        Connect-LlamaCloud -ApiKey $Key -Region EU
        $c = Get-LlamaCloudConnection
        $c.BaseUri | Should -Be 'https://api.cloud.eu.llamaindex.ai/'
        $c.BaseUriSource | Should -Be 'Connect-LlamaCloud -Region EU'
        $c.Region | Should -Be 'EU'
        Connect-LlamaCloud -ApiKey $Key -BaseUri $Url
        (Get-LlamaCloudConnection).BaseUriSource | Should -Be 'Connect-LlamaCloud -BaseUri'
    }

    It '-PassThru writes the same type, with the same values, as Get-LlamaCloudConnection' {
        $env:LLAMA_CLOUD_BASE_URL = $Url
        $cred = [pscredential]::new('proxy-user', (ConvertTo-SecureString 'pw-1' -AsPlainText -Force))
        $passed = Connect-LlamaCloud -ApiKey 'llx-abcdefgh12345678wxyz' -ProjectId proj-2 -Proxy 'http://127.0.0.1:3128' -ProxyCredential $cred -PassThru
        $shown = Get-LlamaCloudConnection
        $passed.GetType().FullName | Should -Be 'LlamaCloud.Chat.Commands.LlamaCloudConnectionInfo'
        $shown.GetType().FullName | Should -Be 'LlamaCloud.Chat.Commands.LlamaCloudConnectionInfo'
        $names = @($shown.PSObject.Properties.Name)
        $names | Should -Be @('BaseUri', 'BaseUriSource', 'Region', 'OrganizationId', 'ProjectId', 'KeySource', 'KeyHint', 'Proxy', 'ProxyCredential')
        foreach ($n in $names) { "$($passed.$n)" | Should -Be "$($shown.$n)" -Because $n }
        $passed.KeyHint | Should -Be '********wxyz'
        $passed.Proxy | Should -Be 'http://127.0.0.1:3128/'
        $passed.ProxyCredential | Should -Be 'proxy-user'
        ($passed | Out-String) | Should -Be ($shown | Out-String)
    }
}

Describe 'Rejected keys name where they were sent' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest; Disconnect-LlamaCloud; Remove-Item Env:LLAMA_CLOUD_API_KEY, Env:LLAMA_CLOUD_BASE_URL -ErrorAction SilentlyContinue }
    AfterEach { Disconnect-LlamaCloud; Remove-Item Env:LLAMA_CLOUD_API_KEY, Env:LLAMA_CLOUD_BASE_URL -ErrorAction SilentlyContinue }

    It 'a 401 names the base URI and where it came from, and the advice names the region to try' {
        $env:LLAMA_CLOUD_BASE_URL = $Url
        Connect-LlamaCloud -ApiKey 'wrong-key-1234'
        $e = { Get-LlamaChatSession -Id ses-demo } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.Unauthorized,*'
        $e.Exception.Message | Should -Be "Session 'ses-demo': 401 Unauthorized: Invalid or missing API key. The API key from Connect-LlamaCloud was rejected by $Url/ (from the LLAMA_CLOUD_BASE_URL environment variable); no further requests were sent."
        $e.ErrorDetails.RecommendedAction | Should -BeLike "Check that $Url/ is the LlamaCloud deployment the key belongs to. Otherwise pass the right key*"
        @(Get-EmulatorRequest).Count | Should -Be 1
    }

    It 'a 403 names the base URI, the project and what to check' {
        Add-Fault @{ path = 'ses-demo'; status = 403; times = -1; body = '{"detail":"Not allowed"}' }
        $null = Get-LlamaChatSession -Id ses-demo @Conn -ProjectId proj-9 -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs).Count | Should -Be 1
        $errs[0].Exception.Message | Should -Be "Session 'ses-demo': 403 Forbidden: Not allowed. The API key from the -ApiKey parameter is not allowed this at $Url/ (from -BaseUri) for project proj-9."
        $errs[0].ErrorDetails.RecommendedAction | Should -BeLike 'Check -ProjectId and -OrganizationId*'
    }
}

Describe '-ApiKey takes a PSCredential' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest; Disconnect-LlamaCloud }

    It 'as the key itself on any command (its password is the key), and on Connect-LlamaCloud' {
        $cred = [pscredential]::new('vault', (ConvertTo-SecureString $Key -AsPlainText -Force))
        (Get-LlamaChatSession -Id ses-demo -BaseUri $Url -ApiKey $cred).SessionId | Should -Be 'ses-demo'
        @(Get-EmulatorRequest).Count | Should -Be 1
        Connect-LlamaCloud -ApiKey $cred -BaseUri $Url
        (Get-LlamaCloudConnection).KeyHint | Should -Be '********-key'
        (Get-LlamaChatSession -Id ses-abc123).SessionId | Should -Be 'ses-abc123'
        @(Get-EmulatorRequest).Count | Should -Be 2
        $wrong = [pscredential]::new('vault', (ConvertTo-SecureString 'not-the-key' -AsPlainText -Force))
        { Get-LlamaChatSession -Id ses-demo -BaseUri $Url -ApiKey $wrong } | Should -Throw -ErrorId 'LlamaCloud.Unauthorized*'
    }

    It 'an empty password is an empty key, refused before any request' {
        $empty = [pscredential]::new('vault', [securestring]::new())
        $e = { Get-LlamaChatSession -Id ses-demo -BaseUri $Url -ApiKey $empty } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $e.Exception.Message | Should -BeLike '*The API key is empty*'
        @(Get-EmulatorRequest).Count | Should -Be 0
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
        $errs[0].Exception.Message | Should -Be "Session 'ses-demo': 403 Forbidden: Access denied by policy. The API key from the -ApiKey parameter is not allowed this at $Url/ (from -BaseUri)."
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
