BeforeAll {
    $ErrorActionPreference = 'Stop'
    $script:ModulePath = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../../out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
    $script:ModuleDir = (Resolve-Path (Split-Path $script:ModulePath)).ProviderPath
    $script:Root = Resolve-Path (Join-Path $PSScriptRoot '../../..')
    $script:Pwsh = (Get-Process -Id $PID).Path
    # Runs a script in a fresh pwsh and returns its output lines.
    function Invoke-FreshPwsh([string] $Script) {
        $args = @('-NoProfile', '-NonInteractive', '-Command', $Script)
        if ($script:Pwsh -match 'dotnet(\.exe)?$') { & $script:Pwsh pwsh @args } else { & $script:Pwsh @args }
    }
}

Describe 'The module as laid out by the build' {
    It 'has a valid manifest with the exports, editions and metadata the Gallery asks for' {
        $m = Test-ModuleManifest $ModulePath
        $exports = @('Connect-LlamaCloud', 'Disconnect-LlamaCloud', 'Export-LlamaChatSession', 'Get-LlamaChatEvent', 'Get-LlamaChatSession')
        $exports += 'Get-LlamaChatTurn', 'Export-LlamaChatTranscript', 'ConvertTo-LlamaChatTranscript' # turns and transcripts
        $exports += 'New-LlamaChatSession', 'Remove-LlamaChatSession', 'Send-LlamaChatMessage' # the rest of the chat API
        $exports += 'Sync-LlamaChatArchive' # archives
        $exports += 'ConvertTo-LlamaChatTrace', 'Export-LlamaChatTrace' # OpenTelemetry traces
        $exports += 'Get-LlamaCloudConnection' # what the next command would use
        $exports += 'Update-LlamaChatSessionTitle', 'Get-LlamaChatAttachment', 'Save-LlamaChatAttachment' # titles and attachments
        $exports += 'Export-LlamaChatTable', 'Get-LlamaChatUsage', 'Search-LlamaChat' # analytics
        $m.ExportedCmdlets.Keys | Sort-Object | Should -Be ($exports | Sort-Object)
        $m.CompatiblePSEditions | Should -Be 'Desktop', 'Core'
        $m.PowerShellVersion | Should -Be '5.1'
        $m.Author | Should -Not -BeNullOrEmpty
        $m.Description | Should -Not -BeNullOrEmpty
        $m.ProjectUri | Should -Not -BeNullOrEmpty
        $m.LicenseUri | Should -Not -BeNullOrEmpty
        $m.ReleaseNotes | Should -Not -BeNullOrEmpty
        $m.Tags | Should -Contain 'LlamaCloud'
        $m.ExportedFormatFiles | Should -HaveCount 1
    }

    It 'carries the version from Directory.Build.props' {
        $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
        (Test-ModuleManifest $ModulePath).Version.ToString() | Should -Be ($props.Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1)
    }

    It 'ships only the allow-listed files, never the PowerShell reference assembly' {
        $files = Get-ChildItem -Recurse -File $ModuleDir | ForEach-Object { $_.FullName.Substring($ModuleDir.Length + 1).Replace('\', '/') }
        $files | Should -Not -Contain 'System.Management.Automation.dll'
        $files | Should -Contain 'LlamaCloud.Chat.dll'
        $files | Should -Contain 'LlamaCloud.Chat.format.ps1xml'
        $files | Should -Contain 'LlamaCloud.Chat.types.ps1xml'
        $files | Should -Contain 'Dependencies/System.Text.Json.dll'
        $files | Where-Object { $_ -like '*.pdb' -or $_ -like '*.deps.json' } | Should -BeNullOrEmpty
    }

    It 'is one netstandard2.0 binary referencing System.Text.Json 8.0 (satisfied by PowerShell 7.4+ in-box)' {
        $asm = [System.Reflection.Assembly]::LoadFile((Join-Path $ModuleDir 'LlamaCloud.Chat.dll'))
        ($asm.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false)).FrameworkName | Should -Be '.NETStandard,Version=v2.0'
        ($asm.GetReferencedAssemblies() | Where-Object Name -eq 'System.Text.Json').Version.Major | Should -Be 8
    }

    It 'on PowerShell 7 uses the runtime''s System.Text.Json, never the shipped copy' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') {
        $out = Invoke-FreshPwsh @"
Import-Module '$ModulePath'
`$null = Get-LlamaChatSession -Path '$(Join-Path $PSScriptRoot '../data/ses-sample.json')'
[System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not `$_.IsDynamic -and `$_.Location -like '*Dependencies*' } | ForEach-Object { 'LOADED ' + `$_.Location }
'STJ ' + [System.Text.Json.JsonDocument].Assembly.Location
"@
        @($out | Where-Object { $_ -like 'STJ *' }).Count | Should -Be 1 -Because "the fresh pwsh ran to its end: $out"
        ($out | Where-Object { $_ -like 'LOADED *' }) | Should -BeNullOrEmpty
        ($out | Where-Object { $_ -like 'STJ *' }) | Should -Not -BeLike "*$ModuleDir*"
    }
}

