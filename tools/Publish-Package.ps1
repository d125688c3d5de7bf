<#
.SYNOPSIS
    Publishes the laid-out module as a .nupkg into a local folder repository through PSResourceGet.
.DESCRIPTION
    Registers a temporary PSResourceGet repository on -RepositoryPath (a plain folder), publishes the module
    there with Publish-PSResource (which validates the manifest as the PowerShell Gallery would), and
    unregisters the repository again. Prints the path of the .nupkg.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $RepositoryPath
)
$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet
New-Item -ItemType Directory -Force -Path $RepositoryPath | Out-Null
$RepositoryPath = (Resolve-Path $RepositoryPath).ProviderPath
$manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'LlamaCloud.Chat.psd1')
Get-ChildItem $RepositoryPath -Filter '*.nupkg' | Where-Object Name -like "llamacloud.chat.$($manifest.ModuleVersion).nupkg" | Remove-Item
$name = "LlamaCloudChatBuild-$PID"
Register-PSResourceRepository -Name $name -Uri $RepositoryPath -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $name
}
finally {
    Unregister-PSResourceRepository -Name $name
}
$package = Get-ChildItem $RepositoryPath -Filter '*.nupkg' | Where-Object Name -like "llamacloud.chat.$($manifest.ModuleVersion).nupkg"
if (-not $package) { throw "Publish-PSResource produced no package in $RepositoryPath" }
Write-Host "Packaged $($package.FullName)" -ForegroundColor Green
$package
