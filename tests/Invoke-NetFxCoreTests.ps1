<#
.SYNOPSIS
    Runs the module's PowerShell-free core on a .NET Framework-profile runtime (tests/LlamaCloud.Chat.NetFx).
.DESCRIPTION
    Builds the net472 check runner, lays it out next to the module DLL and the Dependencies/ DLLs exactly as built in
    -ModuleDirectory (so the shipped System.Text.Json netstandard2.0 build is what runs), and starts it: under Mono on
    Linux and macOS, directly on Windows (.NET Framework). Under Mono, PowerShellStandard.Library's reference assembly
    stands in for System.Management.Automation: it gives the module's types their shapes; no PowerShell code runs.
    (On Windows, Windows PowerShell's own System.Management.Automation comes from the GAC.)
    Writes {Passed, Failed, Skipped} to -SummaryPath. Skipped (0/0) when there is no such runtime here, except under CI (CI=true), where that is a failure.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
$onWindows = [System.Environment]::OSVersion.Platform -eq 'Win32NT'
Import-Module (Join-Path $PSScriptRoot 'RealParts.psm1')
# Under CI a missing Mono throws here (build.ps1 then counts the checks as failed); elsewhere they are skipped.
$mono = if (-not $onWindows) { Find-RealPart mono -For 'the net472 core checks' }
if (-not $onWindows -and -not $mono) {
    [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 1 } | ConvertTo-Json | Set-Content -Path $SummaryPath
    return
}
$project = Join-Path $root 'tests/LlamaCloud.Chat.NetFx'
& dotnet build $project -c $Configuration --nologo --verbosity quiet
if ($LASTEXITCODE -ne 0) { throw "dotnet build $project failed" }
$bin = Join-Path $project "bin/$Configuration/net472"
$run = Join-Path ([IO.Path]::GetTempPath()) "llama-netfx-$PID"
if (Test-Path $run) { Remove-Item -Recurse -Force $run }
New-Item -ItemType Directory -Path $run | Out-Null
Copy-Item (Join-Path $bin 'LlamaCloud.Chat.NetFx.Tests.exe'), (Join-Path $bin 'LlamaCloud.Chat.NetFx.Tests.exe.config') $run
Copy-Item (Join-Path $ModuleDirectory 'LlamaCloud.Chat.dll') $run
Copy-Item (Join-Path $ModuleDirectory 'Dependencies/*.dll') $run
if ($mono) {
    # Windows has the real one in the GAC (and .NET Framework would refuse to run a reference assembly).
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    Copy-Item (Join-Path $packages 'powershellstandard.library/5.1.1/lib/netstandard2.0/System.Management.Automation.dll') $run
}
$exe = Join-Path $run 'LlamaCloud.Chat.NetFx.Tests.exe'
$output = if ($mono) { & $mono $exe 2>&1 } else { & $exe 2>&1 }
$exit = $LASTEXITCODE
$output | ForEach-Object { Write-Host $_ }
Remove-Item -Recurse -Force $run -ErrorAction SilentlyContinue
$last = @($output | Where-Object { "$_" -match '^(\d+) passed, (\d+) failed$' }) | Select-Object -Last 1
$passed = 0; $failed = 1
if ($last -and "$last" -match '^(\d+) passed, (\d+) failed$') { $passed = [int]$Matches[1]; $failed = [int]$Matches[2] }
if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
[pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = 0 } | ConvertTo-Json | Set-Content -Path $SummaryPath
