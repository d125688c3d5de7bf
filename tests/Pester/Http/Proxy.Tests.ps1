# -Proxy, -ProxyCredential, -ProxyUseDefaultCredentials, -NoProxy and the platform's proxy settings, against a real
# tinyproxy with Basic authentication (started here on a free loopback port; .ci/run installs tinyproxy).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../RealParts.psm1') -Force
    $script:HasTinyProxy = [bool](Find-RealPart tinyproxy -For 'Proxy.Tests.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    Import-Module (Join-Path $PSScriptRoot '../../TestProxy.psm1') -Force
    $script:Work = New-Item -ItemType Directory -Force -Path (Join-Path ([IO.Path]::GetTempPath()) "llama-proxy-$PID")
    if ((Get-TinyProxyPath)) {
        # This file's emulator also speaks https (self-signed, trusted only by the child processes below) behind wiretaps.
        Stop-LlamaEmulator $script:Emulator
        $script:Cert = New-TestCertificate -Directory $script:Work
        $script:Emulator = Start-LlamaEmulator -HttpsCertificatePath $script:Cert.PfxPath
        $script:Url = $script:Emulator.Url
        $script:Conn = @{ BaseUri = $script:Url; ApiKey = $script:Key }
    }
    $script:ProxyPassword = 'pr0xy-' + [guid]::NewGuid().ToString('n').Substring(0, 12)
    $script:TinyProxy = if ((Get-TinyProxyPath)) { Start-TinyProxy -UserName 'llama' -Password $script:ProxyPassword }
    $script:ProxyUrl = $script:TinyProxy.Url
    $script:ProxyCred = $script:TinyProxy.Credential

    function Get-ProxyLog { Get-Content -Raw $script:TinyProxy.LogPath }
    # The request lines tinyproxy logged since $Since (a character offset into its log): "GET http://..." / "CONNECT host:port".
    function Get-ProxyRequest([int] $Since) {
        $text = Get-ProxyLog
        [regex]::Matches($text.Substring([Math]::Min($Since, $text.Length)), 'Request \(file descriptor \d+\): (\S+ \S+)') | ForEach-Object { $_.Groups[1].Value }
    }
    function Get-Wiretap { Invoke-EmulatorControl -Emulator $script:Emulator -Method Get -Path 'wiretap' }
    function Reset-Wiretap { $null = Invoke-EmulatorControl -Emulator $script:Emulator -Method Post -Path 'wiretap/reset' }
    $script:Pwsh = (Get-Process -Id $PID).Path
    # A fresh pwsh that trusts the emulator's certificate (SSL_CERT_FILE) and sees $Environment; returns its output.
    function Invoke-ChildPwsh([string] $Script, [hashtable] $Environment = @{}) {
        $saved = @{}
        $Environment['SSL_CERT_FILE'] = $script:Cert.PemPath
        foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
        try {
            $a = @('-NoProfile', '-NonInteractive', '-Command', "Import-Module '$env:LLAMA_CHAT_TEST_MODULE'; `$ErrorActionPreference = 'Stop'; $Script")
            if ($script:Pwsh -match 'dotnet(\.exe)?$') { & $script:Pwsh pwsh @a 2>&1 } else { & $script:Pwsh @a 2>&1 }
        }
        finally {
            foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        }
    }
    if (-not $env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE = (Resolve-Path (Join-Path $PSScriptRoot '../../../out/LlamaCloud.Chat/LlamaCloud.Chat.psd1')).ProviderPath }
    # Every cmdlet once, through whatever proxy settings the caller splats; one line per result.
    $script:EveryCmdlet = @'
$ids = @(Get-LlamaChatSession @c | ForEach-Object SessionId)
'LIST ' + $ids.Count
'ONE ' + (Get-LlamaChatSession -Id ses-demo @c).SessionId
'EVENTS ' + @(Get-LlamaChatEvent -SessionId ses-demo -Type tool_call @c).Count
'PIPED ' + @(Get-LlamaChatSession -Id ses-demo @c | Get-LlamaChatEvent -Type tool_call).Count
$dir = Join-Path ([IO.Path]::GetTempPath()) ('llama-proxy-' + [guid]::NewGuid().ToString('n'))
'EXPORT ' + (Export-LlamaChatSession -SessionId ses-demo -Path $dir -PassThru @c).Name
Remove-Item -Recurse $dir
'@
    # The same cmdlets without a proxy: what every proxied run must print, and how many requests they make.
    Reset-Emulator
    $c = $script:Conn
    $script:Direct = & ([scriptblock]::Create($script:EveryCmdlet))
    $script:DirectRequests = @(Get-EmulatorRequest).Count
}

