#!/usr/bin/env node
// Checks OTLP/JSON documents against the OTLP protobuf schema itself: the opentelemetry-proto message types that
// @opentelemetry/otlp-transformer generates with protobufjs (pinned in package.json / package-lock.json).
//
// Each document is decoded into the proto message (TracesData for files, ExportTraceServiceRequest for request
// bodies), encoded to protobuf binary, decoded again and turned back into JSON. Any field of the input that does not
// come back is unknown to the schema (or of the wrong type, e.g. an enum name string instead of its integer); any
// value that comes back different was not what the schema's type says. Trace ids must be 32 hex digits, span ids 16,
// never all zeros (the OTLP JSON encoding's hex rule). gen_ai.input.messages / gen_ai.output.messages attributes must
// follow the GenAI semantic conventions' JSON schemas (semconv-1.41.0/, checked with ajv); "messages" counts them.
//
// usage: node validate.js [--type TracesData|ExportTraceServiceRequest] [--jsonl] <file>
// prints one JSON line: {"documents":[{"ok":bool,"errors":[...],"resourceSpans":n,"spans":n,"spanIds":[...],"traceIds":[...]}]}
'use strict';
const fs = require('fs');
const path = require('path');

const generated = path.join(path.dirname(require.resolve('@opentelemetry/otlp-transformer/package.json')), 'build', 'src', 'generated', 'root.js');
const root = require(generated);
const types = {
  TracesData: root.opentelemetry.proto.trace.v1.TracesData,
  ExportTraceServiceRequest: root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest,
};

const idLengths = { traceId: 32, spanId: 16, parentSpanId: 16 };

// gen_ai.input.messages / gen_ai.output.messages: JSON strings that must follow the conventions' JSON schemas.
const Ajv = require('ajv');
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const messageSchemas = {
  'gen_ai.input.messages': ajv.compile(require('./semconv-1.41.0/gen-ai-input-messages.json')),
  'gen_ai.output.messages': ajv.compile(require('./semconv-1.41.0/gen-ai-output-messages.json')),
};

function checkMessages(doc, errors) {
  let checked = 0;
  (doc.resourceSpans || []).forEach((r, ri) => (r.scopeSpans || []).forEach((s, si) => (s.spans || []).forEach((span, pi) => {
    for (const a of span.attributes || []) {
      const validate = messageSchemas[a.key];
      if (!validate) continue;
      const where = `$.resourceSpans[${ri}].scopeSpans[${si}].spans[${pi}] ${a.key}`;
      const text = a.value && a.value.stringValue;
      if (typeof text !== 'string') { errors.push(`${where}: not a JSON string`); continue; }
      let value;
      try { value = JSON.parse(text); } catch (e) { errors.push(`${where}: not JSON: ${e.message}`); continue; }
      if (!validate(value)) errors.push(`${where}: ${ajv.errorsText(validate.errors)}`);
      checked++;
    }
  })));
  return checked;
}

function hexToBase64(hex) { return Buffer.from(hex, 'hex').toString('base64'); }
function base64ToHex(b64) { return Buffer.from(b64, 'base64').toString('hex'); }

// Replaces the hex ids by base64 (what protobufjs expects for bytes), checking each on the way.
function idsToBase64(value, where, errors, seen) {
  if (Array.isArray(value)) return value.map((v, i) => idsToBase64(v, `${where}[${i}]`, errors, seen));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (k in idLengths) {
      if (typeof v !== 'string') { errors.push(`${where}.${k}: not a string`); out[k] = v; continue; }
      if (k === 'parentSpanId' && v === '') { out[k] = v; continue; }
      if (!/^[0-9a-fA-F]*$/.test(v)) errors.push(`${where}.${k}: '${v}' is not hex`);
      else if (v.length !== idLengths[k]) errors.push(`${where}.${k}: '${v}' has ${v.length} hex digits, expected ${idLengths[k]}`);
      else if (/^0+$/.test(v)) errors.push(`${where}.${k}: all zeros`);
      seen.push([k, v.toLowerCase()]);
      out[k] = hexToBase64(v);
    } else out[k] = idsToBase64(v, `${where}.${k}`, errors, seen);
  }
  return out;
}

