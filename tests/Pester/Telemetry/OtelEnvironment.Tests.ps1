# The OpenTelemetry SDK environment variables the trace cmdlets honour (service name, resource attributes, protocol,
# compression), against the emulator's OTLP/HTTP receiver. Every test sets its variables and restores them in finally.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    . (Join-Path $PSScriptRoot '../OtlpSchema.ps1')
    $script:OtelVars = 'OTEL_SERVICE_NAME', 'OTEL_RESOURCE_ATTRIBUTES',
        'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
        'OTEL_EXPORTER_OTLP_COMPRESSION', 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION',
        'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'
    # Clears the variables (whatever the developer's shell has) and returns their values for Restore-OtelEnv.
    function Save-OtelEnv {
        $saved = @{}
        foreach ($v in $script:OtelVars) {
            $saved[$v] = [Environment]::GetEnvironmentVariable($v)
            [Environment]::SetEnvironmentVariable($v, $null)
        }
        $saved
    }
    function Restore-OtelEnv([hashtable] $Saved) {
        foreach ($v in $script:OtelVars) { [Environment]::SetEnvironmentVariable($v, $Saved[$v]) }
    }
    function Get-ResourceAttribute($Request) {
        $out = [ordered]@{}
        foreach ($a in ($Request.body | ConvertFrom-Json).resourceSpans[0].resource.attributes) { $out[$a.key] = $a.value.stringValue }
        $out
    }
    $script:Outer = Save-OtelEnv
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "llama-otelenv-$PID"
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Restore-OtelEnv $script:Outer
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
}

Describe 'service.name and resource attributes from the environment' {
    BeforeEach {
        Reset-Emulator
        Clear-OtlpRequest
    }

    It 'service.name comes from <Winner> when <Given>' -TestCases @(
        @{ Given = '-ServiceName and both variables'; Param = 'from-param'; ServiceVar = 'from-service-var'; Attrs = 'service.name=from-attrs'; Winner = 'from-param' }
        @{ Given = 'both variables'; Param = $null; ServiceVar = 'from-service-var'; Attrs = 'service.name=from-attrs'; Winner = 'from-service-var' }
        @{ Given = 'only OTEL_RESOURCE_ATTRIBUTES (percent-encoded)'; Param = $null; ServiceVar = $null; Attrs = 'team=a,service.name=from%2Dattrs%20x'; Winner = 'from-attrs x' }
        @{ Given = 'nothing'; Param = $null; ServiceVar = $null; Attrs = $null; Winner = 'llama-cloud-chat' }
    ) {
        $saved = Save-OtelEnv
        try {
            $env:OTEL_SERVICE_NAME = $ServiceVar
            $env:OTEL_RESOURCE_ATTRIBUTES = $Attrs
            $named = if ($Param) { @{ ServiceName = $Param } } else { @{} }
            'ses-fix-01' | Export-LlamaChatTrace -Endpoint $Url @named @Conn
            $got = @(Get-OtlpRequest)
            $got.Count | Should -Be 1
            (Get-ResourceAttribute $got[0])['service.name'] | Should -BeExactly $Winner
            # ConvertTo-LlamaChatTrace shares the resolution (one base cmdlet): the same resource.
            $doc = (ConvertTo-LlamaChatTrace -SessionId ses-fix-01 @named @Conn).Json | ConvertFrom-Json
            ($doc.resourceSpans[0].resource.attributes | Where-Object key -eq 'service.name').value.stringValue | Should -BeExactly $Winner
        }
        finally { Restore-OtelEnv $saved }
    }

    It 'adds the other OTEL_RESOURCE_ATTRIBUTES entries as string attributes, never replacing the module''s own' {
        $saved = Save-OtelEnv
        try {
            $env:OTEL_RESOURCE_ATTRIBUTES = 'deployment.environment.name=prod, team=ml%20ops,llama_cloud.module.name=spoofed,query=a=b,,service.name=svc-a'
            'ses-demo' | Export-LlamaChatTrace -Endpoint $Url @Conn -WarningVariable warns
            $warns.Count | Should -Be 0
            $got = @(Get-OtlpRequest)
            $got.Count | Should -Be 1
            $attrs = Get-ResourceAttribute $got[0]
            $version = (Get-Module LlamaCloud.Chat).Version.ToString(3)
            @($attrs.Keys) | Should -Be @('service.name', 'llama_cloud.module.name', 'llama_cloud.module.version', 'deployment.environment.name', 'team', 'query')
            @($attrs.Values) | Should -Be @('svc-a', 'LlamaCloud.Chat', $version, 'prod', 'ml ops', 'a=b')
            (Test-OtlpSchema $got[0].body -Type ExportTraceServiceRequest).ok | Should -BeTrue
        }
        finally { Restore-OtelEnv $saved }
    }

    It 'skips a malformed entry with one warning naming its position, never its text' {
        $saved = Save-OtelEnv
        try {
            $env:OTEL_RESOURCE_ATTRIBUTES = 'a=1,hidden-text-no-equals,b=2'
            $trace = ConvertTo-LlamaChatTrace -SessionId ses-fix-01 @Conn -WarningVariable warns -WarningAction SilentlyContinue
            $warns.Count | Should -Be 1
            $warns[0].Message | Should -BeLike '*OTEL_RESOURCE_ATTRIBUTES*entry 2*'
            $warns[0].Message | Should -Not -BeLike '*hidden-text*'
            $attrs = @(($trace.Json | ConvertFrom-Json).resourceSpans[0].resource.attributes)
            @($attrs.key) | Should -Be @('service.name', 'llama_cloud.module.name', 'llama_cloud.module.version', 'a', 'b')
        }
        finally { Restore-OtelEnv $saved }
    }
}

