/**
 * IR → YAML in the format's documented layout and key order, leaving out what the
 * format fills by default (`required: true`, `floor: 0`, empty lists, `otherwise: 0`).
 * Quoting is left to the yaml library; small records print on one line in flow style.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import {
  Decimal,
  formatExpr,
  isExactNumber,
  type Deduction,
  type Expr,
  type Fact,
  type FactType,
  type HardRequirement,
  type Indicator,
  type Parameter,
  type ParameterPeriod,
  type Rubric,
  type Rule,
  type Section,
  type TestCase,
} from '@rubric/model';
import { PASS_MARK_PARAMETER } from './read-parameters.js';

/** A value to print in flow style (`{ a: 1 }`, `[a, b]`) when it fits on a short line. */
class Compact {
  constructor(readonly value: unknown) {}
}

/** Longest one-line rendering (in characters) printed in flow style. */
const COMPACT_WIDTH = 100;

type Fields = [string, unknown][];

/** An ordered map of the entries whose value is not undefined. */
function record(entries: Fields): Map<string, unknown> {
  return new Map(entries.filter(([, v]) => v !== undefined));
}

/** The YAML value of an expression: a number or boolean when it is just that, else its text. */
export function exprValue(e: Expr): unknown {
  if (e.kind === 'boolean') return e.value;
  const n = numericLiteral(e);
  return n !== undefined ? n : formatExpr(e);
}

/** The JS number an expression literal (`3`, `-3`) stands for, when a YAML number reads back as the same tree. */
function numericLiteral(e: Expr): number | undefined {
  let neg = false;
  let lit = e;
  if (lit.kind === 'unary' && lit.op === 'neg') {
    neg = true;
    lit = lit.operand;
  }
  if (lit.kind !== 'number') return undefined;
  const d = Decimal.parse(lit.value);
  if (!d || d.isNegative() || d.toString() !== lit.value) return undefined;
  const n = d.toNumber();
  if (!isExactNumber(n) || Decimal.fromNumber(n).toString() !== lit.value) return undefined;
  if (neg && n === 0) return undefined;
  return neg ? -n : n;
}

function nonEmpty<T>(xs: readonly T[], f: (xs: readonly T[]) => unknown): unknown {
  return xs.length > 0 ? f(xs) : undefined;
}

function factValue(f: Fact): Map<string, unknown> {
  const t: FactType = f.type;
  const entries: Fields = [
    ['label', f.label],
    ['description', f.description],
    ['type', t.kind],
  ];
  if (t.kind === 'integer' || t.kind === 'decimal') entries.push(['min', t.min], ['max', t.max]);
  if (t.kind === 'level') {
    const labelled = t.levels.some((l) => l.label !== undefined);
    entries.push(['levels', new Compact(labelled ? new Map(t.levels.map((l) => [l.value, l.label ?? null])) : t.levels.map((l) => l.value))]);
  }
  if (t.kind === 'list') entries.push(['fields', new Map(t.fields.map((fd) => [fd.id, new Compact(factValue(fd))]))]);
  if (f.default !== undefined) entries.push(['default', f.default]);
  else if (!f.required) entries.push(['required', false]);
  return record(entries);
}

function periodEntries(p: ParameterPeriod): Fields {
  return [
    ['value', p.value],
    ['overrides', nonEmpty(p.overrides, (os) => os.map((o) => new Compact(record([['when', exprValue(o.when)], ['value', o.value]]))))],
  ];
}

function parameterValue(p: Parameter): Map<string, unknown> {
  const entries: Fields = [
    ['label', p.label],
    ['description', p.description],
  ];
  const only = p.periods[0];
  if (p.periods.length === 1 && only && only.from === undefined && only.until === undefined) {
    entries.push(...periodEntries(only));
  } else {
    entries.push([
      'history',
      p.periods.map((q) => new Compact(record([['from', q.from], ['until', q.until], ...periodEntries(q)]))),
    ]);
  }
  return record(entries);
}

/** Whether the pass mark prints as the number shorthand (the last parameter, named `pass_mark`, one plain value). */
function passMarkShorthand(r: Rubric): number | undefined {
  const last = r.parameters[r.parameters.length - 1];
  if (r.passMark !== PASS_MARK_PARAMETER || !last || last.id !== PASS_MARK_PARAMETER) return undefined;
  if (last.label !== undefined || last.description !== undefined || last.periods.length !== 1) return undefined;
  const p = last.periods[0]!;
  if (p.from !== undefined || p.until !== undefined || p.overrides.length > 0) return undefined;
  return p.value;
}

function ruleEntries(rule: Rule): Fields {
  switch (rule.kind) {
    case 'expression':
      return [['score', exprValue(rule.points)]];
    case 'cases': {
      const zero = rule.otherwise.kind === 'number' && rule.otherwise.value === '0';
      return [
        ['cases', rule.cases.map((c) => new Compact(record([['when', exprValue(c.when)], ['score', exprValue(c.points)]])))],
        ['otherwise', zero ? undefined : exprValue(rule.otherwise)],
      ];
    }
    case 'checklist':
      return [
        [
          'checklist',
          record([
            ['mode', rule.mode],
            [
              'items',
              rule.items.map((it) =>
                new Compact(
                  record([
                    ['id', it.id],
                    ['title', it.title],
                    ['points', it.points],
                    ['when', it.when && exprValue(it.when)],
                    ['count', it.count && exprValue(it.count)],
                  ]),
                ),
              ),
            ],
          ]),
        ],
      ];
  }
}

function indicatorValue(i: Indicator): Map<string, unknown> {
  return record([
    ['id', i.id],
    ['title', i.title],
    ['standard', i.standard],
    ['method', i.method],
    ['points', i.max],
    ...ruleEntries(i.rule),
  ]);
}

