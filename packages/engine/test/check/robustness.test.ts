import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IR_FORMAT, validateIr, type Expr, type Rubric } from '@rubric/model';
import { checkRubric } from '../../src/check/check-rubric.js';
import { rubric } from './helpers.js';

/** Whether a JSON pointer names a node that exists in `root`. */
function resolves(root: unknown, path: string): boolean {
  if (path === '') return true;
  let cur: unknown = root;
  for (const raw of path.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, seg)) return false;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return true;
}

describe('internal/check-failed', () => {
  it('a check that crashes becomes an issue; the other checks still run', () => {
    const bad = { ...rubric({ total: 99 }), tests: null } as unknown as Rubric;
    const issues = checkRubric(bad);
    const internal = issues.filter((i) => i.code === 'internal/check-failed');
    expect(internal.length).toBeGreaterThan(0);
    expect(internal[0]).toMatchObject({ severity: 'error', path: '' });
    expect(internal[0]!.message).toMatch(/^the names check failed: /);
    expect(issues.some((i) => i.code === 'rubric/total-mismatch')).toBe(true);
  });

  it('even a rubric that cannot be read at all', () => {
    expect(() => checkRubric(null as unknown as Rubric)).not.toThrow();
    expect(checkRubric({} as Rubric).every((i) => i.code === 'internal/check-failed')).toBe(true);
  });
});

// ------------------------------------------------------------------ random well-formed IRs

const NAMES = ['rate', 'n', 'flag', 'lvl', 'items', 'pass_mark', 'ok', 'amount', 'd', 'nope', 'count', 'a', 'b'];
const name = fc.constantFrom(...NAMES);
const num = fc.constantFrom('0', '1', '0.5', '2', '10', '12', '100', '0.25', '3');
const date = fc.constantFrom('2022-06-01', '2022-06-14', '2022-02-30', '2023-12-31', '2022-05-31');
const irNumber = fc.constantFrom(0, 0.5, 1, 2, 5, 10, 12, 85, 100, -1);
const nonNeg = fc.constantFrom(0, 0.5, 1, 2, 5, 10, 12, 100);

const expr: fc.Memo<Expr> = fc.memo((depth) => {
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    num.map((value) => ({ kind: 'number', value }) as Expr),
    fc.boolean().map((value) => ({ kind: 'boolean', value }) as Expr),
    fc.constantFrom('low', 'high', 'full', 'x').map((value) => ({ kind: 'text', value }) as Expr),
    date.map((value) => ({ kind: 'date', value }) as Expr),
    name.map((n) => ({ kind: 'ref', name: n }) as Expr),
    name.map((n) => ({ kind: 'ref', name: n }) as Expr),
  );
  if (depth <= 1) return leaf;
  const sub = expr(depth - 1);
  return fc.oneof(
    leaf,
    fc.record({ kind: fc.constant('unary'), op: fc.constantFrom('neg', 'not'), operand: sub }) as fc.Arbitrary<Expr>,
    fc.record({
      kind: fc.constant('binary'),
      op: fc.constantFrom('+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>=', 'and', 'or'),
      left: sub,
      right: sub,
    }) as fc.Arbitrary<Expr>,
    fc.record({ kind: fc.constant('if'), cond: sub, then: sub, else: sub }) as fc.Arbitrary<Expr>,
    fc.record({ kind: fc.constant('in'), value: sub, options: fc.array(sub, { maxLength: 3 }) }) as fc.Arbitrary<Expr>,
    fc.record({
      kind: fc.constant('call'),
      fn: fc.constantFrom('min', 'max', 'round', 'round_down', 'round_up', 'clamp', 'abs'),
      args: fc.array(sub, { maxLength: 4 }),
    }) as fc.Arbitrary<Expr>,
    fc.record(
      { kind: fc.constant('aggregate'), fn: fc.constantFrom('count', 'sum', 'all', 'any'), list: name, where: sub, value: sub },
      { requiredKeys: ['kind', 'fn', 'list'] },
    ) as fc.Arbitrary<Expr>,
  );
});
const e = expr(4);

const scalarType = fc.oneof(
  fc.constant({ kind: 'boolean' }),
  fc.record({ kind: fc.constant('integer'), min: irNumber, max: irNumber }, { requiredKeys: ['kind'] }),
  fc.record({ kind: fc.constant('decimal'), min: irNumber, max: irNumber }, { requiredKeys: ['kind'] }),
  fc.constant({ kind: 'ratio' }),
  fc.record({ kind: fc.constant('level'), levels: fc.array(fc.record({ value: fc.constantFrom('low', 'high', 'full', 'none') }), { minLength: 1, maxLength: 4 }) }),
  fc.constant({ kind: 'date' }),
  fc.constant({ kind: 'text' }),
);
const defaultValue = fc.oneof(fc.boolean(), irNumber, fc.constantFrom('low', 'full', '2022-06-01', 'x'), fc.constant([]), fc.constant([{ ok: true }, { nope: 1 }]));
const scalarFact = fc.record(
  { id: name, label: fc.constant('L'), type: scalarType, required: fc.boolean(), default: defaultValue },
  { requiredKeys: ['id', 'label', 'type', 'required'] },
);
const listType = fc.record({ kind: fc.constant('list'), fields: fc.array(fc.oneof(scalarFact, fc.constant({ id: 'inner', label: 'L', type: { kind: 'list', fields: [] }, required: true })), { maxLength: 3 }) });
const factArb = fc.record(
  { id: name, label: fc.constant('L'), type: fc.oneof(scalarType, listType), required: fc.boolean(), default: defaultValue },
  { requiredKeys: ['id', 'label', 'type', 'required'] },
);