AfterAll {
    if ($script:TinyProxy) { Stop-TinyProxy $script:TinyProxy }
    Stop-LlamaEmulator $script:Emulator
    Disconnect-LlamaCloud
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
}

Describe 'Proxy parameters (no proxy needed)' {
    It 'rejects <Case>' -TestCases @(
        @{ Case = '-NoProxy with -Proxy'; Params = @{ NoProxy = $true; Proxy = 'http://127.0.0.1:1' } }
        @{ Case = '-ProxyCredential without -Proxy'; Params = @{ ProxyCredential = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)) } }
        @{ Case = '-ProxyCredential with -ProxyUseDefaultCredentials'; Params = @{ Proxy = 'http://127.0.0.1:1'; ProxyUseDefaultCredentials = $true; ProxyCredential = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)) } }
        @{ Case = 'credentials inside the proxy URI'; Params = @{ Proxy = 'http://u:secret-in-uri@127.0.0.1:1' } }
        @{ Case = 'a proxy URI that is not http(s)'; Params = @{ Proxy = 'ftp://127.0.0.1:1' } }
    ) {
        Clear-EmulatorRequest
        $e = { Get-LlamaChatSession -Id ses-demo @Conn @Params } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidProxy*'
        $e.Exception.Message | Should -Not -BeLike '*secret-in-uri*'
        @(Get-EmulatorRequest).Count | Should -Be 0
        { Connect-LlamaCloud -ApiKey $Key -BaseUri $Url @Params } | Should -Throw -ErrorId 'LlamaCloud.InvalidProxy*'
    }

    # (.NET Framework sends loopback requests directly whatever the proxy, so there is nothing to refuse on 5.1.)
    It 'refuses to send the key over plain http to a loopback host through a proxy that is not loopback' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') {
        # The key would cross the network to 192.0.2.1 (TEST-NET: nothing listens) in clear text; nothing is sent.
        $e = { Get-LlamaChatSession -Id ses-demo @Conn -Proxy 'http://192.0.2.1:3128' } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.UnencryptedAuthentication*'
        $e.Exception.Message | Should -BeLike "*'127.0.0.1' through the proxy http://192.0.2.1:3128*"
    }

    It 'Connect-LlamaCloud keeps the proxy (never its credentials) and -NoProxy' {
        $c = Connect-LlamaCloud -ApiKey $Key -BaseUri $Url -Proxy 'http://127.0.0.1:3128' -ProxyCredential ([pscredential]::new('u', (ConvertTo-SecureString 'hidden-pw' -AsPlainText -Force))) -PassThru
        $c.Proxy | Should -Be 'http://127.0.0.1:3128/'
        $c.ProxyCredential | Should -Be 'u'
        ($c | Format-List * | Out-String) | Should -Not -BeLike '*hidden-pw*'
        (Connect-LlamaCloud -ApiKey $Key -BaseUri $Url -NoProxy -PassThru).Proxy | Should -Be 'none'
        Disconnect-LlamaCloud
    }

    It 'a proxy that refuses connections is named in the error, with where it came from' {
        $closed = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $closed.Start(); $port = $closed.LocalEndpoint.Port; $closed.Stop() # nothing listens there now
        Clear-EmulatorRequest
        $null = Get-LlamaChatSession -Id ses-demo @Conn -Proxy "http://127.0.0.1:$port" -MaximumRetryCount 0 -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.ConnectionFailed,*'
        $errs[0].Exception.Message | Should -BeLike "Session 'ses-demo': could not connect to 127.0.0.1 through the proxy http://127.0.0.1:$port (from -Proxy, of the command or of Connect-LlamaCloud): *"
        @(Get-EmulatorRequest).Count | Should -Be 0
        # The OTLP receiver is reached the same way, and says so the same way.
        $session = Get-LlamaChatSession -Id ses-demo @Conn # loaded: only the receiver is reached through the proxy
        $e = { $session | Export-LlamaChatTrace -Endpoint $Url -Proxy "http://127.0.0.1:$port" -MaximumRetryCount 0 -ErrorAction Stop } | Should -Throw -PassThru
        $e.Exception.Message | Should -BeLike "Could not send to the OTLP receiver at $Url/v1/traces through the proxy http://127.0.0.1:$port (from -Proxy, of the command or of Connect-LlamaCloud): *"
    }

    It 'a refusing proxy from the platform settings (HTTPS_PROXY) is named as such' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') {
        $closed = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $closed.Start(); $port = $closed.LocalEndpoint.Port; $closed.Stop()
        # A fresh process: .NET reads HTTPS_PROXY once per process. The https target is never reached (the proxy refuses first).
        $out = Invoke-ChildPwsh -Script "try { Get-LlamaChatSession -Id ses-demo -BaseUri https://api.cloud.llamaindex.ai -ApiKey k-0000 -MaximumRetryCount 0 } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }" -Environment @{ HTTPS_PROXY = "http://127.0.0.1:$port"; NO_PROXY = $null }
        ($out | Out-String) | Should -BeLike "*LlamaCloud.ConnectionFailed,*Session 'ses-demo': could not connect to api.cloud.llamaindex.ai through the proxy http://127.0.0.1:$port (from the platform's proxy settings: HTTPS_PROXY, HTTP_PROXY or the system proxy): *"
    }
}

