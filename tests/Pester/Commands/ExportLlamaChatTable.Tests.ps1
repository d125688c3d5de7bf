BeforeDiscovery {
    # Parquet needs PowerShell 7.4+; under Windows PowerShell 5.1 (CI's Windows leg) it must fail clearly instead.
    $script:Formats = @(if ($PSVersionTable.PSEdition -eq 'Core') { 'Parquet' }) + 'Ndjson', 'Csv'
    $script:OnDesktop = $PSVersionTable.PSEdition -eq 'Desktop'
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    . (Join-Path $PSScriptRoot '../DuckDb.ps1')
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) "llama-tables-$PID"
    $script:ModuleFile = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../../out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
    $script:Pwsh = (Get-Process -Id $PID).Path
    $script:Tables = 'sessions', 'turns', 'events', 'tool_calls'

    function Get-SessionRequest { @(Get-EmulatorRequest | Where-Object { $_.path -like '/api/v1/chat/*' }) }
    # Every file of a table folder: relative name, size, time and content hash.
    function Get-Snapshot([string] $Folder) {
        Get-ChildItem -Recurse -Force -File $Folder | Sort-Object FullName | ForEach-Object {
            '{0}|{1}|{2}|{3}' -f $_.FullName.Substring($Folder.Length), $_.Length, $_.LastWriteTimeUtc.Ticks, (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash
        }
    }
    function Add-GeneratedSession([string] $Prefix, [int] $Count, [int] $Events) {
        (Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path 'sessions' -Body @{ prefix = $Prefix; count = $Count; events = $Events }).ids
    }
    # What DuckDB adds up over the four tables, per group, keyed like Get-LlamaChatUsage's rows.
    function Get-DuckDbUsage([string] $Folder, [string] $Format) {
        $s = Get-TableSource $Folder sessions $Format
        $t = Get-TableSource $Folder turns $Format
        $e = Get-TableSource $Folder events $Format
        $c = Get-TableSource $Folder tool_calls $Format
        $r = @(Invoke-DuckDb @(
                "SELECT count(*) AS sessions, sum(turn_count) AS turns, sum(input_tokens) AS input, sum(output_tokens) AS output, sum(error_turns) AS errors, sum(tool_calls) AS tools, sum(tool_errors) AS tool_errors, sum(event_count) AS events FROM $s"
                "SELECT count(*) AS turns, sum(input_tokens) AS input, sum(output_tokens) AS output, count_if(is_error) AS errors, sum(tool_calls) AS tools, sum(tool_errors) AS tool_errors FROM $t"
                "SELECT count(*) AS events, count(DISTINCT session_id) AS sessions, count_if(type = 'tool_call') AS calls FROM $e"
                "SELECT count(*) AS tools, count_if(is_error) AS tool_errors FROM $c"
                "SELECT s.session_id AS key, count(t.turn) AS turns, coalesce(sum(t.input_tokens), 0) AS input, coalesce(sum(t.output_tokens), 0) AS output, coalesce(count_if(t.is_error), 0) AS errors, coalesce(sum(t.tool_calls), 0) AS tools, coalesce(sum(t.tool_errors), 0) AS tool_errors FROM $s s LEFT JOIN $t t USING (session_id) GROUP BY 1 ORDER BY 1"
                "SELECT strftime(last_updated_at AT TIME ZONE 'UTC', '%Y-%m-%d') AS key, count(*) AS sessions, sum(turn_count) AS turns, sum(input_tokens) AS input, sum(output_tokens) AS output, sum(error_turns) AS errors, sum(tool_calls) AS tools, sum(tool_errors) AS tool_errors FROM $s GROUP BY 1 ORDER BY 1"
                "SELECT tool_name AS key, count(DISTINCT session_id) AS sessions, count(DISTINCT session_id || '/' || turn) AS turns, count(*) AS tools, count_if(is_error) AS tool_errors FROM $c GROUP BY 1 ORDER BY 1"
                "SELECT coalesce(idx, '') AS key, count(*) AS sessions, sum(turn_count) AS turns, sum(input_tokens) AS input, sum(output_tokens) AS output FROM (SELECT s.*, unnest(CASE WHEN index_ids IS NULL OR index_ids = '[]' THEN [NULL::VARCHAR] ELSE from_json(index_ids, '[""VARCHAR""]') END) AS idx FROM $s s) GROUP BY 1 ORDER BY 1"
            ))
        [pscustomobject]@{ Sessions = $r[0][0]; Turns = $r[1][0]; Events = $r[2][0]; Tools = $r[3][0]; BySession = $r[4]; ByDay = $r[5]; ByTool = $r[6]; ByIndex = $r[7] }
    }
    # Rows as "key|n|n|..." lines, so two engines' answers compare as text.
    function Format-Row($Rows, [string[]] $Fields) { foreach ($row in $Rows) { ($Fields | ForEach-Object { "$($row.$_)" }) -join '|' } }
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Root -ErrorAction SilentlyContinue
}

