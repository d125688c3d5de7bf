# The README stays short and every page it and docs/ link to exists, down to the heading a link names.
BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).ProviderPath
    $script:Pages = @(Get-Item (Join-Path $Root 'README.md')) + @(Get-ChildItem (Join-Path $Root 'docs') -Filter *.md)

    # GitHub's anchor for a heading: lower case, punctuation dropped (hyphens and underscores kept), spaces as hyphens.
    function Get-Anchor([string] $Heading) {
        (($Heading.Trim().ToLowerInvariant() -replace '[^\p{L}\p{Nd} _-]', '') -replace ' ', '-')
    }
    function Get-Heading([string] $Path) {
        $inFence = $false
        foreach ($line in Get-Content -LiteralPath $Path) {
            if ($line -match '^(```|~~~)') { $inFence = -not $inFence; continue }
            if (-not $inFence -and $line -match '^#{1,6} (.+)$') { Get-Anchor $Matches[1] }
        }
    }
    function Get-Link([string] $Path) {
        $text = Get-Content -Raw -LiteralPath $Path
        $text = [regex]::Replace($text, '(?ms)^(```|~~~).*?^\1', '')  # links inside code blocks are code
        foreach ($m in [regex]::Matches($text, '\]\((?<target>[^)\s]+)\)')) {
            $t = $m.Groups['target'].Value
            if ($t -match '^[a-z]+:' ) { continue }  # http(s), mailto: not checked here
            [pscustomobject]@{ Page = $Path; Target = $t }
        }
    }
}

Describe 'The documentation' {
    It 'the README has at most 300 lines' {
        @(Get-Content (Join-Path $Root 'README.md')).Count | Should -BeLessOrEqual 300
    }

    It 'finds the pages it checks' {
        $Pages.Count | Should -BeGreaterOrEqual 15
    }

    It 'every relative link points at a file that exists, and at a heading of it when it names one' {
        $links = @(foreach ($p in $Pages) { Get-Link $p.FullName })
        $links.Count | Should -BeGreaterOrEqual 30
        $broken = foreach ($l in $links) {
            $file, $anchor = $l.Target -split '#', 2
            $target = if ($file) { Join-Path (Split-Path $l.Page) $file } else { $l.Page }
            if (-not (Test-Path -LiteralPath $target)) { "$(Split-Path -Leaf $l.Page): $($l.Target) (no such file)"; continue }
            if ($anchor -and $target -like '*.md' -and (Get-Heading $target) -notcontains $anchor) { "$(Split-Path -Leaf $l.Page): $($l.Target) (no such heading)" }
        }
        @($broken) | Should -BeNullOrEmpty
    }

    It 'every page under docs/ is linked from the README' {
        $readme = Get-Content -Raw (Join-Path $Root 'README.md')
        $docs = @(Get-ChildItem (Join-Path $Root 'docs') -Filter *.md)
        $docs.Count | Should -BeGreaterOrEqual 15
        $unlinked = $docs | Where-Object { $readme -notmatch [regex]::Escape("docs/$($_.Name)") }
        @($unlinked.Name) | Should -BeNullOrEmpty
    }
}
