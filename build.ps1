<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages the LlamaCloud.Chat module.
.DESCRIPTION
    Build    lays out the importable module in out/LlamaCloud.Chat (manifest, dll, format file, help, dependencies).
    Test     builds, then runs the xunit tests and the Pester tests (in a fresh pwsh) against the local emulator,
             and ends with one line: "N passed, M failed".
    Demo     builds, starts the emulator on a free port, runs Get-LlamaChatSession -Id ses-demo | Get-LlamaChatEvent -Type tool_call.
    Bench    builds, then runs bench/Run-Benchmark.ps1 (module against Invoke-RestMethod and, where node is present, the TypeScript SDK).
    Package  builds, then publishes the module as a .nupkg into out/repo through PSResourceGet.
    Clean    removes out/ and the bin/obj folders.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet pwsh ./build.ps1 Test -PesterPowerShell powershell.exe

    On Windows: the same build and xunit run, then the Pester suite under Windows PowerShell 5.1 (as CI does).
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Test: the PowerShell that runs the Pester suite (default: a fresh copy of this pwsh). The CI workflow passes
    # powershell.exe to run the suite under Windows PowerShell 5.1 (.github/workflows/ci.yml).
    [string] $PesterPowerShell
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'LlamaCloud.Chat'
$src = Join-Path $root 'src/LlamaCloud.Chat'

function Invoke-Dotnet {
    # A plain function ($args), so switches such as -v:q go to dotnet rather than binding as -Verbose.
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw (Join-Path $root 'Directory.Build.props'))
    return $props.Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
}