Describe 'Export-LlamaChatTable and DuckDB' {
    BeforeAll {
        Reset-Emulator
        $script:Big = @(Add-GeneratedSession 'ses-big-' 2 3000)
        $script:Listed = @((Get-LlamaChatSession @Conn).SessionId)
        $script:Usage = @{}
        foreach ($g in 'None', 'Session', 'Day', 'Tool', 'Index') { $script:Usage[$g] = @(Get-LlamaChatUsage -GroupBy $g @Conn) }
        # Each listed session's event count from the emulator's raw body, parsed by ConvertFrom-Json.
        $script:Raw = @{}
        foreach ($id in $Listed) {
            $body = Invoke-RestMethod "$Url/api/v1/chat/$([uri]::EscapeDataString($id))" -Headers @{ Authorization = "Bearer $Key" }
            $script:Raw[$id] = if ($null -eq $body.events) { 0 } else { $body.events.Count }
        }
    }

    It 'reads every table in <_> format, and its counts and sums equal Get-LlamaChatUsage''s' -ForEach $Formats {
        $format = $_
        $dir = Join-Path $Root "all-$format"
        $result = Export-LlamaChatTable -Path $dir -Format $format @Conn
        $result.New | Should -Be $Listed.Count
        $result.Failed | Should -Be 0
        $result.Sessions | Should -Be $Listed.Count
        foreach ($t in $Tables) { @(Get-ChildItem (Join-Path $dir $t) -File).Count | Should -Be $Listed.Count -Because "one $t file per session" }

        $db = Get-DuckDbUsage $dir $format
        $all = $Usage['None'][0]
        $all.Sessions | Should -Be $Listed.Count
        # The events as the emulator sends them, counted by PowerShell's ConvertFrom-Json (not the module); the two generated
        # sessions hold exactly the 3000 events each asked for.
        $Raw.Keys | Sort-Object | Should -Be ($Listed | Sort-Object)
        $Big.Count | Should -Be 2
        $Big | ForEach-Object { $Raw[$_] } | Should -Be 3000, 3000
        [long]$db.Events.events | Should -Be ([long]($Raw.Values | Measure-Object -Sum).Sum)
        [long]$db.Events.sessions | Should -Be ($Listed.Count - 1) -Because 'ses-empty has no events'
        [long]$db.Sessions.events | Should -Be ([long]$db.Events.events)
        [long]$db.Sessions.sessions | Should -Be $all.Sessions
        [long]$db.Sessions.turns | Should -Be $all.Turns
        [long]$db.Turns.turns | Should -Be $all.Turns
        [long]$db.Sessions.input | Should -Be $all.InputTokens
        [long]$db.Turns.input | Should -Be $all.InputTokens
        [long]$db.Sessions.output | Should -Be $all.OutputTokens
        [long]$db.Turns.output | Should -Be $all.OutputTokens
        [long]$db.Sessions.errors | Should -Be $all.Errors
        [long]$db.Turns.errors | Should -Be $all.Errors
        [long]$db.Tools.tools | Should -Be $all.ToolCalls
        [long]$db.Sessions.tools | Should -Be $all.ToolCalls
        [long]$db.Tools.tool_errors | Should -Be $all.ToolErrors
        [long]$db.Turns.tool_errors | Should -Be $all.ToolErrors
        # ses-err's one failed tool call ({"error": "timeout after 30s"}) is the fixtures' only one.
        $all.ToolErrors | Should -Be 1
        [long]$db.Events.calls | Should -Be $all.ToolCalls -Because 'every fixture call has its tool_call event'

        $fields = 'key', 'turns', 'input', 'output', 'errors', 'tools', 'tool_errors'
        $module = $Usage['Session'] | ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}|{6}' -f $_.Key, $_.Turns, $_.InputTokens, $_.OutputTokens, $_.Errors, $_.ToolCalls, $_.ToolErrors }
        Format-Row $db.BySession $fields | Sort-Object -CaseSensitive | Should -Be ($module | Sort-Object -CaseSensitive)

        $fields = 'key', 'sessions', 'turns', 'input', 'output', 'errors', 'tools', 'tool_errors'
        $module = $Usage['Day'] | ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}|{6}|{7}' -f $_.Key, $_.Sessions, $_.Turns, $_.InputTokens, $_.OutputTokens, $_.Errors, $_.ToolCalls, $_.ToolErrors }
        $module.Count | Should -BeGreaterOrEqual 3
        Format-Row $db.ByDay $fields | Sort-Object -CaseSensitive | Should -Be ($module | Sort-Object -CaseSensitive)

        $fields = 'key', 'sessions', 'turns', 'tools', 'tool_errors'
        $module = $Usage['Tool'] | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.Key, $_.Sessions, $_.Turns, $_.ToolCalls, $_.ToolErrors }
        ($Usage['Tool'] | Where-Object Key -eq 'search_index').ToolErrors | Should -Be 1 -Because "ses-err's failed call is a search_index call"
        Format-Row $db.ByTool $fields | Sort-Object -CaseSensitive | Should -Be ($module | Sort-Object -CaseSensitive)

        $fields = 'key', 'sessions', 'turns', 'input', 'output'
        $module = $Usage['Index'] | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.Key, $_.Sessions, $_.Turns, $_.InputTokens, $_.OutputTokens }
        Format-Row $db.ByIndex $fields | Sort-Object -CaseSensitive | Should -Be ($module | Sort-Object -CaseSensitive)
    }

    It 'types the <_> columns as the manifest says, and keeps text exactly' -ForEach $Formats {
        $format = $_
        $dir = Join-Path $Root "all-$format"
        $manifest = Get-Content -Raw (Join-Path $dir 'manifest.json') | ConvertFrom-Json
        $manifest.format | Should -Be 'LlamaCloud.Chat tables'
        $manifest.schema_version | Should -Be 1
        $manifest.file_format | Should -Be $format.ToLowerInvariant()
        $manifest.partitioning | Should -Be 'session'
        @($manifest.sessions).Count | Should -Be $Listed.Count
        ($manifest.tables | Where-Object name -eq 'events').rows | Should -Be ([long](@($manifest.sessions.rows.events) | Measure-Object -Sum).Sum)
        $manifest.sources | Should -Be @($Url.TrimEnd('/') + '/')
        @($manifest.tables.name | Sort-Object) | Should -Be @($Tables | Sort-Object)
        foreach ($table in $manifest.tables) {
            $table.columns.name | Should -Contain 'session_id' -Because "$($table.name) is partitioned by session"
            $described = @(Invoke-DuckDb "DESCRIBE SELECT * FROM $(Get-TableSource $dir $table.name $format)")[0]
            ($described | ForEach-Object { "$($_.column_name) $($_.column_type)" }) | Should -Be ($table.columns | ForEach-Object { "$($_.name) $($_.type -replace '^TIMESTAMPTZ$', 'TIMESTAMP WITH TIME ZONE')" })
        }
        $r = @(Invoke-DuckDb @(
                "SELECT content FROM $(Get-TableSource $dir events $format) WHERE session_id = 'ses-unicode' AND type = 'user_input'"
                "SELECT payload_json FROM $(Get-TableSource $dir events $format) WHERE session_id = 'ses-unicode' AND type = 'tool_result'"
                "SELECT epoch_us(last_updated_at) AS t, index_ids, title FROM $(Get-TableSource $dir sessions $format) WHERE session_id = 'ses-demo'"
            ))
        # ses-unicode's prompt and tool result as the emulator's fixture writes them (tests/LlamaCloud.Emulator/Fixtures.cs).
        $r[0][0].content | Should -BeExactly 'Grüße — 日本語 😀'
        $r[1][0].payload_json | Should -BeExactly '{"text":"Grüße \u00e9 \"x\"\n\ttab"}'
        [long]$r[2][0].t | Should -Be ((([datetime]::new(2026, 4, 22, 12, 34, 41, [DateTimeKind]::Utc).AddTicks(3422450)) - [datetime]::new(1970, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)).Ticks / 10)
        $r[2][0].index_ids | Should -Be '["idx-abc123","idx-def456"]'
        $r[2][0].title | Should -Be 'What were the main findings in Q3?'
    }
}

