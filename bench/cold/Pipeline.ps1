<#
.SYNOPSIS
    The whole-process benchmark's module side (bench/Run-Benchmark.ps1 starts it as pwsh -NoProfile -File): what a
    scheduled task does once per process. LLAMA_CLOUD_BASE_URL and LLAMA_CLOUD_API_KEY come from the environment.
.DESCRIPTION
    Imports the module, runs the design-card pipeline on one session, checks the number of tool calls and exits.
    Prints one line of JSON: how long the import and the pipeline took inside the process.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SessionId,
    [Parameter(Mandatory)] [int] $ExpectedToolCalls
)
$ErrorActionPreference = 'Stop'
$sw = [Diagnostics.Stopwatch]::StartNew()
Import-Module $ModulePath
$imported = $sw.Elapsed.TotalMilliseconds
$toolCalls = Get-LlamaChatSession -Id $SessionId | Get-LlamaChatEvent -Type tool_call
$done = $sw.Elapsed.TotalMilliseconds
if (@($toolCalls).Count -ne $ExpectedToolCalls) { throw "Got $(@($toolCalls).Count) tool calls, expected $ExpectedToolCalls" }
[Console]::Out.WriteLine('{"importMs":' + $imported.ToString([cultureinfo]::InvariantCulture) + ',"pipelineMs":' + ($done - $imported).ToString([cultureinfo]::InvariantCulture) + '}')
