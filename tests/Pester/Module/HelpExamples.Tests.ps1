# Every example of every exported cmdlet's help (read from Get-Help, so examples and cmdlets added later are run too),
# and the README's headline line, run as written against the emulator: each in a fresh pwsh, in an empty folder of its
# own, on a machine set up as the help assumes a reader's is. The module is installed (on PSModulePath), the key and
# base URI are in LLAMA_CLOUD_API_KEY / LLAMA_CLOUD_BASE_URL, OTEL_EXPORTER_OTLP_ENDPOINT names an OTLP receiver (the
# emulator's), HTTPS_PROXY names an authenticating proxy (tinyproxy, when installed; NO_PROXY keeps the emulator
# direct). The person at the keyboard is played too: Read-Host answers with the key, Get-Credential with the proxy's
# account, and confirmation prompts get "Y". An example passes when its pwsh exits 0 and wrote no error.
BeforeDiscovery {
    $modulePath = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../../out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
    Import-Module $modulePath -Force
    $script:Examples = @(foreach ($name in (Import-PowerShellDataFile -Path $modulePath).CmdletsToExport | Sort-Object) {
            foreach ($e in @((Get-Help -Name $name -Examples).examples.example)) {
                @{ Cmdlet = $name; Title = ($e.title -replace '^-+\s*|\s*-+$', ''); Code = [string]$e.code }
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    Import-Module (Join-Path $PSScriptRoot '../../TestProxy.psm1') -Force
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).ProviderPath
    $modulePath = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $Root 'out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
    # The folder that holds the module's folder: on PSModulePath, Import-Module LlamaCloud.Chat (and autoloading) find it.
    $script:ModuleParent = Split-Path (Split-Path (Resolve-Path $modulePath).ProviderPath)
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("llama-examples-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $Work
    $script:ProxyPassword = 'ex-' + [guid]::NewGuid().ToString('n').Substring(0, 12)
    $script:TinyProxy = if (Get-TinyProxyPath) { Start-TinyProxy -UserName 'proxy-user' -Password $ProxyPassword }

    # The README's first code block: its headline line.
    function Get-ReadmeHeadline {
        $m = [regex]::Match((Get-Content -Raw (Join-Path $Root 'README.md')), '(?s)```powershell\r?\n(?<code>[^\r\n]+)\r?\n```')
        if (-not $m.Success) { throw 'README.md has no one-line powershell block' }
        $m.Groups['code'].Value
    }

    # The person at the keyboard: what they type when asked (the functions win over the cmdlets of the same name).
    $script:Prelude = @'
function global:Read-Host {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromRemainingArguments = $true)] $Prompt, [switch] $AsSecureString, [switch] $MaskInput)
    if ($AsSecureString) { ConvertTo-SecureString $env:LLAMA_EXAMPLE_TYPED -AsPlainText -Force } else { $env:LLAMA_EXAMPLE_TYPED }
}
function global:Get-Credential {
    [CmdletBinding()]
    param([Parameter(Position = 0)] $UserName, $Message, $Title, $Credential)
    [pscredential]::new($env:LLAMA_EXAMPLE_USER, (ConvertTo-SecureString $env:LLAMA_EXAMPLE_PASSWORD -AsPlainText -Force))
}
'@

    # Runs one example in a fresh pwsh against $Emulator (reset first) and returns what the test checks: exit code,
    # output, errors, and whether it did something (requests to the API or the OTLP receiver, files it wrote).
    $script:RunExample = {
        param([string] $Code, [string] $Name, $Emulator, [string] $Work, [string] $Prelude, [string] $ModuleParent, $TinyProxy, [string] $ProxyPassword)
        $control = "$($Emulator.Url)/_emulator"
        $null = Invoke-RestMethod -Method Post -Uri "$control/reset"
        $null = Invoke-RestMethod -Method Delete -Uri "$control/otlp/requests"
        $dir = Join-Path $Work (($Name -replace '[^\w-]+', '-').Trim('-'))
        $null = New-Item -ItemType Directory -Force -Path $dir
        Set-Content -LiteralPath (Join-Path $dir 'prelude.ps1') -Value $Prelude -Encoding utf8
        Set-Content -LiteralPath (Join-Path $dir 'example.ps1') -Value $Code -Encoding utf8
        $environment = @{
            LLAMA_CLOUD_API_KEY = $Emulator.ApiKey; LLAMA_CLOUD_BASE_URL = $Emulator.Url; OTEL_EXPORTER_OTLP_ENDPOINT = $Emulator.Url
            PSModulePath = $ModuleParent + [IO.Path]::PathSeparator + $env:PSModulePath
            HOME = $dir; NO_COLOR = '1'; LLAMA_CHAT_TEST_MODULE = $null
            LLAMA_EXAMPLE_TYPED = $Emulator.ApiKey; LLAMA_EXAMPLE_USER = 'proxy-user'; LLAMA_EXAMPLE_PASSWORD = $ProxyPassword
            HTTPS_PROXY = $(if ($TinyProxy) { $TinyProxy.Url } else { $null }); NO_PROXY = '127.0.0.1,localhost'
        }
        foreach ($v in 'LLAMA_PARSE_API_KEY', 'LLAMA_CLOUD_CUSTOM_HEADERS', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_SERVICE_NAME', 'OTEL_RESOURCE_ATTRIBUTES', 'HTTP_PROXY') { $environment[$v] = $null }
        $r = Invoke-ChildPwsh -WorkingDirectory $dir -Environment $environment -InputText ("Y`n" * 20) -TimeoutSec 180 -Arguments @(
            '-NoProfile', '-Command', ". ./prelude.ps1; & ./example.ps1; exit `$LASTEXITCODE")
        $requests = @(Invoke-RestMethod -Uri "$control/requests" | ForEach-Object { $_ }).Count + @(Invoke-RestMethod -Uri "$control/otlp/requests" | ForEach-Object { $_ }).Count
        $files = @(Get-ChildItem -LiteralPath $dir -Recurse -File -Force | Where-Object Name -notin 'prelude.ps1', 'example.ps1').Count
        [pscustomobject]@{ Name = $Name; ExitCode = $r.ExitCode; Output = $r.Output; Errors = $r.Errors; Requests = $requests; Files = $files }
    }

    # Two at a time, each with an emulator of its own: the examples take a few minutes one after the other.
    $all = @(foreach ($name in (Import-PowerShellDataFile -Path $modulePath).CmdletsToExport | Sort-Object) {
            foreach ($e in @((Get-Help -Name $name -Examples).examples.example)) {
                [pscustomobject]@{ Name = "$name-$($e.title -replace '^-+\s*|\s*-+$', '')"; Code = [string]$e.code }
            }
        })
    $all += [pscustomobject]@{ Name = 'readme-headline'; Code = (Get-ReadmeHeadline) + ' | Format-Table -AutoSize | Out-String -Width 120' }
    $script:ExtraEmulator = Start-LlamaEmulator
    $pool = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
    $pool.Enqueue($Emulator); $pool.Enqueue($ExtraEmulator)
    $helpers = "function Invoke-ChildPwsh { ${function:Invoke-ChildPwsh} }"
    $runText = $RunExample.ToString()
    $settings = @{ Work = $Work; Prelude = $Prelude; ModuleParent = $ModuleParent; TinyProxy = $TinyProxy; ProxyPassword = $ProxyPassword }
    $script:Results = @{}
    if ($PSVersionTable.PSVersion.Major -lt 7) {
        # Windows PowerShell 5.1 has no ForEach-Object -Parallel: one after the other, on this file's emulator.
        foreach ($e in $all) { $r = & $RunExample $e.Code $e.Name $Emulator $Work $Prelude $ModuleParent $TinyProxy $ProxyPassword; $Results[$r.Name] = $r }
        return
    }
    $all | ForEach-Object -ThrottleLimit 2 -Parallel {
        . ([scriptblock]::Create($using:helpers))
        $run = [scriptblock]::Create($using:runText)
        $queue = $using:pool
        $emulator = $null
        while (-not $queue.TryDequeue([ref] $emulator)) { Start-Sleep -Milliseconds 20 }
        try { $s = $using:settings; & $run $_.Code $_.Name $emulator $s.Work $s.Prelude $s.ModuleParent $s.TinyProxy $s.ProxyPassword }
        finally { $queue.Enqueue($emulator) }
    } | ForEach-Object { $Results[$_.Name] = $_ }
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    if ($script:ExtraEmulator) { Stop-LlamaEmulator $script:ExtraEmulator }
    if ($script:TinyProxy) { Stop-TinyProxy $script:TinyProxy }
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
}

Describe 'Help examples' {
    It 'finds the examples of every exported cmdlet' {
        $Examples.Count | Should -BeGreaterOrEqual 75
        ($Examples | ForEach-Object Cmdlet | Sort-Object -Unique).Count | Should -Be (Import-PowerShellDataFile -Path $env:LLAMA_CHAT_TEST_MODULE).CmdletsToExport.Count
    }

    It '<Cmdlet> <Title> runs as written' -ForEach $Examples {
        $r = $Results["$Cmdlet-$Title"]
        $r | Should -Not -BeNullOrEmpty -Because 'every example was run'
        $r.Errors | Should -BeNullOrEmpty -Because "$Cmdlet $Title wrote errors (its output: $($r.Output))"
        $r.ExitCode | Should -Be 0 -Because "$Cmdlet $Title exited $($r.ExitCode): $($r.Output)"
        # It did something: wrote output or files, or talked to LlamaCloud or the OTLP receiver (not a pipeline of nothing).
        ($r.Output.Trim().Length + $r.Requests + $r.Files) | Should -BeGreaterThan 0 -Because "$Cmdlet $Title should show, write or send something"
    }
}

Describe 'The README' {
    It 'runs its headline line as written' {
        Get-ReadmeHeadline | Should -Be 'Get-LlamaChatSession -Id ses-abc | Get-LlamaChatEvent -Type tool_call'
        $r = $Results['readme-headline']
        $r.Errors | Should -BeNullOrEmpty
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Match '(?m)^\s+4 tool_call\s+search_index\('
        $r.Output | Should -Match '(?m)^\s+12 tool_call\s+read_page\('
    }
}
