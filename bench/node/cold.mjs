// The whole-process benchmark's TypeScript SDK side (bench/Run-Benchmark.ps1 starts it as a fresh node process):
//   node cold.mjs <baseUrl> <apiKey> <sessionId> <expectedToolCalls>
// One client, one retrieve(id) + .events.filter(...) as a node script would do it, a check of the count, exit.
import LlamaCloud from '@llamaindex/llama-cloud';

const [baseURL, apiKey, sessionId, expectedArg] = process.argv.slice(2);
const client = new LlamaCloud({ apiKey, baseURL, timeout: 60_000 });
const session = await client.beta.chat.retrieve(sessionId);
const toolCalls = session.events.filter((e) => e.type === 'tool_call');
if (toolCalls.length !== Number.parseInt(expectedArg, 10)) {
  console.error(`${toolCalls.length} tool calls, expected ${expectedArg}`);
  process.exit(1);
}
console.log('{}');
