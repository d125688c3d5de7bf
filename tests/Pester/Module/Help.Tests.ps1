# The help of the built module: what Get-Help shows for every exported cmdlet, and the about topic.
# Built by tools/Build-Help.ps1 from src/LlamaCloud.Chat/help, the C# XML docs and the cmdlets' metadata.
# Needs no emulator: nothing here sends a request.

BeforeDiscovery {
    $modulePath = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../../out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
    # One test case per cmdlet the manifest exports, so a cmdlet added later is checked without editing this file.
    $script:Cmdlets = @((Import-PowerShellDataFile -Path $modulePath).CmdletsToExport | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    $ErrorActionPreference = 'Stop'
    $modulePath = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../../out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
    Import-Module $modulePath -Force
    $script:CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
    $script:ModuleCmdlets = @((Get-Module LlamaCloud.Chat).ExportedCmdlets.Keys)

    function Get-Text($Paragraphs) { ((@($Paragraphs) | ForEach-Object { $_.Text }) -join "`n").Trim() }

    # Hidden parameters (DontShow in every set): pipeline plumbing, never part of the help.
    function Test-Hidden([System.Management.Automation.ParameterMetadata] $Parameter) {
        $attributes = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $attributes.Count -gt 0 -and -not @($attributes | Where-Object { -not $_.DontShow }).Count
    }

    # The parameters a user can pass, less the common parameters Get-Help describes itself and the hidden ones.
    function Get-DocumentableParameter([System.Management.Automation.CommandInfo] $Command) {
        @($Command.Parameters.Values | Where-Object { $CommonParameters -notcontains $_.Name -and -not (Test-Hidden $_) })
    }
    $script:ProjectUri = (Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot '../../../LlamaCloud.Chat.psd1')).PrivateData.PSData.ProjectUri
}

Describe 'Help of <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $command = Get-Command -Name $Name -Module LlamaCloud.Chat
        $help = Get-Help -Name $Name -Full
    }

    It 'comes from the module''s MAML file' {
        # Get-Help replaces the file name with the full path once it has found the file.
        Split-Path -Leaf $command.HelpFile | Should -Be 'LlamaCloud.Chat.dll-Help.xml'
        Join-Path $command.Module.ModuleBase 'en-US/LlamaCloud.Chat.dll-Help.xml' | Should -Exist
        $help.Name | Should -Be $Name
    }

    It 'has a synopsis of its own, not the generated syntax' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -Match ('^' + [regex]::Escape($Name) + '(\s|$)')
        $help.Synopsis | Should -Not -Match '<CommonParameters>'
    }

    It 'has a description' {
        Get-Text $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least three examples, each with code and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 3
        foreach ($e in $examples) {
            $e.title | Should -Match 'Example \d+: \S'
            $e.code | Should -Not -BeNullOrEmpty -Because "$($e.title) needs code"
            Get-Text $e.remarks | Should -Not -BeNullOrEmpty -Because "$($e.title) needs an explanation"
        }
    }

    It 'has examples that parse and pass only parameters the module''s cmdlets have' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 3
        $ownCalls = 0
        foreach ($e in @($help.examples.example)) {
            $tokens = $null; $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($e.code, [ref] $tokens, [ref] $errors)
            $errors | Should -BeNullOrEmpty -Because "the code of $($e.title) must parse"
            $calls = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)
            foreach ($call in $calls) {
                $target = $call.GetCommandName()
                if ($ModuleCmdlets -notcontains $target) { continue }
                if ($target -eq $Name) { $ownCalls++ }
                $info = Get-Command -Name $target -Module LlamaCloud.Chat
                foreach ($p in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                    { $info.ResolveParameter($p.ParameterName) } | Should -Not -Throw -Because "$($e.title) passes -$($p.ParameterName) to $target"
                }
            }
        }
        $ownCalls | Should -BeGreaterOrEqual @($help.examples.example).Count -Because "each example of $Name calls it"
    }

    It 'documents every parameter with a description' {
        $documented = @($help.parameters.parameter)
        $parameters = @(Get-DocumentableParameter $command)
        @($documented.name | Sort-Object) | Should -Be @($parameters.Name | Sort-Object)
        foreach ($p in $parameters) {
            $entry = $documented | Where-Object name -eq $p.Name
            $entry | Should -Not -BeNullOrEmpty -Because "-$($p.Name) must be documented"
            Get-Text $entry.description | Should -Not -BeNullOrEmpty -Because "-$($p.Name) needs a description"
        }
    }

    It 'documents no parameter the cmdlet does not have' {
        $names = @((Get-DocumentableParameter $command).Name)
        foreach ($entry in @($help.parameters.parameter)) {
            $names | Should -Contain $entry.name
        }
    }

    It 'gives each parameter the metadata of Get-Command' {
        foreach ($p in Get-DocumentableParameter $command) {
            $entry = @($help.parameters.parameter) | Where-Object name -eq $p.Name
            $sets = @($p.ParameterSets.Values)
            $entry.required | Should -Be $(if (@($sets | Where-Object { -not $_.IsMandatory }).Count) { 'false' } else { 'true' }) -Because "-$($p.Name) Required?"
            $position = @($sets | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Select-Object -First 1)
            $entry.position | Should -Be $(if ($position.Count) { [string]$position[0] } else { 'named' }) -Because "-$($p.Name) Position?"
            $byValue = [bool]@($sets | Where-Object ValueFromPipeline).Count
            $byName = [bool]@($sets | Where-Object ValueFromPipelineByPropertyName).Count
            ($entry.pipelineInput -match 'ByValue') | Should -Be $byValue -Because "-$($p.Name) accepts pipeline input by value: $byValue"
            ($entry.pipelineInput -match 'ByPropertyName') | Should -Be $byName -Because "-$($p.Name) accepts pipeline input by property name: $byName"
            foreach ($alias in $p.Aliases) { $entry.aliases | Should -Match ([regex]::Escape($alias)) -Because "-$($p.Name) has the alias $alias" }
            $wildcards = [bool]@($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count
            $entry.globbing | Should -Be $(if ($wildcards) { 'true' } else { 'false' }) -Because "-$($p.Name) Accept wildcard characters?"
        }
    }

    It 'shows one syntax per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be @($command.ParameterSets).Count
    }

    It 'leaves hidden parameters out of the syntax, the parameters and the full text' {
        $hidden = @($command.Parameters.Values | Where-Object { Test-Hidden $_ } | ForEach-Object Name)
        $full = $help | Out-String -Width 200
        foreach ($h in $hidden) {
            @($help.syntax.syntaxItem.parameter | Where-Object name -eq $h).Count | Should -Be 0 -Because "-$h is hidden"
            @($help.parameters.parameter | Where-Object name -eq $h).Count | Should -Be 0 -Because "-$h is hidden"
            $full | Should -Not -Match ('-' + [regex]::Escape($h) + '\b') -Because "-$h is hidden"
        }
        if ($Name -eq 'Get-LlamaChatEvent') { $hidden | Should -Contain 'PipedSession' } # the check can fail: there are hidden parameters
    }

    It 'has an online version, where Get-Help -Online (which REMARKS suggests) goes' {
        $first = @($help.relatedLinks.navigationLink)[0]
        $first.linkText | Should -Be 'Online Version:'
        $first.uri | Should -Be "$ProjectUri/blob/main/src/LlamaCloud.Chat/help/$Name.md"
        Join-Path $PSScriptRoot "../../../src/LlamaCloud.Chat/help/$Name.md" | Should -Exist
        (Get-Help -Name $Name | Out-String -Width 200) | Should -Match ([regex]::Escape("Get-Help $Name -Online"))
    }

    It 'numbers its examples 1, 2, 3, ... each once' {
        $numbers = @($help.examples.example | ForEach-Object { [int]([regex]::Match($_.title, 'Example (\d+):').Groups[1].Value) })
        $numbers | Should -Be @(1..$numbers.Count)
    }

    It 'names its input and output types' {
        @($help.inputTypes.inputType).Count | Should -BeGreaterThan 0
        foreach ($i in @($help.inputTypes.inputType)) { $i.type.name | Should -Not -BeNullOrEmpty }
        @($help.returnValues.returnValue).Count | Should -BeGreaterThan 0
        foreach ($o in @($help.returnValues.returnValue)) { $o.type.name | Should -Not -BeNullOrEmpty }
    }

    It 'links to the about topic' {
        @($help.relatedLinks.navigationLink).linkText | Should -Contain 'about_LlamaCloud_Chat'
    }
}

