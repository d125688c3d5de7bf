# -Redact, -RedactPattern, -RedactionKey (issue 21, docs/redaction.md): where they exist, what they write, their errors.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    . (Join-Path $PSScriptRoot '../OtlpSchema.ps1')
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "llama-redact-$PID"
    $script:Token = '\[(APIKEY|TOKEN|EMAIL|IBAN|CARD|IPV6|IPV4|PHONE):[0-9a-f]{12}\]'
    # The pseudonym as docs/redaction.md defines it, computed here independently of the module.
    function Get-Pseudonym([string] $Key, [string] $Label, [string] $Normalized) {
        $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($Key))
        try { $hash = $hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes("$Label`n$Normalized")) } finally { $hmac.Dispose() }
        '[' + $Label + ':' + (($hash[0..5] | ForEach-Object { $_.ToString('x2') }) -join '') + ']'
    }
    function Get-Unescaped([string] $Markdown) { $Markdown -replace '\\([!-/:-@\[-`{-~])', '$1' }
    # What a trace shows once per value: attribute values and status messages (a span's name repeats its tool's name).
    function Get-ShownTraceText([string[]] $Documents) {
        $parts = foreach ($d in $Documents) {
            foreach ($r in ($d | ConvertFrom-Json).resourceSpans) { foreach ($sc in $r.scopeSpans) { foreach ($span in $sc.spans) {
                foreach ($a in $span.attributes) { [string]$a.value.stringValue }
                if ($span.PSObject.Properties['status']) { [string]$span.status.message }
            } } }
        }
        $parts -join "`n"
    }
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
}

Describe 'The redaction parameters' {
    It '<_> has -Redact, -RedactPattern and -RedactionKey, described as on ConvertTo-LlamaChatTrace' -TestCases @('Export-LlamaChatTranscript', 'ConvertTo-LlamaChatTranscript', 'Export-LlamaChatTrace', 'ConvertTo-LlamaChatTrace', 'Export-LlamaChatTable') {
        $p = (Get-Command $_).Parameters
        $p['Redact'].ParameterType | Should -Be ([switch])
        $p['RedactPattern'].ParameterType | Should -Be ([System.Collections.IDictionary])
        $p['RedactionKey'].ParameterType | Should -Be ([securestring])
        # Export-LlamaChatTable declares them on its own base: word for word the same.
        $mine = @((Get-Help $_ -Full).parameters.parameter | Where-Object name -like 'Redact*')
        $reference = @((Get-Help ConvertTo-LlamaChatTrace -Full).parameters.parameter | Where-Object name -like 'Redact*')
        $mine.Count | Should -Be 3
        foreach ($r in $reference) {
            $text = { param($x) ((@($x.description) | ForEach-Object Text) -join "`n").Trim() }
            (& $text ($mine | Where-Object name -eq $r.name)).Substring(0, 120) | Should -BeExactly (& $text $r).Substring(0, 120)
        }
    }

    It '<_> has none of them: the archive stays byte for byte the server''s' -TestCases @('Export-LlamaChatSession', 'Sync-LlamaChatArchive') {
        $p = (Get-Command $_).Parameters
        @('Redact', 'RedactPattern', 'RedactionKey' | Where-Object { $p.ContainsKey($_) }).Count | Should -Be 0
    }
}

