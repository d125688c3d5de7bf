<#
.SYNOPSIS
    The whole-process benchmark's baseline: a pwsh started exactly as bench/cold/Pipeline.ps1 is (same parameters),
    that does nothing. Whatever Pipeline.ps1 costs above this is the module's share of a fresh process.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SessionId,
    [Parameter(Mandatory)] [int] $ExpectedToolCalls
)
[Console]::Out.WriteLine('{}')
