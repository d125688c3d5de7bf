// Runs SQL statements in one in-memory DuckDB and prints their results as JSON (used by
// tests/Pester/DuckDb.ps1 to check the tables Export-LlamaChatTable writes with a real engine).
// Usage: node query.mjs <statements.json>   where the file holds a JSON array of SQL strings.
// Output: {"results": [[{column: value, ...}, ...], ...]}; BIGINT/HUGEINT values as numbers when exact, else strings.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const statements = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const results = [];
for (const sql of statements) {
    const reader = await connection.runAndReadAll(sql);
    results.push(reader.getRowObjectsJson());
}
connection.closeSync();
process.stdout.write(JSON.stringify({ duckdb: (await import('@duckdb/node-api/package.json', { with: { type: 'json' } })).default.version, results }));
