# Every exported cmdlet that takes sessions defaults to its id set, so a bare call prompts for an id someone can type
# (issue 9), never for a ChatSession object. Enumerates the module, so a new cmdlet is covered without editing this file.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $takesSessions = Get-Command -Module LlamaCloud.Chat -CommandType Cmdlet | Where-Object {
        $_.Parameters.Values | Where-Object { $_.ParameterType -in [LlamaCloud.Chat.ChatSession], [LlamaCloud.Chat.ChatSession[]] }
    }
    # The analytics cmdlets answer for the whole project when given no sessions, as Get-LlamaChatSession lists it.
    $script:ProjectCmdlets = @($takesSessions | Where-Object DefaultParameterSet -eq 'Project')
    $script:SessionCmdlets = @($takesSessions | Where-Object DefaultParameterSet -ne 'Project')
    # The default set's mandatory id parameter: named SessionId or Id, or aliased so.
    function Get-IdParameter($Command) {
        $set = $Command.ParameterSets | Where-Object Name -eq $Command.DefaultParameterSet
        $set.Parameters | Where-Object { $_.IsMandatory -and ($_.Name -in 'SessionId', 'Id' -or $_.Aliases -contains 'SessionId' -or $_.Aliases -contains 'Id') }
    }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Parameter sets of cmdlets that take sessions' {
    It 'are the cmdlets we expect (a new one joins this list)' {
        $script:SessionCmdlets.Name | Sort-Object | Should -Be @(
            'ConvertTo-LlamaChatTrace', 'ConvertTo-LlamaChatTranscript', 'Export-LlamaChatSession', 'Export-LlamaChatTrace',
            'Export-LlamaChatTranscript', 'Get-LlamaChatEvent', 'Get-LlamaChatTurn', 'Remove-LlamaChatSession', 'Send-LlamaChatMessage',
            'Update-LlamaChatSessionTitle')
    }

    It 'or, for the analytics cmdlets, default to the whole project: no session parameter in the default set' {
        $script:ProjectCmdlets.Name | Sort-Object | Should -Be 'Export-LlamaChatTable', 'Get-LlamaChatUsage', 'Search-LlamaChat'
        foreach ($cmd in $script:ProjectCmdlets) {
            $set = $cmd.ParameterSets | Where-Object Name -eq 'Project'
            @($set.Parameters | Where-Object { $_.Name -in 'Session', 'SessionId', 'LiteralPath' }).Count | Should -Be 0 -Because $cmd.Name
            @($cmd.ParameterSets.Name | Sort-Object) | Should -Be @('File', 'LiteralFile', 'Project', 'Session', 'SessionId') -Because $cmd.Name
        }
    }

    It 'with no arguments each prompts for a session id: the id set is the default, its id parameter mandatory and a string' {
        foreach ($cmd in $script:SessionCmdlets) {
            $id = @(Get-IdParameter $cmd)
            $id.Count | Should -Be 1 -Because "$($cmd.Name)'s default set '$($cmd.DefaultParameterSet)' needs one mandatory id parameter"
            $id[0].ParameterType | Should -BeIn @([string], [string[]]) -Because $cmd.Name
            $id[0].ValueFromPipeline | Should -BeTrue -Because $cmd.Name
            $id[0].ValueFromPipelineByPropertyName | Should -BeTrue -Because $cmd.Name
        }
    }

    It 'in a host that cannot prompt, each reports the missing id (other mandatory parameters given)' {
        foreach ($cmd in $script:SessionCmdlets) {
            $id = (Get-IdParameter $cmd).Name
            $set = $cmd.ParameterSets | Where-Object Name -eq $cmd.DefaultParameterSet
            $others = $set.Parameters | Where-Object { $_.IsMandatory -and $_.Name -ne $id }
            $line = (@($cmd.Name) + @($others | ForEach-Object { "-$($_.Name) x" })) -join ' '
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Set-Location '$TestDrive'; Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; $line")
                $null = try { $ps.Invoke() } catch { $ps.Streams.Error.Add($_.Exception.InnerException.ErrorRecord) }
                $e = @($ps.Streams.Error)
                $e.Count | Should -Be 1 -Because $line
                $e[0].FullyQualifiedErrorId | Should -BeLike "MissingMandatoryParameter,*$($cmd.ImplementingType.Name)" -Because $line
                $e[0].Exception.Message | Should -BeLike "*parameters: $id." -Because $line
            }
            finally { $ps.Dispose() }
        }
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'the visible session parameter is outside the id set, so naming it on the command line never prompts for an id' {
        # Export-LlamaChatSession: piped whole sessions land in a hidden parameter of the id set; -Session is its own set.
        foreach ($cmd in $script:SessionCmdlets) {
            $visible = @($cmd.Parameters.Values | Where-Object {
                    $_.ParameterType -in [LlamaCloud.Chat.ChatSession], [LlamaCloud.Chat.ChatSession[]] -and
                    @($_.Attributes | Where-Object { $_ -is [Parameter] -and -not $_.DontShow }).Count })
            $visible.Count | Should -Be 1 -Because $cmd.Name
            $visible[0].ParameterSets.Keys | Should -Not -Contain $cmd.DefaultParameterSet -Because $cmd.Name
        }
    }

    It 'a session named, positional or piped gives the same output, with no request for its loaded events' {
        Reset-Emulator
        $s = Get-LlamaChatSession -Id ses-demo @Conn
        Clear-EmulatorRequest
        foreach ($c in @{ Name = 'Get-LlamaChatEvent'; Param = 'Session' }, @{ Name = 'Get-LlamaChatTurn'; Param = 'Session' },
            @{ Name = 'ConvertTo-LlamaChatTranscript'; Param = 'Session' }, @{ Name = 'ConvertTo-LlamaChatTrace'; Param = 'Session' }) {
            $piped = $s | & $c.Name | ConvertTo-Json -Depth 6 -Compress
            $splat = @{ $c.Param = $s }
            $named = & $c.Name @splat | ConvertTo-Json -Depth 6 -Compress
            $piped | Should -Not -BeNullOrEmpty -Because $c.Name
            $named | Should -Be $piped -Because $c.Name
            if ($c.Name -like 'Get-*') { & $c.Name $s | ConvertTo-Json -Depth 6 -Compress | Should -Be $piped -Because $c.Name }
        }
        @(Get-EmulatorRequest).Count | Should -Be 0
    }
}
