<#
.SYNOPSIS
    The benchmark's whole-process mode (called by Run-Benchmark.ps1): what a scheduled task pays, start to exit.
.DESCRIPTION
    Times fresh processes from outside, start to exit, in rounds that alternate the three kinds so that drift in the
    machine's speed hits them alike:
      bare    pwsh -NoProfile -File bench/cold/Pipeline.ps1 -Bare  (the same script without the module)
      module  pwsh -NoProfile -File bench/cold/Pipeline.ps1        (Import-Module; Get-LlamaChatSession -Id $id | Get-LlamaChatEvent -Type tool_call)
      node    node bench/node/cold.mjs                      (new LlamaCloud(); (await client.beta.chat.retrieve(id)).events.filter(...))
    The key and base URL reach the pwsh processes as LLAMA_CLOUD_API_KEY / LLAMA_CLOUD_BASE_URL, as in a scheduled task.
    One untimed round first (file cache, emulator). Every process must exit 0 having found the expected tool calls.
    Returns the times; the module's share is module - bare, per round (paired) and from the medians; the same for the
    CPU time each pwsh reports of itself at its last line (user + system, start-up included), which other work on the
    machine disturbs less than wall time.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string[]] $PwshCommand,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] $Emulator,
    [Parameter(Mandatory)] [string] $SessionId,
    [Parameter(Mandatory)] [long] $ExpectedToolCalls,
    [int] $Runs = 7,
    # bench/node with node_modules installed; null skips the node process.
    [string] $NodeDir
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$cold = Join-Path $PSScriptRoot 'cold'

function Get-Median([double[]] $Values) {
    $s = [double[]]($Values | Sort-Object)
    $m = [int][Math]::Floor($s.Length / 2)
    if ($s.Length % 2) { return $s[$m] }
    return ($s[$m - 1] + $s[$m]) / 2
}

# Starts one process and returns its wall time (start to exit) in ms and what it printed.
function Measure-Process([string] $Exe, [string[]] $Arguments) {
    $psi = [Diagnostics.ProcessStartInfo]::new($Exe)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.Environment['LLAMA_CLOUD_BASE_URL'] = $Emulator.Url
    $psi.Environment['LLAMA_CLOUD_API_KEY'] = $Emulator.ApiKey
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $p = [Diagnostics.Process]::Start($psi)
    $out = $p.StandardOutput.ReadToEndAsync()
    $err = $p.StandardError.ReadToEndAsync()
    $p.WaitForExit()
    $sw.Stop()
    $text = $out.GetAwaiter().GetResult()
    if ($p.ExitCode -ne 0) { throw "$Exe $($Arguments -join ' ') exited with $($p.ExitCode): $($err.GetAwaiter().GetResult())" }
    [pscustomobject]@{ Ms = $sw.Elapsed.TotalMilliseconds; Output = $text }
}

$pwshExe = $PwshCommand[0]
$pwshPrefix = @($PwshCommand | Select-Object -Skip 1)
$scriptArgs = @('-ModulePath', $ModulePath, '-SessionId', $SessionId, '-ExpectedToolCalls', [string]$ExpectedToolCalls)
$kinds = [ordered]@{
    bare   = { Measure-Process $pwshExe (@($pwshPrefix) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $cold 'Pipeline.ps1')) + $scriptArgs + @('-Bare')) }
    module = { Measure-Process $pwshExe (@($pwshPrefix) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $cold 'Pipeline.ps1')) + $scriptArgs) }
}
if ($NodeDir) {
    $kinds.node = { Measure-Process 'node' @((Join-Path $NodeDir 'cold.mjs'), $Emulator.Url, $Emulator.ApiKey, $SessionId, [string]$ExpectedToolCalls) }
}

$data = [ordered]@{}
foreach ($k in $kinds.Keys) { $data[$k] = [Collections.Generic.List[double]]::new() }
$cpuMs = [ordered]@{ bare = [Collections.Generic.List[double]]::new(); module = [Collections.Generic.List[double]]::new() }
$importMs = [Collections.Generic.List[double]]::new()
$pipelineMs = [Collections.Generic.List[double]]::new()
for ($run = 0; $run -le $Runs; $run++) {
    $line = [Collections.Generic.List[string]]::new()
    foreach ($k in $kinds.Keys) {
        $r = & $kinds[$k]
        $line.Add(('{0} {1:N0}' -f $k, $r.Ms))
        if ($run -eq 0) { continue } # the untimed round
        $data[$k].Add($r.Ms)
        if ($k -eq 'node') { continue }
        $inside = ($r.Output -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
        $cpuMs[$k].Add($inside.cpuMs)
        if ($k -eq 'module') { $importMs.Add($inside.importMs); $pipelineMs.Add($inside.pipelineMs) }
    }
    Write-Host ("    {0}: {1} ms" -f $(if ($run -eq 0) { 'untimed' } else { "round $run/$Runs" }), ($line -join ', '))
}

$share = [Collections.Generic.List[double]]::new()
$cpuShare = [Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $Runs; $i++) {
    $share.Add($data.module[$i] - $data.bare[$i])
    $cpuShare.Add($cpuMs.module[$i] - $cpuMs.bare[$i])
}
$result = [ordered]@{
    sessionId       = $SessionId
    runs            = $Runs
    timesMs         = $data
    medianMs        = [ordered]@{}
    moduleShareMs   = $share
    medianShareMs   = Get-Median $share
    cpuMs           = $cpuMs
    cpuShareMs      = $cpuShare
    medianCpuShareMs = Get-Median $cpuShare
    insideImportMs  = $importMs
    insidePipelineMs = $pipelineMs
}
foreach ($k in $data.Keys) { $result.medianMs[$k] = Get-Median $data[$k] }
$result
