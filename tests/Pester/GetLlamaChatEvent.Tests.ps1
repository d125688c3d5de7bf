BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
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
        $unknown.Count | Should -BeGreaterOrEqual 3
        ($unknown | Where-Object { $_.RawJson -like '*untyped text*' }) | Should -Not -BeNullOrEmpty
        ($events | Where-Object { $_ -is [LlamaCloud.Chat.ToolCallEvent] -and $_.CallId -eq 'c9' }).Name | Should -Be 'lookup'
    }

    It 'takes several types at once, case-insensitively' {
        $e = Get-LlamaChatEvent -SessionId ses-demo -Type TOOL_CALL, Stop @Conn
        ($e.Type | Sort-Object -Unique) | Should -Be 'stop', 'tool_call'
    }

    It 'rejects an unknown type name at binding' {
        { Get-LlamaChatEvent -SessionId ses-demo -Type tool_calls @Conn } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
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
        ([pscustomobject]@{ SessionId = 'ses-abc123' } | Get-LlamaChatEvent -Type tool_call @Conn).Count | Should -BeGreaterThan 0
        (Get-LlamaChatEvent -Id ses-abc123 -Type tool_call @Conn).Count | Should -BeGreaterThan 0
        ('ses-abc123' | Get-LlamaChatEvent -Type tool_call @Conn).Count | Should -BeGreaterThan 0
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
        $n.Count | Should -BeGreaterThan 0
        $u = Get-LlamaChatEvent -SessionId ses-unicode @Conn
        ($u | Where-Object { $_.Content -like '*日本語*' }) | Should -Not -BeNullOrEmpty
        ($u | Where-Object { $_.Name -eq 'поиск' }) | Should -Not -BeNullOrEmpty
    }

    It 'writes the first event before the body has finished downloading' {
        Reset-Emulator
        Add-Fault @{ path = 'ses-gen-3000'; kind = 'slow'; chunkBytes = 4096; chunkDelayMs = 100; times = -1 }
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $firstAt = $null
        $count = 0
        Get-LlamaChatEvent -SessionId ses-gen-3000 @Conn | ForEach-Object {
            if ($null -eq $firstAt) { $firstAt = $sw.Elapsed.TotalSeconds }
            $count++
        }
        $total = $sw.Elapsed.TotalSeconds
        $count | Should -Be 3000
        $total | Should -BeGreaterThan 3
        $firstAt | Should -BeLessThan ($total / 4)
    }
}
