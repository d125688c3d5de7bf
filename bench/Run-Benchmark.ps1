#Requires -Version 7.2
<#
.SYNOPSIS
    Benchmarks LlamaCloud.Chat against what users write without it (Invoke-RestMethod) and, where node is present,
    the official TypeScript SDK, all against the local emulator. Prints a Markdown report and writes it to -OutFile.
.DESCRIPTION
    Starts the emulator and fetches every session once (generation is not timed). Then, per session size, one fresh
    pwsh process imports the module, warms each command up once, and times, alternating run after run:
      (a)         Get-LlamaChatSession -Id $id | Get-LlamaChatEvent -Type tool_call
      (b)         Get-LlamaChatEvent -SessionId $id -Type tool_call
      (c)         Get-LlamaChatEvent -SessionId $id | Measure-Object
      (d)         Get-LlamaChatSession -Id $id | Get-LlamaChatEvent | Measure-Object
      IRM-filter  (Invoke-RestMethod $uri -Headers @{Authorization="Bearer $key"}).events.Where({ $_.type -eq 'tool_call' })
      IRM-measure (Invoke-RestMethod $uri -Headers ...).events | Measure-Object
    asserting every result (same tool calls, in the same order, from all; the full event count for the measures).
    Peak working-set growth is measured in separate fresh processes, one command each. The TypeScript SDK's
    client.beta.chat.retrieve(id) + .events.filter(...) is timed by bench/node/retrieve.mjs. Last, 200 sessions
    behind 50 ms of emulated latency compare Get-LlamaChatSession's fetch-ahead with -ThrottleLimit 1 and with
    one request at a time.
    See bench/README.md for how to read the report.
.EXAMPLE
    dotnet pwsh ./build.ps1 Bench
.EXAMPLE
    dotnet pwsh bench/Run-Benchmark.ps1 -ModulePath out/LlamaCloud.Chat/LlamaCloud.Chat.psd1 -Sizes 10000,100000 -Runs 3