const rule = fc.oneof(
  fc.record({ kind: fc.constant('expression'), points: e }),
  fc.record({ kind: fc.constant('cases'), cases: fc.array(fc.record({ when: e, points: e }), { maxLength: 3 }), otherwise: e }),
  fc.record({
    kind: fc.constant('checklist'),
    mode: fc.constantFrom('award', 'deduct'),
    items: fc.array(fc.record({ id: name, title: fc.constant('t'), points: nonNeg, when: e, count: e }, { requiredKeys: ['id', 'title', 'points'] }), { maxLength: 3 }),
  }),
);
const indicator = fc.record({ id: name, title: fc.constant('t'), max: nonNeg, rule });
const period = fc.record({ from: date, until: date, value: irNumber, overrides: fc.array(fc.record({ when: e, value: irNumber }), { maxLength: 2 }) }, { requiredKeys: ['value', 'overrides'] });

const rubricArb: fc.Arbitrary<Rubric> = fc
  .record(
    {
      format: fc.constant(IR_FORMAT),
      id: fc.constant('r'),
      title: fc.constant('T'),
      version: fc.constant('1'),
      effective: fc.record({ from: date, until: date }, { requiredKeys: ['from'] }),
      replaces: fc.record({ version: fc.constant('0'), mapping: fc.array(fc.record({ from: fc.array(name, { maxLength: 2 }), to: fc.array(name, { maxLength: 2 }) }), { maxLength: 2 }) }),
      total: nonNeg,
      facts: fc.array(factArb, { maxLength: 6 }),
      parameters: fc.array(fc.record({ id: name, periods: fc.array(period, { minLength: 1, maxLength: 3 }) }), { maxLength: 2 }),
      passMark: name,
      sections: fc.array(fc.record({ id: name, title: fc.constant('S'), max: nonNeg, indicators: fc.array(indicator, { maxLength: 3 }) }, { requiredKeys: ['id', 'title', 'indicators'] }), { maxLength: 3 }),
      hardRequirements: fc.array(
        fc.oneof(
          fc.record({ id: name, title: fc.constant('h'), kind: fc.constant('indicator-full'), indicator: name }),
          fc.record({ id: name, title: fc.constant('h'), kind: fc.constant('condition'), require: e }),
        ),
        { maxLength: 2 },
      ),
      vetoes: fc.array(fc.record({ id: name, reason: fc.constant('r'), when: e }), { maxLength: 2 }),
      deductions: fc.array(
        fc.oneof(
          fc.record({ id: name, reason: fc.constant('r'), kind: fc.constant('per-unit'), count: e, amount: nonNeg, cap: nonNeg }, { requiredKeys: ['id', 'reason', 'kind', 'count', 'amount'] }),
          fc.record({ id: name, reason: fc.constant('r'), kind: fc.constant('discretionary'), fact: name, field: name, min: nonNeg, max: nonNeg, cap: nonNeg }, { requiredKeys: ['id', 'reason', 'kind', 'fact', 'min', 'max'] }),
          fc.record({ id: name, reason: fc.constant('r'), kind: fc.constant('conditional'), when: e, amount: nonNeg }),
        ),
        { maxLength: 3 },
      ),
      deductionCap: nonNeg,
      floor: fc.oneof(fc.constant(null), irNumber),
      grades: fc.array(fc.record({ label: fc.constantFrom('A', 'B'), min: irNumber }), { maxLength: 3 }),
      tests: fc.array(
        fc.record({
          name: fc.constantFrom('t1', 't2'),
          asOf: date,
          subject: fc.constant({}),
          expect: fc.record(
            { outcome: fc.constantFrom('pass', 'fail', 'vetoed', 'invalid'), total: irNumber, indicators: fc.dictionary(name, irNumber, { maxKeys: 2 }), reasons: fc.array(fc.constantFrom('veto:a', 'hard:b', 'below-pass-mark', 'x'), { maxLength: 2 }) },
            { requiredKeys: [] },
          ),
        }, { requiredKeys: ['name', 'subject', 'expect'] }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ['format', 'id', 'title', 'version', 'effective', 'total', 'facts', 'parameters', 'passMark', 'sections', 'hardRequirements', 'vetoes', 'deductions', 'floor', 'grades', 'tests'] },
  )
  .map((r) => JSON.parse(JSON.stringify(r)) as Rubric);

describe('checkRubric on random well-formed IRs', () => {
  it('never throws, never fails internally, and every issue points at a node of the IR', () => {
    fc.assert(
      fc.property(rubricArb, (r) => {
        expect(validateIr(r)).toEqual([]);
        const issues = checkRubric(r);
        const internal = issues.filter((i) => i.code === 'internal/check-failed');
        expect(internal).toEqual([]);
        for (const i of issues) {
          expect(['error', 'warning']).toContain(i.severity);
          expect(i.message.length).toBeGreaterThan(0);
          expect(resolves(r, i.path), `${i.code} at ${i.path}`).toBe(true);
        }
      }),
      { seed: 20220614, numRuns: 400 },
    );
  });
});
