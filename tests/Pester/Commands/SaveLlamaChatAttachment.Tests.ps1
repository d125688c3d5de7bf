# Save-LlamaChatAttachment: real PNG bytes from the emulator's presigned-URL listener (another port, which rejects any
# Authorization header and records every request), written atomically into <Path>/<source>/<name>.
BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    function Get-Presigned { $log = Invoke-RestMethod -Uri "$Url/_emulator/presigned/requests"; foreach ($e in $log) { $e } }
    function Clear-Presigned { $null = Invoke-RestMethod -Method Delete -Uri "$Url/_emulator/presigned/requests" }
    function Set-PresignedFault([hashtable] $Fault) { $null = Invoke-RestMethod -Method Post -Uri "$Url/_emulator/presigned/fault" -Body ($Fault | ConvertTo-Json) -ContentType 'application/json' }
    # The bytes the listener serves, fetched with no client of the module in between.
    function Get-PresignedBytes([string] $Source, [string] $Name) {
        $a = Invoke-RestMethod -Uri "$Url/api/v1/beta/attachments/$([uri]::EscapeDataString($Name))?source_id=$([uri]::EscapeDataString($Source))" -Headers @{ Authorization = "Bearer $Key" }
        $http = [Net.Http.HttpClient]::new()
        try { , $http.GetByteArrayAsync($a.url).GetAwaiter().GetResult() } finally { $http.Dispose() }
    }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'Save-LlamaChatAttachment' {
    BeforeEach {
        Reset-Emulator; Clear-EmulatorRequest; Clear-Presigned
        $script:Dir = Join-Path ([IO.Path]::GetTempPath()) ("att-" + [guid]::NewGuid().ToString('N'))
    }
    AfterEach { Remove-Item -LiteralPath $script:Dir -Recurse -Force -ErrorAction SilentlyContinue }

    It 'saves the exact PNG bytes as <Path>/<source>/<name> and never sends the key to the storage host' {
        $files = @(Get-LlamaChatSession -Id ses-demo @Conn | Save-LlamaChatAttachment -Path $Dir -PassThru)
        $files.Count | Should -Be 1
        $files[0] | Should -BeOfType ([IO.FileInfo])
        $files[0].FullName | Should -Be (Join-Path $Dir 'src-q3/page_4.png')
        $bytes = [IO.File]::ReadAllBytes($files[0].FullName)
        $bytes[0..7] | Should -Be @(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        $expected = Get-PresignedBytes src-q3 page_4.png
        [Convert]::ToBase64String($bytes) | Should -Be ([Convert]::ToBase64String($expected))
        $seen = @(Get-Presigned | Where-Object { $_.headers.'User-Agent' -like 'LlamaCloud.Chat*' })
        $seen.Count | Should -Be 1
        $seen[0].status | Should -Be 200
        $seen[0].headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization'
        @(Get-ChildItem -LiteralPath $Dir -Recurse -File -Force).Name | Should -Be @('page_4.png')
    }

    It 'follows a redirect through another host without carrying the key on either hop' {
        $env:LLAMA_CLOUD_CUSTOM_HEADERS = "X-Tenant: secret-tenant"
        try { $file = Save-LlamaChatAttachment -SourceId src-redirect -Name page_1.png -Path $Dir -PassThru @Conn }
        finally { Remove-Item Env:LLAMA_CLOUD_CUSTOM_HEADERS }
        $file.Length | Should -Be (Get-PresignedBytes src-redirect page_1.png).Length
        $hops = @(Get-Presigned | Where-Object { $_.headers.'User-Agent' -like 'LlamaCloud.Chat*' })
        $hops.kind | Should -Be @('redirect', 'download')
        $hops.status | Should -Be @(302, 200)
        foreach ($h in $hops) {
            $h.headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization'
            $h.headers.PSObject.Properties.Name | Should -Not -Contain 'X-Tenant'
            ($h.headers | ConvertTo-Json) | Should -Not -Match ([regex]::Escape($Key))
        }
        # The API request itself did carry the key and the custom header.
        @(Get-EmulatorRequest | Where-Object { $_.headers.'User-Agent' -like 'LlamaCloud.Chat*' })[-1].headers.'X-Tenant' | Should -Be 'secret-tenant'
    }

    It 'a redirect of an API request to the storage host is followed without the key' {
        # The runtime drops Authorization on a redirect; the storage listener would answer 400 if it came along.
        $target = "$($Emulator.PresignedUrl)/presigned/src-q3/page_4.png"   # unsigned: the storage host refuses it (403)
        Add-Fault @{ path = '/api/v1/beta/attachments/page_4.png'; status = 307; headers = @{ Location = $target } }
        Get-LlamaChatAttachment -SourceId src-q3 -Name page_4.png @Conn -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $hop = @(Get-Presigned)
        $hop.Count | Should -Be 1
        $hop[0].headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization'
        $hop[0].status | Should -Be 403
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.Forbidden,*'
    }

    It 'refuses to overwrite without -Force, replaces with it' {
        $target = Join-Path $Dir 'src-q3/page_4.png'
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $target)
        [IO.File]::WriteAllText($target, 'old')
        Save-LlamaChatAttachment -SourceId src-q3 -Name page_4.png -Path $Dir @Conn -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.AttachmentFileExists,*'
        [IO.File]::ReadAllText($target) | Should -Be 'old'
        @(Get-Presigned).Count | Should -Be 0
        Save-LlamaChatAttachment -SourceId src-q3 -Name page_4.png -Path $Dir -Force @Conn
        (Get-Item $target).Length | Should -Be (Get-PresignedBytes src-q3 page_4.png).Length
    }

    It 'leaves no file when the download breaks, and reports it' {
        Set-PresignedFault @{ kind = 'truncate'; times = -1 }
        Save-LlamaChatAttachment -SourceId src-q3 -Name page_4.png -Path $Dir -MaximumRetryCount 1 @Conn -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.AttachmentDownloadFailed,*'
        @(Get-ChildItem -LiteralPath $Dir -Recurse -File -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
        @(Get-Presigned | Where-Object kind -eq 'download').Count | Should -Be 2
    }

    It 'refuses an answer that is not an image' {
        Set-PresignedFault @{ kind = 'html'; times = 1 }
        Save-LlamaChatAttachment -SourceId src-q3 -Name page_4.png -Path $Dir @Conn -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.AttachmentDownloadFailed,*'
        $failed[0].Exception.Message | Should -Match 'Expected an image .* got text/html'
        $failed[0].Exception.Message | Should -Not -Match 'signature='
        Test-Path (Join-Path $Dir 'src-q3/page_4.png') | Should -BeFalse
    }

    It 'asks for a fresh URL when the one it has has expired' {
        $null = Invoke-RestMethod -Method Post -Uri "$Url/_emulator/presigned/config" -Body '{"expiresInSeconds":-60}' -ContentType 'application/json'
        $stale = Get-LlamaChatAttachment -SourceId src-q3 -Name page_4.png @Conn
        $null = Invoke-RestMethod -Method Post -Uri "$Url/_emulator/presigned/config" -Body '{"expiresInSeconds":900}' -ContentType 'application/json'
        Clear-EmulatorRequest
        $stale | Save-LlamaChatAttachment -Path $Dir @Conn
        Test-Path (Join-Path $Dir 'src-q3/page_4.png') | Should -BeTrue
        @(Get-EmulatorRequest | Where-Object path -eq '/api/v1/beta/attachments/page_4.png').Count | Should -Be 1
        @(Get-Presigned).status | Should -Be @(200)
    }

    It 'keeps hostile names inside the folder' {
        $file = Get-LlamaChatSession -Id ses-hostile @Conn | Save-LlamaChatAttachment -Path $Dir -PassThru
        $file.FullName.StartsWith($Dir + [IO.Path]::DirectorySeparatorChar) | Should -BeTrue
        $file.Name | Should -BeLike '%3Cimg%20src%3Dx*'
        $file.Directory.Name | Should -BeLike '%3C%2Fcode%3E%3Cscript%3E*'
        @(Get-ChildItem -LiteralPath $Dir -Recurse -File).Count | Should -Be 1
    }

    It '-WhatIf downloads and writes nothing' {
        Save-LlamaChatAttachment -SourceId src-q3 -Path $Dir -WhatIf @Conn
        @(Get-Presigned).Count | Should -Be 0
        Test-Path $Dir | Should -BeFalse
    }

    It 'a -Path that is a file is one terminating AttachmentPathInvalid' {
        $file = New-TemporaryFile
        try {
            { Save-LlamaChatAttachment -SourceId src-q3 -Name page_4.png -Path $file.FullName @Conn } | Should -Throw -ErrorId 'LlamaCloud.AttachmentPathInvalid*'
            @(Get-EmulatorRequest).Count | Should -Be 0
        }
        finally { Remove-Item $file }
    }
}
