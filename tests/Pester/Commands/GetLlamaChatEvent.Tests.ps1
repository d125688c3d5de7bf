BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Get-LlamaChatEvent' {
    BeforeAll { Reset-Emulator }

    It 'the design-card pipeline returns ToolCallEvents whose Arguments can be dotted into' {
        $calls = Get-LlamaChatSession -Id ses-demo @Conn | Get-LlamaChatEvent -Type tool_call
        $calls.Count | Should -Be 2
        $calls | ForEach-Object { $_ | Should -BeOfType LlamaCloud.Chat.ToolCallEvent }
        $calls[0].Name | Should -Be 'search_index'
        $calls[0].CallId | Should -Be 'call_1'
        $calls[0].Arguments.query | Should -Be 'Q3 findings'
        $calls[0].Arguments.filters.year | Should -Be 2025
        $calls[0].Arguments.filters.tags | Should -Be @('finance', 'q3')
        $calls[0].ArgumentsJson | ConvertFrom-Json | Select-Object -ExpandProperty top_k | Should -Be 5
        $calls[0].SessionId | Should -Be 'ses-demo'
    }

    It 'tool results can be dotted into, as after ConvertFrom-Json' {
        $r = Get-LlamaChatEvent -SessionId ses-demo -Type tool_result @Conn
        $r[0] | Should -BeOfType LlamaCloud.Chat.ToolResultEvent
        $r[0].Result.nodes[0].metadata.page | Should -Be 4
        $r[0].Result.nodes[1].score | Should -Be 0.77
        $r[0].ImageAttachment.AttachmentName | Should -Be 'page_4.png'
        $r[0].ImageAttachment.SourceId | Should -Be 'src-q3'
        $r[1].Result | Should -BeOfType string
        $r[1].ImageAttachment | Should -BeNullOrEmpty
    }

    It 'every event type of the API arrives as its class' {
        $events = Get-LlamaChatEvent -SessionId ses-demo @Conn
        $byType = @{}
        foreach ($e in $events) { $byType[$e.Type] = $e.GetType().Name }
        $byType['user_input'] | Should -Be 'UserInputEvent'
        $byType['thinking_delta'] | Should -Be 'ThinkingDeltaEvent'
        $byType['thinking'] | Should -Be 'ThinkingEvent'
        $byType['tool_call'] | Should -Be 'ToolCallEvent'
        $byType['tool_result'] | Should -Be 'ToolResultEvent'
        $byType['text_delta'] | Should -Be 'TextDeltaEvent'
        $byType['text'] | Should -Be 'TextEvent'
        $byType['stop'] | Should -Be 'StopEvent'
        ($events | Where-Object Type -eq stop).Usage.TotalInputTokens | Should -Be 1200
    }

    It 'events come out in session order with their full-list Index' {
        $all = Get-LlamaChatEvent -SessionId ses-demo @Conn
        $all.Index | Should -Be (0..($all.Count - 1))
        $calls = Get-LlamaChatEvent -SessionId ses-demo -Type tool_call @Conn
        $calls.Index | Should -Be ($all | Where-Object Type -eq tool_call).Index
    }

    It 'keeps unknown types with their data, and classifies untyped events by shape' {
        $events = Get-LlamaChatEvent -SessionId ses-unknown @Conn
        $citation = $events | Where-Object Type -eq citation
        $citation | Should -BeOfType LlamaCloud.Chat.UnknownEvent
        $citation.Data.source_id | Should -Be 's1'
        ($citation.RawJson | ConvertFrom-Json).span | Should -Be 3, 9
        $unknown = Get-LlamaChatEvent -SessionId ses-unknown -Type unknown @Conn
        $unknown.Count | Should -Be @($events | Where-Object { $_ -is [LlamaCloud.Chat.UnknownEvent] }).Count
        $unknown.Count | Should -Be 3
        ($unknown | Where-Object { $_.RawJson -like '*untyped text*' }) | Should -Not -BeNullOrEmpty
        ($events | Where-Object { $_ -is [LlamaCloud.Chat.ToolCallEvent] -and $_.CallId -eq 'c9' }).Name | Should -Be 'lookup'
    }

    It 'takes several types at once, case-insensitively' {
        $e = Get-LlamaChatEvent -SessionId ses-demo -Type TOOL_CALL, Stop @Conn
        ($e.Type | Sort-Object -Unique) | Should -Be 'stop', 'tool_call'
    }

    It 'takes any wire name for -Type: a name it does not know selects UnknownEvents of that type, with one warning' {
        $out = Get-LlamaChatEvent -SessionId ses-unknown, ses-demo -Type citation, tool_calls @Conn -WarningVariable warnings 3>$null
        @($out).Count | Should -Be 1
        $out.Type | Should -Be 'citation'
        $out | Should -BeOfType LlamaCloud.Chat.UnknownEvent
        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '-Type citation, tool_calls: not types this module knows*Known types: user_input, thinking_delta, thinking, tool_call, tool_result, text_delta, text, stop, unknown.'
        # The same from whole sessions, whose events are built on demand inside the filter.
        $whole = Get-LlamaChatSession -Id ses-unknown, ses-demo @Conn | Get-LlamaChatEvent -Type citation 3>$null
        @($whole).Count | Should -Be 1
        $whole.Type | Should -Be 'citation'
        $whole.Data.source_id | Should -Be 's1'
        # Known names give no warning.
        $null = Get-LlamaChatEvent -SessionId ses-demo -Type tool_call @Conn -WarningVariable none 3>$null
        @($none).Count | Should -Be 0
    }

    It 'with no arguments prompts for a session id (the id set is the default), and so does Export-LlamaChatSession' {
        # Get-LlamaChatEvent names its id parameter -SessionId (alias -Id); Export-LlamaChatSession -Id (alias -SessionId).
        foreach ($c in @{ Name = 'Get-LlamaChatEvent'; Id = 'SessionId' }, @{ Name = 'Export-LlamaChatSession'; Id = 'Id' }) {
            $cmd = Get-Command $c.Name
            $cmd.DefaultParameterSet | Should -Be $c.Id
            $set = $cmd.ParameterSets | Where-Object Name -eq $c.Id
            ($set.Parameters | Where-Object Name -eq $c.Id).IsMandatory | Should -BeTrue
        }
        # A host that cannot prompt reports the missing mandatory SessionId instead.
        foreach ($c in 'Get-LlamaChatEvent', 'Export-LlamaChatSession -Path ./x') {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$($env:LLAMA_CHAT_TEST_MODULE)'; $c")
                $null = try { $ps.Invoke() } catch { $ps.Streams.Error.Add($_.Exception.InnerException.ErrorRecord) }
                $e = @($ps.Streams.Error)
                $e.Count | Should -Be 1
                $e[0].FullyQualifiedErrorId | Should -BeLike 'MissingMandatoryParameter*'
                $e[0].Exception.Message | Should -BeLike $(if ($c -like 'Export*') { '*Id*' } else { '*SessionId*' })
            }
            finally { $ps.Dispose() }
        }
        (Get-Command Export-LlamaChatSession).Parameters['Id'].Aliases | Should -Contain 'SessionId'
    }

    It 'picks tool events by name with wildcards' {
        $e = Get-LlamaChatEvent -SessionId ses-demo -Name 'search*' @Conn
        $e.Count | Should -Be 2
        $e.Name | Select-Object -Unique | Should -Be 'search_index'
        (Get-LlamaChatEvent -SessionId ses-demo -Name read_page -Type tool_result @Conn).CallId | Should -Be 'call_2'
    }

    It 'filters loaded sessions the same way as streamed ones' {
        $a = Get-LlamaChatSession -Id ses-demo @Conn | Get-LlamaChatEvent -Type tool_result -Name '*page*'
        $b = Get-LlamaChatEvent -SessionId ses-demo -Type tool_result -Name '*page*' @Conn
        $a.Index | Should -Be $b.Index
    }

    It 'takes SessionId by property name and the Id alias, and strings by value' {
        $expected = (Get-LlamaChatSession -Id ses-abc123 @Conn).Events | Where-Object Type -eq tool_call
        @($expected).Count | Should -Be 2
        ([pscustomobject]@{ SessionId = 'ses-abc123' } | Get-LlamaChatEvent -Type tool_call @Conn).CallId | Should -Be $expected.CallId
        (Get-LlamaChatEvent -Id ses-abc123 -Type tool_call @Conn).CallId | Should -Be $expected.CallId
        ('ses-abc123' | Get-LlamaChatEvent -Type tool_call @Conn).CallId | Should -Be $expected.CallId
    }

    It 'writes one error for a missing session and goes on with the next' {
        $out = 'ses-abc123', 'ses-nope', 'ses-demo' | Get-LlamaChatEvent -Type user_input @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.SessionId | Select-Object -Unique | Should -Be 'ses-abc123', 'ses-demo'
        $errs.Count | Should -Be 1
        $errs[0].TargetObject | Should -Be 'ses-nope'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'handles nulls, missing fields and non-ASCII text' {
        $n = Get-LlamaChatEvent -SessionId ses-nulls @Conn
        $n.Count | Should -Be 6   # the fixture's prompt, tool call, result, text and two stops
        $n.Index | Should -Be (0..($n.Count - 1))
        ($n | Where-Object Type -eq tool_result).Result | Should -BeNullOrEmpty
        $stops = @($n | Where-Object Type -eq stop)
        $stops.Count | Should -Be 2
        $stops | ForEach-Object { $null -eq $_.Usage.TotalInputTokens | Should -BeTrue }
        $u = Get-LlamaChatEvent -SessionId ses-unicode @Conn
        $u.Count | Should -Be 9
        $u[0].Content | Should -Be 'Grüße — 日本語 😀'
        $u[1].Content | Should -Be 'café — '
        ($u | Where-Object { $_.Name -eq 'поиск' }).Type | Should -Be 'tool_call', 'tool_result'
        $u[3].Arguments.esc | Should -Be 'a"b\c'
    }

    It 'writes the first event before the body has finished downloading' {
        Reset-Emulator
        Add-Fault @{ path = 'ses-gen-3000'; kind = 'slow'; chunkBytes = 4096; chunkDelayMs = 100; times = -1 }
        $m = Measure-FirstOutput { Get-LlamaChatEvent -SessionId ses-gen-3000 @Conn }
        $m.Count | Should -Be 3000
        $m.Total | Should -BeGreaterThan 3
        $m.FirstAt | Should -BeLessThan ($m.Total / 4)
    }
}