#>
[CmdletBinding()]
param(
    # The module manifest to benchmark (as laid out by ./build.ps1 Build).
    [Parameter(Mandatory)] [string] $ModulePath,
    # Events per session; each size is the generated session ses-gen-<size>. (Strings, so that "-Sizes 10000,100000"
    # also works through pwsh -File, which passes it as one string.)
    [string[]] $Sizes = @('10000', '100000', '1000000'),
    # Timed runs per scenario and size (medians are reported).
    [ValidateRange(1, 1000)] [int] $Runs = 5,
    # Untimed runs of each command before the timed ones, in the same process. PowerShell's engine, when it comes
    # as the "dotnet pwsh" tool, is not ReadyToRun-compiled: small sessions need several runs to reach steady state.
    [ValidateRange(0, 1000)] [int] $WarmupRuns = 1,
    # Larger sessions skip the Invoke-RestMethod scenarios (slow and memory-hungry at 1M events).
    [int] $IrmMaxSize = 100000,
    # Larger sessions skip the TypeScript SDK.
    [int] $NodeMaxSize = 100000,
    # Do not run the TypeScript SDK at all.
    [switch] $SkipNode,
    # Do not measure peak working sets.
    [switch] $SkipMemory,
    # Which commands the peak working-set measurement runs (b, a, irmFilter; c and turns compare Get-LlamaChatTurn
    # with the event stream it is built from; tables, tablesNdjson and tablesCsv are Export-LlamaChatTable in each
    # format). Split at commas, as -Sizes.
    [string[]] $MemoryScenarios = @('b', 'a', 'irmFilter', 'c', 'turns', 'export', 'tables', 'tablesNdjson', 'tablesCsv'),
    # The table scenarios also export this many sessions of -TableSessionsSize events one after another in one fresh
    # pwsh (ses-gen-<size>-1, -2, ...), per format: memory that stays from one session to the next shows there. 0: not.
    [ValidateRange(0, 10)] [int] $TableSessions = 3,
    [int] $TableSessionsSize = 1000000,
    # Do not time the scenarios (a), (b), (c) and Invoke-RestMethod per size (e.g. to measure memory only).
    [switch] $SkipTiming,
    # Do not run the many-sessions scenario.
    [switch] $SkipMany,
    # Many-sessions scenario: how many sessions, of how many events, behind how much latency, how many runs.
    [int] $ManyCount = 200,
    [int] $ManyEvents = 300,
    [int] $ManyLatencyMs = 50,
    [ValidateRange(1, 100)] [int] $ManyRuns = 3,
    # Whole-process mode: how many fresh processes of each kind (after one untimed round), on which session size.
    [ValidateRange(1, 100)] [int] $ColdRuns = 7,
    [int] $ColdSize = 100000,
    # Do not run the whole-process mode.
    [switch] $SkipCold,
    # Analytics: Export-LlamaChatTable's rate on a session of -AnalyticsSize events (each format), and Search-LlamaChat
    # against grep -c over an archive of about -ArchiveMB megabytes of generated sessions (made by the benchmark).
    [switch] $SkipAnalytics,
    [int] $AnalyticsSize = 1000000,
    [ValidateRange(1, 100)] [int] $AnalyticsRuns = 3,
    [int] $ArchiveMB = 1024,
    # Where the Markdown report goes; the raw measurements go beside it as .json.
    [string] $OutFile = (Join-Path $PSScriptRoot 'results/latest.md'),
    # Also return the results as an object.
    [switch] $PassThru
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'

$benchRoot = $PSScriptRoot
$repoRoot = Split-Path -Parent $benchRoot
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$OutFile = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
$worker = Join-Path $benchRoot 'Invoke-BenchWorker.ps1'
$nodeDir = Join-Path $benchRoot 'node'
$Sizes = [int[]]@($Sizes -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ } | ForEach-Object { [int]$_ } | Sort-Object -Unique)
if ($Sizes.Count -eq 0 -or @($Sizes | Where-Object { $_ -lt 1 }).Count) { throw "-Sizes must be positive event counts, e.g. 10000,100000,1000000" }
$MemoryScenarios = @($MemoryScenarios -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$tableScenarios = 'tables', 'tablesNdjson', 'tablesCsv'
foreach ($s in $MemoryScenarios) { if ($s -notin @('b', 'a', 'irmFilter', 'c', 'turns', 'export') + $tableScenarios) { throw "-MemoryScenarios takes b, a, irmFilter, c, turns, export, tables, tablesNdjson and tablesCsv, not '$s'" } }
$started = [DateTime]::UtcNow
# Other work on the machine skews every number: the report shows the load average at the start and the end.
function Get-LoadAverage { if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' } }
$loadAtStart = Get-LoadAverage

function Write-Step([string] $Text) { Write-Host $Text -ForegroundColor Cyan }

function Get-Median([double[]] $Values) {
    $s = [double[]]($Values | Sort-Object)
    $m = [int][Math]::Floor($s.Length / 2)
    if ($s.Length % 2) { return $s[$m] }
    return ($s[$m - 1] + $s[$m]) / 2
}

# A child pwsh exactly like this one: under "dotnet pwsh" (a .NET tool) the process is dotnet running pwsh.dll.
function Get-PwshCommand {
    $proc = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($proc) -eq 'dotnet') { return @($proc, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($proc)
}
$pwshCommand = Get-PwshCommand

$tempDir = Join-Path ([IO.Path]::GetTempPath()) ("llamacloud-bench-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
New-Item -ItemType Directory -Path $tempDir -Force | Out-Null
# Every process imports a private copy of the module: a rebuild of out/ during the run cannot change what is measured.
$moduleSource = $ModulePath
$snapshot = Join-Path $tempDir ([IO.Path]::GetFileNameWithoutExtension($ModulePath))
Copy-Item -Recurse -LiteralPath (Split-Path -Parent $ModulePath) -Destination $snapshot
$ModulePath = Join-Path $snapshot (Split-Path -Leaf $ModulePath)

function Invoke-Worker([hashtable] $Arguments) {
    $result = Join-Path $tempDir ([guid]::NewGuid().ToString('n') + '.json')
    $argList = [Collections.Generic.List[string]]::new()
    foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $worker, '-ModulePath', $ModulePath, '-BaseUri', $emulator.Url,
            '-ApiKey', $emulator.ApiKey, '-ResultPath', $result)) { $argList.Add($a) }
    foreach ($key in $Arguments.Keys) { $argList.Add("-$key"); $argList.Add([string]$Arguments[$key]) }
    $exe = $pwshCommand[0]
    $prefix = @($pwshCommand | Select-Object -Skip 1)
    & $exe @prefix @argList | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "The benchmark worker failed (exit code $LASTEXITCODE): $($Arguments | ConvertTo-Json -Compress)" }
    Get-Content -Raw -LiteralPath $result | ConvertFrom-Json
}

# One whole GET of a session, outside any measurement: makes the emulator generate and cache it, and counts
# its tool calls independently of every client measured (the API writes "type" last in each event).
$http = [System.Net.Http.HttpClient]::new()
$http.Timeout = [TimeSpan]::FromMinutes(10)
function Get-SessionBody([string] $Id, [switch] $CountToolCalls) {
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, "$($emulator.Url)/api/v1/chat/$Id")
    $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $emulator.ApiKey)
    $response = $http.SendAsync($request, [System.Net.Http.HttpCompletionOption]::ResponseHeadersRead).GetAwaiter().GetResult()
    try {
        if (-not $response.IsSuccessStatusCode) { throw "GET $Id answered $([int]$response.StatusCode)" }
        if ($CountToolCalls) {
            $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
            $n = 0; $i = 0
            while (($i = $text.IndexOf('"type":"tool_call"', $i, [StringComparison]::Ordinal)) -ge 0) { $n++; $i++ }
            # Generated sessions are whole turns, each ending in one stop: the turn count Get-LlamaChatTurn must find.
            $stops = 0; $i = 0
            while (($i = $text.IndexOf('"type":"stop"', $i, [StringComparison]::Ordinal)) -ge 0) { $stops++; $i++ }
            return [pscustomobject]@{ Bytes = [Text.Encoding]::UTF8.GetByteCount($text); ToolCalls = $n; Turns = $stops }
        }
        $response.Content.CopyToAsync([IO.Stream]::Null).GetAwaiter().GetResult()
        return [pscustomobject]@{ Bytes = $response.Content.Headers.ContentLength; ToolCalls = $null; Turns = $null }
    }
    finally { $response.Dispose() }
}