Describe 'Pseudonyms and the summary' {
    BeforeEach {
        Reset-Emulator
        Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
        $null = New-Item -ItemType Directory -Path $Dir
    }

    It 'with -RedactionKey, the same value gets the documented pseudonym in a transcript file and in a trace' {
        $expected = Get-Pseudonym 'team key' 'EMAIL' 'alice.smith@example.com'
        $file = Export-LlamaChatTranscript -Id ses-pii -Path $Dir @Conn -RedactionKey (ConvertTo-SecureString 'team key' -AsPlainText -Force) -PassThru
        $trace = ConvertTo-LlamaChatTrace -Id ses-pii @Conn -IncludeContent -RedactionKey 'team key'
        (Get-Unescaped (Get-Content -Raw $file.FullName)).Contains($expected) | Should -BeTrue
        $trace.Json.Contains($expected) | Should -BeTrue
        # Another run, the same key: the same document.
        (ConvertTo-LlamaChatTrace -Id ses-pii @Conn -IncludeContent -RedactionKey 'team key').Json | Should -BeExactly $trace.Json
    }

    It 'without a key, pseudonyms hold within a run and differ between runs' {
        $a = ConvertTo-LlamaChatTrace -Id ses-pii @Conn -IncludeContent -Redact -Verbose 4>&1
        $b = ConvertTo-LlamaChatTrace -Id ses-pii @Conn -IncludeContent -Redact
        $traceA = $a | Where-Object { $_ -is [LlamaCloud.Chat.ChatTrace] }
        $traceA.Json | Should -Not -BeExactly $b.Json
        $tokensA = @([regex]::Matches($traceA.Json, '\[EMAIL:[0-9a-f]{12}\]') | ForEach-Object Value | Sort-Object -Unique)
        $tokensA.Count | Should -Be 4 # the corpus's four addresses, each spelling once
        @($a | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'a random key for this run only' }).Count | Should -Be 1
    }

    It 'the Redaction rows count exactly the pseudonyms written (<Name>)' -TestCases @(
        @{ Name = 'ConvertTo-LlamaChatTrace'; Kind = 'trace' }
        @{ Name = 'ConvertTo-LlamaChatTranscript'; Kind = 'markdown' }
        @{ Name = 'Export-LlamaChatTranscript -PassThru'; Kind = 'file' }
        @{ Name = 'Export-LlamaChatTrace -Path -PassThru'; Kind = 'jsonl' }
    ) {
        switch ($Kind) {
            'trace' { $out = ConvertTo-LlamaChatTrace -Id ses-pii @Conn -IncludeContent -Redact; $text = Get-ShownTraceText $out.Json }
            'markdown' { $out = ConvertTo-LlamaChatTranscript -Id ses-pii @Conn -IncludeThinking -IncludeToolOutput -MaxToolOutputLength 0 -Redact; $text = Get-Unescaped $out }
            'file' { $out = Export-LlamaChatTranscript -Id ses-pii -Path $Dir @Conn -IncludeThinking -IncludeToolOutput -MaxToolOutputLength 0 -Redact -PassThru; $text = Get-Unescaped (Get-Content -Raw $out.FullName) }
            'jsonl' { $out = Export-LlamaChatTrace -Id ses-pii, ses-demo -Path (Join-Path $Dir 't.jsonl') @Conn -IncludeContent -Redact -PassThru; $text = Get-ShownTraceText (Get-Content $out.FullName) }
        }
        $rows = @($out.Redaction)
        $rows.Rule | Should -Be @('ApiKey', 'BearerToken', 'Email', 'Iban', 'PaymentCard', 'IPv6', 'IPv4', 'Phone')
        ($rows | Measure-Object Count -Sum).Sum | Should -Be ([regex]::Matches($text, $Token).Count)
        foreach ($r in $rows) {
            $r.Count | Should -Be ([regex]::Matches($text, '\[' + $r.Label + ':[0-9a-f]{12}\]').Count)
            $r.DistinctCount | Should -Be (@([regex]::Matches($text, '\[' + $r.Label + ':[0-9a-f]{12}\]') | ForEach-Object Value | Sort-Object -Unique).Count)
            $text | Should -Match ('\[' + $r.Label + ':[0-9a-f]{12}\]') -Because "the $($r.Rule) rule replaced something in ses-pii"
        }
    }

    It 'Export-LlamaChatTable: the result''s Redaction counts exactly the pseudonyms in the files, and a folder never mixes redaction settings' {
        $tables = Join-Path $Dir 'tables'
        $r = Export-LlamaChatTable -SessionId ses-pii, ses-demo -Path $tables -Format Ndjson @Conn -RedactionKey 'team key'
        ($r.New, $r.Failed) | Should -Be @(2, 0)
        $text = (Get-ChildItem -Recurse -File $tables -Filter *.ndjson | ForEach-Object { [IO.File]::ReadAllText($_.FullName) }) -join "`n"
        ($r.Redaction | Measure-Object Count -Sum).Sum | Should -Be ([regex]::Matches($text, $Token).Count)
        $text.Contains((Get-Pseudonym 'team key' 'EMAIL' 'alice.smith@example.com')) | Should -BeTrue
        (Get-Content -Raw (Join-Path $tables 'manifest.json') | ConvertFrom-Json).redaction | Should -Match '^\[CHECK:[0-9a-f]{12}\]$'
        foreach ($other in @{}, @{ RedactionKey = 'another key' }, @{ Redact = $true }, @{ RedactionKey = 'team key'; RedactPattern = @{ Tool = 'x' } }) {
            $err = $null
            try { Export-LlamaChatTable -SessionId ses-abc123 -Path $tables @Conn @other -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.TableFolderInvalid,*'
        }
        Test-Path (Join-Path $tables 'events/ses-abc123.ndjson') | Should -BeFalse
        (Export-LlamaChatTable -SessionId ses-abc123 -Path $tables @Conn -RedactionKey 'team key').New | Should -Be 1
    }

    It 'does not embed screenshots with -Redact (no rule can read pixels): one warning, no attachment fetched' {
        $plain = Join-Path $Dir 'plain.html'
        Export-LlamaChatTranscript -SessionId ses-demo @Conn -Path $plain -IncludeImages -IncludeToolOutput
        (Get-Content -Raw $plain) | Should -Match 'src="data:image/png;base64,'
        Clear-EmulatorRequest
        $file = Join-Path $Dir 'redacted.html'
        $w = @(Export-LlamaChatTranscript -SessionId ses-demo @Conn -Path $file -IncludeImages -IncludeToolOutput -Redact 3>&1)
        $w.Count | Should -Be 1
        $w[0].Message | Should -BeLike '-IncludeImages is not applied with -Redact*'
        $html = Get-Content -Raw $file
        $html | Should -Not -Match 'data:image'
        $html | Should -Match 'Image attachment <code>page_4\.png</code>'
        @(Get-EmulatorRequest | Where-Object { $_.path -like '*attachments*' }).Count | Should -Be 0
        @(Get-EmulatorRequest).Count | Should -Be 2 # the summary and the history
    }

    It 'Export-LlamaChatTrace -Endpoint -PassThru: each request''s result carries the summary of its sessions' {
        Clear-OtlpRequest
        $results = @('ses-pii', 'ses-demo' | Export-LlamaChatTrace -Endpoint $Url @Conn -IncludeContent -Redact -PassThru -BatchSize 1)
        $results.Count | Should -Be 2
        $bodies = @(Get-OtlpRequest).body
        for ($i = 0; $i -lt 2; $i++) {
            ($results[$i].Redaction | Measure-Object Count -Sum).Sum | Should -Be ([regex]::Matches((Get-ShownTraceText $bodies[$i]), $Token).Count)
        }
        ($results[1].Redaction | Measure-Object Count -Sum).Sum | Should -Be 0 # ses-demo holds nothing to redact
    }

    It 'writes the run''s summary with -Verbose, rule by rule, without a value' {
        $v = ConvertTo-LlamaChatTrace -Id ses-pii, ses-demo @Conn -IncludeContent -Redact -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $summary = @($v | Where-Object { $_ -match '^Redaction replaced' })
        $summary.Count | Should -Be 1
        $summary[0] | Should -Match '^Redaction replaced \d+ values in 2 traces:$'
        @($v | Where-Object { $_ -match '^  (ApiKey|BearerToken|Email|Iban|PaymentCard|IPv6|IPv4|Phone): \d+ \(\d+ distinct\) as \[[A-Z0-9]+:\u2026\]$' }).Count | Should -Be 8
    }
}

