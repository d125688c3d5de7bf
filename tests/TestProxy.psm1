# Starts and stops a real tinyproxy (Debian's package; .ci/run installs it) with Basic authentication on a free
# loopback port, for tests/Pester/Http/Proxy.Tests.ps1; and makes the self-signed certificate the emulator's https
# listener uses.

Import-Module (Join-Path $PSScriptRoot 'RealParts.psm1')

function Get-TinyProxyPath { Find-RealPart tinyproxy -For 'the proxy tests' -WarningAction SilentlyContinue }

function Start-TinyProxy {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $UserName, [Parameter(Mandatory)] [string] $Password, [int] $TimeoutSec = 15)
    $exe = Get-TinyProxyPath
    if (-not $exe) { throw 'tinyproxy is not installed (apt-get install tinyproxy; .ci/run does it)' }
    $dir = Join-Path ([IO.Path]::GetTempPath()) "llama-tinyproxy-$PID-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    New-Item -ItemType Directory -Path $dir | Out-Null
    for ($try = 1; $try -le 5; $try++) {
        # A free port: bind 0, read it, release it; tinyproxy then binds it (retried if another process won the race).
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $log = Join-Path $dir 'tinyproxy.log'
        $conf = Join-Path $dir 'tinyproxy.conf'
        # LogLevel Info: every request line and CONNECT target goes to the log, which the tests search for the key.
        @(
            "Port $port", 'Listen 127.0.0.1', 'Timeout 60', "LogFile `"$log`"", 'LogLevel Info', 'MaxClients 100',
            "BasicAuth $UserName $Password", 'DisableViaHeader Yes'
        ) | Set-Content -Path $conf -Encoding ascii
        $psi = [System.Diagnostics.ProcessStartInfo]::new($exe)
        foreach ($a in '-d', '-c', $conf) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($psi)
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while (-not $process.HasExited -and [DateTime]::UtcNow -lt $deadline) {
            $client = [System.Net.Sockets.TcpClient]::new()
            try { $client.Connect([System.Net.IPAddress]::Loopback, $port); $client.Dispose(); break } catch { $client.Dispose(); Start-Sleep -Milliseconds 50 }
        }
        if (-not $process.HasExited) {
            return [pscustomobject]@{ Url = "http://127.0.0.1:$port"; Port = $port; LogPath = $log; Directory = $dir; Process = $process
                Credential = [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force)) }
        }
    }
    throw "tinyproxy did not start: $($process.StandardError.ReadToEnd())"
}

function Stop-TinyProxy {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Proxy)
    if ($Proxy -and $Proxy.Process -and -not $Proxy.Process.HasExited) {
        $Proxy.Process.Kill()
        $null = $Proxy.Process.WaitForExit(5000)
    }
    if ($Proxy -and $Proxy.Directory) { Remove-Item -Recurse -Force $Proxy.Directory -ErrorAction SilentlyContinue }
}

function New-TestCertificate {
    <# A self-signed certificate for 127.0.0.1/localhost: a PFX for the emulator, a PEM for SSL_CERT_FILE in the client process. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Directory)
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $req = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=127.0.0.1', $rsa,
        [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
    $san.AddIpAddress([System.Net.IPAddress]::Loopback)
    $san.AddDnsName('localhost')
    $req.CertificateExtensions.Add($san.Build())
    $req.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $false))
    $eku = [System.Security.Cryptography.OidCollection]::new(); $null = $eku.Add([System.Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.1'))
    $req.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($eku, $false))
    $cert = $req.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(7))
    $pfx = Join-Path $Directory 'emulator.pfx'
    $pem = Join-Path $Directory 'emulator.pem'
    [IO.File]::WriteAllBytes($pfx, $cert.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx))
    [IO.File]::WriteAllText($pem, "-----BEGIN CERTIFICATE-----`n" + [Convert]::ToBase64String($cert.RawData, 'InsertLineBreaks') + "`n-----END CERTIFICATE-----`n")
    [pscustomobject]@{ PfxPath = $pfx; PemPath = $pem }
}

Export-ModuleMember -Function Get-TinyProxyPath, Start-TinyProxy, Stop-TinyProxy, New-TestCertificate
