# The module's dependency closure on .NET Framework 4.7.2 (Windows PowerShell 5.1's runtime), derived from the
# binaries: build.ps1 ships exactly the DLLs it finds this way, and tests/Pester/Module/Compatibility.Tests.ps1 checks the
# laid-out module against it. Reads metadata only (System.Reflection.Metadata), never loads an assembly.

function Get-AssemblyIdentity {
    <# Name, version, public key token and referenced assemblies of one DLL. #>
    param([Parameter(Mandatory)] [string] $Path)
    $stream = [IO.File]::OpenRead($Path)
    try {
        $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
        $def = $md.GetAssemblyDefinition()
        $refs = foreach ($h in $md.AssemblyReferences) {
            $r = $md.GetAssemblyReference($h)
            [pscustomobject]@{ Name = $md.GetString($r.Name); Version = $r.Version }
        }
        [pscustomobject]@{ Name = $md.GetString($def.Name); Version = $def.Version; Path = $Path; References = @($refs) }
    }
    finally { $stream.Dispose() }
}

function Get-NetFrameworkReferencePath {
    <# The folders of Microsoft.NETFramework.ReferenceAssemblies.net472 (restored by tests/tools/tools.csproj). #>
    param([Parameter(Mandatory)] [string] $RepositoryRoot)
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $dir = Join-Path $packages 'microsoft.netframework.referenceassemblies.net472/1.0.3/build/.NETFramework/v4.7.2'
    if (-not (Test-Path $dir)) {
        & dotnet restore (Join-Path $RepositoryRoot 'tests/tools/tools.csproj') --nologo --verbosity quiet
        if ($LASTEXITCODE -ne 0 -or -not (Test-Path $dir)) { throw "The .NET Framework 4.7.2 reference assemblies were not restored to $dir" }
    }
    @($dir, (Join-Path $dir 'Facades'))
}

function Resolve-ModuleDependency {
    <#
    Walks the references of -AssemblyPath. Each reference resolves, in this order, to: the host (an assembly PowerShell
    itself provides, -HostAssembly), .NET Framework 4.7.2 (a reference assembly of that name at the same or a higher
    version), or a DLL in -SearchDirectory (the build output; its references are walked in turn). One object per
    distinct reference: Name, Version (requested, highest seen), Resolution (Host, Framework, Module, Missing), Path,
    ShippedVersion, RequestedBy.
    #>
    param(
        [Parameter(Mandatory)] [string] $AssemblyPath,
        [Parameter(Mandatory)] [string[]] $SearchDirectory,
        [Parameter(Mandatory)] [string[]] $FrameworkDirectory,
        [string[]] $HostAssembly = @('System.Management.Automation')
    )
    # The framework's version of a name, read on first need ($null: the framework has no such assembly).
    $frameworkCache = @{}
    $frameworkVersion = {
        param([string] $Name)
        if (-not $frameworkCache.ContainsKey($Name)) {
            $frameworkCache[$Name] = $null
            foreach ($d in $FrameworkDirectory) {
                $f = Join-Path $d "$Name.dll"
                # A few files in the pack are not managed assemblies; they cannot satisfy a reference.
                if (Test-Path $f) { try { $frameworkCache[$Name] = [System.Reflection.AssemblyName]::GetAssemblyName($f).Version; break } catch { } }
            }
        }
        $frameworkCache[$Name]
    }
    $results = [ordered]@{}
    $queue = [System.Collections.Generic.Queue[object]]::new()
    $queue.Enqueue((Get-AssemblyIdentity $AssemblyPath))
    $walked = @{}
    while ($queue.Count -gt 0) {
        $asm = $queue.Dequeue()
        if ($walked.ContainsKey($asm.Name)) { continue }
        $walked[$asm.Name] = $true
        foreach ($ref in $asm.References) {
            $entry = $results[$ref.Name]
            if ($entry) {
                if ($ref.Version -gt $entry.Version) { $entry.Version = $ref.Version }
                $entry.RequestedBy += $asm.Name
                if ($entry.Resolution -eq 'Framework' -and (& $frameworkVersion $ref.Name) -lt $entry.Version) { $entry.Resolution = 'Missing' }
                if ($entry.Resolution -eq 'Module' -and $entry.ShippedVersion -lt $entry.Version) { $entry.Resolution = 'Missing' }
                continue
            }
            $entry = [pscustomobject]@{ Name = $ref.Name; Version = $ref.Version; Resolution = 'Missing'; Path = $null; ShippedVersion = $null; RequestedBy = @($asm.Name) }
            $results[$ref.Name] = $entry
            if ($HostAssembly -contains $ref.Name) { $entry.Resolution = 'Host'; continue }
            $fv = & $frameworkVersion $ref.Name
            if ($null -ne $fv -and $fv -ge $ref.Version) { $entry.Resolution = 'Framework'; continue }
            $file = $SearchDirectory | ForEach-Object { Join-Path $_ "$($ref.Name).dll" } | Where-Object { Test-Path $_ } | Select-Object -First 1
            if ($file) {
                $dep = Get-AssemblyIdentity $file
                $entry.Path = $file
                $entry.ShippedVersion = $dep.Version
                # A lower shipped version does not satisfy the reference (the resolver hands out only what it ships).
                if ($dep.Version -ge $ref.Version) { $entry.Resolution = 'Module' }
                $queue.Enqueue($dep)
            }
        }
    }
    $results.Values
}

function Get-Net8ReferencePath {
    <#
    The reference assemblies of .NET 8 (Microsoft.NETCore.App.Ref 8.0.x, which the SDK restores to build the net8.0
    Parquet writer): the framework PowerShell 7.4 runs on, against which the Parquet/ folder's closure is checked.
    #>
    param([Parameter(Mandatory)] [string] $RepositoryRoot)
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $sdkPacks = Join-Path (Split-Path (Get-Command dotnet).Source -Resolve) 'packs/Microsoft.NETCore.App.Ref'
    $found = @(@(
        foreach ($packRoot in (Join-Path $packages 'microsoft.netcore.app.ref'), $sdkPacks) {
            if (-not (Test-Path $packRoot)) { continue }
            foreach ($v in Get-ChildItem $packRoot -Directory | Where-Object Name -like '8.0.*') {
                $ref = Join-Path $v.FullName 'ref/net8.0'
                if (Test-Path $ref) { [pscustomobject]@{ Version = [version]$v.Name; Path = $ref } }
            }
        }
    ) | Sort-Object Version -Descending | ForEach-Object Path)
    if (-not $found) {
        & dotnet restore (Join-Path $RepositoryRoot 'src/LlamaCloud.Chat.Parquet') --nologo --verbosity quiet
        return Get-Net8ReferencePath -RepositoryRoot $RepositoryRoot -ErrorAction Stop
    }
    , $found[0]
}

Export-ModuleMember -Function Get-AssemblyIdentity, Get-NetFrameworkReferencePath, Get-Net8ReferencePath, Resolve-ModuleDependency
