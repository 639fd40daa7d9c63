#!/usr/bin/env node
// The engine comparison, in one process: every evaluator of the Beijing rubric is built from
// its IR (timed: compile time), checked to agree with the reference interpreter on every
// subject of the dataset, then timed in interleaved rounds (each round runs every evaluator
// once, in a rotating order); the median round counts. Prints a table, or JSON with --json.
//
//   node --expose-gc bench/parts/engines.mjs [--subjects N] [--slow-subjects N] [--rounds R] [--json]
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { AS_OF, loadBeijing, compileWith, subjects } from '../lib/beijing.mjs';
import { deepEqual, fixed, grouped, median, table, timeIt } from '../lib/stats.mjs';
import { ENGINES } from '../engines/index.mjs';
// The CLI's result writer (built by `npm run bench` before this runs).
import { JsonUtf8Writer } from '../../packages/cli/dist/output/json-utf8.js';
import { Utf8Builder } from '../../packages/cli/dist/output/utf8-builder.js';

const { values: args } = parseArgs({
  options: {
    subjects: { type: 'string', default: '20000' },
    'slow-subjects': { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
  },
});
const N = Number(args.subjects);
const N_SLOW = Number(args['slow-subjects']);
const ROUNDS = Number(args.rounds);
const log = (s) => process.stderr.write(`${s}\n`);

const rubric = await loadBeijing();
const data = subjects(rubric, N);
const reference = compileWith(rubric, 'reference').compiled;
const hash = reference.hash;

// ---- compile time: median of repeated builds from the IR
const compileMs = {};
const built = {};
for (const e of ENGINES) {
  const reps = e.async ? 5 : 15;
  const times = [];
  for (let i = 0; i < reps; i++) {
    let ev;
    times.push(await timeIt(() => (ev = e.build(rubric, hash))));
    if (i < reps - 1) ev.dispose?.();
    else built[e.name] = ev;
  }
  compileMs[e.name] = median(times);
}
const generatedKind = built['generated'].kind;
log(`generated evaluator: ${generatedKind === 'generated' ? 'available' : 'NOT available (compileRubric gave the reference interpreter)'}`);

// ---- agreement, before any timing
const expected = data.map((s) => reference.evaluate(s, { asOf: AS_OF }));
const expectedExplained = data.slice(0, 2000).map((s) => reference.evaluate(s, { asOf: AS_OF, explain: true }));
const agreement = {};
for (const e of ENGINES) {
  const ev = built[e.name];
  const set = e.async ? data.slice(0, Math.max(N_SLOW, Math.min(N, 5000))) : data;
  let exact = 0;
  let rounded = 0;
  for (let i = 0; i < set.length; i++) {
    const got = await ev(set[i]);
    const want = e.explain ? expectedExplained[i] : expected[i];
    if (e.explain && i >= expectedExplained.length) break;
    if (e.full) {
      if (!deepEqual(got, want)) throw new Error(`${e.name} disagrees with the reference on subject ${set[i].id}:\n${JSON.stringify(got)}\n${JSON.stringify(want)}`);
      exact++;
    } else if (got.outcome === want.outcome && got.total === want.total) exact++;
    else if (got.outcome === want.outcome && Math.round(got.total * 100) === Math.round(want.total * 100)) rounded++;
    else throw new Error(`${e.name} disagrees with the reference on subject ${set[i].id}: ${JSON.stringify(got)} vs outcome ${want.outcome}, total ${want.total}`);
  }
  agreement[e.name] = { checked: exact + rounded, exact, rounded, compared: e.full ? 'whole result' : 'outcome and total' };
}
log(`agreement: ${Object.entries(agreement).map(([k, v]) => `${k} ${v.checked}${v.rounded ? ` (${v.rounded} after rounding)` : ''}`).join(', ')}`);

const EXTRA_LABELS = {
  'ajv-validation': 'ajv input validation only',
  'generated+stringify': 'generated + JSON.stringify',
  'generated+stringify+encode': 'generated + JSON.stringify + UTF-8',
  'generated+json-bytes': 'generated + JSON Lines byte writer',
};
const encoder = new TextEncoder();

// ---- what validation alone costs (ajv on the input schema), as a floor for every evaluator that validates
const { Ajv } = createRequire(import.meta.url)('ajv');
const validate = new Ajv({ allErrors: true, strict: false }).compile(reference.inputSchema);
const jobs = [
  ...ENGINES.map((e) => ({ name: e.name, async: e.async, set: e.async ? data.slice(0, N_SLOW) : data, run: built[e.name] })),
  { name: 'ajv-validation', set: data, run: (s) => validate(s) },
  { name: 'generated+stringify', set: data, run: ((ev) => (s) => JSON.stringify(ev(s)))(built['generated']) },
  // What `rubric eval --format jsonl` does per result: before (JSON text, then UTF-8) and now
  // (the shape-learning byte writer, output/json-utf8.ts); both into a reused buffer.
  { name: 'generated+stringify+encode', set: data, run: ((ev, buf) => (s) => encoder.encodeInto(JSON.stringify(ev(s)), buf))(built['generated'], new Uint8Array(1 << 16)) },
  { name: 'generated+json-bytes', set: data, run: ((ev, writer, out) => (s) => {
    out.length = 0;
    writer.append(ev(s), out);
  })(built['generated'], new JsonUtf8Writer(), new Utf8Builder(1 << 16)) },
];

// ---- interleaved rounds
const times = Object.fromEntries(jobs.map((j) => [j.name, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (let k = 0; k < jobs.length; k++) {
    const job = jobs[(k + r) % jobs.length];
    const { set, run } = job;
    // Start each job with a clean heap, so one engine's garbage is not collected in another's time.
    globalThis.gc?.();
    const ms = job.async
      ? await timeIt(async () => {
          for (let i = 0; i < set.length; i++) await run(set[i]);
        })
      : await timeIt(() => {
          for (let i = 0; i < set.length; i++) run(set[i]);
        });
    times[job.name].push((ms * 1000) / set.length); // µs per subject
  }
  log(`round ${r + 1}/${ROUNDS} done`);
}
built['zen-engine'].dispose?.();

const usPer = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
const hand = usPer['hand-written'];
const result = {
  subjects: N,
  slowSubjects: N_SLOW,
  rounds: ROUNDS,
  generatedAvailable: generatedKind === 'generated',
  rows: jobs.map((j) => ({
    name: j.name,
    label: ENGINES.find((e) => e.name === j.name)?.label ?? EXTRA_LABELS[j.name],
    subjects: j.set.length,
    usPerSubject: usPer[j.name],
    usRange: [Math.min(...times[j.name]), Math.max(...times[j.name])],
    perSecond: 1e6 / usPer[j.name],
    vsHandWritten: hand / usPer[j.name],
    compileMs: compileMs[j.name] ?? null,
    agreement: agreement[j.name] ?? null,
  })),
};
const g = usPer['generated'];
result.targets = {
  generatedVsHandWritten: hand / g,
  generatedVsJsonRulesEngine: usPer['json-rules-engine'] / g,
  generatedVsJsonLogic: usPer['json-logic-js'] / g,
  generatedVsZen: usPer['zen-engine'] / g,
  explainCost: usPer['generated+explain'] / g,
  referenceExplainCost: usPer['reference+explain'] / usPer['reference'],
  /** Evaluate and write a result: JSON.stringify + UTF-8 over the byte writer (not a target; the batch's main cost). */
  jsonBytesSpeedup: usPer['generated+stringify+encode'] / usPer['generated+json-bytes'],
};

if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const rows = [['evaluator', 'subjects', 'µs/subject', 'rounds range', 'subjects/s', '× hand-written', 'compile ms']];
  for (const r of result.rows) rows.push([r.label, grouped(r.subjects), fixed(r.usPerSubject, 2), `${fixed(r.usRange[0], 2)}–${fixed(r.usRange[1], 2)}`, grouped(r.perSecond), fixed(r.vsHandWritten, 2), r.compileMs === null ? '' : fixed(r.compileMs, 2)]);
  console.log(table(rows));
  console.log(result.targets);
}
