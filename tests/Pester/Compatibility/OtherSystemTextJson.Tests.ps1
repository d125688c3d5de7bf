# Beside other modules: another module that brings its own System.Text.Json (6.0.11, restored from NuGet by
# tests/OtherStj/OtherStj.csproj) is imported first, in a fresh pwsh, and uses it; then LlamaCloud.Chat is imported and
# reads a session. On PowerShell 7.4+ the module binds to the runtime's System.Text.Json whatever else is loaded.
# Windows PowerShell 5.1's case is in docs/compatibility.md (ModuleInitializer answers only for the
# module's own dependencies); this test runs on PowerShell 7 only.
BeforeDiscovery { $script:IsCore = $PSVersionTable.PSEdition -eq 'Core' }

BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:Root = Resolve-Path (Join-Path $PSScriptRoot '../../..')
    $script:Pwsh = (Get-Process -Id $PID).Path
    function Invoke-FreshPwsh([string] $Script, [hashtable] $Environment) {
        foreach ($k in $Environment.Keys) { Set-Item "Env:$k" $Environment[$k] }
        try {
            $args = @('-NoProfile', '-NonInteractive', '-Command', $Script)
            if ($script:Pwsh -match 'dotnet(\.exe)?$') { & $script:Pwsh pwsh @args 2>&1 } else { & $script:Pwsh @args 2>&1 }
        }
        finally { foreach ($k in $Environment.Keys) { Remove-Item "Env:$k" -ErrorAction SilentlyContinue } }
    }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'LlamaCloud.Chat after a module with another System.Text.Json' -Skip:(-not $IsCore) {
    BeforeAll {
        $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
        $stj = Join-Path $packages 'system.text.json/6.0.11/lib/net6.0/System.Text.Json.dll'
        if (-not (Test-Path $stj)) {
            & dotnet restore (Join-Path $Root 'tests/OtherStj/OtherStj.csproj') 2>&1 | Out-Null
            if ($LASTEXITCODE -ne 0) { throw "dotnet restore tests/OtherStj failed ($LASTEXITCODE)" }
        }
        # The other module: its own copy of System.Text.Json, loaded from its folder into an assembly load context of its
        # own (as modules that isolate their dependencies do), and used at import.
        $script:Other = Join-Path $TestDrive 'OtherJson'
        $null = New-Item -ItemType Directory -Path $Other
        Copy-Item $stj $Other
        Set-Content -Path (Join-Path $Other 'OtherJson.psm1') -Value @'
$script:Stj = [System.Reflection.Assembly]::LoadFile((Join-Path $PSScriptRoot 'System.Text.Json.dll'))
$serializer = $script:Stj.GetType('System.Text.Json.JsonSerializer', $true)
$script:Serialize = $serializer.GetMethods() | Where-Object {
    $p = $_.GetParameters(); $_.Name -eq 'Serialize' -and -not $_.IsGenericMethod -and $p.Count -eq 3 -and $p[0].ParameterType -eq [object] -and $p[1].ParameterType -eq [type] -and $p[2].ParameterType.Name -eq 'JsonSerializerOptions' }
function ConvertTo-OtherJson($Value) { $script:Serialize.Invoke($null, @($Value, $Value.GetType(), $null)) }
function Get-OtherJsonAssembly { $script:Stj }
$script:AtImport = ConvertTo-OtherJson ([System.Collections.Generic.Dictionary[string, int]]::new())
Export-ModuleMember -Function ConvertTo-OtherJson, Get-OtherJsonAssembly
'@
        $probe = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:OTHER_MODULE
$d = [System.Collections.Generic.Dictionary[string, int]]::new(); $d['other'] = 6
$otherJson = ConvertTo-OtherJson $d
Import-Module $env:LLAMA_CHAT_TEST_MODULE
$s = Get-LlamaChatSession -Id ses-demo -BaseUri $env:EMU_URL -ApiKey $env:EMU_KEY
$calls = @(Get-LlamaChatEvent -SessionId ses-demo -Type tool_call -BaseUri $env:EMU_URL -ApiKey $env:EMU_KEY)
$mine = [LlamaCloud.Chat.ChatSession].Assembly
$ref = $mine.GetReferencedAssemblies() | Where-Object Name -eq 'System.Text.Json'
$bound = [System.Reflection.Assembly]::Load($ref)
[pscustomobject]@{
    OtherJson = $otherJson
    OtherVersion = (Get-OtherJsonAssembly).GetName().Version.ToString()
    OtherContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-OtherJsonAssembly)).Name
    Loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'System.Text.Json' } | ForEach-Object { $_.GetName().Version.ToString() } | Sort-Object)
    ModuleReference = $ref.Version.ToString()
    ModuleBinds = $bound.GetName().Version.ToString()
    ModuleBindsContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($bound).Name
    ModuleBindsFromModuleFolder = $bound.Location.StartsWith((Split-Path $env:LLAMA_CHAT_TEST_MODULE), [StringComparison]::OrdinalIgnoreCase)
    SharedAccess = $s.SharedAccess
    EventCount = $s.EventCount
    ToolCalls = $calls.Count
    FirstQuery = $calls[0].Arguments.query
    Runtime = [System.Text.Json.JsonSerializer].Assembly.GetName().Version.ToString()
} | ConvertTo-Json -Compress
'@
        $out = Invoke-FreshPwsh $probe @{ OTHER_MODULE = (Join-Path $Other 'OtherJson.psm1'); EMU_URL = $Url; EMU_KEY = $Key }
        $script:Result = ($out | Select-Object -Last 1) | ConvertFrom-Json
        if (-not $script:Result) { throw "The probe printed nothing: $out" }
    }

    It 'the other module really runs its own System.Text.Json 6.0, in its own load context' {
        $Result.OtherVersion | Should -Be '6.0.0.0'
        $Result.OtherJson | Should -Be '{"other":6}'
        $Result.OtherContext | Should -Not -Be 'Default'
        # Two System.Text.Json assemblies in the process: the other module's and the runtime's.
        $Result.Loaded.Count | Should -Be 2
        $Result.Loaded | Should -Contain '6.0.0.0'
        $Result.Loaded | Should -Contain $Result.Runtime
    }

    It 'LlamaCloud.Chat binds to the runtime''s System.Text.Json, not the other one nor its own Dependencies folder, and reads a session' {
        $Result.ModuleReference | Should -Be '8.0.0.0'
        $Result.ModuleBinds | Should -Be $Result.Runtime
        $Result.ModuleBindsContext | Should -Be 'Default'
        $Result.ModuleBindsFromModuleFolder | Should -BeFalse
        $Result.SharedAccess | Should -Be 'query'
        $Result.EventCount | Should -Be 22
        $Result.ToolCalls | Should -Be 2
        $Result.FirstQuery | Should -Be 'Q3 findings'
    }
}
