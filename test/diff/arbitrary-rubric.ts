/**
 * fast-check arbitraries for rubric IRs that the YAML printer and reader round-trip, and a
 * shuffle that reorders every list whose order carries no meaning (see docs/diff.md): facts,
 * level values, list fields, parameters and their periods, sections, indicators, checklist
 * items, hard requirements, vetoes, deductions, grades and the mapping. Case order and
 * override order are left alone: the first that holds wins.
 *
 * Expressions are generated as text and parsed, so their trees are exactly what a front end
 * gives. The rubrics need not pass the checker: the diff compares any schema-shaped IR.
 */
import fc from 'fast-check';
import { parseExpression } from '@rubric/dsl';
import { IR_FORMAT, type ChecklistItem, type Deduction, type Expr, type Fact, type HardRequirement, type Indicator, type Parameter, type Rubric, type Rule, type Section, type Veto } from '@rubric/model';

/** Parses expression text that the generators make (always valid). */
export function ex(text: string): Expr {
  const r = parseExpression(text);
  if (!r.expr || r.issues.length > 0) throw new Error(`bad generated expression ${text}: ${JSON.stringify(r.issues)}`);
  return r.expr;
}

const FACT_IDS = ['ok', 'rate', 'level', 'n_cases', 'amount', 'flag'] as const;
const textArb = fc.constantFrom('甲', '乙项', 'A title', '卡口 24h', 'x: y', '"quoted"', '#hash', 'multi\nline');
const small = fc.integer({ min: 0, max: 20 });

function factFor(id: (typeof FACT_IDS)[number], label: string, optional: boolean): Fact {
  const base = { id, label };
  switch (id) {
    case 'ok':
    case 'flag':
      return optional ? { ...base, type: { kind: 'boolean' }, required: false, default: false } : { ...base, type: { kind: 'boolean' }, required: true };
    case 'rate':
      return optional ? { ...base, type: { kind: 'ratio' }, required: false, default: 0.5 } : { ...base, type: { kind: 'ratio' }, required: true };
    case 'level':
      return { ...base, type: { kind: 'level', levels: [{ value: 'full', label: '完全' }, { value: 'partial' }, { value: 'none' }] }, required: true };
    case 'n_cases':
      return { ...base, type: { kind: 'integer', min: 0 }, required: true };
    case 'amount':
      return { ...base, type: { kind: 'decimal', min: 0, max: 10 }, required: false, default: 0 };
  }
}

const conditionArb = fc.constantFrom('ok', 'not flag', 'level is full', 'level in [full, partial]', 'rate >= 0.9', 'n_cases > 2 and ok', 'amount < 3 or flag');
const pointsArb = fc.constantFrom('10', 'round(10 * rate, 0.5)', 'if ok then 5 else 0', 'min(n_cases, 5)', '2.5', 'max(0, 10 - n_cases)');

const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  pointsArb.map((p): Rule => ({ kind: 'expression', points: ex(p) })),
  fc
    .record({ cases: fc.array(fc.tuple(conditionArb, pointsArb), { minLength: 1, maxLength: 3 }), otherwise: fc.constantFrom('0', '1') })
    .map((r): Rule => ({ kind: 'cases', cases: r.cases.map(([w, p]) => ({ when: ex(w), points: ex(p) })), otherwise: ex(r.otherwise) })),
  fc
    .record({
      mode: fc.constantFrom('award' as const, 'deduct' as const),
      items: fc.uniqueArray(fc.record({ id: fc.constantFrom('i1', 'i2', 'i3', 'i4'), title: textArb, points: small, count: fc.boolean(), cond: conditionArb }), { selector: (x) => x.id, minLength: 1, maxLength: 3 }),
    })
    .map(
      (r): Rule => ({
        kind: 'checklist',
        mode: r.mode,
        items: r.items.map((it): ChecklistItem => (it.count ? { id: it.id, title: it.title, points: it.points, count: ex('n_cases') } : { id: it.id, title: it.title, points: it.points, when: ex(it.cond) })),
      }),
    ),
);

const indicatorArb = (id: string): fc.Arbitrary<Indicator> =>
  fc.record({ title: textArb, standard: fc.option(textArb, { nil: undefined }), max: fc.integer({ min: 1, max: 20 }), rule: ruleArb }).map((r) => {
    const ind: Indicator = { id, title: r.title, max: r.max, rule: r.rule };
    if (r.standard !== undefined) ind.standard = r.standard;
    return ind;
  });

