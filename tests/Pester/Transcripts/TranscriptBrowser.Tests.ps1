# The HTML transcript of a session full of hostile content, opened in headless Chromium: the DOM the browser built
# (after giving timers, image errors and the like time to fire) holds the writer's elements only, and no script ran.
# Chromium comes from Debian's chromium package (.ci/run installs it). Skipped only when no Chromium can be found,
# and never under CI (tests/RealParts.psm1).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../RealParts.psm1') -Force
    $script:Chromium = Find-RealPart chromium -For 'TranscriptBrowser.Tests.ps1'
}

BeforeAll {
    . (Join-Path $PSScriptRoot '../Common.ps1')
    Import-Module (Join-Path $PSScriptRoot '../../RealParts.psm1') -Force
    $script:Browser = Find-RealPart chromium -For 'TranscriptBrowser.Tests.ps1' -WarningAction SilentlyContinue

    # The DOM after load, as Chromium serialises it: text is escaped again, so every "<name" in it is a real element.
    function Get-RenderedDom([string] $File) {
        $profile = Join-Path $TestDrive ('profile-' + [guid]::NewGuid().ToString('N'))
        $psi = [System.Diagnostics.ProcessStartInfo]::new($script:Browser)
        foreach ($a in '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run', '--disable-extensions', "--user-data-dir=$profile", '--virtual-time-budget=5000',
            '--dump-dom', ([uri]::new($File)).AbsoluteUri) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $p = [System.Diagnostics.Process]::Start($psi)
        $err = $p.StandardError.ReadToEndAsync()
        $dom = $p.StandardOutput.ReadToEndAsync()
        if (-not $p.WaitForExit(120000)) { $p.Kill($true); throw "Chromium did not finish within 120 s: $File" }
        $null = $err.Wait(5000)
        if (-not $dom.Result) { throw "Chromium printed no DOM for $File (exit code $($p.ExitCode)): $($err.Result)" }
        $dom.Result
    }
    function Get-ElementName([string] $Dom) {
        [regex]::Matches($Dom, '<([a-zA-Z][a-zA-Z0-9-]*)') | ForEach-Object { $_.Groups[1].Value.ToLowerInvariant() }
    }
    function Get-Title([string] $Dom) {
        [System.Net.WebUtility]::HtmlDecode([regex]::Match($Dom, '<title>(.*?)</title>', 'Singleline').Groups[1].Value)
    }
    # What a hostile payload would leave behind if it got out of its text: elements, handlers, URLs, a changed title.
    function Assert-NothingInjected([string] $Dom, [string] $ExpectedTitle) {
        $names = Get-ElementName $Dom
        foreach ($bad in 'script', 'img', 'a', 'iframe', 'svg', 'object', 'embed', 'base', 'form', 'input', 'link', 'blink') {
            $names | Should -Not -Contain $bad -Because "no <$bad> may come from session content"
        }
        @($names | Where-Object { $_ -eq 'style' }).Count | Should -Be 1
        @($names | Where-Object { $_ -eq 'meta' }).Count | Should -Be 5
        @($names | Where-Object { $_ -eq 'h1' }).Count | Should -Be 1
        $tags = [regex]::Matches($Dom, '<[a-zA-Z][^>]*>') | ForEach-Object { $_.Value -replace '"[^"]*"', '""' }
        $tags | Where-Object { $_ -match '\son[a-z]+=' } | Should -BeNullOrEmpty
        [regex]::Matches($Dom, '<[a-zA-Z][^>]*>') | Where-Object { $_.Value -match 'javascript:|id="injected' } | Should -BeNullOrEmpty
        Get-Title $Dom | Should -BeExactly $ExpectedTitle
    }
}
AfterAll { Stop-LlamaEmulator $script:Emulator }

