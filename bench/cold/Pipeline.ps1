<#
.SYNOPSIS
    The whole-process benchmark's script (bench/Measure-WholeProcess.ps1 starts it as pwsh -NoProfile -File): what a
    scheduled task does once per process. LLAMA_CLOUD_BASE_URL and LLAMA_CLOUD_API_KEY come from the environment.
.DESCRIPTION
    Imports the module, runs the design-card pipeline on one session, checks the number of tool calls and exits.
    Prints one line of JSON: how long the import and the pipeline took inside the process, and its CPU time so far.
    -Bare runs the same script without the module (no import, no pipeline, nothing to count): the baseline, so that
    the difference between the two is exactly what the module costs a fresh process.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SessionId,
    [Parameter(Mandatory)] [int] $ExpectedToolCalls,
    [switch] $Bare
)
$ErrorActionPreference = 'Stop'
$sw = [Diagnostics.Stopwatch]::StartNew()
if (-not $Bare) { Import-Module $ModulePath }
$imported = $sw.Elapsed.TotalMilliseconds
$toolCalls = if (-not $Bare) { Get-LlamaChatSession -Id $SessionId | Get-LlamaChatEvent -Type tool_call } else { @() }
$done = $sw.Elapsed.TotalMilliseconds
if (@($toolCalls).Count -ne $(if ($Bare) { 0 } else { $ExpectedToolCalls })) { throw "Got $(@($toolCalls).Count) tool calls, expected $ExpectedToolCalls" }
# CPU time of the whole process so far (start-up included): steadier than wall time on a machine shared with other work.
$cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds
$inv = [cultureinfo]::InvariantCulture
[Console]::Out.WriteLine('{"importMs":' + $imported.ToString($inv) + ',"pipelineMs":' + ($done - $imported).ToString($inv) + ',"cpuMs":' + $cpu.ToString($inv) + '}')