/** Pass-mark histories with non-overlapping periods, each with overrides in a meaningful order. */
const periodsArb = fc
  .record({
    shape: fc.constantFrom('one', 'two', 'three'),
    values: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
    overrides: fc.array(fc.array(fc.tuple(conditionArb, fc.integer({ min: 0, max: 100 })), { maxLength: 2 }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ shape, values, overrides }) => {
    const spans: { from?: string; until?: string }[] =
      shape === 'one' ? [{}] : shape === 'two' ? [{ until: '2022-06-30' }, { from: '2022-07-01' }] : [{ until: '2022-03-31' }, { from: '2022-04-01', until: '2022-06-30' }, { from: '2022-07-01' }];
    return spans.map((s, i) => ({ ...s, value: values[i]!, overrides: overrides[i]!.map(([w, v]) => ({ when: ex(w), value: v })) }));
  });

/** A rubric IR that round-trips through YAML. */
export const rubricArb: fc.Arbitrary<Rubric> = fc
  .record({
    title: textArb,
    facts: fc.uniqueArray(fc.record({ id: fc.constantFrom(...FACT_IDS), label: textArb, optional: fc.boolean() }), { selector: (f) => f.id, minLength: 1, maxLength: 6 }),
    sectionSizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
    periods: periodsArb,
    extraParam: fc.boolean(),
    hardByIndicator: fc.boolean(),
    vetoes: fc.uniqueArray(fc.record({ id: fc.constantFrom('v1', 'v2', 'v3'), reason: textArb, when: conditionArb }), { selector: (v) => v.id, maxLength: 3 }),
    deductions: fc.uniqueArray(fc.record({ id: fc.constantFrom('d1', 'd2', 'd3'), reason: textArb, kind: fc.constantFrom('per-unit', 'conditional', 'discretionary'), amount: fc.integer({ min: 1, max: 5 }), cap: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }) }), {
      selector: (d) => d.id,
      maxLength: 3,
    }),
    grades: fc.uniqueArray(fc.record({ label: fc.constantFrom('优秀', '良好', '合格'), min: fc.integer({ min: 0, max: 100 }) }), { selector: (g) => g.label, maxLength: 3 }),
    replaces: fc.boolean(),
  })
  .chain((r) => {
    let n = 0;
    const sectionIds = r.sectionSizes.map((_, i) => `s${i + 1}`);
    const indicatorIds = r.sectionSizes.map((size) => Array.from({ length: size }, () => `ind${++n}`));
    return fc.tuple(...indicatorIds.map((ids) => fc.tuple(...ids.map((id) => indicatorArb(id))))).map((inds) => {
      const sections: Section[] = sectionIds.map((id, i) => ({ id, title: `第${i + 1}部分`, indicators: inds[i]! }));
      const all = sections.flatMap((s) => s.indicators);
      const parameters: Parameter[] = [{ id: 'pass_mark', label: '达标线', periods: r.periods }];
      if (r.extraParam) parameters.push({ id: 'window', periods: [{ until: '2022-06-05', value: 48, overrides: [] }, { from: '2022-06-06', value: 72, overrides: [] }] });
      const hard: HardRequirement[] = [r.hardByIndicator ? { id: 'h1', title: '硬性', kind: 'indicator-full', indicator: all[0]!.id } : { id: 'h1', title: '硬性', kind: 'condition', require: ex('ok') }];
      const vetoes: Veto[] = r.vetoes.map((v) => ({ id: v.id, reason: v.reason, when: ex(v.when) }));
      const deductions: Deduction[] = r.deductions.map((d): Deduction => {
        const cap = d.cap !== undefined ? { cap: d.cap } : {};
        if (d.kind === 'per-unit') return { id: d.id, reason: d.reason, kind: 'per-unit', count: ex('n_cases'), amount: d.amount, ...cap };
        if (d.kind === 'conditional') return { id: d.id, reason: d.reason, kind: 'conditional', when: ex('flag'), amount: d.amount, ...cap };
        return { id: d.id, reason: d.reason, kind: 'discretionary', fact: 'amount', min: 0, max: d.amount, ...cap };
      });
      const rubric: Rubric = {
        format: IR_FORMAT,
        id: 'generated',
        title: r.title,
        version: '2',
        effective: { from: '2022-01-01', until: '2022-12-31' },
        total: all.reduce((s, i) => s + i.max, 0),
        facts: r.facts.map((f) => factFor(f.id, f.label, f.optional)),
        parameters,
        passMark: 'pass_mark',
        sections,
        hardRequirements: hard,
        vetoes,
        deductions,
        floor: 0,
        grades: [...r.grades].sort((a, b) => b.min - a.min),
        tests: [],
      };
      if (r.replaces) {
        rubric.replaces = {
          version: '1',
          mapping: [
            { from: ['old_a', 'old_b'], to: all.slice(0, 1).map((i) => i.id), note: '合并' },
            { from: ['old_c'], to: [] },
          ],
        };
      }
      return rubric;
    });
  });

/** A permutation drawn by fast-check, applied to a list. */
export type Shuffle = <T>(list: readonly T[]) => T[];

/** Reorders every list of the rubric whose order carries no meaning; cases and overrides keep theirs. */
export function shuffleRubric(r: Rubric, shuffle: Shuffle): Rubric {
  const copy = structuredClone(r);
  copy.facts = shuffle(copy.facts).map((f) => {
    if (f.type.kind === 'level') f.type.levels = shuffle(f.type.levels);
    if (f.type.kind === 'list') f.type.fields = shuffle(f.type.fields);
    return f;
  });
  copy.parameters = shuffle(copy.parameters).map((p) => ({ ...p, periods: shuffle(p.periods) }));
  copy.sections = shuffle(copy.sections).map((s) => ({
    ...s,
    indicators: shuffle(s.indicators).map((ind) => (ind.rule.kind === 'checklist' ? { ...ind, rule: { ...ind.rule, items: shuffle(ind.rule.items) } } : ind)),
  }));
  copy.hardRequirements = shuffle(copy.hardRequirements);
  copy.vetoes = shuffle(copy.vetoes);
  copy.deductions = shuffle(copy.deductions);
  copy.grades = shuffle(copy.grades);
  if (copy.replaces) copy.replaces.mapping = shuffle(copy.replaces.mapping).map((m) => ({ ...m, from: shuffle(m.from), to: shuffle(m.to) }));
  return copy;
}

/** A shuffle from a seed (a small linear congruential generator: deterministic per seed). */
export function seededShuffle(seed: number): Shuffle {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
  return <T>(list: readonly T[]): T[] => {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
}