Describe 'Get-LlamaChatEvent with turns and events piped in' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'piped turns give those turns'' events only, in one request per session' {
        $failed = Get-LlamaChatTurn -SessionId ses-err @Conn | Where-Object IsError
        $failed.Number | Should -Be 2
        Clear-EmulatorRequest
        $events = $failed | Get-LlamaChatEvent @Conn
        $events.Index | Should -Be 5, 6, 7, 8
        $events.Type | Should -Be 'user_input', 'tool_call', 'tool_result', 'stop'
        @(Get-EmulatorRequest).Count | Should -Be 1
        # -Type and -Name apply within the turns.
        ($failed | Get-LlamaChatEvent -Type tool* @Conn).Index | Should -Be 6, 7
    }

    It 'consecutive turns of one session share a request; each session keeps its place in the output' {
        $turns = @(Get-LlamaChatTurn -SessionId ses-demo, ses-abc123 @Conn)
        $turns.Count | Should -Be 3
        Clear-EmulatorRequest
        $events = $turns | Get-LlamaChatEvent -Type user_input, stop @Conn
        ($events | ForEach-Object { "$($_.SessionId):$($_.Index)" }) -join ' ' | Should -Be 'ses-demo:0 ses-demo:21 ses-abc123:0 ses-abc123:10 ses-abc123:11 ses-abc123:17'
        @(Get-EmulatorRequest).Count | Should -Be 2
        # -Turn, as a parameter, the same.
        (Get-LlamaChatEvent -Turn $turns[2] -Type tool_call @Conn).CallId | Should -Be 'call_a2'
    }

    It 'the first turn of a long history gives exactly its events' {
        $first = Get-LlamaChatTurn -SessionId ses-gen-20000 @Conn | Select-Object -First 1
        $events = $first | Get-LlamaChatEvent @Conn
        $events.Count | Should -Be $first.EventCount
        $events[0].Index | Should -Be $first.FirstIndex
        $events[-1].Index | Should -Be $first.LastIndex
        $events[-1].Type | Should -Be 'stop'
    }

    It 'a turn from a live stream, whose place in the history is unknown, is one LlamaCloud.TurnNotInHistory error' {
        $turn = Send-LlamaChatMessage -SessionId ses-demo -Prompt 'And the risks?' @Conn | Get-LlamaChatTurn
        $turn.FirstIndex | Should -BeNullOrEmpty
        Clear-EmulatorRequest
        $out = $turn | Get-LlamaChatEvent @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.TurnNotInHistory,*'
        $errs[0].Exception.Message | Should -Be "Turn 1 of session 'ses-demo' came from a live stream: where its events lie in the history is not known. Read them with Get-LlamaChatEvent -SessionId ses-demo."
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'piped events are filtered as they are, without a request' {
        $all = Get-LlamaChatEvent -SessionId ses-demo @Conn
        Clear-EmulatorRequest
        $calls = $all | Get-LlamaChatEvent -Type tool_call
        $calls.CallId | Should -Be 'call_1', 'call_2'
        ($all | Get-LlamaChatEvent -Name read*).Type | Should -Be 'tool_call', 'tool_result'
        @($all | Get-LlamaChatEvent).Count | Should -Be $all.Count
        @(Get-EmulatorRequest).Count | Should -Be 0
    }
}

