<#
.SYNOPSIS
    One measuring process of the LlamaCloud.Chat benchmark. Started by Run-Benchmark.ps1 in a fresh pwsh; not meant to be run by hand.
.DESCRIPTION
    -Mode Size    times scenarios (a), (b), (c), (d) of the module and the Invoke-RestMethod equivalents for one session size,
                  alternating them run after run, asserting every result, and writes the times to -ResultPath (JSON).
    -Mode Memory  measures the peak working-set growth of one scenario, once, in this fresh process. Scenarios: (a), (b),
                  IRM-filter, and for Get-LlamaChatTurn against the event stream it is built from: c (every event
                  through the pipeline) and turns (Get-LlamaChatTurn -SessionId, every turn through the pipeline); export
                  (Export-LlamaChatSession); tables, tablesNdjson, tablesCsv (Export-LlamaChatTable -Format Parquet, Ndjson,
                  Csv), with -Sessions N that many sessions one after another in the one process.
    -Mode Analytics times Export-LlamaChatTable on one generated session in each format (rows per second), and
                  Search-LlamaChat -Path over an archive folder, asserting the rows written and the matches found.
    -Mode Many    times "$ids | Get-LlamaChatSession" with the default -ThrottleLimit against -ThrottleLimit 1 (and 16,
                  and a foreach loop of one call per id: truly one request at a time), behind emulated latency; checks
                  the output order, and derives from the emulator's request log how many requests were in flight at once.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('Size', 'Memory', 'Many', 'Analytics')] [string] $Mode,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $ApiKey,
    [Parameter(Mandatory)] [string] $ResultPath,
    [int] $Size,
    [int] $Runs = 5,
    [int] $WarmupRuns = 1,
    [int] $IrmMaxSize = 100000,
    [long] $ExpectedToolCalls = -1,
    [ValidateSet('a', 'b', 'irmFilter', 'c', 'turns', 'export', 'tables', 'tablesNdjson', 'tablesCsv')] [string] $Scenario = 'b',
    # Memory mode, table scenarios: export this many sessions of -Size events one after another in the one process
    # (ses-gen-<Size>-1, -2, ...), recording the peak growth after each; 1 exports ses-gen-<Size>.
    [ValidateRange(1, 100)] [int] $Sessions = 1,
    [long] $ExpectedTurns = -1,
    # For the export scenario: the body's size, which the written file must have.
    [long] $ExpectedBytes = -1,
    [string] $WarmupId = 'ses-gen-1000',
    [int] $SampleIntervalMs = 5,
    [int] $ManyCount = 200,
    [int] $ManyEvents = 300,
    [int] $LatencyMs = 50,
    # Analytics mode: the archive folder to search, the literal to search for, and how many matches it must give.
    [string] $ArchivePath,
    [string] $Pattern,
    [long] $ExpectedMatches = -1
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
# Progress rendering would cost both sides differently depending on the terminal; the benchmark measures the work.
$ProgressPreference = 'SilentlyContinue'

Import-Module $ModulePath -Force
$module = Get-Module LlamaCloud.Chat
$u = $BaseUri
$k = $ApiKey

function Reset-Heap {
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    [GC]::Collect()
}

function Get-Median([double[]] $Values) {
    $s = [double[]]($Values | Sort-Object)
    $m = [int][Math]::Floor($s.Length / 2)
    if ($s.Length % 2) { return $s[$m] }
    return ($s[$m - 1] + $s[$m]) / 2
}

function Save-Result($Object) {
    $Object | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $ResultPath -Encoding utf8
}

