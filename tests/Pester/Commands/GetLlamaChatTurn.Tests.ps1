BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')

    # Every field of a turn and its tool calls as one string: two lists of turns are the same when these are.
    function Get-TurnText($Turns) {
        foreach ($t in $Turns) {
            $calls = foreach ($c in $t.ToolCalls) {
                '{0}|{1}|{2}|{3}|{4}|{5}|{6}|{7}|{8}' -f $c.Name, $c.CallId, $c.ArgumentsJson, $c.ResultJson, $c.HasCall, $c.HasResult, $c.CallIndex, $c.ResultIndex, $c.ImageAttachment
            }
            $u = if ($t.Usage) { $t.Usage.ToString() } else { '' }
            '{0}#{1}|{2}|{3}|{4}|{5}|{6}|{7}|{8}|{9}|{10}|{11}|{12}|[{13}]' -f $t.SessionId, $t.Number, $t.Prompt, $t.Answer, $t.Thinking, $u,
                $t.IsError, $t.Error, $t.IsComplete, $t.FirstIndex, $t.LastIndex, $t.EventCount, @($t.OtherEvents).Count, ($calls -join ';')
        }
    }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Get-LlamaChatTurn' {
    BeforeEach { Reset-Emulator }

    It 'shows the demo''s turn with its answer, reasoning and paired tool calls, from one request' {
        $turn = Get-LlamaChatTurn -SessionId ses-demo @Conn
        @($turn).Count | Should -Be 1
        $turn | Should -BeOfType LlamaCloud.Chat.ChatTurn
        $turn.SessionId | Should -Be 'ses-demo'
        $turn.Number | Should -Be 1
        $turn.Prompt | Should -Be 'What were the main findings in Q3?'
        $turn.Answer | Should -BeExactly 'The main findings: revenue grew 12% while costs fell (see page 4).'
        $turn.Thinking | Should -BeExactly 'The user asks about the Q3 findings. I should search the index first.'
        $turn.ToolCalls.Name | Should -Be 'search_index', 'read_page'
        $turn.ToolCalls.CallId | Should -Be 'call_1', 'call_2'
        $turn.ToolCalls.HasResult | Should -Be $true, $true
        $turn.ToolCalls[0] | Should -BeOfType LlamaCloud.Chat.ChatToolCall
        $turn.ToolCalls[0].Arguments.filters.tags | Should -Be 'finance', 'q3'
        $turn.ToolCalls[0].Result.nodes[0].metadata.page | Should -Be 4
        $turn.ToolCalls[0].ImageAttachment.AttachmentName | Should -Be 'page_4.png'
        $turn.ToolCalls[1].Result | Should -BeExactly 'Page 4: Revenue grew 12% year over year, driven by subscriptions; costs fell 3%.'
        $turn.ToolCalls[1].ImageAttachment | Should -BeNullOrEmpty
        $turn.Usage.TotalInputTokens | Should -Be 1200
        $turn.Usage.TotalOutputTokens | Should -Be 340
        $turn.IsError | Should -BeFalse
        $turn.IsComplete | Should -BeTrue
        $turn.FirstIndex, $turn.LastIndex, $turn.EventCount | Should -Be 0, 21, 22
        @(Get-EmulatorRequest).path | Should -Be '/api/v1/chat/ses-demo'
    }

    It 'gives the same turns from piped events, from sessions and from ids' {
        $ids = 'ses-demo', 'ses-abc123', 'ses-err', 'ses-nulls', 'ses-unknown', 'ses-unicode', 'ses-empty', 'ses-hostile', 'ses-gen-5000'
        $byId = Get-TurnText (Get-LlamaChatTurn -SessionId $ids @Conn)
        $byEvents = Get-TurnText (Get-LlamaChatEvent -SessionId $ids @Conn | Get-LlamaChatTurn)
        $bySession = Get-TurnText (Get-LlamaChatSession -Id $ids @Conn | Get-LlamaChatTurn)
        $byId.Count | Should -Be (1 + 2 + 2 + 2 + 2 + 1 + 0 + 2 + 30)
        $byEvents | Should -Be $byId
        $bySession | Should -Be $byId
    }

    It 'turns a piped lazily read session without building and keeping its events, and a materialized one the same' {
        $flags = [Reflection.BindingFlags]'NonPublic,Instance'
        $ids = 'ses-demo', 'ses-err', 'ses-unknown', 'ses-gen-5000'
        $byId = Get-TurnText (Get-LlamaChatTurn -SessionId $ids @Conn)
        @($byId).Count | Should -Be 35
        $sessions = @(Get-LlamaChatSession -Id $ids @Conn)
        $sessions.SessionId | Should -Be $ids
        Clear-EmulatorRequest
        $bySession = Get-TurnText ($sessions | Get-LlamaChatTurn)
        $bySession | Should -Be $byId
        @(Get-EmulatorRequest).Count | Should -Be 0 # the loaded events are used, not fetched again
        foreach ($s in $sessions) {
            $lazy = $s.GetType().GetProperty('Lazy', $flags).GetValue($s)
            $lazy.GetType().FullName | Should -Be 'LlamaCloud.Chat.Serialization.LazyEvents'
            $lazy.GetType().GetProperty('IsMaterialized', $flags).GetValue($lazy) | Should -BeFalse
        }
        # Once built (Events read), the same turns from the built events.
        $sessions[1].Events.Count | Should -Be $sessions[1].EventCount
        $lazy = $sessions[1].GetType().GetProperty('Lazy', $flags).GetValue($sessions[1])
        $lazy.GetType().GetProperty('IsMaterialized', $flags).GetValue($lazy) | Should -BeTrue
        Get-TurnText ($sessions | Get-LlamaChatTurn) | Should -Be $byId
        Get-TurnText (Get-LlamaChatTurn -Session $sessions) | Should -Be $byId
        Get-TurnText (Get-LlamaChatTurn $sessions[0]) | Should -Be (Get-TurnText (Get-LlamaChatTurn ses-demo @Conn))
    }

    It 'numbers turns per session and keeps events outside a prompt and stop as turns without a prompt' {
        $t = Get-LlamaChatTurn -SessionId ses-abc123, ses-nulls @Conn
        $t.SessionId | Should -Be 'ses-abc123', 'ses-abc123', 'ses-nulls', 'ses-nulls'
        $t.Number | Should -Be 1, 2, 1, 2
        $t[3].Prompt | Should -BeNullOrEmpty
        $t[3].EventCount | Should -Be 1
        $t[3].IsComplete | Should -BeTrue
        $t[2].ToolCalls[0].ResultJson | Should -Be 'null'
        $t[2].ToolCalls[0].HasResult | Should -BeTrue
    }

    It 'takes usage and errors from each turn''s stop event' {
        $t = Get-LlamaChatTurn ses-err @Conn
        $t.IsError | Should -Be $false, $true
        $t[1].Error | Should -Be 'Tool timeout'
        $t[1].Answer | Should -BeExactly ''
        $t[0].Answer | Should -BeExactly 'Looking it up.'
        $t.Usage.TotalOutputTokens | Should -Be 6, 12
    }

    It 'keeps an interrupted answer, an unanswered call and unknown events' {
        $t = Get-LlamaChatTurn -SessionId ses-hostile @Conn
        $t[1].Answer | Should -BeLike '<img src=x onerror=*interrupted <script>*'
        $t[1].ToolCalls.HasResult | Should -Be $false
        $t[1].ToolCalls.ResultJson | Should -BeNullOrEmpty
        $u = Get-LlamaChatTurn -SessionId ses-unknown @Conn
        # A stop-shaped untyped event ends the first turn; what follows until the next stop is a turn without a prompt.
        $u.Prompt | Should -Be 'Show me the citations', $null
        $u[0].OtherEvents.Type | Should -Be 'citation', $null
        $u[1].OtherEvents.RawJson | Should -Be '{"weird":true}'
        $u[1].ToolCalls.CallId | Should -Be 'c10'
    }

    It 'takes ids from the pipeline, by value and by property name, with the Id alias' {
        ('ses-demo' | Get-LlamaChatTurn @Conn).Number | Should -Be 1
        ([pscustomobject]@{ SessionId = 'ses-err' } | Get-LlamaChatTurn @Conn).Number | Should -Be 1, 2
        (Get-LlamaChatTurn -Id ses-abc123 @Conn).Number | Should -Be 1, 2
    }

    It 'streams listed sessions (no events loaded) by id: one request each' {
        $listed = Get-LlamaChatSession -First 3 @Conn
        Clear-EmulatorRequest
        $t = $listed | Get-LlamaChatTurn
        $t.SessionId | Select-Object -Unique | Should -Be $listed.SessionId
        # Fetched ahead concurrently, so the requests may reach the server in any order; the turns come out in order.
        @(Get-EmulatorRequest).path | Sort-Object | Should -Be ($listed.SessionId | ForEach-Object { "/api/v1/chat/$_" } | Sort-Object)
    }

    It 'writes one error per missing session and goes on' {
        $t = 'ses-nope', 'ses-demo' | Get-LlamaChatTurn @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $t.SessionId | Should -Be 'ses-demo'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound,*'
        $errs[0].TargetObject | Should -Be 'ses-nope'
    }

    It 'writes each turn as soon as it is complete, before the body has finished downloading' {
        Add-Fault @{ path = 'ses-gen-3000'; kind = 'slow'; chunkBytes = 4096; chunkDelayMs = 100; times = -1 }
        $m = Measure-FirstOutput { Get-LlamaChatTurn -SessionId ses-gen-3000 @Conn }
        $m.Count | Should -Be 19
        $m.Total | Should -BeGreaterThan 3
        $m.FirstAt | Should -BeLessThan ($m.Total / 4)
    }

    It 'renders a table with one line per turn, grouped by session' {
        $text = Get-LlamaChatTurn -SessionId ses-demo, ses-err @Conn | Out-String -Width 150
        $lines = $text -split "`r?`n"
        @($lines | Where-Object { $_ -match '^\s*Turn\s+Prompt\s+Answer\s+Tools\s+Tokens in/out$' }).Count | Should -Be 2
        @($lines | Where-Object { $_ -match '^\s*Session: ses-(demo|err)' }).Count | Should -Be 2
        $lines | Where-Object { $_ -match '^\s*1 What were the main findings in' } | Should -Match '\s2\s+1200/340\s*$'
        # A failed turn's error leads its answer (the table has no Error column of its own: it fits 80 columns).
        $lines | Where-Object { $_ -match '^\s*2 Try again' } | Should -Match '\[error\] Tool timeout\s+1\s+800/12\s*$'
    }

    It 'renders a list with the whole prompt, answer and each tool call' {
        $text = Get-LlamaChatTurn -SessionId ses-demo @Conn | Format-List | Out-String -Width 400
        $text | Should -Match 'Prompt\s+: What were the main findings in Q3\?'
        $text | Should -Match 'Answer\s+: The main findings: revenue grew 12% while costs fell \(see page 4\)\.'
        $text | Should -Match '1\. search_index\(\{"query":"Q3 findings".*\) → \{"nodes"'
        $text | Should -Match '2\. read_page\(\{"file":"q3\.pdf","page":4\}\) → "Page 4'
        $text | Should -Match 'Events\s+: 0\.\.21 \(22 events\)'
    }
}
