BeforeDiscovery {
    $script:Cases = @(
        @{ Name = 'ConvertTo-LlamaChatTranscript (Markdown)'; Run = { param($R) ConvertTo-LlamaChatTranscript -Id ses-pii @Conn -IncludeThinking -IncludeToolOutput -MaxToolOutputLength 0 -Verbose @R } }
        @{ Name = 'ConvertTo-LlamaChatTranscript (Html, piped turns)'; Run = { param($R) Get-LlamaChatTurn -Id ses-pii @Conn | ConvertTo-LlamaChatTranscript -Format Html -IncludeThinking -IncludeToolOutput -MaxToolOutputLength 0 -Verbose @R } }
        @{ Name = 'Export-LlamaChatTranscript (Markdown, a folder)'; Run = { param($R) Export-LlamaChatTranscript -Id ses-pii -Path $Dir @Conn -IncludeThinking -IncludeToolOutput -MaxToolOutputLength 0 -PassThru -Verbose @R } }
        @{ Name = 'Export-LlamaChatTranscript (Html, a piped session)'; Run = { param($R) Get-LlamaChatSession -Id ses-pii @Conn | Export-LlamaChatTranscript -Path (Join-Path $Dir 'pii.html') @Conn -IncludeThinking -IncludeToolOutput -MaxToolOutputLength 0 -PassThru -Verbose @R } }
        @{ Name = 'ConvertTo-LlamaChatTrace (Generic)'; Run = { param($R) ConvertTo-LlamaChatTrace -Id ses-pii @Conn -IncludeContent -Verbose @R } }
        @{ Name = 'ConvertTo-LlamaChatTrace (Phoenix, piped turns)'; Run = { param($R) Get-LlamaChatTurn -Id ses-pii @Conn | ConvertTo-LlamaChatTrace -Profile Phoenix -UserId 'alice.smith@example.com' @Conn -IncludeContent -Verbose @R } }
        @{ Name = 'Export-LlamaChatTrace -Path (Langfuse)'; Run = { param($R) Export-LlamaChatTrace -Id ses-pii -Path (Join-Path $Dir 'pii.jsonl') -Profile Langfuse -UserId 'alice.smith@example.com' @Conn -IncludeContent -PassThru -Verbose @R } }
        @{ Name = 'Export-LlamaChatTable (Ndjson)'; Run = { param($R) Export-LlamaChatTable -SessionId ses-pii -Path (Join-Path $Dir 'tables') -Format Ndjson @Conn -Verbose @R } }
        @{ Name = 'Export-LlamaChatTable (Csv, a piped session)'; Run = { param($R) Get-LlamaChatSession -Id ses-pii @Conn | Export-LlamaChatTable -Path (Join-Path $Dir 'tables') -Format Csv @Conn -Verbose @R } }
        @{ Name = 'Export-LlamaChatTrace -Endpoint (Phoenix)'; Run = { param($R) Get-LlamaChatSession -Id ses-pii @Conn | Export-LlamaChatTrace -Endpoint $Url -Profile Phoenix @Conn -IncludeContent -PassThru -Verbose @R } }
    )
}

