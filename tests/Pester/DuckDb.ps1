# Dot-sourced by the analytics tests: a real DuckDB (npm @duckdb/node-api, which ships its binary, pinned by
# tests/DuckDb/package-lock.json) reads the tables Export-LlamaChatTable wrote. node_modules is restored when missing.
$script:DuckDbTool = Join-Path $PSScriptRoot '../DuckDb'
if (-not (Get-Command node -ErrorAction SilentlyContinue)) { throw 'node is required for the DuckDB checks (.ci/run installs nodejs and npm).' }
if (-not (Test-Path (Join-Path $script:DuckDbTool 'node_modules/@duckdb/node-api/package.json'))) {
    # Exactly the versions in package-lock.json.
    Push-Location $script:DuckDbTool
    try { & npm ci --no-audit --no-fund --loglevel=error 2>&1 | Out-Null } finally { Pop-Location }
    if ($LASTEXITCODE -ne 0) { throw "npm ci in $script:DuckDbTool failed ($LASTEXITCODE)" }
}

function Invoke-DuckDb {
    <# Runs the statements in one in-memory DuckDB; one array of row objects per statement (BIGINTs as strings). #>
    param([Parameter(Mandatory)] [string[]] $Sql)
    $file = [IO.Path]::GetTempFileName()
    try {
        [IO.File]::WriteAllText($file, (ConvertTo-Json -InputObject @($Sql) -Compress), [Text.UTF8Encoding]::new($false))
        $out = & node (Join-Path $script:DuckDbTool 'query.mjs') $file 2>&1
        if ($LASTEXITCODE -ne 0) { throw "DuckDB failed ($LASTEXITCODE): $out" }
        foreach ($r in ($out | ConvertFrom-Json).results) { , @($r) }
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

function Get-TableSource {
    <#
    The DuckDB table function that reads one table of an export folder. NDJSON and CSV carry no types of their own: the
    column types come from the folder's manifest.json, as docs/analytics.md shows (Parquet files carry theirs).
    #>
    param([string] $Folder, [string] $Table, [string] $Format)
    $glob = (Join-Path $Folder "$Table/*.$($Format.ToLowerInvariant())").Replace('\', '/').Replace("'", "''")
    $manifest = Get-Content -Raw (Join-Path $Folder 'manifest.json') | ConvertFrom-Json
    $columns = (@($manifest.tables | Where-Object name -eq $Table)[0].columns | ForEach-Object { "'$($_.name)': '$($_.type)'" }) -join ', '
    switch ($Format) {
        'Parquet' { "read_parquet('$glob')" }
        'Ndjson' { "read_json('$glob', format = 'newline_delimited', columns = {$columns})" }
        # The quote and escape are given: DuckDB sniffs them from the first file only, which may hold no quoted field.
        'Csv' { "read_csv('$glob', header = true, quote = '`"', escape = '`"', columns = {$columns})" }
    }
}