Describe 'Through tinyproxy with Basic authentication' -Skip:(-not $HasTinyProxy) {
    BeforeEach {
        Reset-Emulator
        Disconnect-LlamaCloud
    }

    It 'without credentials: one terminating ProxyAuthenticationRequired error that names the proxy, no retries' {
        $mark = (Get-ProxyLog).Length
        $errors = $null
        $out = $null
        $e = { $script:out = Get-LlamaChatSession -Id ses-demo @Conn -Proxy $ProxyUrl -ErrorAction SilentlyContinue -ErrorVariable +errors } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'LlamaCloud.ProxyAuthenticationRequired,LlamaCloud.Chat.Commands.GetLlamaChatSessionCommand'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $e.Exception.Message | Should -Be "The proxy $ProxyUrl requires authentication (407 Proxy Authentication Required). It asks for: Basic realm=`"Tinyproxy`". Pass -ProxyCredential (or -ProxyUseDefaultCredentials) with -Proxy, on the command or on Connect-LlamaCloud."
        $script:out | Should -BeNullOrEmpty
        @(Get-ProxyRequest -Since $mark) | Should -Be @("GET $Url/api/v1/chat/ses-demo")
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'stops the whole pipeline at the first 407 instead of one error per input' {
        $errors = @()
        { 'ses-demo', 'ses-demo', 'ses-demo' | Get-LlamaChatEvent @Conn -Proxy $ProxyUrl -ErrorAction SilentlyContinue -ErrorVariable +errors } |
            Should -Throw -ErrorId 'LlamaCloud.ProxyAuthenticationRequired*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'with wrong credentials (https, CONNECT): says they were rejected, never shows them' {
        # tinyproxy answers wrong credentials with 401 rather than 407; an answer to CONNECT is always the proxy's.
        $tap = [uri]$Emulator.HttpsTapUrl
        $out = Invoke-ChildPwsh "try { Get-LlamaChatSession -Id ses-demo -BaseUri '$tap' -ApiKey '$Key' -Proxy '$ProxyUrl' -ProxyCredential ([pscredential]::new('llama', (ConvertTo-SecureString 'wrong-password' -AsPlainText -Force))) } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message; `$_ | Format-List * -Force | Out-String }"
        $out[0] | Should -Be 'LlamaCloud.ProxyAuthenticationRequired,LlamaCloud.Chat.Commands.GetLlamaChatSessionCommand'
        $out[1] | Should -Be "The proxy $ProxyUrl rejected the credentials given (401 Unauthorized). Pass -ProxyCredential (or -ProxyUseDefaultCredentials) with -Proxy, on the command or on Connect-LlamaCloud."
        ($out -join "`n") | Should -Not -BeLike '*wrong-password*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It '-ProxyUseDefaultCredentials goes to the proxy as the current user (which Basic cannot be): the same clear error' {
        $e = { Get-LlamaChatSession -Id ses-demo @Conn -Proxy $ProxyUrl -ProxyUseDefaultCredentials } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.ProxyAuthenticationRequired*'
        $e.Exception.Message | Should -BeLike "The proxy $ProxyUrl rejected the credentials given (407 Proxy Authentication Required)*"
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'with -ProxyCredential every cmdlet works through it, and the server never sees the proxy credentials' {
        $mark = (Get-ProxyLog).Length
        $c = @{ BaseUri = $Url; ApiKey = $Key; Proxy = $ProxyUrl; ProxyCredential = $ProxyCred }
        $lines = & ([scriptblock]::Create($EveryCmdlet))
        $lines | Should -Be $Direct
        $Direct[1..4] | Should -Be @('ONE ses-demo', 'EVENTS 2', 'PIPED 2', 'EXPORT ses-demo.json')
        $seen = @(Get-EmulatorRequest)
        $seen.Count | Should -Be $DirectRequests
        # Every request went through the proxy (each first unauthenticated, answered 407, then with the credentials).
        @(Get-ProxyRequest -Since $mark | Sort-Object -Unique) | Should -Be @($seen | ForEach-Object { "GET $Url$($_.rawTarget)" } | Sort-Object -Unique)
        $seen | ForEach-Object { $_.headers.PSObject.Properties.Name | Should -Not -Contain 'Proxy-Authorization' }
        Get-ProxyLog | Should -Not -BeLike "*$Key*"
    }

    It 'Connect-LlamaCloud -Proxy -ProxyCredential serves every later command; -NoProxy on one command goes direct' {
        Connect-LlamaCloud -ApiKey $Key -BaseUri $Url -Proxy $ProxyUrl -ProxyCredential $ProxyCred
        $mark = (Get-ProxyLog).Length
        (Get-LlamaChatSession -Id ses-demo | Get-LlamaChatEvent -Type tool_call).Count | Should -Be 2
        @(Get-ProxyRequest -Since $mark | Sort-Object -Unique) | Should -Be @("GET $Url/api/v1/chat/ses-demo")
        $mark = (Get-ProxyLog).Length
        (Get-LlamaChatSession -Id ses-demo -NoProxy).SessionId | Should -Be 'ses-demo'
        @(Get-ProxyRequest -Since $mark).Count | Should -Be 0
        @(Get-EmulatorRequest).Count | Should -Be 2
    }

    It 'a piped session is fetched through the proxy it came through, unless the next command says -NoProxy' {
        $s = Get-LlamaChatSession -Id ses-demo -Summary @Conn -Proxy $ProxyUrl -ProxyCredential $ProxyCred
        $s.Events | Should -BeNullOrEmpty
        $mark = (Get-ProxyLog).Length
        ($s | Get-LlamaChatEvent -Type tool_call).Count | Should -Be 2
        @(Get-ProxyRequest -Since $mark | Sort-Object -Unique) | Should -Be @("GET $Url/api/v1/chat/ses-demo")
        $mark = (Get-ProxyLog).Length
        ($s | Get-LlamaChatEvent -Type tool_call -NoProxy).Count | Should -Be 2
        @(Get-ProxyRequest -Since $mark).Count | Should -Be 0
        @(Get-EmulatorRequest).Count | Should -Be 3
    }

    It 'tab completion of session ids goes through the connection''s proxy too' {
        Connect-LlamaCloud -ApiKey $Key -BaseUri $Url -Proxy $ProxyUrl -ProxyCredential $ProxyCred
        $mark = (Get-ProxyLog).Length
        $line = 'Get-LlamaChatSession -Id ses-dem'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'ses-demo'
        @(Get-ProxyRequest -Since $mark | Sort-Object -Unique) | Should -Be @(Get-EmulatorRequest | ForEach-Object { "GET $Url$($_.rawTarget)" } | Sort-Object -Unique)
        @(Get-EmulatorRequest).Count | Should -Be 1
    }

    It 'a command''s -ProxyCredential completes the connection''s -Proxy' {
        Connect-LlamaCloud -ApiKey $Key -BaseUri $Url -Proxy $ProxyUrl
        { Get-LlamaChatSession -Id ses-demo } | Should -Throw -ErrorId 'LlamaCloud.ProxyAuthenticationRequired*'
        (Get-LlamaChatSession -Id ses-demo -ProxyCredential $ProxyCred).SessionId | Should -Be 'ses-demo'
    }

    It 'over https the proxy only tunnels (CONNECT): every cmdlet works, the key never crosses it in clear text' {
        Reset-Wiretap
        $mark = (Get-ProxyLog).Length
        $tap = [uri]$Emulator.HttpsTapUrl
        $out = Invoke-ChildPwsh ("`$c = @{ BaseUri = '$tap'; ApiKey = '$Key'; Proxy = '$ProxyUrl'; ProxyCredential = [pscredential]::new('llama', (ConvertTo-SecureString '$ProxyPassword' -AsPlainText -Force)) }`n" + $EveryCmdlet)
        $out | Should -Be $Direct
        # The API got the key (inside TLS) on every request...
        @(Get-EmulatorRequest | Where-Object { $_.headers.Authorization -eq "Bearer $Key" }).Count | Should -Be $DirectRequests
        @(Get-EmulatorRequest).Count | Should -Be $DirectRequests
        # ...while the proxy only ever saw CONNECTs to the tap, and the bytes it relayed never held the key.
        @(Get-ProxyRequest -Since $mark | Sort-Object -Unique) | Should -Be @("CONNECT 127.0.0.1:$($tap.Port)")
        $wire = Get-Wiretap
        $wire.https.key_seen | Should -BeFalse
        # Each tunnel: one CONNECT without credentials (answered 407), one with them, relayed through the tap.
        $wire.https.connections * 2 | Should -Be @(Get-ProxyRequest -Since $mark).Count
        Get-ProxyLog | Should -Not -BeLike "*$Key*"
    }

    It 'the wiretap does see a key sent in clear (plain http through the same proxy), yet the log never shows it' {
        Reset-Wiretap
        (Get-LlamaChatSession -Id ses-demo -BaseUri $Emulator.HttpTapUrl -ApiKey $Key -Proxy $ProxyUrl -ProxyCredential $ProxyCred).SessionId | Should -Be 'ses-demo'
        (Get-Wiretap).http.key_seen | Should -BeTrue
        Get-ProxyLog | Should -Not -BeLike "*$Key*"
    }

    It 'uses the platform''s settings (HTTPS_PROXY with credentials) when no proxy parameter is given, and names that proxy on a 407' {
        Reset-Wiretap
        $tap = [uri]$Emulator.HttpsTapUrl
        $mark = (Get-ProxyLog).Length
        $hostPort = "127.0.0.1:$($TinyProxy.Port)"
        $out = Invoke-ChildPwsh "(Get-LlamaChatSession -Id ses-demo -BaseUri '$tap' -ApiKey '$Key').SessionId" @{ HTTPS_PROXY = "http://llama:$ProxyPassword@$hostPort"; NO_PROXY = '' }
        $out | Should -Be 'ses-demo'
        @(Get-ProxyRequest -Since $mark | Sort-Object -Unique) | Should -Be @("CONNECT 127.0.0.1:$($tap.Port)")
        (Get-Wiretap).https.key_seen | Should -BeFalse
        # Without credentials in HTTPS_PROXY: the 407 names the platform's proxy; -NoProxy then goes direct.
        $out = Invoke-ChildPwsh "try { Get-LlamaChatSession -Id ses-demo -BaseUri '$tap' -ApiKey '$Key' } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }; (Get-LlamaChatSession -Id ses-demo -BaseUri '$tap' -ApiKey '$Key' -NoProxy).SessionId" @{ HTTPS_PROXY = "http://$hostPort"; NO_PROXY = '' }
        $out[0] | Should -Be 'LlamaCloud.ProxyAuthenticationRequired,LlamaCloud.Chat.Commands.GetLlamaChatSessionCommand'
        $out[1] | Should -BeLike "The proxy http://$hostPort requires authentication*"
        $out[2] | Should -Be 'ses-demo'
        $out | Should -HaveCount 3
    }
}
