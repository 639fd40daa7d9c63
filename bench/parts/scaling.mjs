#!/usr/bin/env node
// How compile time grows with rubric size: the Beijing rubric (14 indicators), then generated
// rubrics of 100, 1,000 and 10,000 indicators in the same style (level cases, rounded ratios,
// yes/no items; a veto, a hard requirement, a capped deduction, a pass mark with an override).
// Times the checker and `compileRubric` (each evaluator) on the IR, median of a few runs, and
// checks that the evaluators agree on a few subjects. Prints JSON with --json.
//
//   node bench/parts/scaling.mjs [--sizes 14,100,1000,10000] [--json]
import { parseArgs } from 'node:util';
import { checkRubric } from '@rubric/rubric';
import { AS_OF, compileWith, loadBeijing, subjects } from '../lib/beijing.mjs';
import { deepEqual, fixed, median, table, timeIt } from '../lib/stats.mjs';

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '14,100,1000,10000' }, json: { type: 'boolean', default: false } } });
const sizes = args.sizes.split(',').map(Number);
const log = (s) => process.stderr.write(`${s}\n`);

const ref = (name) => ({ kind: 'ref', name });
const num = (v) => ({ kind: 'number', value: String(v) });
const LEVELS = [
  { value: 'full', label: '完全落实' },
  { value: 'partial', label: '部分落实' },
  { value: 'none', label: '未落实' },
];

/** A rubric of `n` indicators, one fact each, in sections of 50. */
export function syntheticRubric(n) {
  const facts = [];
  const indicators = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    const f = `f${i}`;
    if (kind === 0) {
      facts.push({ id: f, label: `事实 ${i}`, type: { kind: 'level', levels: LEVELS }, required: true });
      indicators.push({ id: `i${i}`, title: `指标 ${i}`, max: 6, rule: { kind: 'cases', cases: [{ when: { kind: 'binary', op: '==', left: ref(f), right: { kind: 'text', value: 'full' } }, points: num(6) }, { when: { kind: 'binary', op: '==', left: ref(f), right: { kind: 'text', value: 'partial' } }, points: num(3) }], otherwise: num(0) } });
      total += 6;
    } else if (kind === 1) {
      facts.push({ id: f, label: `事实 ${i}`, type: { kind: 'ratio' }, required: true });
      indicators.push({ id: `i${i}`, title: `指标 ${i}`, max: 10, rule: { kind: 'expression', points: { kind: 'call', fn: 'round', args: [{ kind: 'binary', op: '*', left: num(10), right: ref(f) }, num(0.5)] } } });
      total += 10;
    } else {
      facts.push({ id: f, label: `事实 ${i}`, type: { kind: 'boolean' }, required: true });
      indicators.push({ id: `i${i}`, title: `指标 ${i}`, max: 4, rule: { kind: 'expression', points: { kind: 'if', cond: ref(f), then: num(4), else: num(0) } } });
      total += 4;
    }
  }
  facts.push({ id: 'reported', label: '被通报', type: { kind: 'boolean' }, required: false, default: false });
  facts.push({ id: 'complaints', label: '投诉件数', type: { kind: 'integer', min: 0 }, required: false, default: 0 });
  facts.push({ id: 'risk', label: '风险等级', type: { kind: 'level', levels: [{ value: 'low' }, { value: 'high' }] }, required: false, default: 'high' });
  const sections = [];
  for (let s = 0; s * 50 < n; s++) sections.push({ id: `s${s}`, title: `部分 ${s}`, indicators: indicators.slice(s * 50, s * 50 + 50) });
  const pass = Math.round(total * 0.85);
  return {
    format: 'rubric-ir/1',
    id: `synthetic-${n}`,
    title: `${n} indicators`,
    version: '1',
    effective: { from: '2022-01-01' },
    total,
    facts,
    parameters: [{ id: 'pass_mark', periods: [{ value: pass, overrides: [{ when: { kind: 'binary', op: '==', left: ref('risk'), right: { kind: 'text', value: 'low' } }, value: pass - 5 }] }] }],
    passMark: 'pass_mark',
    sections,
    hardRequirements: [{ id: 'first_full', title: '第一项须得满分', kind: 'indicator-full', indicator: 'i0' }],
    vetoes: [{ id: 'reported', reason: '被通报', when: ref('reported') }],
    deductions: [{ id: 'complaints', reason: '投诉', kind: 'per-unit', count: ref('complaints'), amount: 1, cap: 5 }],
    floor: 0,
    grades: [],
    tests: [],
  };
}

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
  let kind;
  let g;
  let r;
  for (let i = 0; i < reps; i++) {
    check.push(await timeIt(() => checkRubric(rubric)));
    generated.push(await timeIt(() => ({ compiled: g, kind } = compileWith(rubric, 'generated'))));
    reference.push(await timeIt(() => ({ compiled: r } = compileWith(rubric, 'reference'))));
  }
  for (const s of subjects(rubric, 20, n)) {
    if (!deepEqual(g.evaluate(s, { asOf: AS_OF }), r.evaluate(s, { asOf: AS_OF }))) throw new Error(`evaluators disagree on the ${n}-indicator rubric`);
  }
  const row = { indicators, facts: rubric.facts.length, checkMs: median(check), generatedMs: median(generated), generatedKind: kind, referenceMs: median(reference), sourceChars: g.source?.length ?? null };
  rows.push(row);
  log(`${indicators} indicators: check ${fixed(row.checkMs, 1)} ms, compile generated ${fixed(row.generatedMs, 1)} ms, reference ${fixed(row.referenceMs, 1)} ms`);
}
if (args.json) process.stdout.write(`${JSON.stringify({ rows })}\n`);
else {
  const t = [['indicators', 'check ms', 'compile (generated) ms', 'µs/indicator', 'compile (reference) ms', 'µs/indicator']];
  for (const r of rows) t.push([r.indicators, fixed(r.checkMs, 1), fixed(r.generatedMs, 1), fixed((r.generatedMs * 1000) / r.indicators, 0), fixed(r.referenceMs, 1), fixed((r.referenceMs * 1000) / r.indicators, 0)]);
  console.log(table(t));
}