# The scenarios, as a user types them, on the session whose id is in $sid. Each returns what the user would get
# in a variable. (Plain script blocks, not closures: they run as a script's own code runs.)
$sid = $null
$scenarios = [ordered]@{
    a          = { Get-LlamaChatSession -Id $sid -BaseUri $u -ApiKey $k | Get-LlamaChatEvent -Type tool_call }
    b          = { Get-LlamaChatEvent -SessionId $sid -Type tool_call -BaseUri $u -ApiKey $k }
    c          = { Get-LlamaChatEvent -SessionId $sid -BaseUri $u -ApiKey $k | Measure-Object }
    d          = { Get-LlamaChatSession -Id $sid -BaseUri $u -ApiKey $k | Get-LlamaChatEvent | Measure-Object }
    irmFilter  = { (Invoke-RestMethod "$u/api/v1/chat/$sid" -Headers @{ Authorization = "Bearer $k" }).events.Where({ $_.type -eq 'tool_call' }) }
    irmMeasure = { (Invoke-RestMethod "$u/api/v1/chat/$sid" -Headers @{ Authorization = "Bearer $k" }).events | Measure-Object }
    turns      = { Get-LlamaChatTurn -SessionId $sid -BaseUri $u -ApiKey $k | Measure-Object }
    export     = { Export-LlamaChatSession -Id $sid -Path $exportDir -Force -PassThru -BaseUri $u -ApiKey $k }
    tables       = { Export-LlamaChatTable -SessionId $sid -Path (Join-Path $exportDir $sid) -Format Parquet -Force -BaseUri $u -ApiKey $k }
    tablesNdjson = { Export-LlamaChatTable -SessionId $sid -Path (Join-Path $exportDir $sid) -Format Ndjson -Force -BaseUri $u -ApiKey $k }
    tablesCsv    = { Export-LlamaChatTable -SessionId $sid -Path (Join-Path $exportDir $sid) -Format Csv -Force -BaseUri $u -ApiKey $k }
}
$tableScenarios = 'tables', 'tablesNdjson', 'tablesCsv'
# Where the export scenario writes (removed at the end).
$exportDir = Join-Path ([IO.Path]::GetTempPath()) ("llamacloud-bench-export-" + $PID)

# What a scenario's result must be; returns the tool calls' call ids joined (filter scenarios) or the event count (measure).
function Test-Result([string] $Name, $Result) {
    switch ($Name) {
        { $_ -in 'a', 'b' } {
            $items = @($Result)
            foreach ($e in $items) {
                if ($e -isnot [LlamaCloud.Chat.ToolCallEvent] -or $e.Type -ne 'tool_call') { throw "($Name) returned a $($e.GetType().FullName), not a tool_call event" }
            }
            return [pscustomobject]@{ Count = $items.Count; Signature = (@($items.CallId) -join ',') }
        }
        { $_ -in $tableScenarios } {
            $t = @($Result)
            if ($t.Count -ne 1 -or $t[0] -isnot [LlamaCloud.Chat.ChatTableExportResult]) { throw "($Name) did not return one result" }
            if ($t[0].Failed -ne 0 -or $t[0].Events -ne $Size) { throw "($Name) wrote $($t[0].Events) event rows, expected $Size" }
            return [pscustomobject]@{ Count = $t[0].Events; Signature = $null }
        }
        'export' {
            $f = @($Result)
            if ($f.Count -ne 1 -or $f[0] -isnot [IO.FileInfo]) { throw "(export) did not return one file" }
            if ($ExpectedBytes -ge 0 -and $f[0].Length -ne $ExpectedBytes) { throw "(export) wrote $($f[0].Length) bytes, the body has $ExpectedBytes" }
            return [pscustomobject]@{ Count = $f[0].Length; Signature = $null }
        }
        'irmFilter' {
            $items = @($Result)
            foreach ($e in $items) { if ($e.type -ne 'tool_call') { throw "(irmFilter) returned an event of type '$($e.type)'" } }
            return [pscustomobject]@{ Count = $items.Count; Signature = (@($items.call_id) -join ',') }
        }
        default {
            $m = @($Result)
            if ($m.Count -ne 1 -or $m[0] -isnot [Microsoft.PowerShell.Commands.GenericMeasureInfo]) { throw "($Name) did not return one Measure-Object result" }
            return [pscustomobject]@{ Count = [long]$m[0].Count; Signature = $null }
        }
    }
}

