# The GA API's shapes over real HTTP (docs/api.md): shared_access on every session shape and on create, job metadata's
# export_config_ids, project scoping, and a repeated JSON key read as ConvertFrom-Json reads it.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    function Get-CreatePost { @(Get-EmulatorRequest | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/api/v1/chat' }) }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'shared_access on every session shape' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'retrieve, summary, list items, create and title all carry it' {
        (Get-LlamaChatSession -Id ses-demo @Conn).SharedAccess | Should -Be 'query'
        (Get-LlamaChatSession -Id ses-demo -Summary @Conn).SharedAccess | Should -Be 'query'
        (Get-LlamaChatSession -Id ses-abc123 -Summary @Conn).SharedAccess | Should -Be 'read_only'
        $listed = @(Get-LlamaChatSession @Conn)
        $listed.Count | Should -Be 17
        @($listed | Where-Object { $_.SharedAccess -notin 'query', 'read_only' }).Count | Should -Be 0
        ($listed | Where-Object SessionId -eq 'ses-demo').SharedAccess | Should -Be 'query'
        (New-LlamaChatSession @Conn).SharedAccess | Should -Be 'read_only'
        (Update-LlamaChatSessionTitle -Id ses-demo -FirstMessage 'x y' @Conn).SharedAccess | Should -Be 'query'
    }

    It 'New-LlamaChatSession sends -SharedAccess as the API spells it, and nothing without it' {
        (New-LlamaChatSession -SharedAccess Query @Conn).SharedAccess | Should -Be 'query'
        (New-LlamaChatSession -IndexId idx-1 -SharedAccess ReadOnly @Conn).SharedAccess | Should -Be 'read_only'
        $null = New-LlamaChatSession @Conn
        $bodies = (Get-CreatePost).body
        $bodies | Should -Be @('{"shared_access":"query"}', '{"index_ids":["idx-1"],"shared_access":"read_only"}', '{}')
    }

    It 'rejects another value at binding, sending nothing' {
        { New-LlamaChatSession -SharedAccess Public @Conn } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage*'
        (Get-CreatePost).Count | Should -Be 0
    }

    It 'the list view shows it' {
        (Get-LlamaChatSession -Id ses-demo @Conn | Format-List | Out-String) | Should -Match 'SharedAccess\s*:\s*query'
    }

    It 'job metadata carries export_config_ids' {
        (Get-LlamaChatSession -Id ses-demo @Conn).JobMetadata.ExportConfigIds | Should -Be @('exp-q3-report')
        (Get-LlamaChatSession -Id ses-abc123 @Conn).JobMetadata.ExportConfigIds | Should -BeNullOrEmpty
    }
}

Describe 'project scoping' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'another project''s session is NotFound, in every method, and readable with its project' {
        foreach ($call in @(
                { Get-LlamaChatSession -Id ses-other @Conn },
                { Get-LlamaChatSession -Id ses-other -Summary @Conn },
                { Get-LlamaChatEvent -SessionId ses-other @Conn },
                { Send-LlamaChatMessage -SessionId ses-other -Prompt 'hi' @Conn },
                { Remove-LlamaChatSession -Id ses-other -Force @Conn })) {
            $ErrorActionPreference = 'Continue'
            $all = @(& $call 2>&1)
            $ErrorActionPreference = 'Stop'
            $failed = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            ($all.Count - $failed.Count) | Should -Be 0
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound,*'
        }
        $s = Get-LlamaChatSession -Id ses-other -ProjectId proj-other @Conn
        $s.SharedAccess | Should -Be 'query'
        $s.JobMetadata.ExportConfigIds | Should -Be 'exp-other'
        (Get-EmulatorRequest)[-1].query.project_id | Should -Be 'proj-other'
    }

    It 'the list is the project''s' {
        @(Get-LlamaChatSession @Conn).SessionId | Should -Not -Contain 'ses-other'
        @(Get-LlamaChatSession -ProjectId proj-other @Conn).SessionId | Should -Be @('ses-other')
    }
}

Describe 'a repeated JSON key' {
    BeforeEach { Reset-Emulator }

    It 'keeps the last value where ConvertFrom-Json puts it, and the exact text' {
        $raw = '{"a":1,"b":{"c":[1,{"d":1,"d":"two"}]},"a":3}'
        Set-EmulatorSession 'ses-dup' ('{"events":[{"call_id":"c1","name":"t","result":' + $raw + ',"type":"tool_result"},{"call_id":"c1","name":"t","arguments":' + $raw + ',"type":"tool_call"}],"session_id":"ses-dup","shared_access":"read_only","last_updated_at":"2026-04-22T12:34:41.342245"}')
        $r = Get-LlamaChatEvent -SessionId ses-dup -Type tool_result @Conn
        $expected = $raw | ConvertFrom-Json
        ($r.Result | ConvertTo-Json -Depth 10 -Compress) | Should -Be ($expected | ConvertTo-Json -Depth 10 -Compress)
        $r.Result.PSObject.Properties.Name | Should -Be @('b', 'a')
        $r.Result.a | Should -Be 3
        $r.Result.b.c[1].d | Should -Be 'two'
        $r.ResultJson | Should -Be $raw
        $c = Get-LlamaChatEvent -SessionId ses-dup -Type tool_call @Conn
        $c.Arguments.a | Should -Be 3
        $c.ArgumentsJson | Should -Be $raw
    }
}
