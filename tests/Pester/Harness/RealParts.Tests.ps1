# tests/RealParts.psm1: a missing real part skips its tests with a warning on a developer's machine, and fails under CI.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../RealParts.psm1') -Force
    $script:SavedPath = $env:PATH
    $script:SavedCI = $env:CI
}

Describe 'Find-RealPart' {
    AfterEach {
        $env:PATH = $script:SavedPath
        if ($null -eq $script:SavedCI) { Remove-Item Env:CI -ErrorAction SilentlyContinue } else { $env:CI = $script:SavedCI }
    }

    It 'finds a part that is on the PATH' {
        $dir = Join-Path $TestDrive 'bin'
        $null = New-Item -ItemType Directory -Force $dir
        $fake = Join-Path $dir 'node'
        Set-Content -LiteralPath $fake -Value '#!/bin/sh'
        if (-not $IsWindows) { chmod +x $fake }
        $env:PATH = $dir
        Find-RealPart node | Should -Be $fake
    }

    It 'warns and gives $null for a missing part outside CI' {
        $env:PATH = Join-Path $TestDrive 'empty'
        Remove-Item Env:CI -ErrorAction SilentlyContinue
        $found = Find-RealPart mono -For 'this test' -WarningVariable w -WarningAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $w.Count | Should -Be 1
        "$($w[0])" | Should -BeLike 'SKIPPED: mono is missing, so this test cannot run (apt-get install mono-runtime*'
    }

    It 'throws for a missing part under CI=<Value>' -TestCases @(@{ Value = 'true' }, @{ Value = 'TRUE' }, @{ Value = '1' }) {
        $env:PATH = Join-Path $TestDrive 'empty'
        $env:CI = $Value
        { Find-RealPart chromium -For 'this test' -WarningAction SilentlyContinue } | Should -Throw 'CI=true: chromium is missing, so this test cannot run*'
    }

    It 'is not CI when CI=<Value>' -TestCases @(@{ Value = 'false' }, @{ Value = '0' }) {
        $env:CI = $Value
        Test-CIRun | Should -BeFalse
    }
}
