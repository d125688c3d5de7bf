# -Profile Generic|Langfuse|Phoenix on ConvertTo-/Export-LlamaChatTrace (issue 21, docs/traces.md).
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    . (Join-Path $PSScriptRoot '../OtlpSchema.ps1')
    $script:Sessions = 'ses-demo', 'ses-abc123', 'ses-unicode', 'ses-unknown', 'ses-nulls', 'ses-err', 'ses-empty', 'ses-hostile', 'ses-pii'
    function Get-Attributes($Span) { @($Span.attributes | ForEach-Object key) }
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "llama-profile-$PID"
    $null = New-Item -ItemType Directory -Force -Path $Dir
    $script:Version = (Get-Module LlamaCloud.Chat).Version.ToString(3)
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
}

Describe 'Generic' {
    It 'is the output of the module before profiles existed, byte for byte, with and without -IncludeContent' {
        # tests/Pester/data/trace-generic.jsonl: written by the module as it was before issue 21 (main at 71a974c),
        # against this emulator, two lines per session (without, then with -IncludeContent). Only the version moves.
        $golden = @(Get-Content (Join-Path $PSScriptRoot '../data/trace-generic.jsonl'))
        $golden.Count | Should -Be 18
        $i = 0
        foreach ($id in $Sessions) {
            foreach ($content in $false, $true) {
                $expected = $golden[$i++].Replace('"0.1.0"', '"' + $Version + '"')
                (ConvertTo-LlamaChatTrace -Id $id @Conn -IncludeContent:$content -Profile Generic).Json | Should -BeExactly $expected
                (ConvertTo-LlamaChatTrace -Id $id @Conn -IncludeContent:$content).Json | Should -BeExactly $expected
            }
        }
    }
}

Describe 'Langfuse' {
    BeforeEach { Reset-Emulator }

    It 'puts langfuse.session.id and session.id on every span, and user.id / langfuse.user.id with -UserId' {
        $plain = ConvertTo-LlamaChatTrace -Id ses-demo @Conn -Profile Langfuse
        $spans = @(Get-OtlpSpan ($plain.Json | ConvertFrom-Json))
        $spans.Count | Should -Be 3
        foreach ($s in $spans) {
            Get-OtlpAttribute $s 'langfuse.session.id' | Should -BeExactly 'ses-demo'
            Get-OtlpAttribute $s 'session.id' | Should -BeExactly 'ses-demo'
            Get-OtlpAttribute $s 'user.id' | Should -BeNullOrEmpty
        }
        $withUser = ConvertTo-LlamaChatTrace -Id ses-demo @Conn -Profile Langfuse -UserId 'u-1042'
        $userSpans = @(Get-OtlpSpan ($withUser.Json | ConvertFrom-Json))
        $userSpans.Count | Should -Be 3
        foreach ($s in $userSpans) {
            Get-OtlpAttribute $s 'user.id' | Should -BeExactly 'u-1042'
            Get-OtlpAttribute $s 'langfuse.user.id' | Should -BeExactly 'u-1042'
        }
        # Only additions: the Generic attributes stay, in their order, first.
        $generic = @(Get-OtlpSpan ((ConvertTo-LlamaChatTrace -Id ses-demo @Conn).Json | ConvertFrom-Json))
        for ($i = 0; $i -lt 3; $i++) {
            $keys = Get-Attributes $spans[$i]
            $keys[0..($generic[$i].attributes.Count - 1)] | Should -Be (Get-Attributes $generic[$i])
            $keys.Count | Should -Be ($generic[$i].attributes.Count + 2)
        }
    }

    It 'sends x-langfuse-ingestion-version: 4 with -Endpoint, and a value given with -Header wins' {
        Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatTrace -Endpoint $Url -Profile Langfuse @Conn
        Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatTrace -Endpoint $Url @Conn
        Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatTrace -Endpoint $Url -Profile Langfuse -Header @{ 'X-Langfuse-Ingestion-Version' = '5' } @Conn
        $got = @(Get-OtlpRequest)
        $got.Count | Should -Be 3
        $got[0].headers.'x-langfuse-ingestion-version' | Should -Be '4'
        $got[1].headers.PSObject.Properties['x-langfuse-ingestion-version'] | Should -BeNullOrEmpty
        $got[2].headers.'x-langfuse-ingestion-version' | Should -Be '5'
        (Test-OtlpSchema $got[0].body -Type ExportTraceServiceRequest).ok | Should -BeTrue
    }
}

