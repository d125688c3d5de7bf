# Starts and stops the local LlamaCloud chat API emulator (tests/LlamaCloud.Emulator) for tests, the demo and the benchmark.

$script:EmulatorDll = Join-Path $PSScriptRoot 'LlamaCloud.Emulator/bin/Release/net10.0/LlamaCloud.Emulator.dll'

function Start-LlamaEmulator {
    [CmdletBinding()]
    param([string] $ApiKey = 'emulator-key', [int] $TimeoutSec = 30,
        # A PFX (no password): the emulator also listens with TLS and puts wiretaps in front of both listeners.
        [string] $HttpsCertificatePath)
    if (-not (Test-Path $script:EmulatorDll)) { throw "The emulator is not built: $script:EmulatorDll (run ./build.ps1 Test or dotnet build tests/LlamaCloud.Emulator -c Release)" }
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    # --ignore-interrupt: Ctrl+C at this prompt reaches the whole foreground process group, the emulator included; it
    # stops the command it was meant for, not the emulator (which still ends with this process, or Stop-LlamaEmulator).
    $emulatorArgs = @($script:EmulatorDll, '--port', '0', '--api-key', $ApiKey, '--parent-pid', $PID, '--ignore-interrupt')
    if ($HttpsCertificatePath) { $emulatorArgs += '--https-cert', $HttpsCertificatePath }
    # Windows PowerShell 5.1 (.NET Framework) has no ProcessStartInfo.ArgumentList: quote into Arguments there.
    if ($null -ne $psi.PSObject.Properties['ArgumentList']) { foreach ($a in $emulatorArgs) { $psi.ArgumentList.Add([string]$a) } }
    else { $psi.Arguments = ($emulatorArgs | ForEach-Object { '"' + ([string]$_ -replace '"', '\"') + '"' }) -join ' ' }
    $extra = [ordered]@{}
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
        elseif ($line -match '^EMULATOR_(\w+)_URL=(.+)$') { $extra[$Matches[1]] = $Matches[2].Trim() }
    }
    if (-not $url) {
        $err = if ($process.HasExited) { $process.StandardError.ReadToEnd() } else { '' }
        if (-not $process.HasExited) { $process.Kill() }
        throw "The emulator did not start within $TimeoutSec s. $err"
    }
    $emulator = [pscustomobject]@{ Url = $url; ApiKey = $ApiKey; Process = $process }
    # With -HttpsCertificatePath: HttpsUrl, HttpsTapUrl, HttpTapUrl.
    foreach ($k in $extra.Keys) {
        $name = ($k -split '_' | ForEach-Object { $_.Substring(0, 1) + $_.Substring(1).ToLowerInvariant() }) -join ''
        $emulator | Add-Member -NotePropertyName "${name}Url" -NotePropertyValue $extra[$k]
    }
    $emulator
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
