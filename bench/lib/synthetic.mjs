// Rubrics of any size in the Beijing style, as IR, for the compile-time benchmark.

const ref = (name) => ({ kind: 'ref', name });
const num = (v) => ({ kind: 'number', value: String(v) });
const LEVELS = [
  { value: 'full', label: '完全落实' },
  { value: 'partial', label: '部分落实' },
  { value: 'none', label: '未落实' },
];

/**
 * A rubric of `n` indicators in sections of 50: level cases, rounded ratios and yes/no items in
 * turn, a veto, a hard requirement, a capped deduction and a pass mark with an override. Each
 * indicator reads a fact of its own, or with `{facts: k}` (k a multiple of 3) indicator i reads
 * fact i mod k, so that a large rubric stays within the loader's limit on facts (2,000) and
 * can be written to a file for the `rubric` command.
 */
export function syntheticRubric(n, { facts: factCount = n } = {}) {
  if (factCount < n && factCount % 3 !== 0) throw new Error('facts must be a multiple of 3');
  const facts = [];
  const indicators = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    const j = i % factCount;
    const f = `f${j}`;
    const declare = j === i;
    if (kind === 0) {
      if (declare) facts.push({ id: f, label: `事实 ${i}`, type: { kind: 'level', levels: LEVELS }, required: true });
      indicators.push({ id: `i${i}`, title: `指标 ${i}`, max: 6, rule: { kind: 'cases', cases: [{ when: { kind: 'binary', op: '==', left: ref(f), right: { kind: 'text', value: 'full' } }, points: num(6) }, { when: { kind: 'binary', op: '==', left: ref(f), right: { kind: 'text', value: 'partial' } }, points: num(3) }], otherwise: num(0) } });
      total += 6;
    } else if (kind === 1) {
      if (declare) facts.push({ id: f, label: `事实 ${i}`, type: { kind: 'ratio' }, required: true });
      indicators.push({ id: `i${i}`, title: `指标 ${i}`, max: 10, rule: { kind: 'expression', points: { kind: 'call', fn: 'round', args: [{ kind: 'binary', op: '*', left: num(10), right: ref(f) }, num(0.5)] } } });
      total += 10;
    } else {
      if (declare) facts.push({ id: f, label: `事实 ${i}`, type: { kind: 'boolean' }, required: true });
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