# Issue 21, "no rule's input value appears in any output of a redacted run": every cmdlet that redacts is run on
# ses-pii (the emulator's session holding the whole redaction corpus, tests/data/redaction-corpus.json) with and
# without -Redact. Everything it produces is scanned: the output objects, every file it wrote, every OTLP request the
# receiver got, and the verbose, warning, error and information streams. Each corpus value must appear in the
# unredacted run (so the scan can fail) and in no redacted one; each near miss must come through redaction unchanged.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    . (Join-Path $PSScriptRoot '../OtlpSchema.ps1')
    # The values as written: ConvertFrom-Json on PowerShell 7 would turn the timestamp near miss into a [datetime].
    $raw = Get-Content -Raw (Join-Path $PSScriptRoot '../../data/redaction-corpus.json')
    $at = $raw.IndexOf('"nearMisses"')
    $values = { param($Text) @([regex]::Matches($Text, '"value":\s*"((?:[^"\\]|\\.)*)"') | ForEach-Object { [regex]::Unescape($_.Groups[1].Value) }) }
    $script:Secrets = & $values $raw.Substring(0, $at)
    $script:NearMisses = & $values $raw.Substring($at)
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "llama-leak-$PID"
    $script:Token = '\[(APIKEY|TOKEN|EMAIL|IBAN|CARD|IPV6|IPV4|PHONE):[0-9a-f]{12}\]'
    $script:JsonUnescape = [System.Text.RegularExpressions.MatchEvaluator] { param($m) [string][char][Convert]::ToInt32($m.Groups[1].Value, 16) }

    # The text as a reader sees it, in every encoding the outputs use: raw, Markdown with its escapes removed,
    # HTML with its entities decoded, and JSON strings unescaped (twice: content attributes are JSON inside JSON).
    function Get-ReadableView([string] $Text) {
        $json1 = [regex]::Replace($Text, '\\u([0-9a-fA-F]{4})', $script:JsonUnescape) -replace '\\(["\\/])', '$1' -replace '\\n', "`n"
        $json2 = [regex]::Replace($json1, '\\u([0-9a-fA-F]{4})', $script:JsonUnescape) -replace '\\(["\\/])', '$1' -replace '\\n', "`n"
        @($Text, ($Text -replace '\\([!-/:-@\[-`{-~])', '$1'), [System.Net.WebUtility]::HtmlDecode($Text), $json1, $json2)
    }

    function Test-Seen([string[]] $Views, [string] $Value) {
        foreach ($v in $Views) { if ($v.IndexOf($Value, [StringComparison]::Ordinal) -ge 0) { return $true } }
        $false
    }

    # Runs the command with every stream merged into the output, then gathers all it produced as text.
    function Invoke-Scanned([scriptblock] $Command) {
        Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
        $null = New-Item -ItemType Directory -Path $Dir
        Clear-OtlpRequest
        $records = @(& $Command *>&1)
        $texts = [System.Collections.Generic.List[string]]::new()
        $streams = @{ Output = 0; Verbose = 0; Warning = 0; Error = 0; Information = 0 }
        foreach ($r in $records) {
            switch ($r) {
                { $_ -is [System.Management.Automation.ErrorRecord] } {
                    $streams.Error++; $texts.Add("$_"); $texts.Add($_.Exception.Message); if ($_.ErrorDetails) { $texts.Add($_.ErrorDetails.Message) }; $texts.Add("$($_.TargetObject)"); break }
                { $_ -is [System.Management.Automation.WarningRecord] } { $streams.Warning++; $texts.Add($_.Message); break }
                { $_ -is [System.Management.Automation.VerboseRecord] } { $streams.Verbose++; $texts.Add($_.Message); break }
                { $_ -is [System.Management.Automation.InformationRecord] } { $streams.Information++; $texts.Add("$($_.MessageData)"); break }
                { $_ -is [LlamaCloud.Chat.ChatTableExportResult] } { $streams.Output++; $texts.Add("$_"); $texts.Add(($_.Redaction | ConvertTo-Json -Compress)); break }
                { $_ -is [System.IO.FileInfo] } { $streams.Output++; $texts.Add($_.FullName); $texts.Add(($_.Redaction | ConvertTo-Json -Compress)); break }
                { $_ -is [LlamaCloud.Chat.ChatTrace] } { $streams.Output++; $texts.Add($_.Json); $texts.Add("$_"); $texts.Add(($_.Redaction | ConvertTo-Json -Compress)); break }
                default { $streams.Output++; $texts.Add("$_"); $texts.Add(($_ | ConvertTo-Json -Depth 6 -Compress -WarningAction SilentlyContinue)) }
            }
        }
        $files = @(Get-ChildItem -Recurse -File $Dir)
        foreach ($f in $files) { $texts.Add([IO.File]::ReadAllText($f.FullName)) }
        $requests = @(Get-OtlpRequest)
        foreach ($q in $requests) { $texts.Add($q.body) }
        $all = $texts -join "`n"
        [pscustomobject]@{ Records = $records; Streams = $streams; Files = $files.Count; Requests = $requests.Count; Text = $all; Views = (Get-ReadableView $all) }
    }

    $script:Key = 'leak-scan key'
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
}

Describe 'A redacted run leaks no corpus value through any output or stream' {
    It 'the corpus is there to scan for: <_> values, none of them empty' -TestCases @(46) {
        $Secrets.Count | Should -Be $_
        @($Secrets | Where-Object { $_.Length -lt 8 }).Count | Should -Be 0
        $NearMisses.Count | Should -Be 54
    }

    It '<Name>' -TestCases $script:Cases {
        $plain = Invoke-Scanned { & $Run @{} }
        $plain.Streams.Error | Should -Be 0
        # The scan can fail: unredacted, every value is found.
        $missing = @($Secrets | Where-Object { -not (Test-Seen $plain.Views $_) })
        $missing | Should -BeNullOrEmpty
        [regex]::Matches($plain.Text, $Token).Count | Should -Be 0

        $redacted = Invoke-Scanned { & $Run @{ Redact = $true; RedactionKey = $Key } }
        $redacted.Streams.Error | Should -Be 0
        $redacted.Streams.Warning | Should -Be 0
        $redacted.Streams.Output | Should -Be $plain.Streams.Output
        ($redacted.Files + $redacted.Requests) | Should -Be ($plain.Files + $plain.Requests)
        $leaked = @($Secrets | Where-Object { Test-Seen $redacted.Views $_ })
        $leaked | Should -BeNullOrEmpty
        # None over-redacted: every near miss is still there, as written.
        $lost = @($NearMisses | Where-Object { -not (Test-Seen $redacted.Views $_) })
        $lost | Should -BeNullOrEmpty
        # The summary says what was done, in numbers only.
        @($redacted.Records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^Redaction replaced \d+ values in 1 (transcript|trace|session):$' }).Count | Should -Be 1
    }
}
