# Starts and stops the local LlamaCloud chat API emulator (tests/LlamaCloud.Emulator) for tests, the demo and the benchmark.

$script:EmulatorDll = Join-Path $PSScriptRoot 'LlamaCloud.Emulator/bin/Release/net10.0/LlamaCloud.Emulator.dll'

function Start-LlamaEmulator {
    [CmdletBinding()]
    param([string] $ApiKey = 'emulator-key', [int] $TimeoutSec = 30)
    if (-not (Test-Path $script:EmulatorDll)) { throw "The emulator is not built: $script:EmulatorDll (run ./build.ps1 Test or dotnet build tests/LlamaCloud.Emulator -c Release)" }
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($script:EmulatorDll, '--port', '0', '--api-key', $ApiKey, '--parent-pid', $PID)) { $psi.ArgumentList.Add([string]$a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $url = $null
    while (-not $url -and [DateTime]::UtcNow -lt $deadline) {
        $read = $process.StandardOutput.ReadLineAsync()
        if (-not $read.Wait([Math]::Max(1, ($deadline - [DateTime]::UtcNow).TotalMilliseconds))) { break }
        $line = $read.Result
        if ($null -eq $line) { break }
        if ($line -match '^EMULATOR_URL=(.+)$') { $url = $Matches[1].Trim() }
    }
    if (-not $url) {
        $err = if ($process.HasExited) { $process.StandardError.ReadToEnd() } else { '' }
        if (-not $process.HasExited) { $process.Kill() }
        throw "The emulator did not start within $TimeoutSec s. $err"
    }
    [pscustomobject]@{ Url = $url; ApiKey = $ApiKey; Process = $process }
}

function Stop-LlamaEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Emulator)
    if ($Emulator -and $Emulator.Process -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $null = $Emulator.Process.WaitForExit(5000)
    }
}

function Invoke-EmulatorControl {
    <# Calls the emulator's /_emulator control API (no auth). #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        $Body
    )
    $params = @{ Method = $Method; Uri = "$($Emulator.Url)/_emulator/$Path" }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $params.Body = if ($Body -is [string]) { $Body } else { $Body | ConvertTo-Json -Depth 20 -Compress }
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

Export-ModuleMember -Function Start-LlamaEmulator, Stop-LlamaEmulator, Invoke-EmulatorControl
