# The real parts the tests drive (a browser, a proxy, a .NET Framework-profile runtime, node): where each is, or
# $null. A missing part is a warning on a developer's machine, where its tests then skip; under CI (CI=true, as
# .ci/run and GitHub Actions set it) it is an error, so a run that could not test everything never passes as one that did.

$script:Parts = @{
    chromium  = @{ Names = 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'; Paths = @(); Package = 'chromium' }
    tinyproxy = @{ Names = @('tinyproxy'); Paths = '/usr/bin/tinyproxy', '/usr/sbin/tinyproxy', '/usr/local/bin/tinyproxy'; Package = 'tinyproxy' }
    mono      = @{ Names = @('mono'); Paths = @(); Package = 'mono-runtime' }
    node      = @{ Names = @('node'); Paths = @(); Package = 'nodejs' }
    npm       = @{ Names = @('npm'); Paths = @(); Package = 'npm' }
}

function Test-CIRun {
    <# True under CI: the CI variable set to true (any case) or 1. #>
    $ci = [Environment]::GetEnvironmentVariable('CI')
    return [bool]($ci -and ($ci -eq '1' -or $ci -ieq 'true'))
}

function Find-RealPart {
    <#
    .SYNOPSIS
        The path of a real part the tests need, or $null (with a warning) when it is missing; under CI, a missing part throws.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [ValidateSet('chromium', 'tinyproxy', 'mono', 'node', 'npm')] [string] $Name,
        # Who needs it, for the message (a test file's name).
        [string] $For = 'the tests'
    )
    $part = $script:Parts[$Name]
    foreach ($n in $part.Names) {
        $c = Get-Command -Name $n -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($c) { return $c.Source }
    }
    foreach ($p in $part.Paths) { if (Test-Path -LiteralPath $p) { return $p } }
    $message = "$Name is missing, so $For cannot run (apt-get install $($part.Package); .ci/run installs it)."
    if (Test-CIRun) { throw "CI=true: $message" }
    Write-Warning "SKIPPED: $message"
    return $null
}

Export-ModuleMember -Function Find-RealPart, Test-CIRun
