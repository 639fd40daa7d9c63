#!/usr/bin/env node
// One cold compile in a fresh process, for bench/parts/scaling.mjs: the first
// `compileRubric(rubric, {evaluator: 'generated'})` (or `generateEvaluatorSource(rubric)`, the
// whole source as `rubric compile --target js` generates it) of a process, before anything has
// warmed up the code generator. The rubric is built or loaded before the clock starts. Prints
// `{"ms": …}`.
//
//   node bench/lib/compile-cold.mjs INDICATORS [compile|source]    (14 is the Beijing rubric)
import { compileRubric, generateEvaluatorSource } from '@rubric/rubric';
import { loadBeijing } from './beijing.mjs';
import { syntheticRubric } from './synthetic.mjs';

const n = Number(process.argv[2]);
const what = process.argv[3] ?? 'compile';
if (!Number.isInteger(n) || n < 1 || (what !== 'compile' && what !== 'source')) {
  console.error('usage: node bench/lib/compile-cold.mjs INDICATORS [compile|source]');
  process.exit(2);
}
const rubric = n === 14 ? await loadBeijing() : syntheticRubric(n);
const t = performance.now();
if (what === 'compile') {
  const compiled = compileRubric(rubric, { evaluator: 'generated' });
  // A generated evaluator says whether it has a fast path; the reference has no such field.
  if (typeof compiled.fastPath !== 'boolean') throw new Error('compileRubric gave the reference evaluator');
} else {
  generateEvaluatorSource(rubric);
}
console.log(JSON.stringify({ ms: performance.now() - t }));