Describe 'Export-LlamaChatTable incremental runs' {
    BeforeEach {
        Reset-Emulator
        $script:Listed = @((Get-LlamaChatSession @Conn).SessionId)
    }

    It 'rewrites only the changed and the new session''s rows (<_>), and asks the API for nothing else' -ForEach $Formats {
        $format = $_
        $dir = Join-Path $Root "inc-$format"
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
        $first = Export-LlamaChatTable -Path $dir -Format $format @Conn
        $first.New | Should -Be $Listed.Count
        $before = @(Get-Snapshot $dir)
        $oldEvents = [long](@(Invoke-DuckDb "SELECT count(*) AS n FROM $(Get-TableSource $dir events $format)")[0][0].n)
        $fix03 = (Get-LlamaChatSession -Id ses-fix-03 @Conn).EventCount

        Set-EmulatorSession ses-fix-03 '{"events":[{"content":"Neu: Grüße","type":"user_input"},{"content":"Antwort","type":"text"},{"error":null,"is_error":false,"usage":{"total_input_tokens":7,"total_output_tokens":3},"type":"stop"}],"last_updated_at":"2027-01-01T00:00:00.000001","session_id":"ses-fix-03","generated_title":"changed","index_ids":null,"job_metadata":null}'
        Set-EmulatorSession ses-new-1 '{"events":[{"content":"Hello","type":"user_input"}],"last_updated_at":"2027-01-02T00:00:00","session_id":"ses-new-1","generated_title":"new","index_ids":["idx-n"],"job_metadata":null}'
        Clear-EmulatorRequest
        $second = Export-LlamaChatTable -Path $dir @Conn
        $second.Format | Should -Be $format -Because 'without -Format, the folder keeps its format'
        $second.New, $second.Updated, $second.Unchanged, $second.Failed | Should -Be 1, 1, ($Listed.Count - 1), 0
        (Get-SessionRequest).path | Sort-Object | Should -Be '/api/v1/chat/ses-fix-03', '/api/v1/chat/ses-new-1'

        $after = @(Get-Snapshot $dir)
        $ext = ".$($format.ToLowerInvariant())"
        $changed = @(Compare-Object $before $after -PassThru | ForEach-Object { ($_ -split '\|')[0] } | Sort-Object -Unique)
        $expected = @($Tables | ForEach-Object { [IO.Path]::DirectorySeparatorChar + (Join-Path $_ "ses-fix-03$ext"); [IO.Path]::DirectorySeparatorChar + (Join-Path $_ "ses-new-1$ext") }) + ([IO.Path]::DirectorySeparatorChar + 'manifest.json') | Sort-Object
        $changed | Should -Be $expected

        $r = @(Invoke-DuckDb @(
                "SELECT count(*) AS n FROM $(Get-TableSource $dir events $format)"
                "SELECT session_id, turn, prompt, answer, input_tokens FROM $(Get-TableSource $dir turns $format) WHERE session_id IN ('ses-fix-03', 'ses-new-1') ORDER BY session_id"
            ))
        [long]$r[0][0].n | Should -Be ($oldEvents - $fix03 + 3 + 1)
        ($r[1] | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.session_id, $_.turn, $_.prompt, $_.answer, $_.input_tokens }) |
            Should -Be 'ses-fix-03|1|Neu: Grüße|Antwort|7', 'ses-new-1|1|Hello||'

        Clear-EmulatorRequest
        $third = Export-LlamaChatTable -Path $dir @Conn
        $third.Unchanged | Should -Be ($Listed.Count + 1)
        (Get-SessionRequest).Count | Should -Be 0
    }

    It 'reads an archive folder from Sync-LlamaChatArchive, and a second run reads no unchanged file' {
        $archive = Join-Path $Root 'archive'
        $dir = Join-Path $Root 'from-archive'
        Remove-Item -Recurse -Force $archive, $dir -ErrorAction SilentlyContinue
        $null = Sync-LlamaChatArchive -Path $archive @Conn
        $first = Export-LlamaChatTable -Path $dir -Format Ndjson -ArchivePath $archive
        $first.New | Should -Be $Listed.Count
        $manifest = Get-Content -Raw (Join-Path $dir 'manifest.json') | ConvertFrom-Json
        ($manifest.sessions | Where-Object session_id -eq 'ses-demo').source | Should -Be (Join-Path (Resolve-Path $archive).ProviderPath 'ses-demo.json')
        (Get-Content (Join-Path $dir 'sessions/ses-demo.ndjson') | ConvertFrom-Json).title | Should -Be 'What were the main findings in Q3?'
        $before = @(Get-Snapshot $dir)
        Set-EmulatorSession ses-fix-03 '{"events":[{"content":"x","type":"user_input"}],"last_updated_at":"2027-01-01T00:00:00","session_id":"ses-fix-03","generated_title":"changed","index_ids":null,"job_metadata":null}'
        $null = Sync-LlamaChatArchive -Path $archive @Conn
        $second = Export-LlamaChatTable -Path $dir -ArchivePath $archive
        $second.Updated, $second.Unchanged | Should -Be 1, ($Listed.Count - 1)
        @(Compare-Object $before @(Get-Snapshot $dir) -PassThru | ForEach-Object { ($_ -split '\|')[0] } | Sort-Object -Unique).Count | Should -Be 5 -Because "ses-fix-03's four files and the manifest"
        # The same sessions piped from Get-LlamaChatSession -Path give the same rows.
        $piped = Join-Path $Root 'piped'
        $null = Get-LlamaChatSession -Path (Join-Path $archive '*.json') | Export-LlamaChatTable -Path $piped -Format Ndjson
        @(Get-ChildItem -Recurse -File $piped -Filter 'ses-demo.ndjson').Count | Should -Be $Tables.Count -Because 'ses-demo has rows in every table'
        foreach ($t in $Tables) {
            (Get-Content -Raw (Join-Path $piped "$t/ses-demo.ndjson")) | Should -Be (Get-Content -Raw (Join-Path $dir "$t/ses-demo.ndjson"))
        }
    }

    It 'leaves tables that the next run completes when a real run is killed mid-write' {
        $dir = Join-Path $Root 'killed'
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
        $null = Add-GeneratedSession 'ses-kill-' 3 100000
        $listed = @((Get-LlamaChatSession @Conn).SessionId)
        $format = if ($PSVersionTable.PSEdition -eq 'Core') { 'Parquet' } else { 'Ndjson' }
        $ext = ".$($format.ToLowerInvariant())"
        $script = "`$ErrorActionPreference='Stop'; Import-Module '$ModuleFile'; Export-LlamaChatTable -Path '$dir' -Format $format -BaseUri '$Url' -ApiKey '$Key' -ThrottleLimit 1 | Out-Null"
        $psi = [Diagnostics.ProcessStartInfo]::new($Pwsh)
        if ($Pwsh -match 'dotnet(\.exe)?$') { $psi.ArgumentList.Add('pwsh') }
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $script) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $child = [Diagnostics.Process]::Start($psi)
        try {
            # Killed while a generated session's files are half written (a temporary file exists), after another committed.
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $seen = $false
            while (-not $child.HasExited -and $watch.Elapsed.TotalSeconds -lt 120) {
                $committed = @(Get-ChildItem (Join-Path $dir 'events') -Filter "ses-kill-*$ext" -ErrorAction SilentlyContinue).Count
                $temp = @(Get-ChildItem -Force (Join-Path $dir 'events') -Filter ".ses-kill-*.tmp" -ErrorAction SilentlyContinue).Count
                # The whole tree: 'dotnet pwsh' runs PowerShell as a child of the dotnet host.
                if ($committed -ge 1 -and $temp -ge 1) { $seen = $true; $child.Kill($true); break }
                Start-Sleep -Milliseconds 10
            }
            $seen | Should -BeTrue -Because 'the run was caught mid-write'
            $child.WaitForExit(10000) | Should -BeTrue
        }
        finally { if (-not $child.HasExited) { $child.Kill($true) } }
        @(Get-ChildItem -Recurse -Force $dir -Filter '*.tmp').Count | Should -BeGreaterThan 0 -Because 'the kill left a temporary file'

        $next = Export-LlamaChatTable -Path $dir @Conn
        $next.Failed | Should -Be 0
        $next.Sessions | Should -Be $listed.Count
        ($next.New + $next.Updated + $next.Unchanged) | Should -Be $listed.Count
        @(Get-ChildItem -Recurse -Force $dir -Filter '*.tmp').Count | Should -Be 0
        $usage = Get-LlamaChatUsage @Conn
        $r = @(Invoke-DuckDb @(
                "SELECT count(*) AS n FROM $(Get-TableSource $dir events $format) WHERE session_id LIKE 'ses-kill-%'"
                "SELECT count(*) AS turns, sum(input_tokens) AS input FROM $(Get-TableSource $dir turns $format)"
                "SELECT count(*) AS n FROM $(Get-TableSource $dir sessions $format)"
            ))
        [long]$r[0][0].n | Should -Be 300000
        [long]$r[1][0].turns | Should -Be $usage.Turns
        [long]$r[1][0].input | Should -Be $usage.InputTokens
        [long]$r[2][0].n | Should -Be $listed.Count
    }
}

