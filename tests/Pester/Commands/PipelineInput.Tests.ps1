# Piped input, for every exported cmdlet that takes any (discovered from the module, so cmdlets added later are
# covered): an object that is not a session id, session, turn or event is a binding error, and nothing is sent.
BeforeDiscovery {
    $modulePath = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../../out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
    Import-Module $modulePath -Force
    $script:Piped = @(Get-Command -Module LlamaCloud.Chat -CommandType Cmdlet | Where-Object {
            @($_.Parameters.Values | Where-Object { @($_.ParameterSets.Values | Where-Object ValueFromPipeline).Count }).Count
        } | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("llama-pipe-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = New-Item -ItemType Directory -Path $Work
    $script:SessionFile = Join-Path $Work 'ses-demo.json'
    [IO.File]::WriteAllBytes($SessionFile, (Get-EmulatorBody 'ses-demo'))

    # PowerShell reports a transformation's refusal as such for the default parameter set's parameters; when the
    # parameter belongs to another set (Get-LlamaChatSession -Id), it says only that the input could not be bound.
    # A cmdlet whose pipeline parameter takes any object and sorts it out itself (Get-LlamaChatAttachment: events,
    # turns, tool calls, attachments, Import-Csv rows) refuses what names nothing with one InvalidArgument error
    # naming the object's type, before any request.
    function Assert-BindingError($Record, [string] $Message) {
        $Record.FullyQualifiedErrorId | Should -BeLike '*,*'
        $id = $Record.FullyQualifiedErrorId.Split(',')[0]
        if ($TakesAnyObject) {
            $Record.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $Record.Exception.Message | Should -Match "^A (Process|Hashtable|FileInfo) "
            return
        }
        $id | Should -BeIn 'ParameterArgumentTransformationError', 'InputObjectNotBound'
        if ($id -eq 'ParameterArgumentTransformationError') { $Record.Exception.Message | Should -BeLike $Message }
    }

    # What the cmdlet needs besides its input: mandatory parameters that take no pipeline input, with harmless values
    # (an output path in the test's folder), and -Force where a cmdlet would ask first.
    function Get-Rest([string] $Name) {
        $command = Get-Command $Name -Module LlamaCloud.Chat
        $rest = @{}
        $default = @($command.ParameterSets | Where-Object IsDefault)[0]
        foreach ($p in $default.Parameters) {
            if (-not $p.IsMandatory -or $p.ValueFromPipeline -or $p.ValueFromPipelineByPropertyName) { continue }
            $rest[$p.Name] = switch ($p.Name) {
                'Path' { Join-Path $Work "out-$Name" }
                'Prompt' { 'What changed?' }
                default { 'x' }
            }
        }
        if ($command.Parameters.ContainsKey('Force')) { $rest.Force = $true }
        if ($Name -eq 'Export-LlamaChatTrace' -and -not $rest.ContainsKey('Path')) { $rest.Path = Join-Path $Work 'out-trace.jsonl' }
        $rest
    }
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Work -ErrorAction SilentlyContinue
}

Describe '<Name> with piped objects that are not its input' -ForEach $Piped {
    BeforeAll {
        $script:TakesAnyObject = @((Get-Command $Name -Module LlamaCloud.Chat).Parameters.Values | Where-Object {
                $_.ParameterType -in [object], [object[]] -and @($_.ParameterSets.Values | Where-Object ValueFromPipeline).Count }).Count -gt 0
    }
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'a process is a binding error that says what the parameter takes, and no request is sent' {
        $rest = Get-Rest $Name
        $out = Get-Process -Id $PID | & $Name @Conn @rest -ErrorVariable errs -ErrorAction SilentlyContinue
        # Nothing for the process: no event, turn or session (a command that sums up its run still writes its summary).
        @($out | Where-Object { $_ -is [LlamaCloud.Chat.ChatEvent] -or $_ -is [LlamaCloud.Chat.ChatTurn] -or $_ -is [LlamaCloud.Chat.ChatSession] }).Count | Should -Be 0
        @($errs).Count | Should -Be 1
        Assert-BindingError $errs[0] '*A System.Diagnostics.Process is not a session id*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'a hashtable (keys are no properties to bind) is a binding error too' {
        $rest = Get-Rest $Name
        $null = @{ SessionId = 'ses-demo' } | & $Name @Conn @rest -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs).Count | Should -Be 1
        Assert-BindingError $errs[0] '*A System.Collections.Hashtable is not a session id*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'a session file goes where -Path is meant: read where the cmdlet reads files (-LiteralPath), refused with advice elsewhere' {
        $rest = Get-Rest $Name
        $readsFiles = @((Get-Command $Name -Module LlamaCloud.Chat).Parameters.Values | Where-Object {
                $_.Aliases -contains 'PSPath' -and @($_.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName).Count }).Count -gt 0
        if ($readsFiles) {
            $null = Get-Item $SessionFile | & $Name @Conn @rest -ErrorVariable errs -ErrorAction SilentlyContinue
            @($errs).Count | Should -Be 0 -Because "$Name reads session files: $($errs | Out-String)"
            @(Get-EmulatorRequest).Count | Should -Be 0 -Because 'the file is read, not fetched by an id made of its path'
            if ($Name -eq 'Get-LlamaChatSession') { (Get-Item $SessionFile | Get-LlamaChatSession).SessionId | Should -Be 'ses-demo' }
            return
        }
        $null = Get-Item $SessionFile | & $Name @Conn @rest -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs).Count | Should -Be 1
        Assert-BindingError $errs[0] "*'ses-demo.json' is a file, not a session id. Read session files with Get-LlamaChatSession first*"
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'an object with a SessionId property still binds by that property' {
        $rest = Get-Rest $Name
        if ($Name -in 'Remove-LlamaChatSession', 'Send-LlamaChatMessage') { $rest.WhatIf = $true }
        $null = [pscustomobject]@{ SessionId = 'ses-abc123' } | & $Name @Conn @rest -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs | Where-Object { $_.FullyQualifiedErrorId -like 'ParameterArgumentTransformationError,*' -or $_.FullyQualifiedErrorId -like 'InputObjectNotBound,*' }).Count | Should -Be 0
    }
}

Describe 'Session id parameters of every cmdlet' {
    It 'every parameter that takes session ids from the pipeline refuses other objects (SessionIdTransformation)' {
        $checked = 0
        foreach ($c in Get-Command -Module LlamaCloud.Chat -CommandType Cmdlet) {
            foreach ($p in $c.Parameters.Values) {
                $byValue = @($p.ParameterSets.Values | Where-Object ValueFromPipeline).Count -gt 0
                if (-not $byValue -or $p.ParameterType -notin [string], [string[]]) { continue }
                $checked++
                @($p.Attributes | Where-Object { $_ -is [LlamaCloud.Chat.Commands.SessionIdTransformationAttribute] }).Count |
                    Should -Be 1 -Because "$($c.Name) -$($p.Name) takes strings from the pipeline; without the transformation any object becomes one"
            }
        }
        $checked | Should -BeGreaterOrEqual 10
    }
}
