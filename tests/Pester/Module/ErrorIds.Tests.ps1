# Every FullyQualifiedErrorId the module can write is a constant of LlamaCloud.Chat.ErrorIds (one table in the code),
# and the README's error table lists exactly those: a new id needs only its README row.
BeforeAll {
    $modulePath = if ($env:LLAMA_CHAT_TEST_MODULE) { $env:LLAMA_CHAT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../../out/LlamaCloud.Chat/LlamaCloud.Chat.psd1' }
    Import-Module $modulePath -Force
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).ProviderPath
    $script:CodeIds = @([LlamaCloud.Chat.ErrorIds].GetFields() | Where-Object { $_.IsLiteral } | ForEach-Object { $_.GetRawConstantValue() } | Sort-Object -Unique)
    $readme = Get-Content -Raw (Join-Path $Root 'README.md')
    $table = [regex]::Match($readme, '(?ms)^\| FullyQualifiedErrorId starts with \|.*?(?=^\s*$)').Value
    $script:ReadmeIds = @([regex]::Matches($table, '(?m)^\| `([^`]+)`') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique)
}

Describe 'Error ids' {
    It 'the README error table lists exactly the ids in ErrorIds' {
        $CodeIds.Count | Should -BeGreaterOrEqual 25
        $ReadmeIds | Should -Be $CodeIds
    }

    It 'no id is written as a string literal outside ErrorIds.cs' {
        $src = Join-Path $Root 'src/LlamaCloud.Chat'
        $files = @(Get-ChildItem $src -Recurse -Filter *.cs | Where-Object { $_.FullName -notmatch '[\\/](obj|bin)[\\/]' })
        $files.Count | Should -BeGreaterThan 200
        # The pattern finds the ids where they are written: in ErrorIds.cs, one literal per LlamaCloud. id.
        @($files | Where-Object Name -eq 'ErrorIds.cs' | Select-String -Pattern '"LlamaCloud\.[A-Z][A-Za-z]+"').Count | Should -Be @($CodeIds -like 'LlamaCloud.*').Count
        $hits = $files | Where-Object { $_.Name -ne 'ErrorIds.cs' } |
            Select-String -Pattern '"LlamaCloud\.[A-Z][A-Za-z]+"' | Where-Object { $_.Line -notmatch 'LlamaCloud\.Chat' }
        @($hits | ForEach-Object { "$($_.Filename):$($_.LineNumber): $($_.Line.Trim())" }) | Should -BeNullOrEmpty
    }
}