Describe 'Export-LlamaChatTable errors' {
    BeforeEach { Reset-Emulator }

    It 'refuses another format for a folder, with LlamaCloud.TableFolderInvalid' {
        $dir = Join-Path $Root 'mixed'
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
        $null = Export-LlamaChatTable -Path $dir -Format Csv -SessionId ses-demo @Conn
        { Export-LlamaChatTable -Path $dir -Format Ndjson -SessionId ses-demo @Conn } | Should -Throw -ErrorId 'LlamaCloud.TableFolderInvalid*'
    }

    It 'writes one error per failed session and goes on; the failed session is retried next run' {
        $dir = Join-Path $Root 'failed'
        Remove-Item -Recurse -Force $dir -ErrorAction SilentlyContinue
        $r = Export-LlamaChatTable -Path $dir -Format Ndjson -SessionId ses-demo, ses-missing, ses-err @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound*'
        $r.New, $r.Failed | Should -Be 2, 1
        $r.FailedIds | Should -Be 'ses-missing'
        $r.Succeeded | Should -BeFalse
        @(Get-ChildItem (Join-Path $dir 'events')).Name | Sort-Object | Should -Be 'ses-demo.ndjson', 'ses-err.ndjson'
    }

    It 'says that Parquet needs PowerShell 7.4+ on Windows PowerShell 5.1' -Skip:(-not $OnDesktop) {
        { Export-LlamaChatTable -Path (Join-Path $Root 'pq51') -Format Parquet -SessionId ses-demo @Conn } | Should -Throw -ErrorId 'LlamaCloud.ParquetUnavailable*'
        try { Export-LlamaChatTable -Path (Join-Path $Root 'pq51') -Format Parquet -SessionId ses-demo @Conn } catch { $_.Exception.Message | Should -BeLike '*Parquet needs PowerShell 7.4 or later*-Format Ndjson or -Format Csv*' }
    }
}
