# Dot-sourced by the trace tests: checks OTLP/JSON against the opentelemetry-proto schema (tests/OtlpSchema/validate.js,
# the decoders generated into @opentelemetry/otlp-transformer) and reads what the emulator's OTLP receiver recorded.
$script:SchemaTool = Join-Path $PSScriptRoot '../OtlpSchema'
Import-Module (Join-Path $PSScriptRoot '../RealParts.psm1')
if (-not (Find-RealPart node -For 'the OTLP schema check')) { throw 'node is required for the OTLP schema check (.ci/run installs nodejs and npm).' }
if (-not (Test-Path (Join-Path $script:SchemaTool 'node_modules/@opentelemetry/otlp-transformer/package.json')) -or -not (Test-Path (Join-Path $script:SchemaTool 'node_modules/ajv/package.json')) `
    -or -not (Test-Path (Join-Path $script:SchemaTool 'node_modules/@arizeai/openinference-semantic-conventions/package.json'))) {
    # Exactly the versions in package-lock.json.
    Push-Location $script:SchemaTool
    try { & npm ci --no-audit --no-fund --loglevel=error 2>&1 | Out-Null } finally { Pop-Location }
    if ($LASTEXITCODE -ne 0) { throw "npm ci in $script:SchemaTool failed ($LASTEXITCODE)" }
}

function Test-OtlpSchema {
    <# One result per document: ok, errors, resourceSpans, spans, traceIds, spanIds. #>
    param([Parameter(Mandatory)] [string] $Text, [switch] $Jsonl, [string] $Type = 'TracesData')
    $file = [IO.Path]::GetTempFileName()
    try {
        [IO.File]::WriteAllText($file, $Text, [Text.UTF8Encoding]::new($false))
        $nodeArgs = @((Join-Path $script:SchemaTool 'validate.js'), '--type', $Type)
        if ($Jsonl) { $nodeArgs += '--jsonl' }
        $out = & node @nodeArgs $file
        if ($LASTEXITCODE -ne 0) { throw "validate.js failed ($LASTEXITCODE): $out" }
        foreach ($d in ($out | ConvertFrom-Json).documents) { $d }
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

function Get-OpenInferenceConvention {
    <# What @arizeai/openinference-semantic-conventions exports: version, attributes, spanKinds, mimeTypes. #>
    $out = & node (Join-Path $script:SchemaTool 'openinference.js')
    if ($LASTEXITCODE -ne 0) { throw "openinference.js failed ($LASTEXITCODE): $out" }
    $out | ConvertFrom-Json
}

function Get-OtlpRequest {
    $log = Invoke-RestMethod -Uri "$($script:Url)/_emulator/otlp/requests"
    foreach ($entry in $log) { $entry }
}
function Clear-OtlpRequest { $null = Invoke-RestMethod -Method Delete -Uri "$($script:Url)/_emulator/otlp/requests" }
function Add-OtlpResponse([object[]] $Responses) {
    $body = @{ responses = $Responses } | ConvertTo-Json -Depth 10 -Compress
    $null = Invoke-RestMethod -Method Post -Uri "$($script:Url)/_emulator/otlp/responses" -Body $body -ContentType 'application/json'
}

# The spans of a TracesData / ExportTraceServiceRequest document (parsed JSON), and one attribute's value.
function Get-OtlpSpan($Doc) { foreach ($r in $Doc.resourceSpans) { foreach ($s in $r.scopeSpans) { foreach ($span in $s.spans) { $span } } } }
function Get-OtlpAttribute($Item, [string] $Key) {
    $a = @($Item.attributes | Where-Object key -eq $Key)
    if ($a.Count -eq 0) { return $null }
    $v = $a[0].value
    foreach ($p in 'stringValue', 'intValue', 'boolValue', 'doubleValue') { if ($v.PSObject.Properties[$p]) { return $v.$p } }
    $v
}