Describe 'OTEL_EXPORTER_OTLP_PROTOCOL' {
    BeforeEach {
        Reset-Emulator
        Clear-OtlpRequest
        Clear-EmulatorRequest
    }

    It 'refuses <Value> in <Variable> with LlamaCloud.UnsupportedOtlpProtocol; nothing is read or sent' -TestCases @(
        @{ Variable = 'OTEL_EXPORTER_OTLP_PROTOCOL'; Value = 'grpc'; Expect = '*OTEL_EXPORTER_OTLP_PROTOCOL is grpc*OTLP/HTTP*4318*' }
        @{ Variable = 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'; Value = 'grpc'; Expect = '*OTEL_EXPORTER_OTLP_TRACES_PROTOCOL is grpc*OTLP/HTTP*4318*' }
        @{ Variable = 'OTEL_EXPORTER_OTLP_PROTOCOL'; Value = 'thrift'; Expect = "*OTEL_EXPORTER_OTLP_PROTOCOL is 'thrift'*" }
    ) {
        $saved = Save-OtelEnv
        try {
            [Environment]::SetEnvironmentVariable($Variable, $Value)
            $err = $null
            try { 'ses-demo', 'ses-abc123' | Export-LlamaChatTrace -Endpoint $Url @Conn -ErrorAction Stop }
            catch { $err = $_ }
            $err | Should -BeOfType ([System.Management.Automation.ErrorRecord])
            $err.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.UnsupportedOtlpProtocol,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -BeLike $Expect
            @(Get-OtlpRequest).Count | Should -Be 0
            @(Get-EmulatorRequest).Count | Should -Be 0
        }
        finally { Restore-OtelEnv $saved }
    }

    It 'the signal-specific variable wins: http/json in the traces variable over grpc' {
        $saved = Save-OtelEnv
        try {
            $env:OTEL_EXPORTER_OTLP_PROTOCOL = 'grpc'
            $env:OTEL_EXPORTER_OTLP_TRACES_PROTOCOL = 'http/json'
            'ses-fix-01' | Export-LlamaChatTrace -Endpoint $Url @Conn
            @(Get-OtlpRequest).Count | Should -Be 1
        }
        finally { Restore-OtelEnv $saved }
    }

    It 'sends JSON for http/protobuf, saying so once in the verbose stream' {
        $saved = Save-OtelEnv
        try {
            $env:OTEL_EXPORTER_OTLP_PROTOCOL = 'http/protobuf'
            $verbose = 'ses-fix-01', 'ses-fix-02' | Export-LlamaChatTrace -Endpoint $Url -BatchSize 1 @Conn -Verbose 4>&1
            @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*http/protobuf*' }).Count | Should -Be 1
            $got = @(Get-OtlpRequest)
            $got.Count | Should -Be 2
            $got.headers.'Content-Type' | Should -Be @('application/json', 'application/json')
            (Test-OtlpSchema $got[0].body -Type ExportTraceServiceRequest).ok | Should -BeTrue
        }
        finally { Restore-OtelEnv $saved }
    }

    It 'does not apply to -Path: grpc set, the file is written' {
        $saved = Save-OtelEnv
        try {
            Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
            $null = New-Item -ItemType Directory -Path $Dir
            $env:OTEL_EXPORTER_OTLP_PROTOCOL = 'grpc'
            'ses-fix-01' | Export-LlamaChatTrace -Path (Join-Path $Dir 'a.jsonl') @Conn
            @(Get-Content (Join-Path $Dir 'a.jsonl')).Count | Should -Be 1
            @(Get-OtlpRequest).Count | Should -Be 0
        }
        finally { Restore-OtelEnv $saved }
    }
}

Describe 'OTLP gzip compression' {
    BeforeEach {
        Reset-Emulator
        Clear-OtlpRequest
    }

    It 'gzips the request when <Source> says so, and the receiver decodes exactly the uncompressed export' -TestCases @(
        @{ Source = '-Compression gzip'; Param = 'gzip'; Env = @{} }
        @{ Source = 'OTEL_EXPORTER_OTLP_COMPRESSION'; Param = $null; Env = @{ OTEL_EXPORTER_OTLP_COMPRESSION = 'gzip' } }
        @{ Source = 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION over the general one'; Param = $null; Env = @{ OTEL_EXPORTER_OTLP_TRACES_COMPRESSION = 'GZIP'; OTEL_EXPORTER_OTLP_COMPRESSION = 'none' } }
    ) {
        $saved = Save-OtelEnv
        try {
            $ids = 'ses-demo', 'ses-abc123', 'ses-err'
            $ids | Export-LlamaChatTrace -Endpoint $Url @Conn
            $plain = @(Get-OtlpRequest)
            $plain.Count | Should -Be 1
            $plain[0].encoding | Should -BeNullOrEmpty
            $plain[0].headers.PSObject.Properties['Content-Encoding'] | Should -BeNullOrEmpty
            $plain[0].wireBytes | Should -Be $plain[0].bodyBytes
            Clear-OtlpRequest

            foreach ($k in $Env.Keys) { [Environment]::SetEnvironmentVariable($k, $Env[$k]) }
            $named = if ($Param) { @{ Compression = $Param } } else { @{} }
            $r = $ids | Export-LlamaChatTrace -Endpoint $Url @named -PassThru @Conn
            $r.StatusCode | Should -Be 200
            $got = @(Get-OtlpRequest)
            $got.Count | Should -Be 1
            $got[0].headers.'Content-Encoding' | Should -Be 'gzip'
            $got[0].encoding | Should -Be 'gzip'
            $got[0].status | Should -Be 200
            $got[0].bodyBytes | Should -Be $plain[0].bodyBytes
            $got[0].wireBytes | Should -BeLessThan $got[0].bodyBytes
            $got[0].body | Should -BeExactly $plain[0].body
            $check = Test-OtlpSchema $got[0].body -Type ExportTraceServiceRequest
            $check.ok | Should -BeTrue
            $check.resourceSpans | Should -Be 3
        }
        finally { Restore-OtelEnv $saved }
    }

    It 'sends uncompressed with -Compression none or OTEL_EXPORTER_OTLP_TRACES_COMPRESSION=none over a gzip variable' {
        $saved = Save-OtelEnv
        try {
            $env:OTEL_EXPORTER_OTLP_COMPRESSION = 'gzip'
            'ses-fix-01' | Export-LlamaChatTrace -Endpoint $Url -Compression none @Conn
            $env:OTEL_EXPORTER_OTLP_TRACES_COMPRESSION = 'none'
            'ses-fix-01' | Export-LlamaChatTrace -Endpoint $Url @Conn
            $got = @(Get-OtlpRequest)
            $got.Count | Should -Be 2
            foreach ($g in $got) {
                $g.encoding | Should -BeNullOrEmpty
                $g.wireBytes | Should -Be $g.bodyBytes
            }
        }
        finally { Restore-OtelEnv $saved }
    }

    It 'resends a retried request compressed: the same gzip bytes after a 503' {
        $saved = Save-OtelEnv
        try {
            Add-OtlpResponse @(@{ status = 503; retryAfter = '0.05' })
            $r = 'ses-demo' | Export-LlamaChatTrace -Endpoint $Url -Compression gzip -PassThru @Conn -ErrorVariable errs
            $errs.Count | Should -Be 0
            $r.Attempts | Should -Be 2
            $got = @(Get-OtlpRequest)
            $got.status | Should -Be @(503, 200)
            $got.encoding | Should -Be @('gzip', 'gzip')
            $got[1].wireBytes | Should -Be $got[0].wireBytes
            $got[1].wireBytes | Should -BeLessThan $got[1].bodyBytes
            $got[1].body | Should -BeExactly $got[0].body
            (Test-OtlpSchema $got[1].body -Type ExportTraceServiceRequest).spans | Should -Be 3
        }
        finally { Restore-OtelEnv $saved }
    }

    It 'refuses a compression variable that is neither gzip nor none, naming it; nothing is sent' {
        $saved = Save-OtelEnv
        try {
            $env:OTEL_EXPORTER_OTLP_TRACES_COMPRESSION = 'zstd'
            $err = $null
            try { 'ses-fix-01' | Export-LlamaChatTrace -Endpoint $Url @Conn -ErrorAction Stop }
            catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidOtlpCompression,*'
            $err.Exception.Message | Should -BeLike "*OTEL_EXPORTER_OTLP_TRACES_COMPRESSION is 'zstd'*gzip*none*"
            @(Get-OtlpRequest).Count | Should -Be 0
        }
        finally { Restore-OtelEnv $saved }
    }

    It 'refuses -Compression with -Path' {
        { 'ses-fix-01' | Export-LlamaChatTrace -Path (Join-Path $TestDrive 'x.jsonl') -Compression gzip @Conn -ErrorAction Stop } |
            Should -Throw -ErrorId 'LlamaCloud.TracePathInvalid,*'
        Test-Path (Join-Path $TestDrive 'x.jsonl') | Should -BeFalse
    }
}
