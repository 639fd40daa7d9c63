/**
 * fast-check generators of rubric IRs, shared by the printers' property tests (YAML and DSL).
 *
 * `rubricArb` is the YAML printer's original generator (small rubrics, tricky text);
 * `fullRubricArb` also covers every optional and alternative construct of the IR (dated
 * parameters, list facts with defaults, all three rules, every kind of gate and deduction,
 * `replaces`, expectations), for the DSL ↔ YAML round trip.
 *
 * Generated expressions are canonical (what the expression parser reads back from their
 * printed text): the round trips test the printers and front ends, not the parser's
 * normal form.
 */
import fc from 'fast-check';
import { parseExpression } from '@rubric/dsl';
import {
  IR_FORMAT,
  formatExpr,
  type Deduction,
  type Expr,
  type Fact,
  type FactType,
  type HardRequirement,
  type Parameter,
  type Rubric,
  type Section,
  type TestCase,
} from '@rubric/model';

/** Text that printers must quote or escape. */
export const TRICKY_TEXTS = [
  'true', 'false', 'null', '~', '123', '1.10', '0x1F', '.inf', '-', '- x', 'a: b', 'a #b', '#x', '[x', '{x', '"dq', "'sq", '*a', '&a', '!t',
  '|', '>', '%x', '@x', '`x', '', ' lead', 'trail ', 'two\nlines', 'tail\n', '\ttab', 'ctl\u0001', 'ls\u2028ps\u2029', 'yes', 'no', 'on',
  '2022-06-14', '严格落实"四件套"查验措施，坚持24小时卡口值守，'.repeat(10), '😀 emoji', '\\back', '---', '...', '? q', ': c',
];

/** A minimal valid rubric, with `overrides` on top. */
export function baseRubric(overrides: Partial<Rubric> = {}): Rubric {
  return {
    format: IR_FORMAT,
    id: 'r',
    title: 'T',
    version: '1',
    effective: { from: '2022-01-01' },
    total: 10,
    facts: [{ id: 'x', label: 'X', type: { kind: 'decimal' }, required: true }],
    parameters: [{ id: 'pm', periods: [{ value: 6, overrides: [] }] }],
    passMark: 'pm',
    sections: [{ id: 's', title: 'S', indicators: [{ id: 'i', title: 'I', max: 10, rule: { kind: 'expression', points: { kind: 'ref', name: 'x' } } }] }],
    hardRequirements: [],
    vetoes: [],
    deductions: [],
    floor: 0,
    grades: [],
    tests: [],
    ...overrides,
  };
}

const idArb = fc.constantFrom('a', 'b', 'c_1', 'x', 'rate', 'Level', '_u');
/** Names that are keywords of the DSL but not of expressions: they must still work as names. */
const softKeywordArb = fc.constantFrom('total', 'level', 'score', 'points', 'value', 'date', 'text', 'section', 'fact', 'test', 'pass', 'default', 'null', 'none');
const nameArb = fc.oneof(idArb, softKeywordArb);
export const textArb = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...TRICKY_TEXTS));
export const decimalArb = fc
  .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 4 }))
  .map(([n, k]) => Number(`${n}e-${k}`));
export const nonNegArb = decimalArb.map(Math.abs);
export const dateArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

function exprArbOf(names: fc.Arbitrary<string>): fc.Arbitrary<Expr> {
  return fc.letrec<{ e: Expr }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      decimalArb.map((n): Expr => ({ kind: 'number', value: String(Math.abs(n)) })),
      fc.boolean().map((value): Expr => ({ kind: 'boolean', value })),
      textArb.map((value): Expr => ({ kind: 'text', value })),
      names.map((name): Expr => ({ kind: 'ref', name })),
      dateArb.map((value): Expr => ({ kind: 'date', value })),
      tie('e').map((operand): Expr => ({ kind: 'unary', op: 'neg', operand })),
      tie('e').map((operand): Expr => ({ kind: 'unary', op: 'not', operand })),
      fc.tuple(fc.constantFrom('+', '-', '*', '/', '==', '<', 'and', 'or') as fc.Arbitrary<'+'>, tie('e'), tie('e')).map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right })),
      fc.tuple(tie('e'), tie('e'), tie('e')).map(([cond, then, otherwise]): Expr => ({ kind: 'if', cond, then, else: otherwise })),
      fc.tuple(tie('e'), tie('e')).map(([a, b]): Expr => ({ kind: 'call', fn: 'max', args: [a, b] })),
    ),
  })).e;
}

