BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    . (Join-Path $PSScriptRoot '../OtlpSchema.ps1')
    $script:ContentKeys = 'gen_ai.input.messages', 'gen_ai.output.messages', 'gen_ai.tool.call.arguments', 'gen_ai.tool.call.result'
    # Unix nanoseconds of an emulator timestamp (UTC, microseconds).
    function ConvertTo-Nanos([string] $Text) {
        $t = [datetime]::ParseExact($Text, 'yyyy-MM-ddTHH:mm:ss.ffffff', [Globalization.CultureInfo]::InvariantCulture, 'AdjustToUniversal,AssumeUniversal')
        [long](($t.Ticks - [datetime]::new(1970, 1, 1, 0, 0, 0, [DateTimeKind]::Utc).Ticks) * 100)
    }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'ConvertTo-LlamaChatTrace' {
    BeforeEach { Reset-Emulator }

    It 'maps ses-demo to one invoke_agent span and one execute_tool child per tool call, valid against the OTLP schema' {
        $trace = Get-LlamaChatSession -Id ses-demo @Conn | ConvertTo-LlamaChatTrace
        @($trace).Count | Should -Be 1
        $trace | Should -BeOfType ([LlamaCloud.Chat.ChatTrace])
        $trace.TurnCount | Should -Be 1
        $trace.ToolCallCount | Should -Be 2
        $check = Test-OtlpSchema $trace.Json
        $check.errors | Should -BeNullOrEmpty
        $check.ok | Should -BeTrue
        $check.resourceSpans | Should -Be 1
        $check.spans | Should -Be 3
        $check.traceIds | Should -Be @($trace.TraceId)

        $doc = $trace.Json | ConvertFrom-Json
        $doc.resourceSpans[0].schemaUrl | Should -Be 'https://opentelemetry.io/schemas/1.41.0'
        $doc.resourceSpans[0].scopeSpans[0].scope.name | Should -Be 'LlamaCloud.Chat'
        Get-OtlpAttribute $doc.resourceSpans[0].resource 'service.name' | Should -Be 'llama-cloud-chat'
        Get-OtlpAttribute $doc.resourceSpans[0].resource 'llama_cloud.module.name' | Should -Be 'LlamaCloud.Chat'
        Get-OtlpAttribute $doc.resourceSpans[0].resource 'llama_cloud.module.version' | Should -Be (Get-Module LlamaCloud.Chat).Version.ToString()
        $spans = @(Get-OtlpSpan $doc)
        $spans.name | Should -Be @('invoke_agent', 'execute_tool search_index', 'execute_tool read_page')
        $spans.kind | Should -Be @(3, 1, 1)
        $turn = $spans[0]
        $turn.PSObject.Properties['parentSpanId'] | Should -BeNullOrEmpty
        $spans[1].parentSpanId | Should -Be $turn.spanId
        $spans[2].parentSpanId | Should -Be $turn.spanId
        Get-OtlpAttribute $turn 'gen_ai.operation.name' | Should -Be 'invoke_agent'
        Get-OtlpAttribute $turn 'gen_ai.provider.name' | Should -Be 'llama_cloud'
        Get-OtlpAttribute $turn 'gen_ai.conversation.id' | Should -Be 'ses-demo'
        Get-OtlpAttribute $turn 'gen_ai.usage.input_tokens' | Should -Be '1200'
        Get-OtlpAttribute $turn 'gen_ai.usage.output_tokens' | Should -Be '340'
        $turn.PSObject.Properties['status'] | Should -BeNullOrEmpty
        Get-OtlpAttribute $spans[1] 'gen_ai.operation.name' | Should -Be 'execute_tool'
        Get-OtlpAttribute $spans[1] 'gen_ai.tool.name' | Should -Be 'search_index'
        Get-OtlpAttribute $spans[1] 'gen_ai.tool.call.id' | Should -Be 'call_1'
        Get-OtlpAttribute $spans[2] 'gen_ai.tool.call.id' | Should -Be 'call_2'
        foreach ($s in $spans) { Get-OtlpAttribute $s 'llama_cloud.timing' | Should -Be 'reconstructed' }
    }

    It 'reconstructs time: the last turn ends at last_updated_at, turns last their duration_ms without overlap, tools stay inside' {
        $trace = ConvertTo-LlamaChatTrace -SessionId ses-abc123 @Conn
        $spans = @(Get-OtlpSpan ($trace.Json | ConvertFrom-Json))
        $turns = @($spans | Where-Object kind -eq 3)
        $tools = @($spans | Where-Object kind -eq 1)
        $turns.Count, $tools.Count | Should -Be 2, 2   # ses-abc123: two turns, a tool call in each
        $end = ConvertTo-Nanos '2026-04-21T09:15:02.118734'
        [long]$turns[1].endTimeUnixNano | Should -Be $end
        [long]$turns[1].startTimeUnixNano | Should -Be ($end - 1110250000)
        [long]$turns[0].endTimeUnixNano | Should -Be ([long]$turns[1].startTimeUnixNano)
        [long]$turns[0].startTimeUnixNano | Should -Be ($end - 1110250000 - 1100000000)
        $trace.EndTime | Should -Be ([datetime]::new(2026, 4, 21, 9, 15, 2, [DateTimeKind]::Utc).AddTicks(1187340))
        foreach ($tool in $tools) {
            $parent = @($turns | Where-Object spanId -eq $tool.parentSpanId)
            $parent.Count | Should -Be 1 -Because "tool span $($tool.spanId) has its turn"
            $parent = $parent[0]
            [long]$tool.startTimeUnixNano | Should -BeGreaterOrEqual ([long]$parent.startTimeUnixNano)
            [long]$tool.endTimeUnixNano | Should -BeLessOrEqual ([long]$parent.endTimeUnixNano)
            [long]$tool.endTimeUnixNano | Should -BeGreaterOrEqual ([long]$tool.startTimeUnixNano)
        }
    }

    It 'uses the documented 1000 ms for turns that report no duration, and says so' {
        $spans = @(Get-OtlpSpan ((ConvertTo-LlamaChatTrace -SessionId ses-nulls @Conn).Json | ConvertFrom-Json))
        $spans.Count | Should -Be 3   # the prompt's turn with its tool call, and a second stop that forms a turn of its own
        $turns = @($spans | Where-Object kind -eq 3)
        $turns.Count | Should -Be 2
        foreach ($t in $turns) {
            ([long]$t.endTimeUnixNano - [long]$t.startTimeUnixNano) | Should -Be 1000000000
            Get-OtlpAttribute $t 'llama_cloud.turn.duration_reported' | Should -BeFalse
        }
        [long]$turns[1].endTimeUnixNano | Should -Be (ConvertTo-Nanos '2026-04-18T06:30:00.250000')
    }

    It 'marks a failed turn with status ERROR and error.type' {
        $spans = @(Get-OtlpSpan ((ConvertTo-LlamaChatTrace -SessionId ses-err @Conn).Json | ConvertFrom-Json))
        $turns = @($spans | Where-Object kind -eq 3)
        $turns.Count | Should -Be 2
        $turns[0].PSObject.Properties['status'] | Should -BeNullOrEmpty
        $turns[1].status.code | Should -Be 2
        $turns[1].status.message | Should -Be 'Tool timeout'
        Get-OtlpAttribute $turns[1] 'error.type' | Should -Be '_OTHER'
    }

    It 'writes no content attribute and none of the conversation text without -IncludeContent (<Id>)' -TestCases @(
        @{ Id = 'ses-demo'; Text = 'What were the main findings' }, @{ Id = 'ses-abc123'; Text = 'q4.pdf' },
        @{ Id = 'ses-unicode'; Text = '日本語' }, @{ Id = 'ses-err'; Text = 'Q4 forecast' },
        @{ Id = 'ses-unknown'; Text = 'citations' }, @{ Id = 'ses-nulls'; Text = 'Nothing found' }
    ) {
        $json = (ConvertTo-LlamaChatTrace -SessionId $Id @Conn).Json
        foreach ($k in $ContentKeys) { $json.Contains($k) | Should -BeFalse -Because $k }
        $json.Contains($Text) | Should -BeFalse
        (Test-OtlpSchema $json).ok | Should -BeTrue
    }

    It 'records prompt, answer, reasoning and tool I/O in the conventions'' shape with -IncludeContent' {
        $trace = ConvertTo-LlamaChatTrace -SessionId ses-demo -IncludeContent @Conn
        $check = Test-OtlpSchema $trace.Json
        $check.errors | Should -BeNullOrEmpty
        $check.messages | Should -Be 2   # input and output messages, each valid against the conventions' JSON schema
        $spans = @(Get-OtlpSpan ($trace.Json | ConvertFrom-Json))
        $in = Get-OtlpAttribute $spans[0] 'gen_ai.input.messages' | ConvertFrom-Json
        @($in).Count | Should -Be 1
        $in[0].role | Should -Be 'user'
        $in[0].parts[0].type | Should -Be 'text'
        $in[0].parts[0].content | Should -Be 'What were the main findings in Q3?'
        $out = Get-OtlpAttribute $spans[0] 'gen_ai.output.messages' | ConvertFrom-Json
        $out[0].role | Should -Be 'assistant'
        $out[0].finish_reason | Should -Be 'stop'
        $out[0].parts.type | Should -Be @('reasoning', 'text')
        $out[0].parts[0].content | Should -Be 'The user asks about the Q3 findings. I should search the index first.'
        $out[0].parts[1].content | Should -Be 'The main findings: revenue grew 12% while costs fell (see page 4).'
        $call = (Get-LlamaChatEvent -SessionId ses-demo -Type tool_call @Conn)[0]
        $result = (Get-LlamaChatEvent -SessionId ses-demo -Type tool_result @Conn)[0]
        Get-OtlpAttribute $spans[1] 'gen_ai.tool.call.arguments' | Should -Be $call.ArgumentsJson
        Get-OtlpAttribute $spans[1] 'gen_ai.tool.call.result' | Should -Be $result.ResultJson
    }

    It 'keeps every message attribute valid against the GenAI JSON schemas (<Id>)' -TestCases @(
        @{ Id = 'ses-abc123' }, @{ Id = 'ses-unicode' }, @{ Id = 'ses-err' }, @{ Id = 'ses-nulls' }, @{ Id = 'ses-unknown' }, @{ Id = 'ses-gen-3000' }
    ) {
        $trace = ConvertTo-LlamaChatTrace -SessionId $Id -IncludeContent @Conn
        $check = Test-OtlpSchema $trace.Json
        $check.errors | Should -BeNullOrEmpty
        $check.messages | Should -Be (2 * $trace.TurnCount)
    }

    It 'gives the same ids and document on every export, whether from the session or its id, and distinct ids across sessions' {
        $a = (Get-LlamaChatSession -Id ses-abc123 @Conn | ConvertTo-LlamaChatTrace).Json
        $b = (ConvertTo-LlamaChatTrace -SessionId ses-abc123 @Conn).Json
        $b | Should -BeExactly $a
        # The documented derivation: the first 16 bytes of SHA-256("llama-cloud-chat trace\n" + session id).
        $sha = [Security.Cryptography.SHA256]::Create()
        $expected = -join ($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes("llama-cloud-chat trace`nses-abc123"))[0..15] | ForEach-Object { $_.ToString('x2') })
        ($a | ConvertFrom-Json).resourceSpans[0].scopeSpans[0].spans[0].traceId | Should -Be $expected

        $all = 'ses-demo', 'ses-abc123', 'ses-unicode', 'ses-err', 'ses-nulls', 'ses-fix-03', 'ses-fix-06' | ConvertTo-LlamaChatTrace @Conn
        $checks = $all | ForEach-Object { Test-OtlpSchema $_.Json }
        ($checks.traceIds | Sort-Object -Unique).Count | Should -Be 7
        $spanIds = @($checks | ForEach-Object { $_.spanIds })
        $spanIds.Count | Should -Be (($all | Measure-Object SpanCount -Sum).Sum)
        ($spanIds | Sort-Object -Unique).Count | Should -Be $spanIds.Count
    }

    It 'makes the same trace from piped turns as from the session id, one trace per session' {
        $fromTurns = Get-LlamaChatTurn -SessionId ses-abc123, ses-demo @Conn | ConvertTo-LlamaChatTrace @Conn
        @($fromTurns).SessionId | Should -Be @('ses-abc123', 'ses-demo')
        $fromTurns[0].Json | Should -BeExactly (ConvertTo-LlamaChatTrace -SessionId ses-abc123 @Conn).Json
        $fromTurns[1].Json | Should -BeExactly (ConvertTo-LlamaChatTrace -SessionId ses-demo @Conn).Json
    }

    It 'gives a turn exported alone the span ids it has in the whole session' {
        $whole = @(Get-OtlpSpan ((ConvertTo-LlamaChatTrace -SessionId ses-abc123 @Conn).Json | ConvertFrom-Json))
        $alone = @(Get-OtlpSpan ((Get-LlamaChatTurn -SessionId ses-abc123 @Conn | Select-Object -Last 1 | ConvertTo-LlamaChatTrace @Conn).Json | ConvertFrom-Json))
        $alone.Count | Should -Be 2
        $alone.spanId | Should -Be @($whole[2].spanId, $whole[3].spanId)
        $alone[1].parentSpanId | Should -Be $whole[2].spanId
        Get-OtlpAttribute $alone[0] 'llama_cloud.turn.number' | Should -Be '2'
    }

    It 'converts saved sessions without a key or network, to the same document as the live session' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) "llama-trace-offline-$PID"
        try {
            $file = Get-LlamaChatSession -Id ses-abc123 @Conn | Export-LlamaChatSession -Path $dir -PassThru
            Clear-EmulatorRequest
            $offline = Get-LlamaChatSession -Path $file.FullName | ConvertTo-LlamaChatTrace
            @(Get-EmulatorRequest).Count | Should -Be 0
            $offline.Json | Should -BeExactly (ConvertTo-LlamaChatTrace -SessionId ses-abc123 @Conn).Json
        }
        finally { Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue }
    }

    It 'sets service.name from -ServiceName' {
        $doc = (ConvertTo-LlamaChatTrace -SessionId ses-fix-01 -ServiceName 'support-agent' @Conn).Json | ConvertFrom-Json
        Get-OtlpAttribute $doc.resourceSpans[0].resource 'service.name' | Should -Be 'support-agent'
    }

    It 'streams a generated 20,000-event session into one span per turn, and makes two requests for it' {
        Clear-EmulatorRequest
        $trace = ConvertTo-LlamaChatTrace -SessionId ses-gen-20000 @Conn
        # The prompts and calls of the emulator's raw body, as ConvertFrom-Json (not the module) reads it.
        $raw = @((Invoke-RestMethod "$Url/api/v1/chat/ses-gen-20000" -Headers @{ Authorization = "Bearer $Key" }).events)
        $raw.Count | Should -Be 20000
        $turns = @($raw | Where-Object type -eq 'user_input').Count
        $turns | Should -BeGreaterThan 1
        $trace.TurnCount | Should -Be $turns
        $trace.ToolCallCount | Should -Be @($raw | Where-Object type -eq 'tool_call').Count
        $check = Test-OtlpSchema $trace.Json
        $check.ok | Should -BeTrue
        $check.spans | Should -Be $trace.SpanCount
        @(Get-EmulatorRequest | Where-Object path -like '/api/v1/chat/ses-gen-20000*').Count | Should -Be 3  # summary + stream here, then the raw read of the expected counts
    }

    It 'gives one error per missing session and goes on' {
        $traces = 'ses-missing', 'ses-fix-02' | ConvertTo-LlamaChatTrace @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        @($traces).SessionId | Should -Be @('ses-fix-02')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound,*'
        $errs[0].TargetObject | Should -Be 'ses-missing'
    }
}