Describe 'On Windows PowerShell 5.1' -Skip:($PSVersionTable.PSEdition -ne 'Desktop') {
    # Runs in .github/workflows/ci.yml (build.ps1 Test -PesterPowerShell powershell.exe); skipped under PowerShell 7.
    It 'loads the shipped System.Text.Json from Dependencies/ and reads a session with it' {
        $out = Invoke-FreshPwsh @"
Import-Module '$ModulePath'
'EVENTS ' + (Get-LlamaChatSession -Path '$(Join-Path $PSScriptRoot '../data/ses-sample.json')').EventCount
'STJ ' + [System.Text.Json.JsonDocument].Assembly.Location
"@
        ($out | Where-Object { $_ -like 'STJ *' }) | Should -Be ('STJ ' + (Join-Path $ModuleDir 'Dependencies\System.Text.Json.dll'))
        ($out | Where-Object { $_ -like 'EVENTS *' }) | Should -Be 'EVENTS 13'
    }
}

Describe 'Packaging' {
    It 'build.ps1 Package output installs from a local PSResourceGet repository and imports in a fresh pwsh' {
        $repo = Join-Path ([IO.Path]::GetTempPath()) "llama-repo-$PID"
        $target = Join-Path ([IO.Path]::GetTempPath()) "llama-install-$PID"
        try {
            $package = & (Join-Path $Root 'tools/Publish-Package.ps1') -ModulePath $ModuleDir -RepositoryPath $repo 6>$null
            $package.Name | Should -BeLike 'LlamaCloud.Chat.*.nupkg'
            $name = "LlamaCloudChatTest-$PID"
            Register-PSResourceRepository -Name $name -Uri $repo -Trusted
            try {
                New-Item -ItemType Directory -Force -Path $target | Out-Null
                Save-PSResource -Name LlamaCloud.Chat -Repository $name -Path $target -TrustRepository
            }
            finally { Unregister-PSResourceRepository -Name $name }
            $installed = Get-ChildItem -Recurse -Filter LlamaCloud.Chat.psd1 $target | Select-Object -First 1
            $installed | Should -Not -BeNullOrEmpty
            $out = Invoke-FreshPwsh "Import-Module '$($installed.FullName)'; (Get-Command -Module LlamaCloud.Chat).Name -join ','; (Get-LlamaChatSession -Path '$(Join-Path $PSScriptRoot '../data/ses-sample.json')').SessionId"
            $out | Should -Contain 'ses-sample'
            ($out -join "`n") | Should -BeLike '*Get-LlamaChatEvent*'
        }
        finally {
            Remove-Item -Recurse -Force $repo, $target -ErrorAction SilentlyContinue
        }
    }
}