/** Expression trees over a few names. */
export const exprArb: fc.Arbitrary<Expr> = exprArbOf(idArb);

/** What the expression parser reads back from a printed tree. */
export const canonicalExprArb = exprArb.map((e) => parseExpression(formatExpr(e)).expr).filter((e): e is Expr => e !== undefined);

/** The same over names that include the DSL's soft keywords, `is`/`in` forms and aggregates. */
const richExprArb: fc.Arbitrary<Expr> = fc
  .oneof(
    { weight: 4, arbitrary: exprArbOf(nameArb) },
    fc.tuple(nameArb, nameArb).map(([a, b]): Expr => ({ kind: 'binary', op: '==', left: { kind: 'ref', name: a }, right: { kind: 'text', value: b } })),
    fc.tuple(nameArb, fc.array(fc.oneof(nameArb, textArb), { minLength: 1, maxLength: 3 })).map(([a, opts]): Expr => ({ kind: 'in', value: { kind: 'ref', name: a }, options: opts.map((o) => ({ kind: 'text', value: o })) })),
    fc.tuple(nameArb, fc.option(exprArbOf(nameArb), { nil: undefined })).map(([list, where]): Expr => (where ? { kind: 'aggregate', fn: 'count', list, where } : { kind: 'aggregate', fn: 'count', list })),
    fc.tuple(nameArb, exprArbOf(nameArb)).map(([list, value]): Expr => ({ kind: 'aggregate', fn: 'sum', list, value })),
  )
  .map((e) => parseExpression(formatExpr(e)).expr)
  .filter((e): e is Expr => e !== undefined);

const factArb: fc.Arbitrary<Fact> = fc.oneof(
  fc.record({ label: textArb, kind: fc.constantFrom('boolean', 'ratio', 'date', 'text' as const) }).map(({ label, kind }): Fact => ({ id: '', label, type: { kind } as Fact['type'], required: true })),
  fc.record({ label: textArb, min: fc.option(decimalArb, { nil: undefined }), d: fc.option(decimalArb, { nil: undefined }) }).map(({ label, min, d }): Fact => {
    const f: Fact = { id: '', label, type: min === undefined ? { kind: 'decimal' } : { kind: 'decimal', min: Math.min(min, d ?? min) }, required: d === undefined };
    if (d !== undefined) f.default = d;
    return f;
  }),
  fc.record({ label: textArb, levels: fc.uniqueArray(textArb.filter((s) => s !== ''), { minLength: 1, maxLength: 4 }), labels: fc.array(fc.option(textArb, { nil: undefined }), { maxLength: 4 }) }).map(({ label, levels, labels }): Fact => ({
    id: '',
    label,
    type: { kind: 'level', levels: levels.map((value, i) => (labels[i] === undefined ? { value } : { value, label: labels[i] })) },
    required: true,
  })),
);

/** JSON data as subjects hold it (numbers of at most 15 significant digits). */
export const jsonArb: fc.Arbitrary<unknown> = fc.letrec<{ j: unknown }>((tie) => ({
  j: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    decimalArb,
    textArb,
    fc.array(tie('j'), { maxLength: 3 }),
    fc.dictionary(textArb, tie('j'), { maxKeys: 3 }),
  ),
})).j;