Describe '-RedactPattern' {
    BeforeEach { Reset-Emulator }

    It 'replaces what your expressions match, before the built-in rules, named as you named them' {
        $trace = ConvertTo-LlamaChatTrace -Id ses-demo @Conn -IncludeContent -RedactPattern ([ordered]@{ Tool = 'search_index'; Finding = '(?i)q3 findings' }) -RedactionKey k
        $trace.Json | Should -Not -Match 'search_index'
        $trace.Json | Should -Not -Match '(?i)q3 findings'
        $trace.Json.Contains((Get-Pseudonym 'k' 'TOOL' 'search_index')) | Should -BeTrue
        $rows = @($trace.Redaction)
        $rows[0..1].Rule | Should -Be @('Tool', 'Finding')
        $rows[0].IsCustom | Should -BeTrue
        $rows[0].Count | Should -Be ([regex]::Matches((Get-ShownTraceText $trace.Json), '\[TOOL:[0-9a-f]{12}\]').Count)
        $rows[0].Count | Should -Be 1 # the first call's name (also in its span's name)
        [regex]::Matches($trace.Json, '\[TOOL:[0-9a-f]{12}\]').Count | Should -Be 2
        $rows[1].Count | Should -Be 2 # the call's query and the reasoning
    }

    It 'refuses <Why> with LlamaCloud.InvalidRedactPattern before any request' -TestCases @(
        @{ Why = 'an invalid expression'; Pattern = @{ Bad = '([a-z' } }
        @{ Why = 'a name that is not a word'; Pattern = @{ 'two words' = 'x' } }
        @{ Why = 'a built-in rule''s name'; Pattern = @{ email = 'x' } }
        @{ Why = 'an empty expression'; Pattern = @{ Empty = '' } }
        @{ Why = 'one name twice'; Pattern = (& { $d = [System.Collections.Generic.Dictionary[string, string]]::new([StringComparer]::Ordinal); $d['Ticket'] = 'a'; $d['TICKET'] = 'b'; , $d }) }
    ) {
        Clear-EmulatorRequest
        $err = $null
        try { ConvertTo-LlamaChatTranscript -Id ses-demo @Conn -RedactPattern $Pattern -ErrorAction Stop } catch { $err = $_ }
        $err | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $err.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidRedactPattern,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'an empty -RedactionKey is refused as such' {
        { ConvertTo-LlamaChatTrace -Id ses-demo @Conn -RedactionKey '' } | Should -Throw '*redaction key is empty*'
    }
}