switch ($Mode) {
    'Size' {
        $sid = "ses-gen-$Size"
        $all = $scenarios
        $names = @('a', 'b', 'c', 'd')
        if ($Size -le $IrmMaxSize) { $names += 'irmFilter', 'irmMeasure' }
        $data = [ordered]@{}
        foreach ($n in $names) { $data[$n] = [ordered]@{ timesMs = [Collections.Generic.List[double]]::new(); allocatedMB = [Collections.Generic.List[double]]::new() } }

        $reference = $null # the first filter result: every other filter result must equal it
        $check = {
            param($n, $r)
            $t = Test-Result $n $r
            if ($n -in 'c', 'd', 'irmMeasure') {
                if ($t.Count -ne $Size) { throw "($n) counted $($t.Count) events in ses-gen-$Size, expected $Size" }
            }
            else {
                if ($ExpectedToolCalls -ge 0 -and $t.Count -ne $ExpectedToolCalls) { throw "($n) returned $($t.Count) tool calls, expected $ExpectedToolCalls (count of tool_call events in the body)" }
                if ($null -eq $script:reference) { $script:reference = $t }
                elseif ($t.Count -ne $script:reference.Count -or $t.Signature -ne $script:reference.Signature) {
                    throw "($n) returned $($t.Count) tool calls that differ from the first result's $($script:reference.Count)"
                }
            }
        }

        # Warm-up: each command -WarmupRuns times (default once), on this very session, untimed.
        for ($w = 1; $w -le $WarmupRuns; $w++) {
            $line = [Collections.Generic.List[string]]::new()
            foreach ($n in $names) {
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $r = & $all[$n]
                $sw.Stop()
                & $check $n $r
                $r = $null
                $line.Add(('{0} {1:N1}' -f $n, $sw.Elapsed.TotalMilliseconds))
            }
            Write-Host ("    warm-up {0}/{1}: {2} ms" -f $w, $WarmupRuns, ($line -join ', '))
        }

        for ($run = 1; $run -le $Runs; $run++) {
            $line = [Collections.Generic.List[string]]::new()
            foreach ($n in $names) {
                Reset-Heap
                $alloc = [GC]::GetTotalAllocatedBytes($true)
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $r = & $all[$n]
                $sw.Stop()
                $allocated = ([GC]::GetTotalAllocatedBytes($true) - $alloc) / 1MB
                & $check $n $r
                $r = $null
                $data[$n].timesMs.Add($sw.Elapsed.TotalMilliseconds)
                $data[$n].allocatedMB.Add($allocated)
                $line.Add(('{0} {1:N1}' -f $n, $sw.Elapsed.TotalMilliseconds))
            }
            Write-Host ("    run {0}/{1}: {2} ms" -f $run, $Runs, ($line -join ', '))
        }
        foreach ($n in $names) {
            $data[$n].medianMs = Get-Median $data[$n].timesMs
            $data[$n].medianAllocatedMB = Get-Median $data[$n].allocatedMB
        }
        Save-Result ([ordered]@{
                mode          = 'Size'
                size          = $Size
                runs          = $Runs
                warmupRuns    = $WarmupRuns
                toolCalls     = $reference.Count
                irmIncluded   = $Size -le $IrmMaxSize
                psVersion     = $PSVersionTable.PSVersion.ToString()
                runtime       = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
                moduleVersion = $module.Version.ToString()
                scenarios     = $data
            })
    }

    'Memory' {
        if (-not ('LlamaCloudBench.WorkingSetSampler' -as [type])) {
            Add-Type -TypeDefinition @'
using System;
using System.Diagnostics;
using System.Threading;

namespace LlamaCloudBench
{
    /// <summary>Samples this process's working set on a dedicated thread (not the thread pool, which the
    /// measured command keeps busy) and keeps the highest value seen.</summary>
    public sealed class WorkingSetSampler : IDisposable
    {
        private readonly Process _process = Process.GetCurrentProcess();
        private readonly int _intervalMs;
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;
        private int _samples;

        public WorkingSetSampler(int intervalMs)
        {
            _intervalMs = intervalMs;
            _peak = Read();
            Start = _peak;
            _thread = new Thread(Run) { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "WorkingSetSampler" };
            _thread.Start();
        }

        public long Start { get; private set; }
        public long Peak { get { return Interlocked.Read(ref _peak); } }
        public int Samples { get { return _samples; } }

        private long Read()
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }

        private void Sample()
        {
            var ws = Read();
            if (ws > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, ws);
            _samples++;
        }

        private void Run()
        {
            while (!_stop)
            {
                Sample();
                Thread.Sleep(_intervalMs);
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
            Sample();
        }
    }
}
'@
        }
        # Linux keeps the exact peak resident set (VmHWM); writing 5 to clear_refs resets it to the current RSS.
        function Get-ProcStatusKB([string] $Field) {
            if (-not (Test-Path /proc/self/status)) { return $null }
            foreach ($l in [IO.File]::ReadAllLines('/proc/self/status')) {
                if ($l.StartsWith("${Field}:")) { return [long](($l.Substring($Field.Length + 1).Trim() -split '\s+')[0]) }
            }
            return $null
        }
        function Reset-PeakRss {
            try { [IO.File]::WriteAllText('/proc/self/clear_refs', '5'); return $true } catch { return $false }
        }

        # Warm-up on a small session: loads and compiles every code path without growing the heap first.
        $sid = $WarmupId
        $null = & $scenarios[$Scenario]
        $null = & $scenarios[$Scenario]
        $run = $scenarios[$Scenario]
        if ($Sessions -gt 1 -and $Scenario -notin $tableScenarios) { throw "-Sessions applies to the table scenarios only" }
        $ids = @(if ($Sessions -gt 1) { 1..$Sessions | ForEach-Object { "ses-gen-$Size-$_" } } else { "ses-gen-$Size" })

        Reset-Heap
        $hwmReset = $IsLinux -and (Reset-PeakRss)
        $rssBeforeKB = if ($hwmReset) { Get-ProcStatusKB VmRSS } else { $null }
        $hwmBeforeKB = if ($hwmReset) { Get-ProcStatusKB VmHWM } else { $null }
        $alloc = [GC]::GetTotalAllocatedBytes($true)
        $perSession = [Collections.Generic.List[double]]::new()
        $sampler = [LlamaCloudBench.WorkingSetSampler]::new($SampleIntervalMs)
        $sw = [Diagnostics.Stopwatch]::StartNew()
        foreach ($sid in $ids) {
            $r = & $run
            # Several sessions: each table export's one result is checked as it comes (cheap), and its peak read.
            if ($ids.Count -gt 1) { $t = Test-Result $Scenario $r; $r = $null }
            if ($hwmReset) { $perSession.Add(((Get-ProcStatusKB VmHWM) - $rssBeforeKB) / 1KB) }
        }
        $sw.Stop()
        $sampler.Dispose()
        $hwmAfterKB = if ($hwmReset) { Get-ProcStatusKB VmHWM } else { $null }
        $allocated = ([GC]::GetTotalAllocatedBytes($true) - $alloc) / 1MB
        if ($ids.Count -eq 1) { $t = Test-Result $Scenario $r }
        if ($Scenario -eq 'c') {
            if ($t.Count -ne $Size) { throw "(c) counted $($t.Count) events, expected $Size" }
        }
        elseif ($Scenario -in @('export') + $tableScenarios) { }
        elseif ($Scenario -eq 'turns') {
            if ($ExpectedTurns -ge 0 -and $t.Count -ne $ExpectedTurns) { throw "(turns) counted $($t.Count) turns, expected $ExpectedTurns" }
        }
        elseif ($ExpectedToolCalls -ge 0 -and $t.Count -ne $ExpectedToolCalls) { throw "($Scenario) returned $($t.Count) tool calls, expected $ExpectedToolCalls" }
        $r = $null
        Remove-Item -Recurse -Force -LiteralPath $exportDir -ErrorAction SilentlyContinue
        $samplerMB = ($sampler.Peak - $sampler.Start) / 1MB
        $hwmMB = if ($hwmReset) { ($hwmAfterKB - $rssBeforeKB) / 1KB } else { $null }
        Write-Host ("    {0,-10} {1}{2,9:N0} events: +{3:N1} MB working set (sampler, {4} samples){5}, {6:N0} MB allocated, {7:N0} ms" -f $Scenario, $(if ($Sessions -gt 1) { "$Sessions x" } else { '' }), $Size, $samplerMB, $sampler.Samples,
            $(if ($hwmReset) { ', +{0:N1} MB VmHWM' -f $hwmMB + $(if ($Sessions -gt 1) { ' (after each session: ' + (($perSession | ForEach-Object { '+{0:N1}' -f $_ }) -join ', ') + ')' } else { '' }) } else { '' }), $allocated, $sw.Elapsed.TotalMilliseconds)
        Save-Result ([ordered]@{
                mode             = 'Memory'
                scenario         = $Scenario
                size             = $Size
                sessions         = $Sessions
                hwmPerSessionMB  = $perSession
                toolCalls        = $t.Count
                count            = $t.Count
                workingSetBefore = $sampler.Start
                samplerPeak      = $sampler.Peak
                samplerGrowthMB  = $samplerMB
                samples          = $sampler.Samples
                intervalMs       = $SampleIntervalMs
                hwmAvailable     = [bool]$hwmReset
                hwmBeforeKB      = $hwmBeforeKB
                rssBeforeKB      = $rssBeforeKB
                hwmAfterKB       = $hwmAfterKB
                hwmGrowthMB      = $hwmMB
                allocatedMB      = $allocated
                elapsedMs        = $sw.Elapsed.TotalMilliseconds
            })
    }

    'Analytics' {
        $sid = "ses-gen-$Size"
        $formats = 'Parquet', 'Ndjson', 'Csv'
        $data = [ordered]@{}
        foreach ($f in $formats) { $data[$f] = [ordered]@{ timesMs = [Collections.Generic.List[double]]::new() } }
        $data['search'] = [ordered]@{ timesMs = [Collections.Generic.List[double]]::new() }
        $folder = Join-Path ([IO.Path]::GetTempPath()) ("llamacloud-bench-tables-" + $PID)
        $rows = 0
        for ($run = 0; $run -le $Runs; $run++) {
            # Run 0 warms every path up and is not counted.
            $line = [Collections.Generic.List[string]]::new()
            foreach ($f in $formats) {
                Remove-Item -Recurse -Force -LiteralPath $folder -ErrorAction SilentlyContinue
                Reset-Heap
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $r = Export-LlamaChatTable -SessionId $sid -Path $folder -Format $f -BaseUri $u -ApiKey $k
                $sw.Stop()
                if ($r.Failed -ne 0 -or $r.Events -ne $Size) { throw "($f) wrote $($r.Events) event rows, expected $Size" }
                $rows = $r.RowsWritten
                if ($run -gt 0) { $data[$f].timesMs.Add($sw.Elapsed.TotalMilliseconds) }
                $line.Add(('{0} {1:N0} ms' -f $f, $sw.Elapsed.TotalMilliseconds))
            }
            Reset-Heap
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $found = @(Search-LlamaChat -Path $ArchivePath -Pattern $Pattern -SimpleMatch)
            $sw.Stop()
            if ($ExpectedMatches -ge 0 -and $found.Count -ne $ExpectedMatches) { throw "(search) found $($found.Count) matches, expected $ExpectedMatches" }
            if ($run -gt 0) { $data['search'].timesMs.Add($sw.Elapsed.TotalMilliseconds) }
            $line.Add(('search {0:N0} ms ({1} matches)' -f $sw.Elapsed.TotalMilliseconds, $found.Count))
            Write-Host ("    {0}: {1}" -f $(if ($run -eq 0) { 'warm-up' } else { "run $run/$Runs" }), ($line -join ', '))
        }
        Remove-Item -Recurse -Force -LiteralPath $folder -ErrorAction SilentlyContinue
        foreach ($n in $data.Keys) { $data[$n].medianMs = Get-Median $data[$n].timesMs }
        Save-Result ([ordered]@{ mode = 'Analytics'; size = $Size; rows = $rows; runs = $Runs; pattern = $Pattern; variants = $data })
    }
    'Many' {
        $ids = 1..$ManyCount | ForEach-Object { "ses-gen-$ManyEvents-$_" }
        $variants = [ordered]@{
            default = { $ids | Get-LlamaChatSession -BaseUri $u -ApiKey $k }
            tl1     = { $ids | Get-LlamaChatSession -BaseUri $u -ApiKey $k -ThrottleLimit 1 }
            tl16    = { $ids | Get-LlamaChatSession -BaseUri $u -ApiKey $k -ThrottleLimit 16 }
            loop    = { foreach ($i in $ids) { Get-LlamaChatSession -Id $i -BaseUri $u -ApiKey $k } }
        }
        # The cmdlet's own default, read from the type, so the label stays right if the default changes.
        $defaultLimit = [LlamaCloud.Chat.Commands.GetLlamaChatSessionCommand]::new().ThrottleLimit
        $labels = @{ default = "`$ids | Get-LlamaChatSession (default -ThrottleLimit $defaultLimit)"; tl1 = '$ids | Get-LlamaChatSession -ThrottleLimit 1'; tl16 = '$ids | Get-LlamaChatSession -ThrottleLimit 16'
            loop = 'foreach ($id in $ids) { Get-LlamaChatSession -Id $id } (one request at a time)' }
        $limits = @{ default = $defaultLimit; tl1 = 1; tl16 = 16; loop = 1 }

        # Requests in flight at once, from the emulator's log (arrival times): every request waits LatencyMs before it
        # is answered, so requests that arrived within less than that of each other were in flight together. The
        # window is 0.8 x LatencyMs because the emulator's timer may fire a millisecond or two early; so the count is
        # a lower bound of the true maximum.
        function Get-MaxInFlight {
            $raw = Invoke-RestMethod "$u/_emulator/requests" # one JSON array: a single object until enumerated
            $log = @($raw | Where-Object { $_.path -like '/api/v1/chat/*' })
            $ticks = [long[]]@($log | ForEach-Object {
                    $t = $_.time
                    if ($t -isnot [datetime]) { $t = [datetime]::Parse($t, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind) }
                    $t.ToUniversalTime().Ticks
                } | Sort-Object)
            $window = [TimeSpan]::FromMilliseconds(0.8 * $LatencyMs).Ticks
            $max = 0; $lo = 0
            for ($hi = 0; $hi -lt $ticks.Length; $hi++) {
                while ($ticks[$hi] - $ticks[$lo] -ge $window) { $lo++ }
                $max = [Math]::Max($max, $hi - $lo + 1)
            }
            return [pscustomobject]@{ Requests = $ticks.Length; MaxInFlight = $max }
        }

        $null = & $variants.default # warm-up
        $data = [ordered]@{}
        foreach ($n in $variants.Keys) { $data[$n] = [ordered]@{ label = $labels[$n]; throttleLimit = $limits[$n]; timesMs = [Collections.Generic.List[double]]::new(); maxInFlight = 0; requests = 0 } }
        for ($run = 1; $run -le $Runs; $run++) {
            $line = [Collections.Generic.List[string]]::new()
            foreach ($n in $variants.Keys) {
                $null = Invoke-RestMethod -Method Delete "$u/_emulator/requests"
                Reset-Heap
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $r = & $variants[$n]
                $sw.Stop()
                # (Not $sessions: variable names ignore case, and -Sessions is an [int] parameter of this script.)
                $got = @($r)
                $r = $null
                if ($got.Count -ne $ids.Count) { throw "($n) returned $($got.Count) sessions for $($ids.Count) ids" }
                if ((@($got.SessionId) -join ',') -ne ($ids -join ',')) { throw "($n) returned the sessions in another order than the ids" }
                foreach ($s in $got) { if ($s.Events.Count -ne $ManyEvents) { throw "($n) session $($s.SessionId) has $($s.Events.Count) events, expected $ManyEvents" } }
                $f = Get-MaxInFlight
                if ($f.Requests -ne $ids.Count) { throw "($n) made $($f.Requests) requests for $($ids.Count) ids" }
                $data[$n].timesMs.Add($sw.Elapsed.TotalMilliseconds)
                $data[$n].maxInFlight = [Math]::Max($data[$n].maxInFlight, $f.MaxInFlight)
                $data[$n].requests = $f.Requests
                $line.Add(('{0} {1:N0} ms ({2} in flight)' -f $n, $sw.Elapsed.TotalMilliseconds, $f.MaxInFlight))
            }
            Write-Host ("    run {0}/{1}: {2}" -f $run, $Runs, ($line -join ', '))
        }
        foreach ($n in $variants.Keys) { $data[$n].medianMs = Get-Median $data[$n].timesMs }
        Save-Result ([ordered]@{
                mode       = 'Many'
                count      = $ManyCount
                events     = $ManyEvents
                latencyMs  = $LatencyMs
                runs       = $Runs
                orderKept  = $true
                variants   = $data
            })
    }
}