Describe 'The HTML transcript in headless Chromium' -Skip:(-not $Chromium) {
    BeforeAll {
        Reset-Emulator
        $script:File = Join-Path $TestDrive 'ses-hostile.html'
        Export-LlamaChatTranscript -SessionId ses-hostile @Conn -Path $File -IncludeThinking -IncludeToolOutput
        $script:Html = Get-Content -Raw $File
        # The hostile fixture's title (tests/LlamaCloud.Emulator/HostileFixture.cs), as written there.
        $script:Title = '</title><script>document.title=''pwned-title''</script><img src=x onerror="document.title=''pwned-img'';this.id=''injected-img''"> [t](javascript:alert(5))'
        $script:Dom = Get-RenderedDom $File
    }

    It 'sees scripts run on a page that allows them, and the transcript''s policy stop them (the check can fail)' {
        $open = Join-Path $TestDrive 'open.html'
        Set-Content -Path $open -Value "<!DOCTYPE html><html><head><title>before</title></head><body><script>document.title='ran';document.body.appendChild(document.createElement('blink'))</script></body></html>"
        $dom = Get-RenderedDom $open
        Get-Title $dom | Should -Be 'ran'
        Get-ElementName $dom | Should -Contain 'blink'
        [regex]::Matches($Html, '<meta http-equiv="Content-Security-Policy"[^>]*>').Count | Should -Be 1
        $policy = [regex]::Match($Html, '<meta http-equiv="Content-Security-Policy"[^>]*>').Value
        $policy | Should -Match "script-src 'none'"
        $closed = Join-Path $TestDrive 'closed.html'
        Set-Content -Path $closed -Value "<!DOCTYPE html><html><head>$policy<title>before</title></head><body><script>document.title='ran'</script><img src=x onerror=""document.title='ran'""></body></html>"
        Get-Title (Get-RenderedDom $closed) | Should -Be 'before'
    }

    It 'shows both turns, their prompts and answers, and folds reasoning and tool I/O in details' {
        $names = Get-ElementName $Dom
        @($names | Where-Object { $_ -eq 'section' }).Count | Should -Be 2
        @($names | Where-Object { $_ -eq 'h2' }).Count | Should -Be 2
        @($names | Where-Object { $_ -eq 'details' }).Count | Should -Be 4
        @($names | Where-Object { $_ -eq 'summary' }).Count | Should -Be 4
        @($names | Where-Object { $_ -eq 'pre' }).Count | Should -Be 5
        [regex]::Matches($Dom, '<details class="(\w+)"') | ForEach-Object { $_.Groups[1].Value } | Should -Be 'thinking', 'tool', 'tool', 'tool'
        $Dom | Should -Match '<h2>Turn 1</h2>'
        $Dom | Should -Match '<h2>Turn 2</h2>'
        $Dom | Should -Not -Match '<details[^>]*\sopen'
    }

    It 'shows the hostile content as text, with nothing injected and no script run' {
        Assert-NothingInjected $Dom $Title
        # The payloads are there, as text.
        $Dom | Should -Match ([regex]::Escape("&lt;script&gt;document.title='pwned-script'"))
        $Dom | Should -Match ([regex]::Escape('&lt;/details&gt;&lt;/pre&gt;&lt;/section&gt;'))
        $Dom | Should -Match ([regex]::Escape('[md link](javascript:alert(1))'))
        $Dom | Should -Match ([regex]::Escape('<code class="tool-name">&lt;img src=x onerror=alert(6)&gt;`tool`</code>'))
    }

    It 'is safe by its escaping alone, without the Content-Security-Policy' {
        $bare = Join-Path $TestDrive 'no-policy.html'
        Set-Content -Path $bare -NoNewline -Value ($Html -replace '<meta http-equiv="Content-Security-Policy"[^>]*>', '<meta name="x" content="policy removed">')
        $dom = Get-RenderedDom $bare
        Assert-NothingInjected $dom $Title
        @(Get-ElementName $dom | Where-Object { $_ -eq 'details' }).Count | Should -Be 4
    }
}