Describe 'about_LlamaCloud_Chat' {
    BeforeAll {
        $topic = Get-Help -Name about_LlamaCloud_Chat
        $text = $topic | Out-String
    }

    It 'is found by Get-Help' {
        $topic | Should -Not -BeNullOrEmpty
        $text | Should -Match 'TOPIC\s+about_LlamaCloud_Chat'
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
        $text | Should -Match 'SEE ALSO'
    }

    It 'lists every error id of the module' {
        $ids = [LlamaCloud.Chat.ErrorIds].GetFields() | Where-Object { $_.IsLiteral } | ForEach-Object { $_.GetRawConstantValue() }
        $ids | Should -Not -BeNullOrEmpty
        foreach ($id in $ids) { $text | Should -Match ([regex]::Escape($id) + '\b') -Because "$id must be documented" }
    }

    It 'names the environment variables, the regions and the default base URI' {
        foreach ($s in 'LLAMA_CLOUD_API_KEY', 'LLAMA_PARSE_API_KEY', 'LLAMA_CLOUD_BASE_URL', 'LLAMA_CLOUD_CUSTOM_HEADERS',
            'https://api.cloud.llamaindex.ai', 'https://api.cloud.eu.llamaindex.ai', '-AllowUnencryptedAuthentication', '-MaximumRetryCount') {
            $text | Should -Match ([regex]::Escape($s))
        }
    }

    It 'keeps its lines within 80 columns' {
        $file = Join-Path (Get-Module LlamaCloud.Chat).ModuleBase 'en-US/about_LlamaCloud_Chat.help.txt'
        @(Get-Content -Path $file -Encoding utf8).Count | Should -BeGreaterThan 100
        @(Get-Content -Path $file -Encoding utf8 | Where-Object Length -gt 80) | Should -BeNullOrEmpty
    }
}

Describe 'Hidden parameters' {
    It 'are found where the pipeline plumbing has them, so the help''s check of them has something to check' {
        $hidden = @(Get-Command -Module LlamaCloud.Chat -CommandType Cmdlet | ForEach-Object {
                $c = $_; $c.Parameters.Values | Where-Object { Test-Hidden $_ } | ForEach-Object { "$($c.Name) -$($_.Name)" } })
        $hidden.Count | Should -Be 17
        $hidden | Should -Contain 'Export-LlamaChatSession -PipedSession'
        $hidden | Should -Contain 'Get-LlamaChatEvent -PipedEvent'
        @($hidden | Where-Object { $_ -notmatch ' -Piped[A-Z][a-z]+$' }) | Should -BeNullOrEmpty -Because 'only the piped-input parameters are hidden'
    }
}
