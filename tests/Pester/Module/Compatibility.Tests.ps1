# What can be proved here about Windows PowerShell 5.1 (.NET Framework 4.7.2) without running it: the laid-out
# module's reference closure, its public surface, and its manifest. 5.1 itself runs the whole suite in
# .github/workflows/ci.yml. These read files only (System.Reflection.Metadata), so they run under PowerShell 7.
BeforeDiscovery {
    $script:OnCore = $PSVersionTable.PSEdition -eq 'Core'
}

BeforeAll {
    $ErrorActionPreference = 'Stop'
    $script:ModulePath = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../../out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
    $script:ModuleDir = (Resolve-Path (Split-Path $script:ModulePath)).ProviderPath
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).ProviderPath
    $script:DepDir = Join-Path $script:ModuleDir 'Dependencies'
    if ($PSVersionTable.PSEdition -eq 'Core') {
        Import-Module (Join-Path $script:Root 'tools/ModuleDependencies.psm1') -Force
        $script:Framework = Get-NetFrameworkReferencePath -RepositoryRoot $script:Root
    }
}

Describe 'Reference closure on .NET Framework 4.7.2' -Skip:(-not $OnCore) {
    BeforeAll {
        $script:Closure = @(Resolve-ModuleDependency -AssemblyPath (Join-Path $ModuleDir 'LlamaCloud.Chat.dll') -SearchDirectory $DepDir -FrameworkDirectory $Framework)
    }

    It 'resolves every reference of every shipped DLL to a shipped DLL, .NET Framework 4.7.2 or PowerShell' {
        $missing = $Closure | Where-Object Resolution -eq 'Missing' | ForEach-Object { "$($_.Name) $($_.Version) (from $($_.RequestedBy -join ', '); shipped $($_.ShippedVersion))" }
        $missing | Should -BeNullOrEmpty
        ($Closure | Where-Object Resolution -eq 'Host').Name | Should -Be 'System.Management.Automation'
        ($Closure | Where-Object Name -eq 'netstandard').Resolution | Should -Be 'Framework'
    }

    It 'ships exactly the DLLs the closure needs, nothing more' {
        $needed = @($Closure | Where-Object Resolution -eq 'Module' | ForEach-Object { "$($_.Name).dll" } | Sort-Object)
        $shipped = @(Get-ChildItem -Path $DepDir -File | ForEach-Object Name | Sort-Object)
        $shipped | Should -Be $needed
        $shipped | Should -Contain 'System.Text.Json.dll'
        # The module's own folder holds only the module's DLL.
        @(Get-ChildItem -Path $ModuleDir -Filter *.dll -File).Name | Should -Be 'LlamaCloud.Chat.dll'
    }

    It 'walks the DLLs themselves, so a reference to a version not shipped is caught' {
        # The check against a copy whose System.Buffers is the framework's missing one: the closure must report it.
        $copy = Join-Path ([IO.Path]::GetTempPath()) "llama-closure-$PID"
        try {
            New-Item -ItemType Directory -Force -Path $copy | Out-Null
            Get-ChildItem $DepDir -File | Where-Object Name -ne 'System.Buffers.dll' | Copy-Item -Destination $copy
            $broken = @(Resolve-ModuleDependency -AssemblyPath (Join-Path $ModuleDir 'LlamaCloud.Chat.dll') -SearchDirectory $copy -FrameworkDirectory $Framework)
            ($broken | Where-Object Resolution -eq 'Missing').Name | Should -Be 'System.Buffers'
        }
        finally { Remove-Item -Recurse -Force $copy -ErrorAction SilentlyContinue }
    }
}

