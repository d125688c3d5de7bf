<#
.SYNOPSIS
    Rewrites src/LlamaCloud.Chat/PublicAPI.txt from the built assembly, after an intended change to the public surface.
.DESCRIPTION
    The file lists every public type and member of LlamaCloud.Chat.dll; tests/LlamaCloud.Chat.Tests/Architecture/PublicApiTests.cs
    fails when the assembly and the file differ. This runs that test in its rewriting mode. Review the file's diff before committing.
.EXAMPLE
    dotnet pwsh ./tools/Update-PublicApi.ps1; git diff src/LlamaCloud.Chat/PublicAPI.txt
#>
[CmdletBinding()]
param([ValidateSet('Release', 'Debug')] [string] $Configuration = 'Release')
$ErrorActionPreference = 'Stop'
$env:LLAMA_CHAT_UPDATE_PUBLIC_API = '1'
try {
    & dotnet test (Join-Path $PSScriptRoot '../tests/LlamaCloud.Chat.Tests') -c $Configuration --nologo --verbosity quiet --filter 'FullyQualifiedName~PublicApiTests.TheSurfaceIsTheCheckedInOne'
    if ($LASTEXITCODE -ne 0) { throw "dotnet test failed with exit code $LASTEXITCODE" }
}
finally { Remove-Item Env:LLAMA_CHAT_UPDATE_PUBLIC_API }
Write-Host "Rewrote $(Join-Path $PSScriptRoot '../src/LlamaCloud.Chat/PublicAPI.txt' | Resolve-Path -Relative)"