/** Through JSON: plain prototypes, `-0` as 0, as the IR is plain JSON. */
function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The YAML printer's original generator: small rubrics with tricky text everywhere. */
export const rubricArb: fc.Arbitrary<Rubric> = fc
  .record({
    title: textArb,
    version: textArb.filter((s) => s !== ''),
    description: fc.option(textArb, { nil: undefined }),
    from: dateArb,
    total: nonNegArb,
    facts: fc.array(factArb, { maxLength: 4 }),
    passMark: fc.oneof(nonNegArb.map((value) => ({ value, overrides: [] as { when: Expr; value: number }[] })), fc.record({ value: decimalArb, overrides: fc.array(fc.record({ when: canonicalExprArb, value: decimalArb }), { maxLength: 2 }) })),
    labelled: fc.boolean(),
    indicators: fc.array(
      fc.record({
        title: textArb,
        max: nonNegArb,
        rule: fc.oneof(
          canonicalExprArb.map((points) => ({ kind: 'expression' as const, points })),
          fc.record({ cases: fc.array(fc.record({ when: canonicalExprArb, points: canonicalExprArb }), { maxLength: 3 }), otherwise: canonicalExprArb }).map((c) => ({ kind: 'cases' as const, ...c })),
          fc.record({ mode: fc.constantFrom('award', 'deduct' as const), items: fc.array(fc.record({ title: textArb, points: nonNegArb, cond: canonicalExprArb, isCount: fc.boolean() }), { maxLength: 3 }) }).map(({ mode, items }) => ({
            kind: 'checklist' as const,
            mode,
            items: items.map((it, i) => (it.isCount ? { id: `k${i}`, title: it.title, points: it.points, count: it.cond } : { id: `k${i}`, title: it.title, points: it.points, when: it.cond })),
          })),
        ),
      }),
      { maxLength: 4 },
    ),
    floor: fc.oneof(fc.constant(null), fc.constant(0), decimalArb),
    grades: fc.array(fc.record({ label: textArb, min: decimalArb }), { maxLength: 2 }),
    deductions: fc.array(fc.record({ reason: textArb, amount: nonNegArb, when: canonicalExprArb, cap: fc.option(nonNegArb, { nil: undefined }) }), { maxLength: 2 }),
    subject: fc.dictionary(textArb, jsonArb, { maxKeys: 3 }).map((d) => plain(d) as Record<string, unknown>),
  })
  .map((g): Rubric => {
    const ir: Rubric = baseRubric({
      title: g.title,
      version: g.version,
      effective: { from: g.from },
      total: g.total,
      facts: g.facts.map((f, i) => ({ ...f, id: `f${i}` })),
      parameters: [{ id: 'pass_mark', ...(g.labelled ? { label: 'PM' } : {}), periods: [g.passMark] }],
      passMark: 'pass_mark',
      sections: [{ id: 's', title: 'S', indicators: g.indicators.map((ind, i) => ({ id: `i${i}`, title: ind.title, max: ind.max, rule: ind.rule })) }],
      deductions: g.deductions.map((d, i) => {
        const out: Rubric['deductions'][number] = { id: `d${i}`, reason: d.reason, kind: 'conditional', when: d.when, amount: d.amount };
        if (d.cap !== undefined) out.cap = d.cap;
        return out;
      }),
      floor: g.floor,
      grades: g.grades,
      tests: [{ name: 't', subject: g.subject, expect: {} }],
    });
    if (g.description !== undefined) ir.description = g.description;
    return plain(ir);
  });

// ---------------------------------------------------------------- every construct

const scalarKindArb = fc.constantFrom('boolean', 'integer', 'decimal', 'ratio', 'date', 'text', 'level' as const);

