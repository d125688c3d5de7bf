# Get-LlamaChatAttachment against the emulator's attachments (tests/LlamaCloud.Emulator/Attachments.cs): src-q3 has
# page_1.png .. page_24.png; ses-demo's and ses-abc123's search_index results name src-q3/page_4.png.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    function Get-AttachmentRequest { @(Get-EmulatorRequest | Where-Object { $_.path -like '/api/v1/beta/attachments*' }) }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Get-LlamaChatAttachment' {
    BeforeEach { Reset-Emulator; Clear-EmulatorRequest }

    It 'resolves a session''s image attachments into typed objects with a presigned URL and its expiry' {
        $before = [DateTime]::UtcNow
        $a = @(Get-LlamaChatSession -Id ses-demo @Conn | Get-LlamaChatAttachment)
        $a.Count | Should -Be 1
        $a[0] | Should -BeOfType ([LlamaCloud.Chat.ChatAttachment])
        $a[0].SourceId | Should -Be 'src-q3'
        $a[0].Name | Should -Be 'page_4.png'
        $a[0].SessionId | Should -Be 'ses-demo'
        $a[0].CallId | Should -Be 'call_1'
        $a[0].Url.GetLeftPart([UriPartial]::Path) | Should -Be "$($Emulator.PresignedUrl)/presigned/src-q3/page_4.png"
        $a[0].Url.Query | Should -Match '^\?expires=\d+&signature=[0-9a-f]{32}$'
        $a[0].ExpiresAt.Kind | Should -Be 'Utc'
        ($a[0].ExpiresAt - $before).TotalSeconds | Should -BeGreaterOrEqual 899
        ($a[0].ExpiresAt - $before).TotalSeconds | Should -BeLessOrEqual 901
        $a[0].IsExpired | Should -BeFalse
        $r = Get-AttachmentRequest
        $r.Count | Should -Be 1
        $r[0].path | Should -Be '/api/v1/beta/attachments/page_4.png'
        $r[0].query.source_id | Should -Be 'src-q3'
        $r[0].headers.Authorization | Should -Be "Bearer $Key"
    }

    It 'takes tool_result events, turns and tool calls, and passes other events over' {
        (Get-LlamaChatEvent -SessionId ses-demo @Conn | Get-LlamaChatAttachment @Conn).Name | Should -Be 'page_4.png'
        $turns = @(Get-LlamaChatTurn -SessionId ses-abc123 @Conn)
        ($turns | Get-LlamaChatAttachment @Conn).CallId | Should -Be 'call_a2'
        ($turns[1].ToolCalls | Get-LlamaChatAttachment @Conn).SourceId | Should -Be 'src-q3'
    }

    It 'writes each distinct attachment once per command' {
        $a = @('ses-demo', 'ses-abc123' | Get-LlamaChatAttachment @Conn)
        $a.Count | Should -Be 1
        (Get-AttachmentRequest).Count | Should -Be 1
    }

    It '-SourceId alone follows the pages and gives each attachment its size and URL' {
        $a = @(Get-LlamaChatAttachment -SourceId src-q3 @Conn)
        $a.Count | Should -Be 24
        $a.Name | Should -Be (1..24 | ForEach-Object { "page_$_.png" })
        $a[0].Size | Should -Be 96
        $a[3].LastModified | Should -Be ([datetime]::new(2026, 4, 22, 12, 30, 4, [DateTimeKind]::Utc))
        $lists = @(Get-AttachmentRequest | Where-Object path -eq '/api/v1/beta/attachments')
        $lists.Count | Should -Be 2
        # The second request carries the token the first page gave, read here straight from the emulator.
        $first = Invoke-RestMethod "$Url/api/v1/beta/attachments?source_id=src-q3" -Headers @{ Authorization = "Bearer $Key" }
        @($first.items).Count | Should -Be 20
        $lists[0].query.page_token | Should -BeNullOrEmpty
        $lists[1].query.page_token | Should -BeExactly $first.next_page_token
        @(Get-AttachmentRequest | Where-Object path -like '/api/v1/beta/attachments/*').Count | Should -Be 24
        @(Get-LlamaChatAttachment -SourceId src-empty @Conn).Count | Should -Be 0
    }

    It '-SourceId with -Name, and objects with SourceId and Name by property name' {
        (Get-LlamaChatAttachment -SourceId src-q3 -Name page_2.png, page_3.png @Conn).Name | Should -Be @('page_2.png', 'page_3.png')
        ([pscustomobject]@{ SourceId = 'src-q3'; AttachmentName = 'page_9.png' } | Get-LlamaChatAttachment @Conn).Name | Should -Be 'page_9.png'
    }

    It 'is one NotFound error per missing attachment, the others still resolved' {
        $a = @(Get-LlamaChatAttachment -SourceId src-q3 -Name page_99.png, page_1.png @Conn -ErrorVariable failed -ErrorAction SilentlyContinue)
        $a.Name | Should -Be 'page_1.png'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound,*'
        $failed[0].Exception.Detail | Should -Be 'Attachment not found'
    }

    It 'escapes a hostile attachment name as one path segment' {
        $hostile = Get-LlamaChatSession -Id ses-hostile @Conn | Get-LlamaChatAttachment
        $hostile.Name | Should -BeLike '<img src=x onerror=*'
        @(Get-AttachmentRequest)[-1].rawTarget | Should -BeLike '/api/v1/beta/attachments/%3Cimg%20src%3Dx%20onerror%3D*'
    }

    It 'refreshes a piped attachment whose URL expired' {
        $null = Invoke-RestMethod -Method Post -Uri "$Url/_emulator/presigned/config" -Body '{"expiresInSeconds":-60}' -ContentType 'application/json'
        $old = Get-LlamaChatAttachment -SourceId src-q3 -Name page_4.png @Conn
        $old.IsExpired | Should -BeTrue
        $null = Invoke-RestMethod -Method Post -Uri "$Url/_emulator/presigned/config" -Body '{"expiresInSeconds":900}' -ContentType 'application/json'
        $fresh = $old | Get-LlamaChatAttachment @Conn
        $fresh.IsExpired | Should -BeFalse
        $fresh.Url | Should -Not -Be $old.Url
    }

    It 'shows a table that fits 80 columns' {
        $a = Get-LlamaChatAttachment -SourceId src-q3 -Name page_4.png @Conn
        $lines = @(($a | Format-Table | Out-String -Width 80) -split "`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^SourceId\s+Name\s+Size\s+Expires \(UTC\)$'
        $lines[2] | Should -Match '^src-q3\s+page_4\.png\s+\d{4}-\d\d-\d\d \d\d:\d\d$'
        @($lines | Where-Object Length -gt 80).Count | Should -Be 0
    }
}