Describe 'The HTML transcript with -IncludeImages in headless Chromium' -Skip:(-not $Chromium) {
    BeforeAll {
        Reset-Emulator
        # Chromium's console: a Content-Security-Policy violation is reported there ("violates the following Content
        # Security Policy directive"), so a blocked image shows.
        function Get-ConsoleText([string] $File) {
            $profile = Join-Path $TestDrive ('profile-' + [guid]::NewGuid().ToString('N'))
            $psi = [System.Diagnostics.ProcessStartInfo]::new($script:Browser)
            foreach ($a in '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', "--user-data-dir=$profile",
                '--enable-logging=stderr', '--v=0', '--virtual-time-budget=3000', '--dump-dom', ([uri]::new($File)).AbsoluteUri) { $psi.ArgumentList.Add($a) }
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $psi.UseShellExecute = $false
            $p = [System.Diagnostics.Process]::Start($psi)
            $err = $p.StandardError.ReadToEndAsync()
            $null = $p.StandardOutput.ReadToEndAsync()
            if (-not $p.WaitForExit(120000)) { $p.Kill($true); throw "Chromium did not finish within 120 s: $File" }
            $err.Result
        }
        function Get-PresignedBytes([string] $Source, [string] $Name) {
            $a = Invoke-RestMethod -Uri "$Url/api/v1/beta/attachments/$([uri]::EscapeDataString($Name))?source_id=$([uri]::EscapeDataString($Source))" -Headers @{ Authorization = "Bearer $Key" }
            $http = [Net.Http.HttpClient]::new()
            try { , $http.GetByteArrayAsync($a.url).GetAwaiter().GetResult() } finally { $http.Dispose() }
        }
        $script:File = Join-Path $TestDrive 'ses-demo-images.html'
        Export-LlamaChatTranscript -SessionId ses-demo @Conn -Path $File -IncludeImages -IncludeToolOutput
        $script:Html = Get-Content -Raw $File
        $script:Dom = Get-RenderedDom $File
        $script:Policy = [regex]::Match($Html, '<meta http-equiv="Content-Security-Policy" content="([^"]*)">').Groups[1].Value
    }

    It 'embeds the attachment''s exact bytes as one data: image, and points at no URL' {
        $imgs = [regex]::Matches($Dom, '<img alt="([^"]*)" src="data:image/png;base64,([A-Za-z0-9+/=]+)">')
        $imgs.Count | Should -Be 1
        @(Get-ElementName $Dom | Where-Object { $_ -eq 'img' }).Count | Should -Be 1
        $imgs[0].Groups[1].Value | Should -Be 'page_4.png'
        $imgs[0].Groups[2].Value | Should -Be ([Convert]::ToBase64String((Get-PresignedBytes src-q3 page_4.png)))
        $Html | Should -Not -Match 'https?://127\.0\.0\.1'
        $Html | Should -Not -Match 'signature='
    }

    It 'allows data: images and still no script; the browser loads the image under that policy (the check can fail)' {
        $Policy | Should -Match "img-src data:;"
        $Policy | Should -Match "script-src 'none'"
        $Policy | Should -Match "default-src 'none'"
        Get-ConsoleText $File | Should -Not -Match 'violates the following Content Security Policy'
        # The same image under the policy without images is blocked, and the console says so.
        $blocked = Join-Path $TestDrive 'blocked.html'
        Set-Content -Path $blocked -NoNewline -Value ($Html -replace [regex]::Escape('img-src data:;'), "img-src 'none';")
        Get-ConsoleText $blocked | Should -Match "violates the following Content Security Policy directive: `"img-src 'none'`""
    }

    It 'the embedded bytes decode as the 12 x 6 pixel screenshot' {
        $src = [regex]::Match($Dom, 'src="(data:image/png;base64,[^"]+)"').Groups[1].Value
        $probe = Join-Path $TestDrive 'probe.html'
        Set-Content -Path $probe -Value "<!DOCTYPE html><html><head><title>pending</title></head><body><script>var i=new Image();i.onload=function(){document.title=i.naturalWidth+'x'+i.naturalHeight};i.onerror=function(){document.title='broken'};i.src='$src';</script></body></html>"
        Get-Title (Get-RenderedDom $probe) | Should -Be '12x6'
    }

    It 'a hostile session''s attachment is embedded as an image and nothing else' {
        $hostile = Join-Path $TestDrive 'ses-hostile-images.html'
        Export-LlamaChatTranscript -SessionId ses-hostile @Conn -Path $hostile -IncludeImages -IncludeThinking -IncludeToolOutput
        $dom = Get-RenderedDom $hostile
        $names = Get-ElementName $dom
        @($names | Where-Object { $_ -eq 'img' }).Count | Should -Be 1
        foreach ($bad in 'script', 'a', 'iframe', 'svg', 'object', 'embed', 'base', 'form') { $names | Should -Not -Contain $bad }
        $img = [regex]::Match($dom, '<img[^>]*>').Value
        $img | Should -Match '^<img alt="&lt;img src=x onerror=&quot;document\.title=''pwned-img'';this\.id=''injected-img''&quot;&gt;" src="data:image/png;base64,[A-Za-z0-9+/=]+">$'
        Get-Title $dom | Should -BeExactly $Title
    }

    It 'an image that cannot be had is a note in the page and one error' {
        $null = Invoke-RestMethod -Method Post -Uri "$Url/_emulator/presigned/fault" -Body '{"kind":"html","times":-1}' -ContentType 'application/json'
        try {
            $page = Join-Path $TestDrive 'missing.html'
            Export-LlamaChatTranscript -SessionId ses-demo @Conn -Path $page -IncludeImages -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'LlamaCloud.AttachmentDownloadFailed,*'
            $html = Get-Content -Raw $page
            $html | Should -Match '<p class="note image-missing">The image could not be embedded: Expected an image from http://127\.0\.0\.1:\d+/presigned/src-q3/page_4\.png, got text/html'
            $html | Should -Not -Match '<img'
        }
        finally { Reset-Emulator }
    }
}