Describe 'Public surface' -Skip:(-not $OnCore) {
    It 'exposes no type from Dependencies/ in any public or protected signature (the resolver is in place before one is needed)' {
        # Type names each dependency defines (ReadOnlySpan`1, JsonElement, ...), read from the shipped DLLs' metadata:
        # on PowerShell 7 some of them live in the core library, so the assembly a Type reports would not tell.
        $depTypes = [System.Collections.Generic.HashSet[string]]::new()
        foreach ($dll in Get-ChildItem $DepDir -Filter *.dll) {
            $stream = [IO.File]::OpenRead($dll.FullName)
            try {
                $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([System.Reflection.PortableExecutable.PEReader]::new($stream))
                foreach ($h in $md.TypeDefinitions) {
                    $t = $md.GetTypeDefinition($h)
                    if (($t.Attributes -band [System.Reflection.TypeAttributes]::VisibilityMask) -eq [System.Reflection.TypeAttributes]::Public) {
                        $null = $depTypes.Add("$($md.GetString($t.Namespace)).$($md.GetString($t.Name))")
                    }
                }
            }
            finally { $stream.Dispose() }
        }
        $depTypes.Contains('System.Text.Json.JsonElement') | Should -BeTrue
        $depTypes.Contains('System.ReadOnlySpan`1') | Should -BeTrue

        $asm = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'LlamaCloud.Chat' -and $_.Location -eq (Join-Path $ModuleDir 'LlamaCloud.Chat.dll') } | Select-Object -First 1
        if (-not $asm) { $asm = (Import-Module $ModulePath -PassThru -Force).ImplementingAssembly }
        function Expand([type] $t) {
            if (-not $t) { return }
            if ($t.HasElementType) { Expand $t.GetElementType(); return }
            if ($t.IsGenericType -and -not $t.IsGenericTypeDefinition) { Expand $t.GetGenericTypeDefinition(); foreach ($a in $t.GetGenericArguments()) { Expand $a }; return }
            if ($t.IsGenericParameter) { return }
            $t
        }
        $flags = [System.Reflection.BindingFlags]'Public, NonPublic, Instance, Static, DeclaredOnly'
        function Get-DependencyUse([type[]] $Types) {
          foreach ($type in $Types) {
            $used = @($type.BaseType) + $type.GetInterfaces()
            foreach ($m in $type.GetMembers($flags)) {
                $visible = switch ($m.MemberType) {
                    'Method' { $m.IsPublic -or $m.IsFamily -or $m.IsFamilyOrAssembly }
                    'Constructor' { $m.IsPublic -or $m.IsFamily -or $m.IsFamilyOrAssembly }
                    'Field' { $m.IsPublic -or $m.IsFamily -or $m.IsFamilyOrAssembly }
                    'Property' { @($m.GetAccessors($false)).Count -gt 0 }
                    'Event' { $null -ne $m.GetAddMethod($false) }
                    'NestedType' { $m.IsNestedPublic -or $m.IsNestedFamily }
                    default { $false }
                }
                if (-not $visible) { continue }
                $used += switch ($m.MemberType) {
                    { $_ -in 'Method', 'Constructor' } { @($m.GetParameters().ParameterType) + @(if ($m.MemberType -eq 'Method') { $m.ReturnType }) }
                    'Field' { $m.FieldType }
                    'Property' { @($m.PropertyType) + @($m.GetIndexParameters().ParameterType) }
                    'Event' { $m.EventHandlerType }
                }
            }
            foreach ($u in $used) {
                foreach ($e in Expand $u) {
                    $name = if ($e.Namespace) { "$($e.Namespace).$($e.Name)" } else { $e.Name }
                    if ($depTypes.Contains($name)) { "$($type.FullName) uses $name" }
                }
            }
          }
        }
        # The scan can fail: a type that does expose dependency types is caught.
        @(Get-DependencyUse ([System.Text.Json.Utf8JsonReader])) | Should -Contain 'System.Text.Json.Utf8JsonReader uses System.ReadOnlySpan`1'
        @(Get-DependencyUse $asm.GetExportedTypes() | Sort-Object -Unique) | Should -BeNullOrEmpty
    }
}

