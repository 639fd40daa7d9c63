#!/usr/bin/env node
// How compile time grows with rubric size: the Beijing rubric (14 indicators), then generated
// rubrics of 100, 1,000 and 10,000 indicators in the same style (level cases, rounded ratios,
// yes/no items; a veto, a hard requirement, a capped deduction, a pass mark with an override).
// Times the checker and `compileRubric` (each evaluator) on the IR, median of a few runs, and
// checks that the evaluators agree on a few subjects; then the first compile of a fresh process
// (cold: nothing warmed up yet) and the first generation of the whole source (every unit, as
// `rubric compile --target js` needs), median of --cold-runs processes each. Prints JSON with
// --json.
//
//   node bench/parts/scaling.mjs [--sizes 14,100,1000,10000] [--cold-runs 3] [--json]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkRubric, contentHash, generateEvaluatorSource, inputSchema } from '@rubric/rubric';
import { syntheticRubric } from '../lib/synthetic.mjs';
import { AS_OF, compileWith, loadBeijing, subjects } from '../lib/beijing.mjs';
import { deepEqual, fixed, median, table, timeIt } from '../lib/stats.mjs';

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '14,100,1000,10000' }, 'cold-runs': { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
const coldRuns = Number(args['cold-runs']);
const COLD = fileURLToPath(new URL('../lib/compile-cold.mjs', import.meta.url));

/** Median milliseconds of the first compile (or source generation) of a fresh process. */
function cold(n, what) {
  const ms = [];
  for (let i = 0; i < coldRuns; i++) {
    const r = spawnSync(process.execPath, [COLD, String(n), what], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`bench/lib/compile-cold.mjs ${n} ${what} failed (exit ${r.status})`);
    ms.push(JSON.parse(r.stdout).ms);
  }
  return median(ms);
}
const sizes = args.sizes.split(',').map(Number);
const log = (s) => process.stderr.write(`${s}\n`);

const rows = [];
const beijing = await loadBeijing();
for (const n of sizes) {
  const rubric = n === 14 ? beijing : syntheticRubric(n);
  const indicators = rubric.sections.reduce((k, s) => k + s.indicators.length, 0);
  const errors = checkRubric(rubric).filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`the ${n}-indicator rubric has errors: ${errors.slice(0, 3).map((e) => e.message).join('; ')}`);
  const reps = n <= 100 ? 15 : n <= 1000 ? 7 : 3;
  const check = [];
  const generated = [];
  const reference = [];
  const hash = [];
  const schema = [];
  const codegen = [];
  let kind;
  let g;
  let r;
  for (let i = 0; i < reps; i++) {
    check.push(await timeIt(() => checkRubric(rubric)));
    // Parts of compiling, for whoever speeds it up.
    hash.push(await timeIt(() => contentHash(rubric)));
    schema.push(await timeIt(() => inputSchema(rubric)));
    codegen.push(await timeIt(() => generateEvaluatorSource(rubric)));
    generated.push(await timeIt(() => ({ compiled: g, kind } = compileWith(rubric, 'generated'))));
    reference.push(await timeIt(() => ({ compiled: r } = compileWith(rubric, 'reference'))));
  }
  for (const s of subjects(rubric, 20, n)) {
    if (!deepEqual(g.evaluate(s, { asOf: AS_OF }), r.evaluate(s, { asOf: AS_OF }))) throw new Error(`evaluators disagree on the ${n}-indicator rubric`);
  }
  const row = { indicators, facts: rubric.facts.length, checkMs: median(check), generatedMs: median(generated), generatedKind: kind, referenceMs: median(reference), hashMs: median(hash), schemaMs: median(schema), codegenMs: median(codegen), sourceChars: g.source?.length ?? null };
  if (coldRuns > 0) {
    row.coldMs = cold(n, 'compile');
    row.coldSourceMs = cold(n, 'source');
  }
  rows.push(row);
  log(`${indicators} indicators: check ${fixed(row.checkMs, 1)} ms, compile generated ${fixed(row.generatedMs, 1)} ms (hash ${fixed(row.hashMs, 1)}, input schema ${fixed(row.schemaMs, 1)}, source ${fixed(row.codegenMs, 1)}), reference ${fixed(row.referenceMs, 1)} ms${coldRuns > 0 ? `; cold: compile ${fixed(row.coldMs, 1)} ms, whole source ${fixed(row.coldSourceMs, 1)} ms` : ''}`);
}
if (args.json) process.stdout.write(`${JSON.stringify({ rows })}\n`);
else {
  const t = [['indicators', 'check ms', 'compile (generated) ms', 'µs/indicator', 'cold compile ms', 'whole source ms', 'cold whole source ms', 'compile (reference) ms', 'µs/indicator']];
  const ms = (x) => (x === undefined ? '—' : fixed(x, 1));
  for (const r of rows) t.push([r.indicators, fixed(r.checkMs, 1), fixed(r.generatedMs, 1), fixed((r.generatedMs * 1000) / r.indicators, 0), ms(r.coldMs), fixed(r.codegenMs, 1), ms(r.coldSourceMs), fixed(r.referenceMs, 1), fixed((r.referenceMs * 1000) / r.indicators, 0)]);
  console.log(table(t));
}
