// The TypeScript SDK side of bench/Run-Benchmark.ps1: what a node user writes to get a session's tool calls.
//   node retrieve.mjs <baseUrl> <apiKey> <sessionId> <runs>
// In one node process: one warm-up call, then <runs> timed calls of
//   (await client.beta.chat.retrieve(id)).events.filter(e => e.type === 'tool_call')
// Prints one line of JSON: { sdk, node, runs, medianMs, minMs, maxMs, timesMs, toolCalls, events }.
import { performance } from 'node:perf_hooks';
import LlamaCloud from '@llamaindex/llama-cloud';
import { VERSION as sdkVersion } from '@llamaindex/llama-cloud/version';

const [baseURL, apiKey, sessionId, runsArg] = process.argv.slice(2);
const runs = Number.parseInt(runsArg ?? '5', 10);
if (!baseURL || !apiKey || !sessionId || !(runs > 0)) {
  console.error('usage: node retrieve.mjs <baseUrl> <apiKey> <sessionId> <runs>');
  process.exit(2);
}

// Same per-request budget as the module's default (60 s); the SDK's default retries stay as they are.
const client = new LlamaCloud({ apiKey, baseURL, timeout: 60_000 });

async function once() {
  const session = await client.beta.chat.retrieve(sessionId);
  const toolCalls = session.events.filter((e) => e.type === 'tool_call');
  return { toolCalls: toolCalls.length, events: session.events.length };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const warm = await once();
const times = [];
for (let i = 0; i < runs; i++) {
  globalThis.gc?.(); // only with --expose-gc; Run-Benchmark.ps1 passes it, like [GC]::Collect() on the PowerShell side
  const t0 = performance.now();
  const r = await once();
  const ms = performance.now() - t0;
  if (r.toolCalls !== warm.toolCalls || r.events !== warm.events) {
    console.error(`run ${i + 1}: ${r.toolCalls} tool calls / ${r.events} events, warm-up had ${warm.toolCalls} / ${warm.events}`);
    process.exit(1);
  }
  times.push(ms);
}

console.log(JSON.stringify({
  sdk: sdkVersion,
  node: process.version,
  runs,
  medianMs: median(times),
  minMs: Math.min(...times),
  maxMs: Math.max(...times),
  timesMs: times,
  toolCalls: warm.toolCalls,
  events: warm.events,
}));