Describe 'Phoenix' {
    BeforeAll { $script:OpenInference = Get-OpenInferenceConvention }

    It 'writes only attribute names that @arizeai/openinference-semantic-conventions <_> exports' -TestCases @('2.12.0') {
        $OpenInference.version | Should -Be $_
        $generic = @(Get-OtlpSpan ((ConvertTo-LlamaChatTrace -Id ses-pii @Conn -IncludeContent).Json | ConvertFrom-Json) | ForEach-Object { Get-Attributes $_ }) | Sort-Object -Unique
        $phoenix = @(Get-OtlpSpan ((ConvertTo-LlamaChatTrace -Id ses-pii @Conn -IncludeContent -Profile Phoenix -UserId u-7).Json | ConvertFrom-Json) | ForEach-Object { Get-Attributes $_ }) | Sort-Object -Unique
        $added = @($phoenix | Where-Object { $_ -notin $generic })
        $added.Count | Should -Be 11
        foreach ($a in $added) { $a | Should -BeIn $OpenInference.attributes }
    }

    It 'marks turns AGENT and tool calls TOOL, with session, user, tool name and token counts' {
        $trace = ConvertTo-LlamaChatTrace -Id ses-demo @Conn -Profile Phoenix -UserId 'u-7'
        $spans = @(Get-OtlpSpan ($trace.Json | ConvertFrom-Json))
        $spans.Count | Should -Be 3   # ses-demo: one turn and its two tool calls
        $turn = $spans[0]
        Get-OtlpAttribute $turn 'openinference.span.kind' | Should -BeExactly 'AGENT'
        'AGENT', 'TOOL' | ForEach-Object { $_ | Should -BeIn $OpenInference.spanKinds }
        Get-OtlpAttribute $turn 'session.id' | Should -BeExactly 'ses-demo'
        Get-OtlpAttribute $turn 'user.id' | Should -BeExactly 'u-7'
        Get-OtlpAttribute $turn 'llm.token_count.prompt' | Should -Be (Get-OtlpAttribute $turn 'gen_ai.usage.input_tokens')
        Get-OtlpAttribute $turn 'llm.token_count.completion' | Should -Be (Get-OtlpAttribute $turn 'gen_ai.usage.output_tokens')
        [long](Get-OtlpAttribute $turn 'llm.token_count.total') | Should -Be ([long](Get-OtlpAttribute $turn 'gen_ai.usage.input_tokens') + [long](Get-OtlpAttribute $turn 'gen_ai.usage.output_tokens'))
        foreach ($tool in $spans[1..2]) {
            Get-OtlpAttribute $tool 'openinference.span.kind' | Should -BeExactly 'TOOL'
            Get-OtlpAttribute $tool 'tool.name' | Should -BeExactly (Get-OtlpAttribute $tool 'gen_ai.tool.name')
            Get-OtlpAttribute $tool 'session.id' | Should -BeExactly 'ses-demo'
        }
        # Content is opt-in here too.
        foreach ($s in $spans) { Get-Attributes $s | Should -Not -BeIn @('input.value', 'output.value', 'input.mime_type', 'output.mime_type') }
    }

    It 'with -IncludeContent: input.value and output.value with their mime types' {
        $turns = @(Get-LlamaChatTurn -Id ses-demo @Conn)
        $spans = @(Get-OtlpSpan ((ConvertTo-LlamaChatTrace -Id ses-demo @Conn -Profile Phoenix -IncludeContent).Json | ConvertFrom-Json))
        Get-OtlpAttribute $spans[0] 'input.value' | Should -BeExactly $turns[0].Prompt
        Get-OtlpAttribute $spans[0] 'input.mime_type' | Should -BeExactly 'text/plain'
        Get-OtlpAttribute $spans[0] 'output.value' | Should -BeExactly $turns[0].Answer
        Get-OtlpAttribute $spans[0] 'output.mime_type' | Should -BeExactly 'text/plain'
        Get-OtlpAttribute $spans[1] 'input.value' | Should -BeExactly $turns[0].ToolCalls[0].ArgumentsJson
        Get-OtlpAttribute $spans[1] 'input.mime_type' | Should -BeExactly 'application/json'
        Get-OtlpAttribute $spans[1] 'output.value' | Should -BeExactly $turns[0].ToolCalls[0].ResultJson
        Get-OtlpAttribute $spans[1] 'output.mime_type' | Should -BeExactly 'application/json'
        'text/plain', 'application/json' | ForEach-Object { $_ | Should -BeIn $OpenInference.mimeTypes }
    }
}

Describe 'Every profile' {
    It '<Profile>: every document of every fixture session decodes with the OTLP decoders, with the ids and times of Generic' -TestCases @(
        @{ Profile = 'Generic' }, @{ Profile = 'Langfuse' }, @{ Profile = 'Phoenix' }
    ) {
        $file = Join-Path $Dir "$Profile.jsonl"
        # ses-empty has no turns: its empty span list does not survive validate.js's protobuf round trip (a limit of the check).
        $Sessions | Where-Object { $_ -ne 'ses-empty' } | Export-LlamaChatTrace -Path $file -Force -Profile $Profile -IncludeContent -UserId 'u-1' @Conn
        $checks = @(Test-OtlpSchema (Get-Content -Raw $file) -Jsonl)
        $checks.Count | Should -Be ($Sessions.Count - 1)
        @($checks | Where-Object { -not $_.ok }).errors | Should -BeNullOrEmpty
        ($checks | Measure-Object spans -Sum).Sum | Should -Be 28
        $generic = @(Get-Content (Join-Path $Dir 'Generic.jsonl') -ErrorAction SilentlyContinue)
        if ($Profile -ne 'Generic') {
            $mine = @(Get-Content $file)
            for ($i = 0; $i -lt $mine.Count; $i++) {
                $a = @(Get-OtlpSpan ($mine[$i] | ConvertFrom-Json)); $b = @(Get-OtlpSpan ($generic[$i] | ConvertFrom-Json))
                ($a | ForEach-Object { "$($_.traceId)/$($_.spanId)/$($_.parentSpanId)/$($_.startTimeUnixNano)/$($_.endTimeUnixNano)/$($_.name)" }) |
                    Should -Be ($b | ForEach-Object { "$($_.traceId)/$($_.spanId)/$($_.parentSpanId)/$($_.startTimeUnixNano)/$($_.endTimeUnixNano)/$($_.name)" })
            }
        }
    }
}
