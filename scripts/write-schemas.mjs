#!/usr/bin/env node
// Regenerates the published JSON Schemas in docs/schema/ from the built packages.
// A test fails when the files drift from the code; run this (after a build) to update them.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULT_SCHEMA } from '../packages/engine/dist/index.js';
import { IR_SCHEMA } from '../packages/model/dist/index.js';
import { DIFF_SCHEMA } from '../packages/diff/dist/index.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'schema');
writeFileSync(join(docs, 'result.v1.json'), JSON.stringify(RESULT_SCHEMA, null, 2) + '\n');
writeFileSync(join(docs, 'ir.v1.json'), JSON.stringify(IR_SCHEMA, null, 2) + '\n');
writeFileSync(join(docs, 'diff.v1.json'), JSON.stringify(DIFF_SCHEMA, null, 2) + '\n');
console.log('wrote docs/schema/result.v1.json, docs/schema/ir.v1.json and docs/schema/diff.v1.json');
