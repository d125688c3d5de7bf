BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../RealParts.psm1') -Force
    $script:HasTinyProxy = [bool](Find-RealPart tinyproxy -For 'ExportLlamaChatTrace.Tests.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    . (Join-Path $PSScriptRoot '../OtlpSchema.ps1')
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "llama-trace-$PID"
    $script:OtelVars = 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'
    foreach ($v in $OtelVars) { Remove-Item "Env:$v" -ErrorAction SilentlyContinue }
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
    foreach ($v in $OtelVars) { Remove-Item "Env:$v" -ErrorAction SilentlyContinue }
}

Describe 'Export-LlamaChatTrace -Path' {
    BeforeEach {
        Reset-Emulator
        Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
        $null = New-Item -ItemType Directory -Path $Dir
        $script:File = Join-Path $Dir 'demo.jsonl'
    }

    It 'writes ses-demo as one line: one turn span and one tool span per tool call, decoding against the OTLP schema' {
        Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatTrace -Path $File
        $lines = @(Get-Content $File)
        $lines.Count | Should -Be 1
        $check = @(Test-OtlpSchema (Get-Content -Raw $File) -Jsonl)
        $check.Count | Should -Be 1
        $check[0].errors | Should -BeNullOrEmpty
        $check[0].ok | Should -BeTrue
        $check[0].spans | Should -Be 3
        $spans = @(Get-OtlpSpan ($lines[0] | ConvertFrom-Json))
        @($spans | Where-Object { (Get-OtlpAttribute $_ 'gen_ai.operation.name') -eq 'invoke_agent' }).Count | Should -Be 1
        @($spans | Where-Object { (Get-OtlpAttribute $_ 'gen_ai.operation.name') -eq 'execute_tool' }).Count | Should -Be 2
        $lines[0] | Should -BeExactly (ConvertTo-LlamaChatTrace -SessionId ses-demo @Conn).Json
        @(Get-ChildItem $Dir).Name | Should -Be @('demo.jsonl')  # no temporary file left behind
    }

    It 'refuses an existing file without -Force or -Append, and leaves it alone' {
        Set-Content -Path $File -Value 'keep me'
        { 'ses-demo' | Export-LlamaChatTrace -Path $File @Conn -ErrorAction Stop } | Should -Throw -ErrorId 'LlamaCloud.TraceFileExists,*'
        Get-Content $File | Should -Be 'keep me'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'appends with -Append and overwrites with -Force' {
        'ses-demo' | Export-LlamaChatTrace -Path $File @Conn
        $first = Get-Content -Raw $File
        'ses-abc123', 'ses-err' | Export-LlamaChatTrace -Path $File -Append @Conn
        $lines = @(Get-Content $File)
        $lines.Count | Should -Be 3
        $lines[0] | Should -BeExactly $first.TrimEnd("`n")
        (@(Test-OtlpSchema (Get-Content -Raw $File) -Jsonl) | Where-Object ok).Count | Should -Be 3
        'ses-fix-01' | Export-LlamaChatTrace -Path $File -Force @Conn
        @(Get-Content $File).Count | Should -Be 1
        ((Get-Content $File) | ConvertFrom-Json).resourceSpans[0].scopeSpans[0].spans[0].attributes.Where({ $_.key -eq 'gen_ai.conversation.id' }).value.stringValue | Should -Be 'ses-fix-01'
    }

    It 'writes nothing and fetches nothing with -WhatIf' {
        Clear-EmulatorRequest
        'ses-demo', 'ses-abc123' | Export-LlamaChatTrace -Path $File @Conn -WhatIf
        Test-Path $File | Should -BeFalse
        @(Get-ChildItem $Dir).Count | Should -Be 0
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'keeps the sessions that could be read when one fails, and returns the file with -PassThru' {
        $f = 'ses-demo', 'ses-missing', 'ses-err' | Export-LlamaChatTrace -Path $File @Conn -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue
        $f.FullName | Should -Be $File
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound,*'
        @(Get-Content $File).Count | Should -Be 2
        @(Get-ChildItem $Dir).Count | Should -Be 1
    }

    It 'rejects a folder, and -Path together with -Endpoint' {
        { 'ses-demo' | Export-LlamaChatTrace -Path $Dir @Conn -ErrorAction Stop } | Should -Throw -ErrorId 'LlamaCloud.TracePathInvalid,*'
        { 'ses-demo' | Export-LlamaChatTrace -Path $File -Endpoint $Url @Conn -ErrorAction Stop } | Should -Throw -ErrorId 'LlamaCloud.TracePathInvalid,*'
    }
}

Describe 'Export-LlamaChatTrace -Endpoint' {
    BeforeEach {
        Reset-Emulator
        Clear-OtlpRequest
        foreach ($v in $OtelVars) { Remove-Item "Env:$v" -ErrorAction SilentlyContinue }
    }

    It 'delivers ses-demo to the receiver as an OTLP/JSON request that decodes against the schema' {
        $r = Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatTrace -Endpoint $Url -PassThru @Conn
        $r.StatusCode | Should -Be 200
        $r.Attempts | Should -Be 1
        $r.SpanCount | Should -Be 3
        $got = @(Get-OtlpRequest)
        $got.Count | Should -Be 1
        $got[0].path | Should -Be '/v1/traces'
        $got[0].headers.'Content-Type' | Should -Be 'application/json'
        $check = Test-OtlpSchema $got[0].body -Type ExportTraceServiceRequest
        $check.errors | Should -BeNullOrEmpty
        $check.ok | Should -BeTrue
        $check.spans | Should -Be 3
    }

    It 'batches sessions: -BatchSize 2 sends 5 sessions in 3 requests of 2, 2 and 1 ResourceSpans' {
        $ids = 'ses-fix-01', 'ses-fix-02', 'ses-fix-03', 'ses-fix-04', 'ses-fix-05'
        $results = $ids | Export-LlamaChatTrace -Endpoint $Url -BatchSize 2 -PassThru @Conn
        @($results).Count | Should -Be 3
        $got = @(Get-OtlpRequest)
        $got.Count | Should -Be 3
        $checks = $got | ForEach-Object { Test-OtlpSchema $_.body -Type ExportTraceServiceRequest }
        $checks.ok | Should -Be @($true, $true, $true)
        $checks.resourceSpans | Should -Be @(2, 2, 1)
        $sent = foreach ($g in $got) { foreach ($rs in ($g.body | ConvertFrom-Json).resourceSpans) { Get-OtlpAttribute $rs.scopeSpans[0].spans[0] 'gen_ai.conversation.id' } }
        $sent | Should -Be $ids
        $results[0].SessionIds | Should -Be @('ses-fix-01', 'ses-fix-02')
    }

    It 'retries a 503 after its Retry-After and succeeds' {
        Add-OtlpResponse @(@{ status = 503; retryAfter = '1' })
        $r = 'ses-demo' | Export-LlamaChatTrace -Endpoint $Url -PassThru @Conn -ErrorVariable errs
        $errs.Count | Should -Be 0
        $r.Attempts | Should -Be 2
        $got = @(Get-OtlpRequest)
        $got.status | Should -Be @(503, 200)
        $got[1].body | Should -BeExactly $got[0].body
        # The wait honoured Retry-After (a lower bound only: a slow machine can only make it longer).
        ([datetime]$got[1].time - [datetime]$got[0].time).TotalMilliseconds | Should -BeGreaterOrEqual 950
    }

    It 'retries 429, 502 and 504, and never 400, 404, 413 or 500 (<Status>)' -TestCases @(
        @{ Status = 429; Retried = $true }, @{ Status = 502; Retried = $true }, @{ Status = 504; Retried = $true },
        @{ Status = 400; Retried = $false }, @{ Status = 404; Retried = $false },
        @{ Status = 413; Retried = $false }, @{ Status = 500; Retried = $false }
    ) {
        Add-OtlpResponse @(@{ status = $Status; retryAfter = '0.05' })
        $null = 'ses-fix-01' | Export-LlamaChatTrace -Endpoint $Url @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $got = @(Get-OtlpRequest)
        if ($Retried) {
            $got.status | Should -Be @($Status, 200)
            $errs.Count | Should -Be 0
        }
        else {
            $got.status | Should -Be @($Status)
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.OtlpExportFailed,*'
            $errs[0].Exception.StatusCode | Should -Be $Status
            $errs[0].Exception.Attempts | Should -Be 1
            $errs[0].Exception.Message | Should -BeLike "*answered $Status*scripted $Status*"
        }
    }

    It 'stops at a <Status> from the receiver: one terminating error naming the headers'' sources, no further batch' -TestCases @(
        @{ Status = 401; Category = 'AuthenticationError' }, @{ Status = 403; Category = 'PermissionDenied' }
    ) {
        $secret = 'otlp-token-4d1e8b'
        $env:OTEL_EXPORTER_OTLP_HEADERS = "x-tenant=acme-tenant-77"
        Add-OtlpResponse @(@{ status = $Status }, @{ status = $Status }, @{ status = $Status })
        $e = $null
        try { 'ses-fix-01', 'ses-fix-02', 'ses-fix-03' | Export-LlamaChatTrace -Endpoint $Url -BatchSize 1 -Header @{ Authorization = "Bearer $secret" } @Conn -ErrorAction SilentlyContinue -ErrorVariable errs }
        catch { $e = $_ }
        $e | Should -BeOfType System.Management.Automation.ErrorRecord
        $e.FullyQualifiedErrorId | Should -Be 'LlamaCloud.OtlpExportFailed,LlamaCloud.Chat.Commands.ExportLlamaChatTraceCommand'
        $e.CategoryInfo.Category | Should -Be $Category
        $e.TargetObject | Should -Be 'ses-fix-01'
        $e.Exception.StatusCode | Should -Be $Status
        $e.Exception.Attempts | Should -Be 1
        $e.Exception.Message | Should -BeLike "*answered $Status*The receiver rejected the credentials, so nothing more was sent. Headers sent: x-tenant (from OTEL_EXPORTER_OTLP_HEADERS), Authorization (from -Header); check the receiver's token in -Header, OTEL_EXPORTER_OTLP_HEADERS or OTEL_EXPORTER_OTLP_TRACES_HEADERS."
        $e.Exception.Message.Contains($secret) | Should -BeFalse
        $e.Exception.Message.Contains('acme-tenant-77') | Should -BeFalse
        # Only the terminating error (recorded as its exception): no per-batch error records before it.
        @($errs).Count | Should -Be 1
        @($errs | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 0
        @(Get-OtlpRequest).status | Should -Be @($Status)
    }

    It 'shows a Retry-After wait over a second as a progress record, and a short one not at all' {
        Add-OtlpResponse @(@{ status = 503; retryAfter = '2' })
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; ('ses-demo' | Export-LlamaChatTrace -Endpoint '$Url' -PassThru -BaseUri '$Url' -ApiKey '$Key').Attempts")
            $ps.Invoke() | Should -Be 2
            $ps.Streams.Error.Count | Should -Be 0
            $p = @($ps.Streams.Progress | Where-Object Activity -eq 'Waiting for the OTLP receiver')
            $running = @($p | Where-Object RecordType -eq 'Processing')
            $p[0].RecordType | Should -Be 'Processing'
            @($p | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
            $running[0].StatusDescription | Should -Match ('^' + [regex]::Escape("$Url/v1/traces") + ': retrying in [12] s$')
            $running[0].SecondsRemaining | Should -BeIn 1, 2
            $p[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
        (Get-OtlpRequest).status | Should -Be @(503, 200)
        Clear-OtlpRequest
        Add-OtlpResponse @(@{ status = 503; retryAfter = '0.05' })
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; ('ses-demo' | Export-LlamaChatTrace -Endpoint '$Url' -PassThru -BaseUri '$Url' -ApiKey '$Key').Attempts")
            $ps.Invoke() | Should -Be 2
            @($ps.Streams.Progress).Count | Should -Be 0
        }
        finally { $ps.Dispose() }
    }

    It 'gives up after -MaximumRetryCount retries, with one error for the batch, and goes on' {
        Add-OtlpResponse @(@{ status = 503; retryAfter = '0.05' }, @{ status = 503; retryAfter = '0.05' })
        $null = 'ses-fix-01', 'ses-fix-02' | Export-LlamaChatTrace -Endpoint $Url -BatchSize 1 -MaximumRetryCount 1 @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        (Get-OtlpRequest).status | Should -Be @(503, 503, 200)
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be 'ses-fix-01'
        $errs[0].Exception.Attempts | Should -Be 2
    }

    It 'reports the rejected count of a partial success' {
        Add-OtlpResponse @(@{ status = 200; body = @{ partialSuccess = @{ rejectedSpans = '2'; errorMessage = 'spans too old' } } })
        $r = 'ses-demo' | Export-LlamaChatTrace -Endpoint $Url -PassThru @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.RejectedSpans | Should -Be 2
        $r.Message | Should -Be 'spans too old'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.OtlpPartialSuccess,*'
        $errs[0].Exception.Message | Should -BeLike '*rejected 2 of 3 spans: spans too old*'
        @(Get-OtlpRequest).Count | Should -Be 1   # a partial success is never retried
    }

    It 'honours OTEL_EXPORTER_OTLP_ENDPOINT (appending v1/traces) and OTEL_EXPORTER_OTLP_HEADERS' {
        $env:OTEL_EXPORTER_OTLP_ENDPOINT = "$Url/otlp"
        $env:OTEL_EXPORTER_OTLP_HEADERS = 'x-tenant=acme, authorization=Bearer%20env-secret-1'
        'ses-fix-01' | Export-LlamaChatTrace @Conn
        $got = @(Get-OtlpRequest)
        $got.Count | Should -Be 1
        $got[0].path | Should -Be '/otlp/v1/traces'
        $got[0].headers.'x-tenant' | Should -Be 'acme'
        $got[0].headers.Authorization | Should -Be 'Bearer env-secret-1'
    }

    It 'uses OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, and -Header overrides the environment by name' {
        $env:OTEL_EXPORTER_OTLP_ENDPOINT = "$Url/ignored"
        $env:OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = "$Url/otlp/custom-traces"
        $env:OTEL_EXPORTER_OTLP_HEADERS = 'x-tenant=acme,x-env=prod'
        $secure = ConvertTo-SecureString 'param-secret-2' -AsPlainText -Force
        'ses-fix-01' | Export-LlamaChatTrace -Header @{ 'X-Tenant' = 'beta'; 'X-Api-Key' = $secure } @Conn
        $got = @(Get-OtlpRequest)
        $got[0].path | Should -Be '/otlp/custom-traces'
        $got[0].headers.'x-tenant' | Should -Be 'beta'
        $got[0].headers.'x-env' | Should -Be 'prod'
        $got[0].headers.'x-api-key' | Should -Be 'param-secret-2'
        # -Endpoint wins over both variables.
        Clear-OtlpRequest
        'ses-fix-01' | Export-LlamaChatTrace -Endpoint $Url @Conn
        (Get-OtlpRequest).path | Should -Be '/v1/traces'
    }

    It 'never shows header values, even when the receiver echoes them back' {
        $secret = 'otlp-token-7f3a9c'
        Add-OtlpResponse @(@{ status = 400; body = @{ code = 3; message = "bad token $secret (Bearer $secret)" } })
        $all = 'ses-demo' | Export-LlamaChatTrace -Endpoint $Url -Header ([ordered]@{ Authorization = "Bearer $secret"; 'X-Key' = $secret }) @Conn -Verbose -ErrorAction Continue *>&1 | Out-String
        (Get-OtlpRequest).headers.'X-Key' | Should -Be $secret   # it was sent
        $all | Should -Match 'answered 400'
        $all | Should -Match 'headers Authorization, X-Key'
        $all.Contains($secret) | Should -BeFalse
    }

    It 'refuses to send headers over plain http to a host that is not loopback, and rejects endpoints with credentials' {
        { 'ses-demo' | Export-LlamaChatTrace -Endpoint 'http://collector.example.invalid:4318' -Header @{ Authorization = 'Bearer x1234' } @Conn -ErrorAction Stop } |
            Should -Throw -ErrorId 'LlamaCloud.UnencryptedAuthentication,*'
        { 'ses-demo' | Export-LlamaChatTrace -Endpoint 'http://user:pw@127.0.0.1:4318' @Conn -ErrorAction Stop } | Should -Throw -ErrorId 'LlamaCloud.InvalidOtlpEndpoint,*'
        { 'ses-demo' | Export-LlamaChatTrace -Endpoint 'not a uri' @Conn -ErrorAction Stop } | Should -Throw -ErrorId 'LlamaCloud.InvalidOtlpEndpoint,*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'sends nothing with -WhatIf' {
        'ses-demo', 'ses-err' | Export-LlamaChatTrace -Endpoint $Url @Conn -WhatIf
        @(Get-OtlpRequest).Count | Should -Be 0
    }

    It 'reports an unreachable receiver as a connection error' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $null = 'ses-demo' | Export-LlamaChatTrace -Endpoint "http://127.0.0.1:$port" -MaximumRetryCount 0 @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.OtlpExportFailed,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errs[0].Exception.StatusCode | Should -Be 0
    }
}

Describe 'Export-LlamaChatTrace -Endpoint through tinyproxy with Basic authentication' -Skip:(-not $HasTinyProxy) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../TestProxy.psm1') -Force
        $script:TinyProxy = Start-TinyProxy -UserName 'otlp' -Password ('pr0xy-' + [guid]::NewGuid().ToString('n').Substring(0, 12))
        $script:ProxyUrl = $TinyProxy.Url
        # The request lines tinyproxy logged since $Since (a character offset into its log).
        function Get-ProxyRequest([int] $Since) {
            $text = Get-Content -Raw $TinyProxy.LogPath
            [regex]::Matches($text.Substring([Math]::Min($Since, $text.Length)), 'Request \(file descriptor \d+\): (\S+ \S+)') | ForEach-Object { $_.Groups[1].Value }
        }
        function Get-ProxyLogLength { (Get-Content -Raw $TinyProxy.LogPath).Length }
        # Saved sessions hold their events, so the export's only request is the POST to the receiver.
        Reset-Emulator
        $script:SavedDir = Join-Path ([IO.Path]::GetTempPath()) "llama-trace-proxy-$PID"
        $files = 'ses-demo', 'ses-abc123' | ForEach-Object { Get-LlamaChatSession -Id $_ @Conn | Export-LlamaChatSession -Path $SavedDir -PassThru }
        $script:Saved = @($files | ForEach-Object { Get-LlamaChatSession -Path $_.FullName })
    }
    AfterAll {
        Disconnect-LlamaCloud
        Stop-TinyProxy $TinyProxy
        Remove-Item -Recurse -Force $SavedDir -ErrorAction SilentlyContinue
    }
    BeforeEach {
        Clear-EmulatorRequest
        Clear-OtlpRequest
        Disconnect-LlamaCloud
        foreach ($v in $OtelVars) { Remove-Item "Env:$v" -ErrorAction SilentlyContinue }
    }

    It 'delivers through -Proxy with -ProxyCredential' {
        $mark = Get-ProxyLogLength
        $r = $Saved[0] | Export-LlamaChatTrace -Endpoint $Url -Proxy $ProxyUrl -ProxyCredential $TinyProxy.Credential -PassThru
        $r.StatusCode | Should -Be 200
        $r.SpanCount | Should -Be 3
        @(Get-OtlpRequest).Count | Should -Be 1
        @(Get-ProxyRequest -Since $mark | Sort-Object -Unique) | Should -Be @("POST $Url/v1/traces")
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'delivers through the proxy Connect-LlamaCloud was given, and -NoProxy goes direct' {
        Connect-LlamaCloud @Conn -Proxy $ProxyUrl -ProxyCredential $TinyProxy.Credential
        $mark = Get-ProxyLogLength
        $r = $Saved[0] | Export-LlamaChatTrace -Endpoint $Url -PassThru
        $r.StatusCode | Should -Be 200
        @(Get-ProxyRequest -Since $mark | Sort-Object -Unique) | Should -Be @("POST $Url/v1/traces")
        $mark = Get-ProxyLogLength
        $r = $Saved[0] | Export-LlamaChatTrace -Endpoint $Url -NoProxy -PassThru
        $r.StatusCode | Should -Be 200
        @(Get-ProxyRequest -Since $mark).Count | Should -Be 0
        @(Get-OtlpRequest).Count | Should -Be 2
    }

    It 'without credentials: one terminating ProxyAuthenticationRequired that names the proxy, no retries, nothing delivered' {
        $mark = Get-ProxyLogLength
        $e = { $Saved | Export-LlamaChatTrace -Endpoint $Url -BatchSize 1 -Proxy $ProxyUrl -ErrorAction SilentlyContinue } |
            Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'LlamaCloud.ProxyAuthenticationRequired,LlamaCloud.Chat.Commands.ExportLlamaChatTraceCommand'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $e.Exception.Message | Should -Be "The proxy $ProxyUrl requires authentication (407 Proxy Authentication Required). It asks for: Basic realm=`"Tinyproxy`". Pass -ProxyCredential (or -ProxyUseDefaultCredentials) with -Proxy, on the command or on Connect-LlamaCloud."
        @(Get-ProxyRequest -Since $mark) | Should -Be @("POST $Url/v1/traces")
        @(Get-OtlpRequest).Count | Should -Be 0
        @(Get-EmulatorRequest).Count | Should -Be 0
    }
}

Describe 'Export-LlamaChatTrace never guesses where to send' {
    BeforeEach {
        Reset-Emulator; Clear-EmulatorRequest
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method Delete -Path 'otlp/requests'
        $script:SavedOtel = @{}
        foreach ($v in 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') { $SavedOtel[$v] = [Environment]::GetEnvironmentVariable($v); Remove-Item "Env:$v" -ErrorAction SilentlyContinue }
    }
    AfterEach { foreach ($v in $SavedOtel.Keys) { [Environment]::SetEnvironmentVariable($v, $SavedOtel[$v]) } }

    It 'with neither -Path nor -Endpoint nor an OTEL endpoint variable: one terminating error, nothing read or sent' {
        $e = { 'ses-demo', 'ses-abc123' | Export-LlamaChatTrace @Conn } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.TraceDestinationMissing,*'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -Be 'Export-LlamaChatTrace needs a destination: -Path for a JSON Lines file, or -Endpoint for an OTLP/HTTP receiver (or the OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT environment variable). Nothing was sent. For a Collector on this machine: -Endpoint http://localhost:4318.'
        @(Get-EmulatorRequest).Count | Should -Be 0
        @(Invoke-EmulatorControl -Emulator $Emulator -Method Get -Path 'otlp/requests' | ForEach-Object { $_ }).Count | Should -Be 0
    }

    It 'OTEL_EXPORTER_OTLP_ENDPOINT says where, as on a machine configured for OpenTelemetry' {
        $env:OTEL_EXPORTER_OTLP_ENDPOINT = $Url
        'ses-demo' | Export-LlamaChatTrace @Conn
        $sent = @(Invoke-EmulatorControl -Emulator $Emulator -Method Get -Path 'otlp/requests' | ForEach-Object { $_ })
        $sent.Count | Should -Be 1
        $sent[0].path | Should -Be '/v1/traces'
    }
}
