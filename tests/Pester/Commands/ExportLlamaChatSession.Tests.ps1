BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "llama-export-$PID"
    # Everything a session shows to scripts, event by event, for comparing a live session with its re-read file.
    function Get-Shape($Session) {
        $lines = foreach ($e in $Session.Events) {
            $payload = switch ($e) {
                { $_ -is [LlamaCloud.Chat.ToolCallEvent] } { "$($_.CallId)|$($_.Name)|$($_.ArgumentsJson)" }
                { $_ -is [LlamaCloud.Chat.ToolResultEvent] } { "$($_.CallId)|$($_.Name)|$($_.ResultJson)|$($_.ImageAttachment)" }
                { $_ -is [LlamaCloud.Chat.StopEvent] } { "$($_.IsError)|$($_.Error)|$($_.Usage)" }
                { $_ -is [LlamaCloud.Chat.UnknownEvent] } { $_.RawJson }
                default { $_.Content }
            }
            '{0}|{1}|{2}|{3}' -f $e.Index, $e.GetType().Name, $e.Type, $payload
        }
        @("$($Session.SessionId)|$($Session.LastUpdatedAt.ToString('o'))|$($Session.GeneratedTitle)|$($Session.IndexIds -join ',')|$($Session.JobMetadata)") + $lines
    }
}
AfterAll {
    Stop-LlamaEmulator $script:Emulator
    Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue
}

