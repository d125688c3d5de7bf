#Requires -Version 7.2
<#
.SYNOPSIS
    Measures only the peak working-set growth of Export-LlamaChatSession (or, with -Scenario tables, tablesNdjson or
    tablesCsv, Export-LlamaChatTable -Format Parquet, Ndjson or Csv) on generated sessions (default: 1,000,000 events,
    about 70 MB), with the same fresh-process worker as Run-Benchmark.ps1's memory table. With -Sessions N (table
    scenarios), each process exports N sessions of the size one after another (ses-gen-<size>-1 ...).
.DESCRIPTION
    Starts the emulator, fetches each session once (so generation is not measured), then per size runs
    bench/Invoke-BenchWorker.ps1 -Mode Memory -Scenario export in a fresh pwsh: warm-up on a 1,000-event session,
    [GC]::Collect(), one export of the real session, which must produce a file of exactly the body's size.
    Prints one line per size and returns the measurements.
.EXAMPLE
    dotnet pwsh bench/Measure-ExportMemory.ps1 -ModulePath out/LlamaCloud.Chat/LlamaCloud.Chat.psd1 -Sizes 100000,1000000
.EXAMPLE
    dotnet pwsh bench/Measure-ExportMemory.ps1 -ModulePath out/LlamaCloud.Chat/LlamaCloud.Chat.psd1 -Scenario tables -Sessions 3
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string[]] $Sizes = @('1000000'),
    [ValidateSet('export', 'tables', 'tablesNdjson', 'tablesCsv')] [string] $Scenario = 'export',
    [ValidateRange(1, 10)] [int] $Sessions = 1
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'
$repoRoot = Split-Path -Parent $PSScriptRoot
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$worker = Join-Path $PSScriptRoot 'Invoke-BenchWorker.ps1'
$Sizes = [int[]]@($Sizes -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ } | ForEach-Object { [int]$_ })
$proc = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($proc) -eq 'dotnet') { @($proc, (Join-Path $PSHOME 'pwsh.dll')) } else { @($proc) }
$tempDir = Join-Path ([IO.Path]::GetTempPath()) ("llamacloud-bench-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
New-Item -ItemType Directory -Path $tempDir -Force | Out-Null
# A private copy of the module, as Run-Benchmark.ps1 does: a rebuild during the run changes nothing measured.
$snapshot = Join-Path $tempDir 'module'
Copy-Item -Recurse -LiteralPath (Split-Path -Parent $ModulePath) -Destination $snapshot
$module = Join-Path $snapshot (Split-Path -Leaf $ModulePath)

Import-Module (Join-Path $repoRoot 'tests/Emulator.psm1') -Force
$emulator = Start-LlamaEmulator
$http = [System.Net.Http.HttpClient]::new()
$http.Timeout = [TimeSpan]::FromMinutes(10)
try {
    $results = foreach ($n in @(1000) + $Sizes) {
        $ids = @(if ($Sessions -gt 1 -and $n -ne 1000) { 1..$Sessions | ForEach-Object { "ses-gen-$n-$_" } } else { "ses-gen-$n" })
        foreach ($id in $ids) {
            $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, "$($emulator.Url)/api/v1/chat/$id")
            $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $emulator.ApiKey)
            $bytes = $http.Send($request).Content.ReadAsByteArrayAsync().GetAwaiter().GetResult().Length
        }
        if ($n -eq 1000) { continue } # the worker's warm-up session, now generated
        $out = Join-Path $tempDir "export-$n.json"
        $exe = $pwsh[0]
        $prefix = @($pwsh | Select-Object -Skip 1)
        & $exe @prefix -NoProfile -NonInteractive -File $worker -Mode Memory -Scenario $Scenario -Size $n -Sessions $Sessions -ExpectedBytes $bytes `
            -ModulePath $module -BaseUri $emulator.Url -ApiKey $emulator.ApiKey -ResultPath $out | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "The export worker failed for ses-gen-$n (exit code $LASTEXITCODE)" }
        $r = Get-Content -Raw $out | ConvertFrom-Json
        [pscustomobject]@{
            Events          = $n
            BodyMB          = [Math]::Round($bytes / 1MB, 1)
            SampledGrowthMB = [Math]::Round($r.samplerGrowthMB, 1)
            VmHwmGrowthMB   = if ($r.hwmAvailable) { [Math]::Round($r.hwmGrowthMB, 1) } else { $null }
            PerSessionMB    = if ($Sessions -gt 1 -and $r.hwmAvailable) { (@($r.hwmPerSessionMB) | ForEach-Object { [Math]::Round($_, 1) }) -join ', ' } else { $null }
            AllocatedMB     = [Math]::Round($r.allocatedMB, 1)
            Ms              = [Math]::Round($r.elapsedMs)
        }
    }
    $results | Format-Table -AutoSize | Out-Host
    $results
}
finally {
    $http.Dispose()
    Stop-LlamaEmulator $emulator
    Remove-Item -Recurse -Force -LiteralPath $tempDir -ErrorAction SilentlyContinue
}