function idsToHex(value) {
  if (Array.isArray(value)) return value.map(idsToHex);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = (k in idLengths && typeof v === 'string' && v !== '') ? base64ToHex(v) : idsToHex(v);
  return out;
}

// Every difference between what was sent and what the schema kept.
function compare(sent, kept, where, errors) {
  if (Array.isArray(sent)) {
    if (!Array.isArray(kept)) { errors.push(`${where}: the schema has no repeated field here`); return; }
    if (sent.length !== kept.length) errors.push(`${where}: ${sent.length} items sent, ${kept.length} decoded`);
    for (let i = 0; i < Math.min(sent.length, kept.length); i++) compare(sent[i], kept[i], `${where}[${i}]`, errors);
    return;
  }
  if (sent !== null && typeof sent === 'object') {
    if (kept === null || typeof kept !== 'object' || Array.isArray(kept)) { errors.push(`${where}: the schema has no message here`); return; }
    for (const k of Object.keys(sent)) {
      if (!(k in kept)) errors.push(`${where}.${k}: unknown field (or wrong type) for the schema`);
      else compare(sent[k], kept[k], `${where}.${k}`, errors);
    }
    for (const k of Object.keys(kept)) if (!(k in sent)) errors.push(`${where}.${k}: decoded but not sent`);
    return;
  }
  if (typeof sent === 'string' && typeof kept === 'string' && sent.toLowerCase() === kept.toLowerCase() && /^[0-9a-fA-F]+$/.test(sent)) return;
  // int64 fields (OTLP's are the *UnixNano times and AnyValue.intValue) may arrive as JSON numbers; they decode to decimal strings.
  if (/(UnixNano|\.intValue)$/.test(where) && typeof sent === 'number' && typeof kept === 'string' && Number.isSafeInteger(sent) && String(sent) === kept) return;
  if (sent !== kept) errors.push(`${where}: sent ${JSON.stringify(sent)}, decoded ${JSON.stringify(kept)}`);
}

function check(text, Type) {
  const errors = [];
  let doc;
  try { doc = JSON.parse(text); } catch (e) { return { ok: false, errors: [`not JSON: ${e.message}`] }; }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, errors: ['not a JSON object'] };
  const seen = [];
  const prepared = idsToBase64(doc, '$', errors, seen);
  let kept;
  try {
    const message = Type.fromObject(prepared);
    const binary = Type.encode(message).finish();
    const decoded = Type.decode(binary);
    kept = idsToHex(Type.toObject(decoded, { longs: String, enums: Number, bytes: String, defaults: false }));
  } catch (e) {
    return { ok: false, errors: errors.concat([`does not decode: ${e.message}`]) };
  }
  compare(doc, kept, '$', errors);
  const messages = checkMessages(doc, errors);
  const rs = Array.isArray(doc.resourceSpans) ? doc.resourceSpans : [];
  let spans = 0;
  for (const r of rs) for (const s of (r.scopeSpans || [])) spans += (s.spans || []).length;
  return {
    ok: errors.length === 0,
    errors,
    resourceSpans: rs.length,
    spans,
    messages,
    traceIds: [...new Set(seen.filter(([k]) => k === 'traceId').map(([, v]) => v))],
    spanIds: seen.filter(([k]) => k === 'spanId').map(([, v]) => v),
  };
}

function main(argv) {
  let typeName = 'TracesData';
  let jsonl = false;
  let file = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--type') typeName = argv[++i];
    else if (argv[i] === '--jsonl') jsonl = true;
    else file = argv[i];
  }
  const Type = types[typeName];
  if (!Type || !file) { process.stderr.write('usage: node validate.js [--type TracesData|ExportTraceServiceRequest] [--jsonl] <file>\n'); return 2; }
  const text = fs.readFileSync(file, 'utf8');
  const docs = jsonl ? text.split('\n').filter((l) => l.trim() !== '') : [text];
  process.stdout.write(JSON.stringify({ type: typeName, documents: docs.map((d) => check(d, Type)) }) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
