# A client nobody here wrote: the official TypeScript SDK (@llamaindex/llama-cloud, tests/SdkClient, the version its
# package-lock.json pins) runs every chat method it has against the emulator, and the title and attachment endpoints
# through its own generic request methods (tests/SdkClient/run.mjs). What it read must equal what the module reads,
# field by field. node and npm come from .ci/run; the package is restored from the lockfile when missing.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    $script:Sdk = Join-Path $PSScriptRoot '../../SdkClient'
    if (-not (Get-Command node -ErrorAction SilentlyContinue)) { throw 'node is required for the SDK test (.ci/run installs nodejs and npm).' }
    if (-not (Test-Path (Join-Path $script:Sdk 'node_modules/@llamaindex/llama-cloud/package.json'))) {
        Push-Location $script:Sdk
        try { & npm ci --no-audit --no-fund --loglevel=error 2>&1 | Out-Null } finally { Pop-Location }
        if ($LASTEXITCODE -ne 0) { throw "npm ci in $script:Sdk failed ($LASTEXITCODE)" }
    }
    function Invoke-Sdk([string[]] $Arguments) {
        $out = & node (Join-Path $script:Sdk 'run.mjs') $Url $Key @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "run.mjs failed ($LASTEXITCODE): $out" }
        ($out | Select-Object -Last 1) | ConvertFrom-Json -Depth 64
    }
    # Any JSON value as one canonical text, so an SDK object and the module's exact *Json text compare by value.
    function ConvertTo-Canonical($Value) { if ($null -eq $Value) { 'null' } else { $Value | ConvertTo-Json -Depth 64 -Compress } }
    function Get-Canonical([string] $Json) { ConvertTo-Canonical ($Json | ConvertFrom-Json -Depth 64) }

    # A summary as the SDK read it against a ChatSession as the module read it.
    function Assert-SameSummary($SdkSession, [LlamaCloud.Chat.ChatSession] $Mine) {
        $Mine.SessionId | Should -Be $SdkSession.session_id
        $Mine.LastUpdatedAt.ToString('yyyy-MM-ddTHH:mm:ss.ffffff', [cultureinfo]::InvariantCulture) | Should -Be $SdkSession.last_updated_at
        $Mine.SharedAccess | Should -Be $SdkSession.shared_access
        $Mine.GeneratedTitle | Should -Be $SdkSession.generated_title
        if ($null -eq $SdkSession.index_ids) { $Mine.IndexIds | Should -BeNullOrEmpty } else { @($Mine.IndexIds) | Should -Be @($SdkSession.index_ids) }
        $m = $SdkSession.job_metadata
        if ($null -eq $m) { $Mine.JobMetadata | Should -BeNullOrEmpty; return }
        $Mine.JobMetadata.DurationMs | Should -Be $m.duration_ms
        $Mine.JobMetadata.Error | Should -Be $m.error
        if ($null -eq $m.export_config_ids) { $Mine.JobMetadata.ExportConfigIds | Should -BeNullOrEmpty } else { @($Mine.JobMetadata.ExportConfigIds) | Should -Be @($m.export_config_ids) }
        $Mine.JobMetadata.IsError | Should -Be $m.is_error
        $Mine.JobMetadata.TotalInputTokens | Should -Be $m.total_input_tokens
        $Mine.JobMetadata.TotalOutputTokens | Should -Be $m.total_output_tokens
        $Mine.JobMetadata.Turns | Should -Be $m.turns
    }

    # One event, field by field: the SDK's parsed object against the module's typed event.
    function Assert-SameEvent($SdkEvent, [LlamaCloud.Chat.ChatEvent] $Mine) {
        $Mine.Type | Should -Be $SdkEvent.type
        switch ($SdkEvent.type) {
            { $_ -in 'user_input', 'thinking_delta', 'thinking', 'text_delta', 'text' } { $Mine.Content | Should -BeExactly $SdkEvent.content }
            'tool_call' {
                $Mine.CallId | Should -Be $SdkEvent.call_id
                $Mine.Name | Should -Be $SdkEvent.name
                Get-Canonical $Mine.ArgumentsJson | Should -Be (ConvertTo-Canonical $SdkEvent.arguments)
            }
            'tool_result' {
                $Mine.CallId | Should -Be $SdkEvent.call_id
                $Mine.Name | Should -Be $SdkEvent.name
                Get-Canonical $Mine.ResultJson | Should -Be (ConvertTo-Canonical $SdkEvent.result)
                if ($null -eq $SdkEvent.image_attachment) { $Mine.ImageAttachment | Should -BeNullOrEmpty }
                else {
                    $Mine.ImageAttachment.AttachmentName | Should -Be $SdkEvent.image_attachment.attachment_name
                    $Mine.ImageAttachment.SourceId | Should -Be $SdkEvent.image_attachment.source_id
                }
            }
            'stop' {
                $Mine.Error | Should -Be $SdkEvent.error
                $Mine.IsError | Should -Be $SdkEvent.is_error
                $Mine.Usage.DurationMs | Should -Be $SdkEvent.usage.duration_ms
                $Mine.Usage.TotalInputTokens | Should -Be $SdkEvent.usage.total_input_tokens
                $Mine.Usage.TotalOutputTokens | Should -Be $SdkEvent.usage.total_output_tokens
                $Mine.Usage.Turns | Should -Be $SdkEvent.usage.turns
                @($Mine.SkippedIndexIds) | Should -Be @($SdkEvent.skipped_index_ids | Where-Object { $null -ne $_ })
            }
            default { throw "an event type the comparison does not know: $_" }
        }
    }
    function Assert-SameEvents($SdkEvents, $Mine) {
        @($Mine).Count | Should -Be @($SdkEvents).Count
        for ($i = 0; $i -lt @($SdkEvents).Count; $i++) { Assert-SameEvent @($SdkEvents)[$i] @($Mine)[$i] }
    }

    Reset-Emulator
    $null = Invoke-EmulatorControl -Emulator $Emulator -Method Post -Path 'stream' -Body @{ paceMs = 0 }
    Clear-EmulatorRequest
    $script:Read = Invoke-Sdk @()
    $script:SdkRequests = @(Get-EmulatorRequest)
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'The official TypeScript SDK and the module read the same' {
    It 'ran every method of the SDK''s chat resource, as the SDK itself, with the key' {
        # The lockfile's root package is keyed "" (only a hashtable can hold that).
        $Read.sdk | Should -Be (Get-Content (Join-Path $Sdk 'package-lock.json') -Raw | ConvertFrom-Json -AsHashtable).packages['node_modules/@llamaindex/llama-cloud'].version
        $Read.resource | Should -BeIn 'chat', 'beta.chat'
        $Read.methods | Should -Be @('list', 'create', 'retrieve', 'delete', $(if ($Read.resource -eq 'chat') { 'summary' } else { 'getSummary' }), 'stream')
        # list 4 pages, retrieve, summary, create, stream, retrieve, title, 3 attachment pages, presigned URL, 2 other-project reads
        $SdkRequests.Count | Should -Be 16
        @($SdkRequests | Where-Object { $_.headers.'User-Agent' -notlike 'LlamaCloud/JS *' }).Count | Should -Be 0
        @($SdkRequests | Where-Object { $_.headers.Authorization -ne "Bearer $Key" }).Count | Should -Be 0
        ($SdkRequests | Where-Object path -like '*/title').headers.'X-Stainless-Lang' | Should -Be 'js'
    }

    It 'list: every page, every summary field' {
        # The session the SDK created since is newest; the SDK listed before it existed.
        $mine = @(Get-LlamaChatSession @Conn | Where-Object SessionId -ne $Read.created.session_id)
        $mine.Count | Should -Be 17
        @($Read.list).Count | Should -Be 17
        for ($i = 0; $i -lt 17; $i++) { Assert-SameSummary $Read.list[$i] $mine[$i] }
        @($SdkRequests | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/api/v1/chat' }).Count | Should -Be 4
    }

    It 'retrieve: the summary fields and every event' {
        $mine = Get-LlamaChatSession -Id ses-demo @Conn
        Assert-SameSummary $Read.retrieve $mine
        Assert-SameEvents $Read.retrieve.events $mine.Events
        @($mine.Events).Count | Should -Be 22
    }

    It 'summary' {
        Assert-SameSummary $Read.summary (Get-LlamaChatSession -Id ses-abc123 -Summary @Conn)
    }

    It 'create (shared_access and index_ids), the turn the SDK streamed, and the title it generated' {
        $id = $Read.created.session_id
        $Read.created.shared_access | Should -Be 'query'
        $mine = Get-LlamaChatSession -Id $id @Conn
        Assert-SameSummary $Read.title $mine
        Assert-SameEvents $Read.afterTurn.events $mine.Events
        $mine.Events[-1].SkippedIndexIds | Should -Be 'idx-offline-sdk'
        $mine.GeneratedTitle | Should -Be 'What does the SDK see'
    }

    It 'stream: the payloads the SDK received are the events the module reads from the same turn' {
        # The SDK hands back the raw body; its data: lines (one per event in this framing) are the turn's events.
        $payloads = @(($Read.streamText -split "`n") | Where-Object { $_ -like 'data: *' } | ForEach-Object { $_.Substring(6) | ConvertFrom-Json -Depth 64 })
        $payloads.Count | Should -Be 13
        $s = New-LlamaChatSession -IndexId idx-sdk, idx-offline-sdk @Conn
        $mine = @($s | Send-LlamaChatMessage -Prompt 'What does the SDK see?' -WarningAction SilentlyContinue)
        Assert-SameEvents $payloads $mine
        $mine.StreamEventName | Should -Be @(($Read.streamText -split "`n") | Where-Object { $_ -like 'event: *' } | ForEach-Object { $_.Substring(7) })
    }

    It 'attachments: the listing, and the presigned URL' {
        $mine = @(Get-LlamaChatAttachment -SourceId src-q3 @Conn)
        $mine.Count | Should -Be 24
        @($Read.attachments).Count | Should -Be 24
        for ($i = 0; $i -lt 24; $i++) {
            $mine[$i].Name | Should -Be $Read.attachments[$i].name
            $mine[$i].Size | Should -Be $Read.attachments[$i].size
            $mine[$i].LastModified | Should -Be ([datetime]::Parse($Read.attachments[$i].last_modified, [cultureinfo]::InvariantCulture, 'AdjustToUniversal'))
        }
        $url = (Get-LlamaChatAttachment -SourceId src-q3 -Name page_4.png @Conn)
        $url.Url.GetLeftPart([UriPartial]::Path) | Should -Be ([uri] $Read.presigned.url).GetLeftPart([UriPartial]::Path)
        $url.FormFields | Should -Be $Read.presigned.form_fields
        $sdkExpiry = [datetime]::Parse($Read.presigned.expires_at, [cultureinfo]::InvariantCulture, 'AdjustToUniversal')
        [math]::Abs(($url.ExpiresAt - $sdkExpiry).TotalSeconds) | Should -BeLessThan 120
    }

    It 'project scoping: another project''s session is 404 to both, and the same with its project' {
        $Read.otherProjectStatus | Should -Be 404
        Get-LlamaChatSession -Id ses-other @Conn -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].Exception.StatusCode | Should -Be 404
        $mine = Get-LlamaChatSession -Id ses-other -ProjectId proj-other @Conn
        Assert-SameSummary $Read.otherProject $mine
        Assert-SameEvents $Read.otherProject.events $mine.Events
    }

    It 'delete: gone for both' {
        $id = $Read.created.session_id
        (Invoke-Sdk @($id)).deletedStatus | Should -Be 404
        Get-LlamaChatSession -Id $id @Conn -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.NotFound,*'
    }
}