# ---------------------------------------------------------------------------------------------------------------
Import-Module (Join-Path $repoRoot 'tests/Emulator.psm1') -Force
$emulator = Start-LlamaEmulator
$results = [ordered]@{
    date          = $started.ToString('yyyy-MM-dd HH:mm') + ' UTC'
    machine       = [ordered]@{}
    sizes         = [Collections.Generic.List[object]]::new()
    many          = $null
    cold          = $null
    analytics     = $null
    tableSessions = $null
    node          = $null
    settings      = [ordered]@{ modulePath = $moduleSource; runs = $Runs; warmupRuns = $WarmupRuns; irmMaxSize = $IrmMaxSize; nodeMaxSize = $NodeMaxSize; skipNode = [bool]$SkipNode }
}
try {
    Write-Step "Emulator at $($emulator.Url); fetching every session once so that generation is not timed"
    $bodies = @{}
    foreach ($n in $Sizes) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $bodies[$n] = Get-SessionBody "ses-gen-$n" -CountToolCalls
        Write-Host ("  ses-gen-{0}: {1:N1} MB, {2} tool calls ({3:N1} s)" -f $n, ($bodies[$n].Bytes / 1MB), $bodies[$n].ToolCalls, $sw.Elapsed.TotalSeconds)
    }
    $null = Get-SessionBody 'ses-gen-1000' # the memory workers' warm-up session
    if (-not $SkipCold -and -not $bodies.ContainsKey($ColdSize)) { $bodies[$ColdSize] = Get-SessionBody "ses-gen-$ColdSize" -CountToolCalls }

    # The TypeScript SDK, where node is present.
    $nodeReady = $false
    $nodeNote = $null
    if ($SkipNode) { $nodeNote = 'skipped (-SkipNode)' }
    elseif (-not (Get-Command node -ErrorAction SilentlyContinue) -or -not (Get-Command npm -ErrorAction SilentlyContinue)) { $nodeNote = 'skipped (node/npm not found)' }
    else {
        if (-not (Test-Path (Join-Path $nodeDir 'node_modules/@llamaindex/llama-cloud'))) {
            Write-Step 'npm install in bench/node'
            Push-Location $nodeDir
            try { & npm install --no-audit --no-fund | Out-Host; $npmExit = $LASTEXITCODE } finally { Pop-Location }
            if ($npmExit -ne 0) { $nodeNote = "skipped (npm install failed with exit code $npmExit)" }
        }
        if (-not $nodeNote) { $nodeReady = $true }
    }
    if ($nodeNote) { Write-Warning "TypeScript SDK $nodeNote" }

    foreach ($n in $Sizes) {
        Write-Step $(if ($SkipTiming) { "ses-gen-${n}" } else { "ses-gen-{0}: {1} runs of each scenario, alternating, in one pwsh" -f $n, $Runs })
        $timing = if ($SkipTiming) { $null } else { Invoke-Worker @{ Mode = 'Size'; Size = $n; Runs = $Runs; WarmupRuns = $WarmupRuns; IrmMaxSize = $IrmMaxSize; ExpectedToolCalls = $bodies[$n].ToolCalls } }
        $entry = [ordered]@{ size = $n; bytes = $bodies[$n].Bytes; toolCalls = $bodies[$n].ToolCalls; timing = $timing; node = $null; nodeNote = $null; memory = [ordered]@{} }

        if ($nodeReady -and $n -le $NodeMaxSize) {
            Write-Step "  TypeScript SDK: node bench/node/retrieve.mjs ($Runs runs)"
            $out = & node --expose-gc (Join-Path $nodeDir 'retrieve.mjs') $emulator.Url $emulator.ApiKey "ses-gen-$n" $Runs
            if ($LASTEXITCODE -ne 0) { throw "retrieve.mjs failed for ses-gen-$n (exit code $LASTEXITCODE)" }
            $entry.node = ($out | Select-Object -Last 1) | ConvertFrom-Json
            if ($entry.node.toolCalls -ne $bodies[$n].ToolCalls) { throw "The TypeScript SDK found $($entry.node.toolCalls) tool calls in ses-gen-$n, expected $($bodies[$n].ToolCalls)" }
            if ($entry.node.events -ne $n) { throw "The TypeScript SDK read $($entry.node.events) events from ses-gen-$n, expected $n" }
            Write-Host ("    median {0:N1} ms (runs: {1})" -f $entry.node.medianMs, (($entry.node.timesMs | ForEach-Object { '{0:N1}' -f $_ }) -join ', '))
            $results.node = [ordered]@{ node = $entry.node.node; sdk = $entry.node.sdk }
        }
        elseif ($nodeReady) { $entry.nodeNote = "skipped (> -NodeMaxSize $($NodeMaxSize.ToString('N0')))" }
        else { $entry.nodeNote = $nodeNote }

        if (-not $SkipMemory) {
            Write-Step '  peak working-set growth, one fresh pwsh per command'
            $memScenarios = @($MemoryScenarios | Where-Object { $_ -ne 'irmFilter' -or $n -le $IrmMaxSize })
            foreach ($s in $memScenarios) {
                $expected = if ($s -in @('export') + $tableScenarios) { -1 } else { $bodies[$n].ToolCalls }
                $entry.memory[$s] = Invoke-Worker @{ Mode = 'Memory'; Scenario = $s; Size = $n; ExpectedToolCalls = $expected; ExpectedTurns = $bodies[$n].Turns; ExpectedBytes = $bodies[$n].Bytes }
            }
        }
        $results.sizes.Add($entry)
    }

    $tableRuns = @($MemoryScenarios | Where-Object { $_ -in $tableScenarios })
    if (-not $SkipMemory -and $TableSessions -gt 1 -and $tableRuns) {
        Write-Step ("  Export-LlamaChatTable: {0} sessions of {1:N0} events one after another, one fresh pwsh per format" -f $TableSessions, $TableSessionsSize)
        foreach ($i in 1..$TableSessions) { $null = Get-SessionBody "ses-gen-$TableSessionsSize-$i" }
        $results.tableSessions = [ordered]@{ sessions = $TableSessions; size = $TableSessionsSize; memory = [ordered]@{} }
        foreach ($s in $tableRuns) {
            $results.tableSessions.memory[$s] = Invoke-Worker @{ Mode = 'Memory'; Scenario = $s; Size = $TableSessionsSize; Sessions = $TableSessions }
        }
    }

    if (-not $SkipCold) {
        Write-Step ("Whole process, ses-gen-{0}: {1} rounds of fresh processes (bare pwsh, pwsh + module, node + TypeScript SDK), after one untimed round" -f $ColdSize, $ColdRuns)
        $results.cold = & (Join-Path $benchRoot 'Measure-WholeProcess.ps1') -PwshCommand $pwshCommand -ModulePath $ModulePath -Emulator $emulator `
            -SessionId "ses-gen-$ColdSize" -ExpectedToolCalls $bodies[$ColdSize].ToolCalls -Runs $ColdRuns -NodeDir $(if ($nodeReady) { $nodeDir } else { $null })
        $results.cold.size = $ColdSize
    }

    if (-not $SkipAnalytics) {
        # An archive of 1,000,000-event sessions (about 70 MB each), written by Export-LlamaChatSession in a fresh pwsh.
        $archive = Join-Path $tempDir 'archive'
        $count = [Math]::Max(1, [int][Math]::Round($ArchiveMB / 69.3))
        $ids = 1..$count | ForEach-Object { "ses-gen-1000000-$_" }
        Write-Step ("Analytics: an archive of {0} sessions of 1,000,000 events (about {1:N0} MB)" -f $count, ($count * 69.3))
        $exe = $pwshCommand[0]
        $prefix = @($pwshCommand | Select-Object -Skip 1)
        & $exe @prefix -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; '$($ids -join ',')' -split ',' | Export-LlamaChatSession -Path '$archive' -BaseUri '$($emulator.Url)' -ApiKey '$($emulator.ApiKey)' -ThrottleLimit 2" | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "Writing the benchmark archive failed (exit code $LASTEXITCODE)" }
        $files = @(Get-ChildItem $archive -Filter *.json | Sort-Object Name)
        $archiveBytes = ($files | Measure-Object Length -Sum).Sum
        # A literal no generated session holds: both searches read every byte (grep -c could stop at a file's first
        # match, as every archive file is one line). Counted independently: the number of files holding it must be 0.
        $pattern = 'customer-4711'
        $grep = [ordered]@{ timesMs = [Collections.Generic.List[double]]::new(); note = $null; matches = $null }
        if (Get-Command grep -ErrorAction SilentlyContinue) {
            for ($i = 0; $i -le $AnalyticsRuns; $i++) {
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $out = & grep -c -F $pattern @($files.FullName)
                $sw.Stop()
                if ($LASTEXITCODE -gt 1) { throw "grep failed (exit code $LASTEXITCODE)" }
                $grep.matches = (@($out) | ForEach-Object { [long](($_ -split ':')[-1]) } | Measure-Object -Sum).Sum
                if ($i -gt 0) { $grep.timesMs.Add($sw.Elapsed.TotalMilliseconds) } # the first run fills the page cache
            }
            $grep.medianMs = Get-Median $grep.timesMs
        }
        else { $grep.note = 'grep not found' }
        Write-Step ("  Export-LlamaChatTable on ses-gen-{0} (each format) and Search-LlamaChat -Path over {1:N0} MB, {2} runs" -f $AnalyticsSize, ($archiveBytes / 1MB), $AnalyticsRuns)
        if (-not $bodies.ContainsKey($AnalyticsSize)) { $bodies[$AnalyticsSize] = Get-SessionBody "ses-gen-$AnalyticsSize" -CountToolCalls }
        $analytics = Invoke-Worker @{ Mode = 'Analytics'; Size = $AnalyticsSize; Runs = $AnalyticsRuns; ArchivePath = $archive; Pattern = $pattern; ExpectedMatches = $(if ($null -ne $grep.matches) { $grep.matches } else { -1 }) }
        $results.analytics = [ordered]@{ size = $AnalyticsSize; bytes = $bodies[$AnalyticsSize].Bytes; archiveFiles = $files.Count; archiveBytes = $archiveBytes; pattern = $pattern; grep = $grep; module = $analytics }
        Remove-Item -Recurse -Force -LiteralPath $archive -ErrorAction SilentlyContinue
    }

    if (-not $SkipMany) {
        Write-Step ("{0} sessions of {1} events behind {2} ms latency: fetch-ahead against one at a time ({3} runs)" -f $ManyCount, $ManyEvents, $ManyLatencyMs, $ManyRuns)
        for ($i = 1; $i -le $ManyCount; $i++) { $null = Get-SessionBody "ses-gen-$ManyEvents-$i" }
        $null = Invoke-EmulatorControl -Emulator $emulator -Method Post -Path config -Body @{ latencyMs = $ManyLatencyMs; latencyJitterMs = 0 }
        try {
            $results.many = Invoke-Worker @{ Mode = 'Many'; Runs = $ManyRuns; ManyCount = $ManyCount; ManyEvents = $ManyEvents; LatencyMs = $ManyLatencyMs }
        }
        finally {
            $null = Invoke-EmulatorControl -Emulator $emulator -Method Post -Path reset
        }
    }
}
finally {
    Stop-LlamaEmulator $emulator
    $http.Dispose()
    Remove-Item -Recurse -Force -LiteralPath $tempDir -ErrorAction SilentlyContinue
}

# ---------------------------------------------------------------------------------------------------------------
# The report.
function Format-Ms($ms) {
    if ($null -eq $ms) { return 'n/a' }
    if ([Math]::Abs($ms) -ge 100) { return '{0:N0}' -f $ms }
    if ([Math]::Abs($ms) -ge 10) { return '{0:N1}' -f $ms }
    return '{0:N2}' -f $ms
}
function Format-Cell($times) {
    if ($null -eq $times) { return 'n/a' }
    $t = [double[]]@($times)
    '{0} ({1}–{2})' -f (Format-Ms (Get-Median $t)), (Format-Ms ($t | Measure-Object -Minimum).Minimum), (Format-Ms ($t | Measure-Object -Maximum).Maximum)
}
function Format-Ratio($num, $den) {
    if ($null -eq $num -or $null -eq $den -or $den -eq 0) { return 'n/a' }
    '{0:N2}' -f ($num / $den)
}
function Get-ScenarioMedian($entry, [string] $name) {
    $p = $entry.timing.scenarios.PSObject.Properties[$name]
    if ($p) { return [double]$p.Value.medianMs }
    return $null
}
function Get-ScenarioTimes($entry, [string] $name) {
    $p = $entry.timing.scenarios.PSObject.Properties[$name]
    if ($p) { return $p.Value.timesMs }
    return $null
}

$first = $results.sizes | Where-Object { $_.timing } | Select-Object -First 1
$cpu = $null
if (Test-Path /proc/cpuinfo) { $cpu = (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches.Groups[1].Value.Trim() }
$memGB = $null
if (Test-Path /proc/meminfo) { $memGB = [Math]::Round(([long]((Select-String -Path /proc/meminfo -Pattern '^MemTotal:\s*(\d+)').Matches.Groups[1].Value)) / 1MB, 1) }
$results.machine = [ordered]@{
    cores      = [Environment]::ProcessorCount
    cpu        = $cpu
    memoryGB   = $memGB
    os         = [Runtime.InteropServices.RuntimeInformation]::OSDescription
    powershell = if ($first) { $first.timing.psVersion } else { $PSVersionTable.PSVersion.ToString() }
    runtime    = if ($first) { $first.timing.runtime } else { [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription }
    loadStart  = $loadAtStart
    loadEnd    = Get-LoadAverage
    module     = if ($first) { $first.timing.moduleVersion } else { (Import-PowerShellDataFile $moduleSource).ModuleVersion }
}

$md = [Text.StringBuilder]::new()
function Add-Line([string] $Text = '') { $null = $md.AppendLine($Text) }
$m = $results.machine
Add-Line '# LlamaCloud.Chat benchmark'
Add-Line
Add-Line ("- Date: {0}; machine: {1} cores{2}{3}, {4}" -f $results.date, $m.cores, $(if ($m.cpu) { " ($($m.cpu))" } else { '' }), $(if ($m.memoryGB) { ", $($m.memoryGB) GB RAM" } else { '' }), $m.os)
if ($m.loadStart) { Add-Line ("- Load average (1, 5, 15 min) at the start: {0}; at the end: {1} (on {2} cores; much above 0 means other work shared the CPUs)" -f $m.loadStart, $m.loadEnd, $m.cores) }
Add-Line ("- PowerShell {0} on {1}; LlamaCloud.Chat {2}{3}" -f $m.powershell, $m.runtime, $m.module,
    $(if ($results.node) { "; node $($results.node.node), @llamaindex/llama-cloud $($results.node.sdk)" } else { "; TypeScript SDK $($nodeNote ?? 'not run')" }))
Add-Line ("- Local emulator on loopback, no added latency. Times in ms: median (min–max) of {0} runs, scenarios alternated run after run in one pwsh per size, each warmed up {3} (-WarmupRuns), [GC]::Collect() before each run. Invoke-RestMethod only up to {1:N0} events (-IrmMaxSize), the TypeScript SDK only up to {2:N0} (-NodeMaxSize)." -f $Runs, $IrmMaxSize, $NodeMaxSize, $(if ($WarmupRuns -eq 1) { 'once' } else { "$WarmupRuns times" }))
Add-Line
Add-Line '| scenario | what is timed |'
Add-Line '|---|---|'
Add-Line '| (a) | `Get-LlamaChatSession -Id $id \| Get-LlamaChatEvent -Type tool_call` |'
Add-Line '| (b) | `Get-LlamaChatEvent -SessionId $id -Type tool_call` |'
Add-Line '| (c) | `Get-LlamaChatEvent -SessionId $id \| Measure-Object` |'
Add-Line '| (d) | `Get-LlamaChatSession -Id $id \| Get-LlamaChatEvent \| Measure-Object`: the whole session fetched, then every event piped on |'
Add-Line '| IRM-filter | `(Invoke-RestMethod $uri -Headers @{Authorization="Bearer $key"}).events.Where({ $_.type -eq ''tool_call'' })` |'
Add-Line '| IRM-measure | `(Invoke-RestMethod $uri -Headers @{Authorization="Bearer $key"}).events \| Measure-Object` |'
Add-Line '| TS | `(await client.beta.chat.retrieve(id)).events.filter(e => e.type === ''tool_call'')` (bench/node/retrieve.mjs, one node process) |'
if (-not $SkipTiming) {
Add-Line
Add-Line '## Time (ms)'
Add-Line
Add-Line '| events | body MB | tool calls | (a) | (b) | (c) | (d) | IRM-filter | IRM-measure | TS |'
Add-Line '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
foreach ($e in $results.sizes) {
    $irmSkip = "skipped (> -IrmMaxSize $($IrmMaxSize.ToString('N0')))"
    $irmF = if ($e.timing.irmIncluded) { Format-Cell (Get-ScenarioTimes $e 'irmFilter') } else { $irmSkip }
    $irmM = if ($e.timing.irmIncluded) { Format-Cell (Get-ScenarioTimes $e 'irmMeasure') } else { $irmSkip }
    $ts = if ($e.node) { Format-Cell $e.node.timesMs } else { $e.nodeNote }
    Add-Line ('| {0:N0} | {1:N1} | {2:N0} | {3} | {4} | {5} | {6} | {7} | {8} | {9} |' -f $e.size, ($e.bytes / 1MB), $e.toolCalls,
        (Format-Cell (Get-ScenarioTimes $e 'a')), (Format-Cell (Get-ScenarioTimes $e 'b')), (Format-Cell (Get-ScenarioTimes $e 'c')),
        (Format-Cell (Get-ScenarioTimes $e 'd')), $irmF, $irmM, $ts)
}
Add-Line
Add-Line '## Ratios of medians (below 1: the module is faster)'
Add-Line
Add-Line '| events | (a) / IRM-filter | (b) / IRM-filter | (c) / IRM-measure | (a) / TS | (b) / TS | (d) / (c) |'
Add-Line '|---:|---:|---:|---:|---:|---:|---:|'
foreach ($e in $results.sizes) {
    $a = Get-ScenarioMedian $e 'a'; $b = Get-ScenarioMedian $e 'b'; $c = Get-ScenarioMedian $e 'c'; $d = Get-ScenarioMedian $e 'd'
    $irmF = Get-ScenarioMedian $e 'irmFilter'; $irmM = Get-ScenarioMedian $e 'irmMeasure'
    $ts = if ($e.node) { [double]$e.node.medianMs } else { $null }
    $noIrm = if ($e.timing.irmIncluded) { $null } else { 'n/a (IRM skipped)' }
    $noTs = if ($e.node) { $null } else { 'n/a (TS skipped)' }
    Add-Line ('| {0:N0} | {1} | {2} | {3} | {4} | {5} | {6} |' -f $e.size,
        ($noIrm ?? (Format-Ratio $a $irmF)), ($noIrm ?? (Format-Ratio $b $irmF)), ($noIrm ?? (Format-Ratio $c $irmM)),
        ($noTs ?? (Format-Ratio $a $ts)), ($noTs ?? (Format-Ratio $b $ts)), (Format-Ratio $d $c))
}
Add-Line
Add-Line '## Linearity'
Add-Line
$big = $results.sizes | Where-Object size -EQ 1000000 | Select-Object -First 1
$mid = $results.sizes | Where-Object size -EQ 100000 | Select-Object -First 1
if ($big -and $mid) {
    Add-Line '| scenario | time(1M) / (10 × time(100k)) |'
    Add-Line '|---|---:|'
    foreach ($s in 'b', 'a', 'c') {
        Add-Line ('| ({0}){1} | {2} |' -f $s, $(if ($s -eq 'b') { ' **(the one asked for)**' } else { '' }), (Format-Ratio (Get-ScenarioMedian $big $s) (10 * (Get-ScenarioMedian $mid $s))))
    }
    Add-Line
    Add-Line '1.00 = linear; above 1, a million events cost more than ten times a hundred thousand.'
}
else { Add-Line 'Needs both 100000 and 1000000 in -Sizes.' }
}
else {
    Add-Line
    Add-Line 'Timing skipped (-SkipTiming).'
}

if (-not $SkipMemory) {
    Add-Line
    Add-Line '## Peak working-set growth (MB)'
    Add-Line
    $hwm = @($results.sizes | ForEach-Object { $_.memory.Values } | Where-Object { $_.hwmAvailable }).Count -gt 0
    Add-Line ("Working set at its peak during the command minus just before it, in a fresh pwsh per command (warmed up on a 1,000-event session, then [GC]::Collect()). Sampled every 5 ms on a dedicated thread{0}. Allocated = managed bytes allocated by the whole process during the command." -f $(if ($hwm) { '; "VmHWM" is the kernel''s exact peak resident set (/proc/self/status, reset through /proc/self/clear_refs)' } else { '' }))
    Add-Line
    if ($hwm) {
        Add-Line '| events | (b) sampled | (b) VmHWM | (b) allocated | (a) sampled | (a) VmHWM | (a) allocated | IRM-filter sampled | IRM-filter VmHWM | IRM-filter allocated |'
        Add-Line '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
    }
    else {
        Add-Line '| events | (b) sampled | (b) allocated | (a) sampled | (a) allocated | IRM-filter sampled | IRM-filter allocated |'
        Add-Line '|---:|---:|---:|---:|---:|---:|---:|'
    }
    foreach ($e in $results.sizes) {
        $cells = [Collections.Generic.List[string]]::new()
        $cells.Add(('{0:N0}' -f $e.size))
        foreach ($s in 'b', 'a', 'irmFilter') {
            $r = if ($e.memory.Contains($s)) { $e.memory[$s] } else { $null }
            if ($r) {
                $cells.Add(('{0:N1}' -f $r.samplerGrowthMB))
                if ($hwm) { $cells.Add($(if ($r.hwmAvailable) { '{0:N1}' -f $r.hwmGrowthMB } else { 'n/a' })) }
                $cells.Add(('{0:N1}' -f $r.allocatedMB))
            }
            else {
                $skip = if ($s -eq 'irmFilter') { 'skipped' } else { 'n/a' }
                $cells.Add($skip); if ($hwm) { $cells.Add($skip) }; $cells.Add($skip)
            }
        }
        Add-Line ('| ' + ($cells -join ' | ') + ' |')
    }
}

$turnSizes = @($results.sizes | Where-Object { $_.memory.Contains('c') -and $_.memory.Contains('turns') })
if (-not $SkipMemory -and $turnSizes.Count) {
    Add-Line
    Add-Line '## Get-LlamaChatTurn against the event stream it is built from: peak working-set growth (MB)'
    Add-Line
    Add-Line 'Measured as above, in a fresh pwsh each. (c) `Get-LlamaChatEvent -SessionId $id | Measure-Object`; (turns) `Get-LlamaChatTurn -SessionId $id | Measure-Object`: every event, or every turn, through the pipeline, none kept.'
    Add-Line
    Add-Line '| events | turns | (c) sampled | (c) VmHWM | (c) allocated | (c) ms | (turns) sampled | (turns) VmHWM | (turns) allocated | (turns) ms |'
    Add-Line '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
    foreach ($e in $turnSizes) {
        $cells = [Collections.Generic.List[string]]::new()
        $cells.Add(('{0:N0}' -f $e.size))
        $cells.Add(('{0:N0}' -f $e.memory['turns'].count))
        foreach ($s in 'c', 'turns') {
            $r = $e.memory[$s]
            $cells.Add(('{0:N1}' -f $r.samplerGrowthMB))
            $cells.Add($(if ($r.hwmAvailable) { '{0:N1}' -f $r.hwmGrowthMB } else { 'n/a' }))
            $cells.Add(('{0:N0}' -f $r.allocatedMB))
            $cells.Add(('{0:N0}' -f $r.elapsedMs))
        }
        Add-Line ('| ' + ($cells -join ' | ') + ' |')
    }
}

if (-not $SkipMemory -and @($results.sizes | Where-Object { $_.memory.Contains('export') }).Count) {
    Add-Line
    Add-Line '### Export-LlamaChatSession: peak working-set growth (MB)'
    Add-Line
    Add-Line '`Export-LlamaChatSession -Id $id -Path $dir -Force -PassThru`, measured like the scenarios above; the written file is checked to have the body''s size. The body streams into the file, so the growth should not depend on the session''s size.'
    Add-Line
    Add-Line '| events | body MB | sampled | VmHWM | allocated MB | ms |'
    Add-Line '|---:|---:|---:|---:|---:|---:|'
    foreach ($e in $results.sizes) {
        if (-not $e.memory.Contains('export')) { continue }
        $r = $e.memory['export']
        Add-Line ('| {0:N0} | {1:N1} | {2:N1} | {3} | {4:N1} | {5:N0} |' -f $e.size, ($e.bytes / 1MB), $r.samplerGrowthMB, $(if ($r.hwmAvailable) { '{0:N1}' -f $r.hwmGrowthMB } else { 'n/a' }), $r.allocatedMB, $r.elapsedMs)
    }
}

if (-not $SkipMemory) {
    $tableSizes = @($results.sizes | Where-Object { $e = $_; @($tableScenarios | Where-Object { $e.memory.Contains($_) }).Count })
    if ($tableSizes -or $results.tableSessions) {
        $labels = [ordered]@{ tables = 'Parquet'; tablesNdjson = 'Ndjson'; tablesCsv = 'Csv' }
        Add-Line
        Add-Line '### Export-LlamaChatTable: peak working-set growth (MB)'
        Add-Line
        Add-Line '`Export-LlamaChatTable -SessionId $id -Path $dir -Format <format> -Force` (four tables, written as the events stream), measured like the scenarios above; the result must count exactly N event rows. The session is never held: the growth should not depend on its size, nor on how many sessions the process exported before. "÷ Ndjson" is the Parquet VmHWM over the NDJSON one of the same size.'
        Add-Line
        Add-Line '| events | body MB | format | sampled | VmHWM | allocated MB | ms | ÷ Ndjson |'
        Add-Line '|---:|---:|---|---:|---:|---:|---:|---:|'
        foreach ($e in $tableSizes) {
            foreach ($s in $labels.Keys) {
                if (-not $e.memory.Contains($s)) { continue }
                $r = $e.memory[$s]
                $nd = if ($e.memory.Contains('tablesNdjson')) { $e.memory['tablesNdjson'] } else { $null }
                $ratio = if ($s -eq 'tables' -and $nd -and $r.hwmAvailable -and $nd.hwmGrowthMB -gt 0) { '{0:N2}' -f ($r.hwmGrowthMB / $nd.hwmGrowthMB) } else { '' }
                Add-Line ('| {0:N0} | {1:N1} | {2} | {3:N1} | {4} | {5:N1} | {6:N0} | {7} |' -f [long]$e.size, ($e.bytes / 1MB), $labels[$s], $r.samplerGrowthMB, $(if ($r.hwmAvailable) { '{0:N1}' -f $r.hwmGrowthMB } else { 'n/a' }), $r.allocatedMB, $r.elapsedMs, $ratio)
            }
        }
        if ($results.tableSessions) {
            $ts = $results.tableSessions
            Add-Line
            Add-Line ('{0} sessions of {1:N0} events (ses-gen-{1}-1 to -{0}) exported one after another in one fresh pwsh per format; VmHWM growth after each session, from the same start:' -f $ts.sessions, $ts.size)
            Add-Line
            Add-Line '| format | VmHWM after each session | sampled | allocated MB | ms |'
            Add-Line '|---|---:|---:|---:|---:|'
            foreach ($s in $labels.Keys) {
                if (-not $ts.memory.Contains($s)) { continue }
                $r = $ts.memory[$s]
                Add-Line ('| {0} | {1} | {2:N1} | {3:N1} | {4:N0} |' -f $labels[$s], $(if ($r.hwmAvailable) { (@($r.hwmPerSessionMB) | ForEach-Object { '{0:N1}' -f $_ }) -join ', ' } else { 'n/a' }), $r.samplerGrowthMB, $r.allocatedMB, $r.elapsedMs)
            }
        }
    }
}

if ($results.analytics) {
    $a = $results.analytics
    $v = $a.module.variants
    Add-Line
    Add-Line ('## Analytics: tables and search')
    Add-Line
    Add-Line ('`Export-LlamaChatTable -SessionId ses-gen-{0} -Path $dir -Format <format>` into a new folder each run (four tables, {1:N0} rows), and `Search-LlamaChat -Path $archive -Pattern ''{2}'' -SimpleMatch` against `grep -c -F ''{2}'' $archive/*.json` over the same {3} files ({4:N0} MB, generated sessions of 1,000,000 events). The literal is in no session, so both read every byte; grep runs once first to fill the page cache, and both report 0. Median (min–max) of {5} runs after one warm-up, in one fresh pwsh.' -f $a.size, $a.module.rows, $a.pattern, $a.archiveFiles, ($a.archiveBytes / 1MB), $a.module.runs)
    Add-Line
    Add-Line '| command | ms | events/s | MB/s of session JSON |'
    Add-Line '|---|---:|---:|---:|'
    foreach ($f in 'Parquet', 'Ndjson', 'Csv') {
        $x = $v.$f
        Add-Line ('| Export-LlamaChatTable -Format {0} | {1} | {2:N0} | {3:N1} |' -f $f, (Format-Cell $x.timesMs), ($a.size / ($x.medianMs / 1000)), $(if ($a.bytes) { ($a.bytes / 1MB) / ($x.medianMs / 1000) } else { 0 }))
    }
    Add-Line
    Add-Line '| search over the archive | ms | MB/s | ÷ grep -c |'
    Add-Line '|---|---:|---:|---:|'
    Add-Line ('| Search-LlamaChat -Path | {0} | {1:N0} | {2} |' -f (Format-Cell $v.search.timesMs), (($a.archiveBytes / 1MB) / ($v.search.medianMs / 1000)), (Format-Ratio $v.search.medianMs $a.grep.medianMs))
    Add-Line ('| grep -c -F | {0} | {1} | 1.00 |' -f $(if ($a.grep.note) { $a.grep.note } else { Format-Cell $a.grep.timesMs }), $(if ($a.grep.note) { 'n/a' } else { '{0:N0}' -f (($a.archiveBytes / 1MB) / ($a.grep.medianMs / 1000)) }))
}

if ($results.many) {
    $many = $results.many
    $v = $many.variants
    Add-Line
    Add-Line ('## Many sessions: {0} ids of {1} events, {2} ms emulated latency per request' -f $many.count, $many.events, $many.latencyMs)
    Add-Line
    Add-Line ('Median of {0} runs, alternated. Output order checked against the input order in every run. "In flight" is the most requests that reached the emulator within any {1} ms (0.8 × the latency, from its request log): each waits the full latency, so they ran at once; a lower bound of the real concurrency.' -f $many.runs, (0.8 * $many.latencyMs))
    Add-Line
    Add-Line '| command | -ThrottleLimit | ms | speed-up vs -ThrottleLimit 1 | speed-up vs one at a time | requests in flight (max) | order kept |'
    Add-Line '|---|---:|---:|---:|---:|---:|---|'
    foreach ($key in 'default', 'tl1', 'tl16', 'loop') {
        $p = $v.PSObject.Properties[$key]
        if (-not $p) { continue }
        $x = $p.Value
        Add-Line ('| `{0}` | {1} | {2} | {3} | {4} | {5} | yes |' -f ($x.label -replace '\|', '\|'), $(if ($key -eq 'loop') { '–' } else { $x.throttleLimit }),
            (Format-Cell $x.timesMs), (Format-Ratio $v.tl1.medianMs $x.medianMs), (Format-Ratio $v.loop.medianMs $x.medianMs), $x.maxInFlight)
    }
}

if ($results.cold) {
    $c = $results.cold
    $med = $c.medianMs
    Add-Line
    Add-Line ('## Whole process: a fresh pwsh per run, ses-gen-{0:N0}' -f $c.size)
    Add-Line
    Add-Line ('Each row is a new process timed from outside, start to exit; {0} rounds alternating the kinds, after one untimed round. Key and base URL from LLAMA_CLOUD_API_KEY / LLAMA_CLOUD_BASE_URL. The module''s share is (pwsh + module) − (bare pwsh), per round; "inside" is what the script''s own stopwatch saw.' -f $c.runs)
    Add-Line
    Add-Line '| process | ms | ÷ node + TS SDK |'
    Add-Line '|---|---:|---:|'
    $node = if ($med.Contains('node')) { $med['node'] } else { $null }
    Add-Line ('| bare pwsh: `pwsh -NoProfile -File bench/cold/Pipeline.ps1 -Bare` (the same script without the module) | {0} | {1} |' -f (Format-Cell $c.timesMs.bare), (Format-Ratio $med.bare $node))
    Add-Line ('| pwsh + module: `pwsh -NoProfile -File bench/cold/Pipeline.ps1` (Import-Module; `Get-LlamaChatSession -Id $id \| Get-LlamaChatEvent -Type tool_call`) | {0} | {1} |' -f (Format-Cell $c.timesMs.module), (Format-Ratio $med.module $node))
    Add-Line ('| node + TS SDK: `node bench/node/cold.mjs` (`retrieve(id)` + filter) | {0} | {1} |' -f $(if ($null -ne $node) { Format-Cell $c.timesMs.node } else { $nodeNote ?? 'n/a' }), $(if ($null -ne $node) { '1.00' } else { 'n/a' }))
    Add-Line ('| **the module''s share** (module − bare, paired per round) | **{0}** | {1} |' -f (Format-Cell $c.moduleShareMs), (Format-Ratio $c.medianShareMs $node))
    Add-Line ('| CPU time of the process up to its last line (user + system): bare pwsh | {0} | |' -f (Format-Cell $c.cpuMs.bare))
    Add-Line ('| CPU time of the process up to its last line: pwsh + module | {0} | |' -f (Format-Cell $c.cpuMs.module))
    Add-Line ('| **the module''s share of CPU time** (paired per round) | **{0}** | |' -f (Format-Cell $c.cpuShareMs))
    Add-Line ('| inside the module''s process: Import-Module | {0} | |' -f (Format-Cell $c.insideImportMs))
    Add-Line ('| inside the module''s process: the pipeline (first request + first large read) | {0} | |' -f (Format-Cell $c.insidePipelineMs))
}

Add-Line
Add-Line ('Total benchmark time: {0:N0} s. Raw measurements: {1}.' -f ([DateTime]::UtcNow - $started).TotalSeconds, [IO.Path]::GetFileName([IO.Path]::ChangeExtension($OutFile, '.json')))

$report = $md.ToString()
New-Item -ItemType Directory -Force -Path (Split-Path -Parent $OutFile) | Out-Null
Set-Content -LiteralPath $OutFile -Value $report -Encoding utf8
$results | ConvertTo-Json -Depth 12 | Set-Content -LiteralPath ([IO.Path]::ChangeExtension($OutFile, '.json')) -Encoding utf8
Write-Host ''
Write-Host $report
Write-Host "Report written to $OutFile" -ForegroundColor Green
if ($PassThru) { [pscustomobject]$results }
