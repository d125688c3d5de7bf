#!/usr/bin/env node
// Prints what @arizeai/openinference-semantic-conventions (pinned in package.json / package-lock.json) exports, so
// the tests can require every OpenInference attribute name and value the Phoenix profile writes to be one of its
// constants: {"attributes":[...every exported attribute name...],"spanKinds":[...],"mimeTypes":[...],"version":"..."}
'use strict';
const fs = require('fs');
const path = require('path');
const oi = require('@arizeai/openinference-semantic-conventions');
const attributes = new Set();
for (const [, v] of Object.entries(oi)) if (typeof v === 'string') attributes.add(v);
for (const v of Object.values(oi.SemanticConventions || {})) if (typeof v === 'string') attributes.add(v);
// The package's exports map hides package.json: read it from the folder node_modules resolution gives.
const version = JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', '@arizeai', 'openinference-semantic-conventions', 'package.json'), 'utf8')).version;
process.stdout.write(JSON.stringify({
  version,
  attributes: [...attributes].sort(),
  spanKinds: Object.values(oi.OpenInferenceSpanKind),
  mimeTypes: Object.values(oi.MimeType),
}) + '\n');