Describe 'The built manifest' {
    It 'is ASCII, or UTF-8 with a BOM (Windows PowerShell 5.1 reads a BOM-less file as ANSI)' {
        $bytes = [IO.File]::ReadAllBytes($ModulePath)
        $hasBom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
        $nonAscii = [regex]::Matches([Text.Encoding]::GetEncoding(28591).GetString($bytes), '[^\x00-\x7F]').Count
        ($hasBom -or $nonAscii -eq 0) | Should -BeTrue -Because "$nonAscii non-ASCII bytes and no BOM"
    }

    It 'asks for what the binary needs: PowerShell 5.1+, both editions, .NET Framework 4.7.2' {
        $data = Import-PowerShellDataFile $ModulePath
        $data.PowerShellVersion | Should -Be '5.1'
        $data.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $data.DotNetFrameworkVersion | Should -Be '4.7.2'
        # The closure above is checked against the 4.7.2 reference assemblies, the manifest's DotNetFrameworkVersion.
        Get-Content -Raw (Join-Path $Root 'tests/tools/tools.csproj') | Should -Match 'Microsoft\.NETFramework\.ReferenceAssemblies\.net472'
        # 7.0-7.3 cannot be excluded by the manifest (one PowerShellVersion for both editions): the binary refuses them at import.
        $asm = [System.Reflection.Assembly]::LoadFile((Join-Path $ModuleDir 'LlamaCloud.Chat.dll'))
        $check = $asm.GetType('LlamaCloud.Chat.Module.RuntimeCheck', $true)
        $reason = $check.GetMethod('UnsupportedReason', [System.Reflection.BindingFlags]'NonPublic, Static').Invoke($null, @('.NET 7.0.20', [version]'7.0.20'))
        $reason | Should -BeLike '*needs Windows PowerShell 5.1 (.NET Framework 4.7.2 or later) or PowerShell 7.4 or later*'
        $check.GetMethod('UnsupportedReason', [System.Reflection.BindingFlags]'NonPublic, Static').Invoke($null, @([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription, [Environment]::Version)) | Should -BeNullOrEmpty
    }
}

Describe 'Scripts Windows PowerShell 5.1 reads' {
    It 'are ASCII, or UTF-8 with a BOM (tests, tools, help, build.ps1, the manifest)' {
        # 5.1 reads a BOM-less script as ANSI, so a non-ASCII literal (an id with an accent) would silently change.
        $files = @(Get-ChildItem -Path (Join-Path $Root 'tests'), (Join-Path $Root 'tools'), (Join-Path $Root 'src/LlamaCloud.Chat/help') -Recurse -File -Include *.ps1, *.psm1, *.psd1, *.txt |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj|node_modules)[\\/]' }) + (Get-Item (Join-Path $Root 'build.ps1'), (Join-Path $Root 'LlamaCloud.Chat.psd1'))
        $files.Count | Should -BeGreaterThan 20 -Because 'the walk must find the suite itself'
        $offenders = foreach ($f in $files) {
            $bytes = [IO.File]::ReadAllBytes($f.FullName)
            $hasBom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
            # Latin-1 maps each byte to one char, so the regex sees every byte at or above 0x80.
            if (-not $hasBom -and [Text.Encoding]::GetEncoding(28591).GetString($bytes) -match '[^\x00-\x7F]') { $f.FullName }
        }
        $offenders | Should -BeNullOrEmpty
    }
}

Describe 'The Parquet writer in Parquet/ (PowerShell 7.4+)' -Skip:(-not $OnCore) {
    BeforeAll {
        $script:ParquetDir = Join-Path $ModuleDir 'Parquet'
        $script:ParquetClosure = @(Resolve-ModuleDependency -AssemblyPath (Join-Path $ParquetDir 'LlamaCloud.Chat.Parquet.dll') -SearchDirectory $ParquetDir `
                -FrameworkDirectory (Get-Net8ReferencePath -RepositoryRoot $Root) -HostAssembly 'LlamaCloud.Chat')
    }

    It 'resolves every reference of every DLL there to a DLL there, .NET 8 or the module itself' {
        $missing = $ParquetClosure | Where-Object Resolution -eq 'Missing' | ForEach-Object { "$($_.Name) $($_.Version) (from $($_.RequestedBy -join ', '); shipped $($_.ShippedVersion))" }
        $missing | Should -BeNullOrEmpty
        ($ParquetClosure | Where-Object Resolution -eq 'Host').Name | Should -Be 'LlamaCloud.Chat'
        ($ParquetClosure | Where-Object Name -eq 'System.Runtime').Resolution | Should -Be 'Framework'
    }

    It 'ships exactly the writer and the DLLs its closure needs, never a second copy of the module' {
        $needed = @(@($ParquetClosure | Where-Object Resolution -eq 'Module' | ForEach-Object { "$($_.Name).dll" }) + 'LlamaCloud.Chat.Parquet.dll' | Sort-Object)
        $shipped = @(Get-ChildItem -Path $ParquetDir -File | ForEach-Object Name | Sort-Object)
        $shipped | Should -Be $needed
        $shipped | Should -Contain 'Parquet.dll'
        $shipped | Should -Not -Contain 'LlamaCloud.Chat.dll'
    }

    It 'loads into a load context of its own, unharmed by another module''s Parquet.dll in the default one' {
        $work = Join-Path ([IO.Path]::GetTempPath()) "llama-alc-$PID"
        New-Item -ItemType Directory -Force $work | Out-Null
        try {
            # Another module's copies of Parquet.Net and its dependencies, from another folder, loaded first into the default context.
            $other = Join-Path $work 'OtherModule'
            New-Item -ItemType Directory -Force $other | Out-Null
            Get-ChildItem $ParquetDir -Filter *.dll | Where-Object Name -ne 'LlamaCloud.Chat.Parquet.dll' | Copy-Item -Destination $other
            $sample = Join-Path $PSScriptRoot '../data/ses-sample.json'
            $script = @"
`$ErrorActionPreference = 'Stop'
foreach (`$d in Get-ChildItem '$other' -Filter *.dll) { `$null = [Reflection.Assembly]::LoadFrom(`$d.FullName) }
Import-Module '$ModulePath'
`$r = Export-LlamaChatTable -Path '$(Join-Path $work 'tables')' -Format Parquet -ArchivePath '$sample'
`$alc = [System.Runtime.Loader.AssemblyLoadContext]
`$parquet = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Parquet' })
[pscustomobject]@{
    New = `$r.New; Events = `$r.Events
    Contexts = @(`$parquet | ForEach-Object { `$alc::GetLoadContext(`$_).Name + ' ' + `$_.GetName().Version }) | Sort-Object
    Writer = `$alc::GetLoadContext(@([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'LlamaCloud.Chat.Parquet' })[0]).Name
    Module = `$alc::GetLoadContext([LlamaCloud.Chat.ChatSession].Assembly).Name
    Modules = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'LlamaCloud.Chat' }).Count
} | ConvertTo-Json -Compress
"@
            $pwsh = (Get-Process -Id $PID).Path
            $pwshArgs = @('-NoProfile', '-NonInteractive', '-Command', $script)
            $out = if ($pwsh -match 'dotnet(\.exe)?$') { & $pwsh pwsh @pwshArgs } else { & $pwsh @pwshArgs }
            $LASTEXITCODE | Should -Be 0 -Because "$out"
            $seen = $out | Select-Object -Last 1 | ConvertFrom-Json
            $seen.New | Should -Be 1
            $seen.Events | Should -BeGreaterThan 0
            $seen.Contexts | Should -Be @('Default 6.0.0.0', 'LlamaCloud.Chat.Parquet 6.0.0.0') -Because 'the writer brings its own copy instead of binding to the other module''s'
            $seen.Writer | Should -Be 'LlamaCloud.Chat.Parquet'
            $seen.Module | Should -Be 'Default'
            $seen.Modules | Should -Be 1 -Because 'the writer uses the module as it is loaded, not a copy'
            (Get-Item (Join-Path $work 'tables/events/*.parquet')).Length | Should -BeGreaterThan 100
        }
        finally { Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue }
    }
}