function sectionValue(s: Section): Map<string, unknown> {
  return record([
    ['id', s.id],
    ['title', s.title],
    ['points', s.max],
    ['indicators', s.indicators.map(indicatorValue)],
  ]);
}

function hardValue(h: HardRequirement): Map<string, unknown> {
  return record([
    ['id', h.id],
    ['title', h.title],
    h.kind === 'indicator-full' ? ['indicator', h.indicator] : ['require', exprValue(h.require)],
  ]);
}

function deductionValue(d: Deduction): Map<string, unknown> {
  const shape: Fields =
    d.kind === 'per-unit'
      ? [['per', exprValue(d.count)], ['amount', d.amount]]
      : d.kind === 'conditional'
        ? [['when', exprValue(d.when)], ['amount', d.amount]]
        : [['fact', d.fact], ['field', d.field], ['range', new Compact([d.min, d.max])]];
  return record([['id', d.id], ['reason', d.reason], ...shape, ['cap', d.cap]]);
}

function testValue(t: TestCase): Map<string, unknown> {
  const x = t.expect;
  const expect = record([
    ['outcome', x.outcome],
    ['total', x.total],
    ['pass_mark', x.passMark],
    ['indicators', x.indicators && new Compact(new Map(Object.entries(x.indicators)))],
    ['reasons', x.reasons && new Compact(x.reasons)],
  ]);
  return record([
    ['name', t.name],
    ['as_of', t.asOf],
    ['subject', new Compact(t.subject)],
    ['expect', expect.size > 0 ? expect : undefined],
  ]);
}

/** The rubric as an ordered tree of plain values, maps and {@link Compact} markers. */
function rubricValue(r: Rubric): Map<string, unknown> {
  const shorthand = passMarkShorthand(r);
  const params = shorthand === undefined ? r.parameters : r.parameters.slice(0, -1);
  return record([
    ['rubric', r.id],
    ['title', r.title],
    ['version', r.version],
    ['description', r.description],
    ['effective', record([['from', r.effective.from], ['until', r.effective.until]])],
    [
      'replaces',
      r.replaces &&
        record([
          ['version', r.replaces.version],
          ['mapping', nonEmpty(r.replaces.mapping, (ms) => ms.map((m) => new Compact(record([['from', m.from], ['to', m.to], ['note', m.note]]))))],
        ]),
    ],
    ['total', r.total],
    ['facts', new Map(r.facts.map((f) => [f.id, new Compact(factValue(f))]))],
    ['parameters', nonEmpty(params, (ps) => new Map(ps.map((p) => [p.id, parameterValue(p)])))],
    ['pass_mark', shorthand ?? r.passMark],
    ['sections', r.sections.map(sectionValue)],
    ['hard_requirements', nonEmpty(r.hardRequirements, (hs) => hs.map(hardValue))],
    ['vetoes', nonEmpty(r.vetoes, (vs) => vs.map((v) => record([['id', v.id], ['reason', v.reason], ['when', exprValue(v.when)]])))],
    ['deductions', nonEmpty(r.deductions, (ds) => ds.map(deductionValue))],
    ['deduction_cap', r.deductionCap],
    ['floor', r.floor === null ? 'none' : r.floor === 0 ? undefined : r.floor],
    ['grades', nonEmpty(r.grades, (gs) => gs.map((g) => new Compact(record([['label', g.label], ['min', g.min]]))))],
    ['tests', nonEmpty(r.tests, (ts) => ts.map(testValue))],
  ]);
}

/** Rough one-line width of a value, or Infinity when it cannot be on one line. */
function flatWidth(v: unknown, budget: number): number {
  if (v instanceof Compact) return flatWidth(v.value, budget);
  if (typeof v === 'string') return v.includes('\n') ? Infinity : v.length + 2;
  if (v === null || typeof v !== 'object') return String(v).length;
  const entries: [string | undefined, unknown][] =
    v instanceof Map ? [...v.entries()].map(([k, x]) => [String(k), x]) : Array.isArray(v) ? v.map((x) => [undefined, x]) : Object.entries(v);
  let w = 4;
  for (const [k, x] of entries) {
    w += (k === undefined ? 0 : k.length + 2) + flatWidth(x, budget - w) + 2;
    if (w > budget) return Infinity;
  }
  return w;
}

/** Builds yaml nodes: maps keep their order, {@link Compact} values go flow when short. */
function toNode(v: unknown, flow = false): Node {
  if (v instanceof Compact) return toNode(v.value, flow || flatWidth(v.value, COMPACT_WIDTH) <= COMPACT_WIDTH);
  if (v === null || v === undefined || typeof v !== 'object') return new Scalar(v ?? null);
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    seq.flow = flow;
    for (const x of v) seq.items.push(toNode(x, flow));
    return seq;
  }
  const map = new YAMLMap();
  map.flow = flow;
  const entries = v instanceof Map ? [...v.entries()] : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]] as const);
  for (const [k, x] of entries) map.items.push(new Pair(new Scalar(String(k)), toNode(x, flow)));
  return map;
}

/** Top-level keys printed after a blank line, so the file reads in parts. */
const SPACED_KEYS = new Set(['facts', 'parameters', 'pass_mark', 'sections', 'hard_requirements', 'vetoes', 'deductions', 'grades', 'tests']);

/** Prints a rubric IR as YAML. */
export function printYaml(r: Rubric): string {
  const doc = new Document(null, { version: '1.2' });
  const top = toNode(rubricValue(r)) as YAMLMap;
  for (const pair of top.items) {
    const key = pair.key as Scalar;
    if (SPACED_KEYS.has(String(key.value))) key.spaceBefore = true;
  }
  doc.contents = top;
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: true });
}