function Invoke-Build {
    Write-Host "Building LlamaCloud.Chat ($Configuration)" -ForegroundColor Cyan
    Invoke-Dotnet build $src -c $Configuration --nologo --verbosity quiet
    $bin = Join-Path $src "bin/$Configuration/netstandard2.0"
    if (Test-Path $moduleOut) { Remove-Item -Recurse -Force $moduleOut }
    $deps = New-Item -ItemType Directory -Force -Path (Join-Path $moduleOut 'Dependencies')
    # An allow-list: the module, its format and types files, its help, and the dependencies Windows PowerShell 5.1 needs.
    Copy-Item (Join-Path $bin 'LlamaCloud.Chat.dll') $moduleOut
    Copy-Item (Join-Path $src 'LlamaCloud.Chat.format.ps1xml') $moduleOut
    Copy-Item (Join-Path $src 'LlamaCloud.Chat.types.ps1xml') $moduleOut
    foreach ($d in Get-NetFrameworkDependency -BinPath $bin) { Copy-Item $d.Path $deps }
    $help = Join-Path $root 'src/LlamaCloud.Chat/help'
    if (Test-Path $help) {
        $helpOut = New-Item -ItemType Directory -Force -Path (Join-Path $moduleOut 'en-US')
        # Get-Help -Online opens the help's markdown source where the project publishes it (its ProjectUri).
        $projectUri = (Import-PowerShellDataFile (Join-Path $root 'LlamaCloud.Chat.psd1')).PrivateData.PSData.ProjectUri
        & (Join-Path $root 'tools/Build-Help.ps1') -SourcePath $help -AssemblyPath (Join-Path $moduleOut 'LlamaCloud.Chat.dll') -OutputPath $helpOut `
            -XmlDocPath (Join-Path $bin 'LlamaCloud.Chat.xml') -OnlineBaseUri "$projectUri/blob/main/src/LlamaCloud.Chat/help"
    }
    $version = Get-ModuleVersion
    $manifest = Get-Content -Raw (Join-Path $root 'LlamaCloud.Chat.psd1')
    $manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'"
    # Windows PowerShell 5.1 reads a BOM-less manifest as ANSI: write ASCII, or UTF-8 with a BOM if it ever stops being ASCII.
    $manifestEncoding = if ($manifest -match '[^\x00-\x7F]') { [System.Text.UTF8Encoding]::new($true) } else { [System.Text.ASCIIEncoding]::new() }
    [IO.File]::WriteAllText((Join-Path $moduleOut 'LlamaCloud.Chat.psd1'), $manifest, $manifestEncoding)
    Invoke-ParquetBuild
    $license = Join-Path $root 'LICENSE'
    if (Test-Path $license) { Copy-Item $license $moduleOut }
    Write-Host "Module $version laid out in $moduleOut" -ForegroundColor Green
}

function Invoke-ParquetBuild {
    # The Parquet writer (net8.0, PowerShell 7.4+) and its dependencies in Parquet/, loaded by the module into a load
    # context of their own. Derived like Dependencies/: exactly the closure .NET 8 itself does not provide.
    $parquetSrc = Join-Path $root 'src/LlamaCloud.Chat.Parquet'
    Invoke-Dotnet build $parquetSrc -c $Configuration --nologo --verbosity quiet
    $bin = Join-Path $parquetSrc "bin/$Configuration/net8.0"
    $target = New-Item -ItemType Directory -Force -Path (Join-Path $moduleOut 'Parquet')
    Import-Module (Join-Path $root 'tools/ModuleDependencies.psm1') -Force
    $writer = Join-Path $bin 'LlamaCloud.Chat.Parquet.dll'
    $closure = Resolve-ModuleDependency -AssemblyPath $writer -SearchDirectory $bin -FrameworkDirectory (Get-Net8ReferencePath -RepositoryRoot $root) -HostAssembly 'LlamaCloud.Chat'
    $missing = @($closure | Where-Object Resolution -eq 'Missing')
    if ($missing) { throw "Unresolved on .NET 8: $(($missing | ForEach-Object { "$($_.Name) $($_.Version) (from $($_.RequestedBy -join ', '))" }) -join '; ')" }
    Copy-Item $writer $target
    foreach ($d in $closure | Where-Object Resolution -eq 'Module') { Copy-Item $d.Path $target }
}

function Get-NetFrameworkDependency {
    # Derived, not listed: every reference of the module (and of its references) that neither PowerShell nor
    # .NET Framework 4.7.2 provides at the version asked for is shipped in Dependencies/ (tools/ModuleDependencies.psm1).
    param([string] $BinPath)
    Import-Module (Join-Path $root 'tools/ModuleDependencies.psm1') -Force
    $closure = Resolve-ModuleDependency -AssemblyPath (Join-Path $BinPath 'LlamaCloud.Chat.dll') -SearchDirectory $BinPath `
        -FrameworkDirectory (Get-NetFrameworkReferencePath -RepositoryRoot $root)
    $missing = @($closure | Where-Object Resolution -eq 'Missing')
    if ($missing) { throw "Unresolved on .NET Framework 4.7.2: $(($missing | ForEach-Object { "$($_.Name) $($_.Version) (from $($_.RequestedBy -join ', '))" }) -join '; ')" }
    $closure | Where-Object Resolution -eq 'Module'
}

function Invoke-EmulatorBuild {
    Invoke-Dotnet build (Join-Path $root 'tests/LlamaCloud.Emulator') -c Release --nologo --verbosity quiet
}

function Get-PesterPath {
    Invoke-Dotnet restore (Join-Path $root 'tests/tools/tools.csproj') --nologo --verbosity quiet
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $pester = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester 5.7.1 was not restored to $pester" }
    return $pester
}

function Invoke-Test {
    Invoke-Build
    Invoke-EmulatorBuild
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    New-Item -ItemType Directory -Force -Path $results | Out-Null

    Write-Host 'xunit: the C# core' -ForegroundColor Cyan
    & dotnet test (Join-Path $root 'tests/LlamaCloud.Chat.Tests') -c $Configuration --nologo --verbosity quiet `
        --logger "trx;LogFileName=xunit.trx" --results-directory $results
    $xunitExit = $LASTEXITCODE
    $xPassed = 0; $xFailed = 0
    $trx = Join-Path $results 'xunit.trx'
    if (Test-Path $trx) {
        $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
        $xPassed = [int]$counters.passed
        $xFailed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    elseif ($xunitExit -ne 0) { $xFailed = 1; Write-Host 'xunit did not run (build failure?)' -ForegroundColor Red }

    Write-Host '.NET Framework profile: the PowerShell-free core, net472 build, under Mono (or .NET Framework on Windows)' -ForegroundColor Cyan
    $netfxSummary = Join-Path $results 'netfx.json'
    try { & (Join-Path $root 'tests/Invoke-NetFxCoreTests.ps1') -ModuleDirectory $moduleOut -SummaryPath $netfxSummary -Configuration $Configuration }
    catch { Write-Host "net472 core checks did not run: $_" -ForegroundColor Red }
    $fPassed = 0; $fFailed = 1
    if (Test-Path $netfxSummary) { $f = Get-Content -Raw $netfxSummary | ConvertFrom-Json; $fPassed = [int]$f.Passed; $fFailed = [int]$f.Failed }
    $xPassed += $fPassed; $xFailed += $fFailed

    Write-Host 'Pester: the cmdlets, in a fresh pwsh, against the emulator' -ForegroundColor Cyan
    $pester = Get-PesterPath
    $summary = Join-Path $results 'pester.json'
    $pwsh = (Get-Process -Id $PID).Path
    $pwshArgs = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tests/Invoke-PesterSuite.ps1'),
        '-PesterPath', $pester, '-ModulePath', (Join-Path $moduleOut 'LlamaCloud.Chat.psd1'), '-SummaryPath', $summary)
    if ($PesterPowerShell) {
        # Windows PowerShell may refuse unsigned scripts by policy; Bypass for this one process only.
        Write-Host "Pester under $PesterPowerShell" -ForegroundColor Cyan
        & $PesterPowerShell -ExecutionPolicy Bypass @pwshArgs
    }
    elseif ($pwsh -match 'dotnet(\.exe)?$') { & $pwsh pwsh @pwshArgs } else { & $pwsh @pwshArgs }
    $pPassed = 0; $pFailed = 0
    if (Test-Path $summary) {
        $p = Get-Content -Raw $summary | ConvertFrom-Json
        $pPassed = [int]$p.Passed; $pFailed = [int]$p.Failed
    }
    else { $pFailed = 1; Write-Host 'Pester did not report results' -ForegroundColor Red }

    Write-Host ("xunit and net472 core: {0} passed, {1} failed; Pester: {2} passed, {3} failed" -f $xPassed, $xFailed, $pPassed, $pFailed)
    $passed = $xPassed + $pPassed
    $failed = $xFailed + $pFailed
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Invoke-EmulatorBuild
    Import-Module (Join-Path $root 'tests/Emulator.psm1') -Force
    $emulator = Start-LlamaEmulator
    try {
        Import-Module (Join-Path $moduleOut 'LlamaCloud.Chat.psd1') -Force
        $env:LLAMA_CLOUD_BASE_URL = $emulator.Url
        $env:LLAMA_CLOUD_API_KEY = $emulator.ApiKey
        Write-Host "`nEmulator at $($emulator.Url). The sessions of the project:" -ForegroundColor Cyan
        Write-Host 'PS> Get-LlamaChatSession -First 5' -ForegroundColor Yellow
        Get-LlamaChatSession -First 5 | Out-Host
        Write-Host 'PS> Get-LlamaChatSession -Id ses-demo | Get-LlamaChatEvent -Type tool_call' -ForegroundColor Yellow
        Get-LlamaChatSession -Id ses-demo | Get-LlamaChatEvent -Type tool_call | Out-Host
        Write-Host 'PS> Get-LlamaChatEvent -SessionId ses-demo -Type user_input, tool_call, tool_result, stop' -ForegroundColor Yellow
        Get-LlamaChatEvent -SessionId ses-demo -Type user_input, tool_call, tool_result, stop | Out-Host
        Write-Host 'PS> (Get-LlamaChatEvent -SessionId ses-demo -Type tool_result)[0].Result.nodes[0].metadata' -ForegroundColor Yellow
        (Get-LlamaChatEvent -SessionId ses-demo -Type tool_result)[0].Result.nodes[0].metadata | Out-Host
    }
    finally {
        Remove-Item Env:LLAMA_CLOUD_BASE_URL, Env:LLAMA_CLOUD_API_KEY -ErrorAction SilentlyContinue
        Stop-LlamaEmulator $emulator
    }
}

function Invoke-Bench {
    Invoke-Build
    Invoke-EmulatorBuild
    & (Join-Path $root 'bench/Run-Benchmark.ps1') -ModulePath (Join-Path $moduleOut 'LlamaCloud.Chat.psd1')
}

function Invoke-Package {
    Invoke-Build
    & (Join-Path $root 'tools/Publish-Package.ps1') -ModulePath $moduleOut -RepositoryPath (Join-Path $out 'repo')
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' {
        foreach ($p in @($out) + (Get-ChildItem -Path $root -Recurse -Directory -Include bin, obj -ErrorAction SilentlyContinue).FullName) {
            if ($p -and (Test-Path $p)) { Remove-Item -Recurse -Force $p }
        }
    }
}
