# Dot-sourced in each test file's BeforeAll: imports the built module and starts a private emulator.
$ErrorActionPreference = 'Stop'
$modulePath = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
Import-Module $modulePath -Force
Import-Module (Join-Path $PSScriptRoot '../Emulator.psm1') -Force
# Nothing from the developer's environment may leak into the tests.
foreach ($v in 'LLAMA_CLOUD_API_KEY', 'LLAMA_PARSE_API_KEY', 'LLAMA_CLOUD_BASE_URL', 'LLAMA_CLOUD_CUSTOM_HEADERS') {
    Remove-Item "Env:$v" -ErrorAction SilentlyContinue
}
Disconnect-LlamaCloud
$script:Emulator = Start-LlamaEmulator
$script:Url = $script:Emulator.Url
$script:Key = $script:Emulator.ApiKey
# Splat onto any cmdlet of the module: the emulator's address and key.
$script:Conn = @{ BaseUri = $script:Url; ApiKey = $script:Key }

function Reset-Emulator { $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'reset' }
function Add-Fault([hashtable] $Rule) { $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'faults' -Body $Rule }
function Get-EmulatorRequest {
    # Invoke-RestMethod may hand back the JSON array as one object: enumerate it so pipelines see each request.
    $log = Invoke-EmulatorControl -Emulator $script:Emulator -Method Get -Path 'requests'
    foreach ($entry in $log) { $entry }
}
function Clear-EmulatorRequest { $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Delete -Path 'requests' }
function Set-EmulatorSession([string] $Id, [string] $Json) {
    $null = Invoke-RestMethod -Method Put -Uri "$($script:Url)/_emulator/sessions/$([uri]::EscapeDataString($Id))" -Body $Json -ContentType 'application/json'
}

# Archives (Export-LlamaChatSession, Sync-LlamaChatArchive): the body the emulator serves, as bytes, with no client in
# between that could decode or re-encode it; and a session stored from exact bytes.
function Get-EmulatorBody([string] $Id) {
    $http = [Net.Http.HttpClient]::new()
    try {
        $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::Get, "$($script:Url)/api/v1/chat/$([uri]::EscapeDataString($Id))")
        $request.Headers.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $script:Key)
        $response = $http.Send($request)
        , $response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()
    }
    finally { $http.Dispose() }
}
function Set-EmulatorSessionBytes([string] $Id, [byte[]] $Body) {
    $null = Invoke-RestMethod -Method Put -Uri "$($script:Url)/_emulator/sessions/$([uri]::EscapeDataString($Id))" -Body $Body -ContentType 'application/json'
}

# A fresh pwsh (this one, started again) in $WorkingDirectory with $Environment on top of this process's environment
# ($null removes a variable), running $Arguments (e.g. '-NoProfile', '-NonInteractive', '-File', $script). Works from
# any folder: under `dotnet pwsh` the tool's pwsh.dll is run directly, so no tool manifest is needed. Returns ExitCode,
# Output (stdout) and Errors (stderr), as a scheduler's log would have them. -InputText is written to its stdin.
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string[]] $Arguments, [string] $WorkingDirectory = [IO.Path]::GetTempPath(),
        [hashtable] $Environment = @{}, [string] $InputText, [int] $TimeoutSec = 300)
    $exe = (Get-Process -Id $PID).Path
    $psi = [System.Diagnostics.ProcessStartInfo]::new($exe)
    $all = @(if ($exe -match 'dotnet(\.exe)?$') { Join-Path $PSHOME 'pwsh.dll' }) + $Arguments
    # Windows PowerShell 5.1 (.NET Framework) has no ProcessStartInfo.ArgumentList: quote into Arguments there.
    if ($null -ne $psi.PSObject.Properties['ArgumentList']) { foreach ($a in $all) { $psi.ArgumentList.Add([string]$a) } }
    else { $psi.Arguments = ($all | ForEach-Object { '"' + ([string]$_ -replace '(\\*)"', '$1$1\"') + '"' }) -join ' ' }
    $psi.WorkingDirectory = $WorkingDirectory
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    foreach ($k in $Environment.Keys) {
        if ($null -eq $Environment[$k]) { $null = $psi.Environment.Remove($k) } else { $psi.Environment[$k] = [string]$Environment[$k] }
    }
    $p = [System.Diagnostics.Process]::Start($psi)
    $stdout = $p.StandardOutput.ReadToEndAsync()
    $stderr = $p.StandardError.ReadToEndAsync()
    if ($InputText) { $p.StandardInput.Write($InputText) }
    $p.StandardInput.Close()
    if (-not $p.WaitForExit($TimeoutSec * 1000)) { $p.Kill(); throw "pwsh $($Arguments -join ' ') did not finish within $TimeoutSec s" }
    $p.WaitForExit()
    [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $stdout.Result; Errors = $stderr.Result }
}

# Runs a pipeline that writes objects and says when the first came and when the last had: Count, FirstAt and Total in
# seconds from the start. For the tests that an output streams (its first object long before the download ends).
function Measure-FirstOutput([scriptblock] $Pipeline) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $firstAt = $null
    $count = 0
    & $Pipeline | ForEach-Object {
        if ($null -eq $firstAt) { $firstAt = $sw.Elapsed.TotalSeconds }
        $count++
    }
    [pscustomobject]@{ Count = $count; FirstAt = $firstAt; Total = $sw.Elapsed.TotalSeconds }
}
