// The official TypeScript SDK against the emulator: every chat method the SDK has, and the endpoints it lacks (title,
// attachments) through its own generic request methods, so its auth, headers and retries apply to them too.
//   node run.mjs <baseUrl> <apiKey>               every method but delete
//   node run.mjs <baseUrl> <apiKey> <sessionId>   delete, then retrieve (404)
// Prints one JSON document of everything it read; tests/Pester/Api/OfficialSdk.Tests.ps1 compares it with the module.
import LlamaCloud from '@llamaindex/llama-cloud';
import { VERSION } from '@llamaindex/llama-cloud/version';

const [baseURL, apiKey, deleteId] = process.argv.slice(2);
if (!baseURL || !apiKey) {
  console.error('usage: node run.mjs <baseUrl> <apiKey> [<session id to delete>]');
  process.exit(2);
}
const client = new LlamaCloud({ apiKey, baseURL, timeout: 60_000, maxRetries: 0 });
// GA SDKs have client.chat; 2.16.0 (the newest npm serves here) has client.beta.chat. The same six methods either way.
const chat = client.chat ?? client.beta.chat;
const resource = client.chat ? 'chat' : 'beta.chat';
const summary = (chat.summary ?? chat.getSummary).bind(chat);
const methods = ['list', 'create', 'retrieve', 'delete', chat.summary ? 'summary' : 'getSummary', 'stream'];

async function status(promise) {
  try {
    await promise;
    return 200;
  } catch (e) {
    return e.status ?? -1;
  }
}

if (deleteId) {
  // The second run: delete, then see it gone (the first run's session stays for the module to read).
  await chat.delete(deleteId);
  console.log(JSON.stringify({ deletedStatus: await status(chat.retrieve(deleteId)) }));
  process.exit(0);
}

const out = { sdk: VERSION, node: process.version, resource, methods: methods.filter((m) => typeof chat[m] === 'function') };

// list: auto-paged over next_page_token.
out.list = [];
for await (const s of chat.list({ page_size: 5 })) out.list.push(s);

out.retrieve = await chat.retrieve('ses-demo');
out.summary = await summary('ses-abc123');

out.created = await chat.create({ index_ids: ['idx-sdk', 'idx-offline-sdk'], shared_access: 'query' });
const id = out.created.session_id;
// stream: the SDK returns the whole Server-Sent Events body as one string, unparsed.
out.streamText = await chat.stream(id, { prompt: 'What does the SDK see?', index_ids: ['idx-sdk', 'idx-offline-sdk'] });
out.afterTurn = await chat.retrieve(id);

// The methods 2.16.0 lacks, through the SDK's generic requests.
out.title = await client.post(`/api/v1/chat/${encodeURIComponent(id)}/title`, { body: { first_message: 'What does the SDK see?' } });
out.attachments = [];
let token;
do {
  const page = await client.get('/api/v1/beta/attachments', { query: { source_id: 'src-q3', page_size: 10, ...(token ? { page_token: token } : {}) } });
  out.attachments.push(...page.items);
  token = page.next_page_token;
} while (token);
out.presigned = await client.get('/api/v1/beta/attachments/page_4.png', { query: { source_id: 'src-q3' } });

// Project scoping: another project's session is not found; with its project it is.
out.otherProjectStatus = await status(chat.retrieve('ses-other'));
out.otherProject = await chat.retrieve('ses-other', { project_id: 'proj-other' });

console.log(JSON.stringify(out));