Describe 'Export-LlamaChatSession and Get-LlamaChatSession -Path' {
    BeforeEach {
        Reset-Emulator
        Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
    }

    It 'round-trips every event losslessly, unknown and untyped ones included (<Id>)' -TestCases @(
        @{ Id = 'ses-demo' }, @{ Id = 'ses-unknown' }, @{ Id = 'ses-nulls' }, @{ Id = 'ses-unicode' }, @{ Id = 'ses-empty' }, @{ Id = 'ses-err' }
    ) {
        $live = Get-LlamaChatSession -Id $Id @Conn
        $file = $live | Export-LlamaChatSession -Path $Dir -PassThru
        $file.Name | Should -Be "$Id.json"
        $back = Get-LlamaChatSession -Path $file.FullName
        Get-Shape $back | Should -Be (Get-Shape $live)
        # The file is the server's body, byte for byte.
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($file.FullName)) | Should -Be ([Convert]::ToBase64String((Get-EmulatorBody $Id)))
    }

    It 'keeps what the API sent for unknown events, byte for byte' {
        $file = Get-LlamaChatSession -Id ses-unknown @Conn | Export-LlamaChatSession -Path $Dir -PassThru
        $raw = (Get-LlamaChatEvent -SessionId ses-unknown -Type unknown @Conn).RawJson
        $text = Get-Content -Raw $file
        # ses-unknown has three unknown events (tests/EMULATOR-SPEC.md): the citation, the untyped content, {"weird":true}.
        $raw.Count | Should -Be 3
        $raw[0] | Should -BeExactly '{"source_id":"s1","span":[3,9],"type":"citation"}'
        foreach ($r in $raw) { $text.Contains($r) | Should -BeTrue }
    }

    It 'fetches sessions that were listed without events, and the file pipes into Get-LlamaChatEvent like a live session' {
        $listed = Get-LlamaChatSession @Conn | Where-Object SessionId -eq 'ses-demo'
        $null -eq $listed.Events | Should -BeTrue
        $listed | Export-LlamaChatSession -Path $Dir
        $calls = Get-LlamaChatSession -Path (Join-Path $Dir 'ses-demo.json') | Get-LlamaChatEvent -Type tool_call
        $calls.Count | Should -Be 2
        $calls[0].Arguments.filters.year | Should -Be 2025
    }

    It 'refuses to overwrite without -Force, overwrites with it' {
        Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatSession -Path $Dir
        $null = Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatSession -Path $Dir -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        { Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatSession -Path $Dir -Force -ErrorAction Stop } | Should -Not -Throw
    }

    It 'leaves no file behind when the fetch fails, and supports -WhatIf' {
        'ses-missing' | Export-LlamaChatSession -Path $Dir @Conn -ErrorAction SilentlyContinue
        Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatSession -Path $Dir -WhatIf
        @(Get-ChildItem $Dir -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'gives hostile ids a file name inside the folder' {
        Set-EmulatorSession -Id '../evil' -Json '{"session_id":"../evil","last_updated_at":"2026-01-01T00:00:00","events":[]}'
        $f = [pscustomobject]@{ SessionId = '../evil' } | Export-LlamaChatSession -Path $Dir @Conn -PassThru
        $f.DirectoryName | Should -Be (Get-Item $Dir).FullName
        (Get-LlamaChatSession -LiteralPath $f.FullName).SessionId | Should -Be '../evil'
    }

    It 'reads wildcards, a saved list page, and gives one clear error per bad file' {
        'ses-demo', 'ses-abc123' | Get-LlamaChatSession @Conn | Export-LlamaChatSession -Path $Dir
        Set-Content (Join-Path $Dir 'broken.json') '{"session_id":"x","events":[{"type":"text","content":"a"},'
        Set-Content (Join-Path $Dir 'page.txt') (Invoke-RestMethod "$Url/api/v1/chat?page_size=3" -Headers @{ Authorization = "Bearer $Key" } | ConvertTo-Json -Depth 10)
        Set-Content (Join-Path $Dir 'proxy.json') '<html><title>Login</title></html>'
        $out = Get-LlamaChatSession -Path (Join-Path $Dir '*.json') -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.SessionId | Sort-Object | Should -Be 'ses-abc123', 'ses-demo'
        $errs.Count | Should -Be 2
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidSessionFile,*' }
        (Get-LlamaChatSession -LiteralPath (Join-Path $Dir 'page.txt')).Count | Should -Be 3
    }

    It 'a missing path is one error' {
        $null = Get-LlamaChatSession -Path (Join-Path $Dir 'nope.json') -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
    }
}

Describe 'Interop with the standard cmdlets' {
    BeforeAll {
        Reset-Emulator
        $script:Session = Get-LlamaChatSession -Id ses-demo @Conn
        $script:Events = $script:Session | Get-LlamaChatEvent
    }

    It 'ConvertTo-Json works on sessions and events without runaway depth or warnings' {
        $json = $Session | ConvertTo-Json -Depth 4 -WarningVariable w 3>$null
        $json | Should -Not -BeNullOrEmpty
        ($json | ConvertFrom-Json).SessionId | Should -Be 'ses-demo'
        $ej = $Events | ConvertTo-Json -Depth 5 3>$null
        ($ej | ConvertFrom-Json).Count | Should -Be $Events.Count
    }

    It 'Export-Csv writes one readable row per event' {
        $csv = Join-Path ([IO.Path]::GetTempPath()) "llama-$PID.csv"
        try {
            $Events | Select-Object Index, Type, SessionId, Summary | Export-Csv -Path $csv -NoTypeInformation
            $rows = Import-Csv $csv
            $rows.Count | Should -Be $Events.Count
            ($rows | Where-Object Type -eq tool_call)[0].Summary | Should -BeLike 'search_index(*'
            # Whole objects too: every cell is text, none is a type name dump.
            $Events | Export-Csv -Path $csv -NoTypeInformation
            @(Import-Csv $csv).Count | Should -Be $Events.Count
            (Get-Content -Raw $csv) | Should -Not -Match 'System\.Collections|PSCustomObject'
        }
        finally { Remove-Item $csv -ErrorAction SilentlyContinue }
    }

    It 'Format-Table, Format-List and Format-Wide render without errors' {
        $Error.Clear()
        $null = $Session | Format-Table | Out-String
        $null = $Session | Format-List | Out-String
        $null = $Events | Format-Table | Out-String
        $null = $Events | Format-List | Out-String
        $null = $Events | Format-Wide | Out-String
        $Error.Count | Should -Be 0
    }

    It 'Group-Object Name counts tool usage; Sort-Object sorts by Index' {
        $g = $Events | Where-Object Type -eq tool_call | Group-Object Name
        ($g | Where-Object Name -eq 'search_index').Count | Should -Be 1
        ($Events | Sort-Object Index -Descending)[0].Index | Should -Be ($Events.Count - 1)
        ($Events | Group-Object Type).Name | Should -Contain 'text_delta'
    }
}

Describe 'Export-LlamaChatSession from ids' {
    It 'takes plain id strings from the pipeline' {
        Reset-Emulator
        $d = Join-Path $Dir 'ids'
        $files = 'ses-demo', 'ses-abc123' | Export-LlamaChatSession -Path $d @Conn -PassThru
        $files.Name | Should -Be 'ses-demo.json', 'ses-abc123.json'
    }
}

Describe 'Early stop downstream' {
    It 'Select-Object -First 1 releases the download at once' {
        Reset-Emulator
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $first = Get-LlamaChatEvent -SessionId ses-gen-300000 @Conn | Select-Object -First 1
        $first.Index | Should -Be 0
        Start-Sleep -Milliseconds 300
        (Invoke-EmulatorControl -Emulator $script:Emulator -Method Get -Path 'health').inFlight | Should -Be 0
    }
}

Describe 'Export paths and lossless metadata' {
    BeforeEach { Reset-Emulator; Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue }

    It 'a -Path that is a file or not in the file system is one terminating error' {
        New-Item -ItemType Directory -Force $Dir | Out-Null
        $f = New-Item -ItemType File -Force (Join-Path $Dir 'afile.txt')
        { Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatSession -Path $f.FullName -ErrorAction Stop } | Should -Throw -ErrorId 'LlamaCloud.ExportPathInvalid*'
        { Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatSession -Path 'Env:/foo' } | Should -Throw -ErrorId 'LlamaCloud.ExportPathInvalid*'
    }

    It '-PassThru files pipe back into Get-LlamaChatSession' {
        $back = Get-LlamaChatSession -Id ses-demo @Conn | Export-LlamaChatSession -Path $Dir -PassThru | Get-LlamaChatSession
        $back.SessionId | Should -Be 'ses-demo'
        $back.EventCount | Should -Be 22
    }

    It 'keeps job_metadata fields this module does not know' {
        Set-EmulatorSession -Id ses-meta -Json '{"session_id":"ses-meta","last_updated_at":"2026-01-01T00:00:00","job_metadata":{"turns":1,"cached_tokens":99,"model":"gpt"},"events":[]}'
        $f = Get-LlamaChatSession -Id ses-meta @Conn | Export-LlamaChatSession -Path $Dir -PassThru
        $m = (Get-Content -Raw $f | ConvertFrom-Json).job_metadata
        $m.cached_tokens | Should -Be 99
        $m.model | Should -Be 'gpt'
        (Get-LlamaChatSession -LiteralPath $f.FullName).JobMetadata.Turns | Should -Be 1
    }

    It 'collections read well in CSV cells' {
        $csv = Join-Path ([IO.Path]::GetTempPath()) "llama-s-$PID.csv"
        try {
            Get-LlamaChatSession -Id ses-demo @Conn | Select-Object SessionId, IndexIds, Events | Export-Csv $csv -NoTypeInformation
            $row = Import-Csv $csv
            $row.IndexIds | Should -Be 'idx-abc123, idx-def456'
            $row.Events | Should -Match '^\d+ events$'
        }
        finally { Remove-Item $csv -ErrorAction SilentlyContinue }
    }
}

Describe 'Export-LlamaChatSession writes the server''s bytes' {
    BeforeAll {
        # Odd spacing, escapes, raw non-ASCII, an unknown field and a trailing newline: all must survive.
        $script:OddJson = "{ ""events"" : [ {""content"":""Grüße \u00e9 \""q\"" 😀"",""type"":""text""} , {""x"":1.50e+2} ],`n" +
            """last_updated_at"":""2026-03-01T10:00:00.000001"", ""session_id"":""ses-odd"", ""job_metadata"":{""turns"":1,""model"":""m""}, ""new_field"":[true]}`n"
        $script:OddBytes = [Text.UTF8Encoding]::new($false).GetBytes($OddJson)
    }
    BeforeEach {
        Reset-Emulator
        Remove-Item -Recurse -Force $Dir -ErrorAction SilentlyContinue
        Set-EmulatorSessionBytes -Id ses-odd -Body $OddBytes
    }

    It 'the file is byte for byte the body the emulator served, non-ASCII and spacing included' {
        [Convert]::ToBase64String((Get-EmulatorBody ses-odd)) | Should -Be ([Convert]::ToBase64String($OddBytes)) # the emulator serves what it was given
        Clear-EmulatorRequest
        $f = Export-LlamaChatSession -Id ses-odd -Path $Dir @Conn -PassThru
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($f.FullName)) | Should -Be ([Convert]::ToBase64String($OddBytes))
        @(Get-EmulatorRequest).path | Should -Be '/api/v1/chat/ses-odd'
        (Get-LlamaChatSession -LiteralPath $f.FullName).Events[0].Content | Should -Be 'Grüße é "q" 😀'
    }

    It '-Indented re-indents without changing a value or an escape' {
        $f = Export-LlamaChatSession -Id ses-odd -Path $Dir -Indented @Conn -PassThru
        $text = [IO.File]::ReadAllText($f.FullName)
        $text | Should -BeExactly (@(
                '{'
                '  "events": ['
                '    {'
                '      "content": "Grüße \u00e9 \"q\" 😀",'
                '      "type": "text"'
                '    },'
                '    {'
                '      "x": 1.50e+2'
                '    }'
                '  ],'
                '  "last_updated_at": "2026-03-01T10:00:00.000001",'
                '  "session_id": "ses-odd",'
                '  "job_metadata": {'
                '    "turns": 1,'
                '    "model": "m"'
                '  },'
                '  "new_field": ['
                '    true'
                '  ]'
                '}') -join "`n")
    }

    It 'a body that is not a session never replaces the file, and leaves no temporary file (<Kind>)' -TestCases @(
        @{ Kind = 'html' }, @{ Kind = 'malformed' }, @{ Kind = 'empty' }
    ) {
        $f = Export-LlamaChatSession -Id ses-demo -Path $Dir @Conn -PassThru
        $before = [Convert]::ToBase64String([IO.File]::ReadAllBytes($f.FullName))
        Add-Fault @{ path = 'ses-demo'; kind = $Kind; times = -1 }
        $null = Export-LlamaChatSession -Id ses-demo -Path $Dir -Force @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.InvalidResponse,*'
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($f.FullName)) | Should -Be $before
        (Get-ChildItem -Force $Dir).Name | Should -Be 'ses-demo.json'
    }

    It 'a connection that breaks mid-body is retried from the start and the file is the whole body' {
        Add-Fault @{ path = 'ses-gen-20000'; kind = 'truncate'; times = 1 }
        Clear-EmulatorRequest
        $f = Export-LlamaChatSession -Id ses-gen-20000 -Path $Dir @Conn -PassThru
        @(Get-EmulatorRequest | Where-Object path -eq '/api/v1/chat/ses-gen-20000').Count | Should -Be 2
        Reset-Emulator
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($f.FullName)) | Should -Be ([Convert]::ToBase64String((Get-EmulatorBody ses-gen-20000)))
        (Get-ChildItem -Force $Dir).Name | Should -Be 'ses-gen-20000.json'
    }

    It 'ids CON, nul.txt, a., ses-A and ses-a get distinct safe files and read back with their ids' {
        $ids = 'CON', 'nul.txt', 'a.', 'ses-A', 'ses-a'
        foreach ($id in $ids) { Set-EmulatorSession -Id $id -Json "{""session_id"":""$id"",""last_updated_at"":""2026-01-01T00:00:00"",""events"":[{""content"":""$id"",""type"":""text""}]}" }
        $files = $ids | Export-LlamaChatSession -Path $Dir @Conn -PassThru
        $files.Name | Should -Be '^c^o^n.json', '%6Eul.txt.json', 'a%2E.json', 'ses-^a.json', 'ses-a.json'
        @(Get-ChildItem -Force $Dir).Count | Should -Be 5
        $back = Get-LlamaChatSession -Path (Join-Path $Dir '*.json')
        $back.SessionId | Sort-Object -CaseSensitive | Should -BeExactly ($ids | Sort-Object -CaseSensitive)
        foreach ($s in $back) { $s.Events[0].Content | Should -BeExactly $s.SessionId }
    }

    It 'downloads -ThrottleLimit sessions at once and writes files and output in input order' {
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path 'config' -Body @{ latencyMs = 1000 }
        # The first is also the slowest: it still comes out first.
        Add-Fault @{ path = 'ses-fix-01'; kind = 'slow'; chunkBytes = 64; chunkDelayMs = 100; times = 1 }
        Clear-EmulatorRequest
        $ids = 'ses-fix-01', 'ses-fix-02', 'ses-fix-03', 'ses-fix-04', 'ses-fix-05', 'ses-fix-06'
        $files = $ids | Export-LlamaChatSession -Path $Dir -ThrottleLimit 3 @Conn -PassThru
        $files.Name | Should -Be ($ids | ForEach-Object { "$_.json" })
        $log = @(Get-EmulatorRequest)
        $log.Count | Should -Be 6
        # The first request goes alone until its status proves the key (a 401 must stop the command after one request);
        # then, while its slow body still downloads, two more reached the emulator before either could have been
        # answered (1 s of latency each): three downloads at once.
        $log[0].path | Should -Be '/api/v1/chat/ses-fix-01'
        $t = $log | ForEach-Object { [DateTime]::Parse($_.time, [Globalization.CultureInfo]::InvariantCulture, 'AdjustToUniversal') }
        ($t[2] - $t[1]).TotalMilliseconds | Should -BeLessThan 1000
        ($log | Select-Object -Skip 1 -First 2).path | Sort-Object | Should -Be '/api/v1/chat/ses-fix-02', '/api/v1/chat/ses-fix-03'
    }

    It 'a pipeline stopped downstream puts no more files in place and leaves no temporary file' {
        $ids = 'ses-fix-01', 'ses-fix-02', 'ses-fix-03', 'ses-fix-04', 'ses-fix-05', 'ses-fix-06'
        $first = $ids | Export-LlamaChatSession -Path $Dir -ThrottleLimit 6 -PassThru @Conn | Select-Object -First 1
        $first.Name | Should -Be 'ses-fix-01.json'
        # The abandoned downloads remove their temporary files as they end (cancelled, or finished unused).
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while (@(Get-ChildItem -Force $Dir -Filter '*.tmp').Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        (Get-ChildItem -Force $Dir).Name | Should -Be 'ses-fix-01.json'
    }

    It 'takes -Id, and its default parameter set is the id set' {
        (Get-Command Export-LlamaChatSession).DefaultParameterSet | Should -Be 'Id'
        (Export-LlamaChatSession -Id ses-demo -Path $Dir @Conn -PassThru).Name | Should -Be 'ses-demo.json'
        (Export-LlamaChatSession -SessionId ses-abc123 -Path $Dir @Conn -PassThru).Name | Should -Be 'ses-abc123.json'
    }

    It 'takes sessions typed as -InputObject, without asking for an id, and fetches them from where they came from' {
        $sessions = Get-LlamaChatSession -Id ses-demo, ses-unicode @Conn
        $target = Join-Path $Dir 'input-object'
        # In a child process without a console: a prompt for -Id would fail the command instead of waiting.
        $files = Export-LlamaChatSession -InputObject $sessions -Path $target -PassThru
        $files.Name | Should -Be @('ses-demo.json', 'ses-unicode.json')
        (Get-LlamaChatSession -Path $files[0].FullName).EventCount | Should -Be $sessions[0].EventCount
        $ps = [PowerShell]::Create()
        $null = $ps.AddScript('param($m, $s, $p) Import-Module $m; Export-LlamaChatSession -InputObject $s -Path $p -Force').AddArgument($env:LLAMA_CHAT_TEST_MODULE).AddArgument($sessions).AddArgument($target)
        $null = $ps.Invoke()
        $ps.HadErrors | Should -BeFalse -Because ($ps.Streams.Error | Out-String)
        $ps.Dispose()
    }
}