Describe 'Get-LlamaChatEvent -Type with wildcards and a did-you-mean warning' {
    BeforeAll { Reset-Emulator }

    It 'tool* is tool_call and tool_result, without a warning' {
        $e = Get-LlamaChatEvent -SessionId ses-demo -Type tool* @Conn -WarningVariable w 3>$null
        $e.Type | Should -Be 'tool_call', 'tool_result', 'tool_call', 'tool_result'
        @($w).Count | Should -Be 0
        (Get-LlamaChatSession -Id ses-demo @Conn | Get-LlamaChatEvent -Type '*text*').Type | Select-Object -Unique | Should -Be 'text_delta', 'text'
        @(Get-LlamaChatEvent -SessionId ses-unknown @Conn).Count | Should -Be 12   # the fixture's twelve events
        @(Get-LlamaChatEvent -SessionId ses-unknown -Type * @Conn).Count | Should -Be 12
    }

    It 'a name that is no type says which types it may have meant' {
        $e = Get-LlamaChatEvent -SessionId ses-demo -Type tool @Conn -WarningVariable w 3>$null
        $e | Should -BeNullOrEmpty
        @($w).Count | Should -Be 1
        $w[0].Message | Should -Be "-Type tool: not a type this module knows; matching UnknownEvents of that wire type. Did you mean tool_call or tool_result? Known types: user_input, thinking_delta, thinking, tool_call, tool_result, text_delta, text, stop, unknown."
        $null = Get-LlamaChatEvent -SessionId ses-demo -Type toolcall, stops @Conn -WarningVariable w2 3>$null
        $w2[0].Message | Should -BeLike '*Did you mean tool_call (for toolcall); stop (for stops)?*'
    }

    It 'a pattern that matches no known type selects unknown events of matching wire types, and says so' {
        $e = Get-LlamaChatEvent -SessionId ses-unknown -Type cit* @Conn -WarningVariable w 3>$null
        $e.Type | Should -Be 'citation'
        $e | Should -BeOfType LlamaCloud.Chat.UnknownEvent
        $w[0].Message | Should -BeLike '-Type cit`*: matches no type this module knows; matching UnknownEvents whose wire type it matches. Known types:*'
    }
}
