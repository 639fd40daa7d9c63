#!/usr/bin/env node
// Peak memory of one evaluator, in a process of its own: load the rubric and the dataset,
// settle (gc), then build the evaluator and run it over the dataset three times. Prints JSON:
// peak RSS of the process, and the RSS and heap just before the evaluator was built (so the
// evaluator's own share is the difference). Run with --expose-gc.
//
//   node --expose-gc bench/parts/engine-memory.mjs ENGINE [SUBJECTS]
import { loadBeijing, compileWith, subjects } from '../lib/beijing.mjs';
import { ENGINES } from '../engines/index.mjs';

const name = process.argv[2];
const n = Number(process.argv[3] ?? 20000);
const rubric = await loadBeijing();
const data = subjects(rubric, n);
const hash = compileWith(rubric, 'reference').compiled.hash;
globalThis.gc?.();
const before = process.memoryUsage();
const engine = ENGINES.find((e) => e.name === name);
if (name !== 'none') {
  if (!engine) throw new Error(`no engine ${name}`);
  const evaluate = engine.build(rubric, hash);
  for (let round = 0; round < 3; round++) {
    for (const s of data) {
      const r = evaluate(s);
      if (engine.async) await r;
    }
  }
  evaluate.dispose?.();
}
const after = process.memoryUsage();
console.log(
  JSON.stringify({
    engine: name,
    subjects: n,
    baselineRssMb: before.rss / 1e6,
    baselineHeapMb: before.heapUsed / 1e6,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
    finalHeapMb: after.heapUsed / 1e6,
  }),
);
