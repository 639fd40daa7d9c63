#!/usr/bin/env node
// In-process evaluation speed of the reference evaluator on the Beijing rubric, and where
// the time goes. Run after a build: `node bench/evaluate-speed.mjs [subjects]`.
// Prints medians of interleaved rounds; ratios are against plain ajv validation of the same
// subjects, measured in the same process (the machine is shared and noisy).
import { createRequire } from 'node:module';
import { compileRubric, loadRubric } from '../packages/rubric/dist/index.js';
// ajv is a dependency of the engine, not of the root: resolve it from there.
const { Ajv } = createRequire(new URL('../packages/engine/package.json', import.meta.url))('ajv');

const N = Number(process.argv[2] ?? 20000);
const ROUNDS = 7;

const loaded = await loadRubric('rubrics/beijing-epidemic-free-community/2022-06.yaml');
if (!loaded.rubric) throw new Error('the Beijing rubric does not load');
const t0 = performance.now();
const compiled = compileRubric(loaded.rubric);
const compileMs = performance.now() - t0;

// Deterministic pseudo-random subjects (mulberry32).
let seed = 20220614;
const rand = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const subjects = [];
for (let i = 0; i < N; i++) {
  const s = { id: `S-${i}` };
  for (const f of loaded.rubric.facts) {
    const t = f.type;
    if (t.kind === 'level') s[f.id] = pick(t.levels).value;
    else if (t.kind === 'ratio') s[f.id] = Math.round(rand() * 1000) / 1000;
    else if (t.kind === 'boolean') s[f.id] = rand() < (f.id.startsWith('checkpoint_reported') || f.id.startsWith('case_') ? 0.03 : 0.85);
    else if (t.kind === 'integer') s[f.id] = Math.floor(rand() * rand() * 8);
  }
  subjects.push(s);
}

const validate = new Ajv({ allErrors: true, strict: false }).compile(compiled.inputSchema);
const jobs = {
  'ajv validation only': () => {
    for (const s of subjects) validate(s);
  },
  'evaluate': () => {
    for (const s of subjects) compiled.evaluate(s, { asOf: '2022-06-20' });
  },
  'evaluate + explain': () => {
    for (const s of subjects) compiled.evaluate(s, { asOf: '2022-06-20', explain: true });
  },
  'evaluate + JSON.stringify': () => {
    for (const s of subjects) JSON.stringify(compiled.evaluate(s, { asOf: '2022-06-20' }));
  },
};
const times = Object.fromEntries(Object.keys(jobs).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, job] of Object.entries(jobs)) {
    const start = performance.now();
    job();
    times[name].push(performance.now() - start);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times['ajv validation only']);
console.log(`Beijing rubric, ${N} subjects, ${ROUNDS} interleaved rounds, compile ${compileMs.toFixed(1)} ms`);
console.log('job                         median ms   subjects/s   × ajv-only');
for (const name of Object.keys(jobs)) {
  const m = median(times[name]);
  console.log(`${name.padEnd(27)} ${m.toFixed(1).padStart(9)} ${Math.round((N / m) * 1000).toString().padStart(12)} ${(m / base).toFixed(1).padStart(10)}`);
}