/** A scalar fact (or list field) with a default that fits its type, or none. */
function scalarFactArb(id: string): fc.Arbitrary<Fact> {
  return fc
    .record({
      label: textArb,
      description: fc.option(textArb, { nil: undefined }),
      kind: scalarKindArb,
      lo: fc.option(decimalArb, { nil: undefined }),
      hi: fc.option(decimalArb, { nil: undefined }),
      levels: fc.uniqueArray(fc.oneof(nameArb, textArb.filter((s) => s !== '')), { minLength: 1, maxLength: 3 }),
      labels: fc.array(fc.option(textArb, { nil: undefined }), { maxLength: 3 }),
      hasDefault: fc.boolean(),
      num: decimalArb,
      bool: fc.boolean(),
      date: dateArb,
      text: fc.oneof(textArb, nameArb),
    })
    .map((g): Fact => {
      let type: FactType;
      let def: Fact['default'];
      switch (g.kind) {
        case 'integer':
        case 'decimal': {
          const t: { kind: 'integer' | 'decimal'; min?: number; max?: number } = { kind: g.kind };
          if (g.lo !== undefined) t.min = g.lo;
          if (g.hi !== undefined) t.max = g.hi;
          type = t;
          def = g.kind === 'integer' ? Math.trunc(g.num) : g.num;
          break;
        }
        case 'level':
          type = { kind: 'level', levels: g.levels.map((value, i) => (g.labels[i] === undefined ? { value } : { value, label: g.labels[i] })) };
          def = g.levels[0]!;
          break;
        case 'boolean':
          type = { kind: 'boolean' };
          def = g.bool;
          break;
        case 'date':
          type = { kind: 'date' };
          def = g.date;
          break;
        case 'ratio':
          type = { kind: 'ratio' };
          def = Number((Math.abs(g.num) % 1).toFixed(4));
          break;
        default:
          type = { kind: 'text' };
          def = g.text;
      }
      const f: Fact = { id, label: g.label, type, required: !g.hasDefault };
      if (g.description !== undefined) f.description = g.description;
      if (g.hasDefault) f.default = def;
      return f;
    });
}

const listFactArb: fc.Arbitrary<Fact> = fc
  .record({
    label: textArb,
    description: fc.option(textArb, { nil: undefined }),
    fields: fc.tuple(scalarFactArb('name'), scalarFactArb('open'), scalarFactArb('count')),
    nFields: fc.integer({ min: 0, max: 3 }),
    hasDefault: fc.boolean(),
    records: fc.integer({ min: 0, max: 2 }),
  })
  .map((g): Fact => {
    const fields = g.fields.slice(0, g.nFields);
    const f: Fact = { id: 'cps', label: g.label, type: { kind: 'list', fields }, required: !g.hasDefault };
    if (g.description !== undefined) f.description = g.description;
    if (g.hasDefault) {
      // Every field given: its own default where it has one, else a value of its type.
      f.default = Array.from({ length: g.records }, () => {
        const rec: Record<string, boolean | number | string> = {};
        for (const fd of fields) {
          const v = fd.default ?? sampleOf(fd.type);
          if (!Array.isArray(v)) rec[fd.id] = v;
        }
        return rec;
      });
    }
    return f;
  });

function sampleOf(t: FactType): boolean | number | string {
  switch (t.kind) {
    case 'boolean':
      return true;
    case 'date':
      return '2022-06-14';
    case 'text':
      return 'x';
    case 'level':
      return t.levels[0]!.value;
    default:
      return 1;
  }
}

const parameterArb = (id: string): fc.Arbitrary<Parameter> =>
  fc
    .record({
      label: fc.option(textArb, { nil: undefined }),
      description: fc.option(textArb, { nil: undefined }),
      periods: fc.array(
        fc.record({
          from: fc.option(dateArb, { nil: undefined }),
          until: fc.option(dateArb, { nil: undefined }),
          value: decimalArb,
          overrides: fc.array(fc.record({ when: richExprArb, value: decimalArb }), { maxLength: 2 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    })
    .map((g): Parameter => {
      const p: Parameter = { id, periods: g.periods.map((q) => {
        const period: Parameter['periods'][number] = { value: q.value, overrides: q.overrides };
        if (q.from !== undefined) period.from = q.from;
        if (q.until !== undefined) period.until = q.until;
        return period;
      }) };
      if (g.label !== undefined) p.label = g.label;
      if (g.description !== undefined) p.description = g.description;
      return p;
    });

const ruleArb: fc.Arbitrary<Section['indicators'][number]['rule']> = fc.oneof(
  richExprArb.map((points) => ({ kind: 'expression' as const, points })),
  fc.record({ cases: fc.array(fc.record({ when: richExprArb, points: richExprArb }), { maxLength: 3 }), otherwise: richExprArb }).map((c) => ({ kind: 'cases' as const, ...c })),
  fc.record({ mode: fc.constantFrom('award', 'deduct' as const), items: fc.array(fc.record({ id: nameArb, title: textArb, points: nonNegArb, cond: richExprArb, isCount: fc.boolean() }), { maxLength: 3 }) }).map(({ mode, items }) => ({
    kind: 'checklist' as const,
    mode,
    items: items.map((it) => (it.isCount ? { id: it.id, title: it.title, points: it.points, count: it.cond } : { id: it.id, title: it.title, points: it.points, when: it.cond })),
  })),
);

const indicatorArb = fc
  .record({ id: nameArb, title: textArb, standard: fc.option(textArb, { nil: undefined }), method: fc.option(textArb, { nil: undefined }), max: nonNegArb, rule: ruleArb })
  .map((g) => {
    const ind: Section['indicators'][number] = { id: g.id, title: g.title, max: g.max, rule: g.rule };
    if (g.standard !== undefined) ind.standard = g.standard;
    if (g.method !== undefined) ind.method = g.method;
    return ind;
  });

const sectionArb: fc.Arbitrary<Section> = fc
  .record({ id: nameArb, title: textArb, max: fc.option(nonNegArb, { nil: undefined }), indicators: fc.array(indicatorArb, { maxLength: 3 }) })
  .map((g) => {
    const s: Section = { id: g.id, title: g.title, indicators: g.indicators };
    if (g.max !== undefined) s.max = g.max;
    return s;
  });

const hardArb: fc.Arbitrary<HardRequirement> = fc.oneof(
  fc.record({ id: nameArb, title: textArb, indicator: nameArb }).map((h): HardRequirement => ({ ...h, kind: 'indicator-full' })),
  fc.record({ id: nameArb, title: textArb, require: richExprArb }).map((h): HardRequirement => ({ ...h, kind: 'condition' })),
);

const deductionArb: fc.Arbitrary<Deduction> = fc
  .record({
    id: nameArb,
    reason: textArb,
    kind: fc.constantFrom('per-unit', 'conditional', 'discretionary' as const),
    amount: nonNegArb,
    upper: nonNegArb,
    e: richExprArb,
    fact: nameArb,
    field: fc.option(nameArb, { nil: undefined }),
    cap: fc.option(nonNegArb, { nil: undefined }),
  })
  .map((g): Deduction => {
    let d: Deduction;
    if (g.kind === 'per-unit') d = { id: g.id, reason: g.reason, kind: 'per-unit', count: g.e, amount: g.amount };
    else if (g.kind === 'conditional') d = { id: g.id, reason: g.reason, kind: 'conditional', when: g.e, amount: g.amount };
    else {
      d = { id: g.id, reason: g.reason, kind: 'discretionary', fact: g.fact, min: g.amount, max: g.upper };
      if (g.field !== undefined) d.field = g.field;
    }
    if (g.cap !== undefined) d.cap = g.cap;
    return d;
  });

const testArb: fc.Arbitrary<TestCase> = fc
  .record({
    name: textArb,
    asOf: fc.option(dateArb, { nil: undefined }),
    subject: fc.dictionary(fc.oneof(textArb, nameArb), jsonArb, { maxKeys: 4 }),
    outcome: fc.option(fc.constantFrom('pass', 'fail', 'vetoed', 'invalid' as const), { nil: undefined }),
    total: fc.option(decimalArb, { nil: undefined }),
    passMark: fc.option(decimalArb, { nil: undefined }),
    indicators: fc.option(fc.dictionary(fc.oneof(nameArb, textArb), decimalArb, { maxKeys: 3 }), { nil: undefined }),
    reasons: fc.option(fc.array(textArb, { maxLength: 3 }), { nil: undefined }),
  })
  .map((g): TestCase => {
    const t: TestCase = { name: g.name, subject: g.subject as Record<string, unknown>, expect: {} };
    if (g.asOf !== undefined) t.asOf = g.asOf;
    if (g.outcome !== undefined) t.expect.outcome = g.outcome;
    if (g.total !== undefined) t.expect.total = g.total;
    if (g.passMark !== undefined) t.expect.passMark = g.passMark;
    if (g.indicators !== undefined) t.expect.indicators = g.indicators;
    if (g.reasons !== undefined) t.expect.reasons = g.reasons;
    return t;
  });

/** Rubrics using every construct of the IR, in any combination (not necessarily passing the checker). */
export const fullRubricArb: fc.Arbitrary<Rubric> = fc
  .record({
    id: fc.constantFrom('r', 'beijing-epidemic-free-community', '2022.v1', 'A_b-c.d', 'if', 'fact'),
    title: textArb,
    version: textArb.filter((s) => s !== ''),
    description: fc.option(textArb, { nil: undefined }),
    from: dateArb,
    until: fc.option(dateArb, { nil: undefined }),
    replaces: fc.option(
      fc.record({ version: textArb, mapping: fc.array(fc.record({ from: fc.array(nameArb, { maxLength: 3 }), to: fc.array(nameArb, { maxLength: 2 }), note: fc.option(textArb, { nil: undefined }) }), { maxLength: 3 }) }),
      { nil: undefined },
    ),
    total: nonNegArb,
    facts: fc.array(scalarFactArb(''), { maxLength: 4 }),
    list: fc.option(listFactArb, { nil: undefined }),
    params: fc.array(parameterArb(''), { maxLength: 2 }),
    passMark: fc.oneof(fc.constant('named' as const), fc.constant('shorthand' as const), fc.constant('first' as const)),
    shorthand: nonNegArb,
    sections: fc.array(sectionArb, { maxLength: 3 }),
    hard: fc.array(hardArb, { maxLength: 2 }),
    vetoes: fc.array(fc.record({ id: nameArb, reason: textArb, when: richExprArb }), { maxLength: 2 }),
    deductions: fc.array(deductionArb, { maxLength: 3 }),
    deductionCap: fc.option(nonNegArb, { nil: undefined }),
    floor: fc.oneof(fc.constant(null), fc.constant(0), decimalArb),
    grades: fc.array(fc.record({ label: textArb, min: decimalArb }), { maxLength: 2 }),
    tests: fc.array(testArb, { maxLength: 2 }),
  })
  .map((g): Rubric => {
    const facts = g.facts.map((f, i) => ({ ...f, id: `f${i}` }));
    if (g.list) facts.push(g.list);
    const parameters = g.params.map((p, i) => ({ ...p, id: i === 0 ? 'pass_mark' : `p${i}` }));
    let passMark = 'pass_mark';
    if (g.passMark === 'shorthand' || parameters.length === 0) {
      // What `pass mark 85` (and YAML's `pass_mark: 85`) declares: a last parameter named pass_mark.
      for (const p of parameters) if (p.id === 'pass_mark') p.id = 'pm0';
      parameters.push({ id: 'pass_mark', periods: [{ value: g.shorthand, overrides: [] }] });
    } else if (g.passMark === 'first') {
      passMark = parameters[0]!.id;
    } else {
      passMark = parameters[parameters.length - 1]!.id;
    }
    const ir: Rubric = baseRubric({
      id: g.id,
      title: g.title,
      version: g.version,
      effective: g.until === undefined ? { from: g.from } : { from: g.from, until: g.until },
      total: g.total,
      facts,
      parameters,
      passMark,
      sections: g.sections,
      hardRequirements: g.hard,
      vetoes: g.vetoes,
      deductions: g.deductions,
      floor: g.floor,
      grades: g.grades,
      tests: g.tests,
    });
    if (g.description !== undefined) ir.description = g.description;
    if (g.replaces) {
      ir.replaces = { version: g.replaces.version, mapping: g.replaces.mapping.map((m) => (m.note === undefined ? { from: m.from, to: m.to } : m)) };
    }
    if (g.deductionCap !== undefined) ir.deductionCap = g.deductionCap;
    return plain(ir);
  });
