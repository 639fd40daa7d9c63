import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGGREGATE_FNS, CALL_ARITY, CALL_FNS, Decimal, formatExpr, isIdentifier, walkExpr } from '@rubric/model';
import type { AggregateFn, BinaryOp, CallFn, Expr } from '@rubric/model';
import { EXPRESSION_ISSUE_CODES, parseExpression } from '../src/index.js';

const BINARY_OPS: readonly BinaryOp[] = ['+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>=', 'and', 'or'];

/** Names: random identifiers plus ones that brush against keywords and function names. */
const nameArb: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/).filter(isIdentifier),
  fc.constantFrom('iff', 'notice', 'index', 'island', 'If', 'AND', 'date_', 'counts', 'minimum', 'where_', 'true_', 'x', '_'),
);

/** Non-negative canonical decimals: `0`, `10`, `0.5`, `123.045`. */
const numberArb: fc.Arbitrary<Expr> = fc
  .tuple(
    fc.oneof(fc.nat(1000), fc.bigInt({ min: 0n, max: 10n ** 30n })),
    fc.option(fc.stringMatching(/^[0-9]{0,5}[1-9]$/), { nil: undefined }),
  )
  .map(([int, frac]) => ({ kind: 'number' as const, value: frac === undefined ? String(int) : `${int}.${frac}` }));

/** Any UTF-16 code unit, lone surrogates included, plus characters the lexer treats specially. */
const charArb = fc.oneof(
  fc.nat(0xffff).map((n) => String.fromCharCode(n)),
  fc.constantFrom('"', '\\', '\n', '\u2028', '\u2029', '（', '，', '＂', '“', '”', "'", '\u3000', '合', 'a', ' '),
);
const textArb: fc.Arbitrary<Expr> = fc
  .oneof(fc.string({ unit: charArb, maxLength: 8 }), fc.constantFrom('full', 'low', 'and', 'true', 'min', '_', 'Full Marks', '合格'))
  .map((value) => ({ kind: 'text' as const, value }));

const dateArb: fc.Arbitrary<Expr> = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => ({ kind: 'date' as const, value: d.toISOString().slice(0, 10) }));

const booleanArb: fc.Arbitrary<Expr> = fc.boolean().map((value) => ({ kind: 'boolean' as const, value }));
const refArb: fc.Arbitrary<Expr> = nameArb.map((name) => ({ kind: 'ref' as const, name }));

/** What may stand in an `in` list. */
const optionArb: fc.Arbitrary<Expr> = fc.oneof(
  numberArb,
  textArb,
  booleanArb,
  dateArb,
  numberArb.map((operand) => ({ kind: 'unary' as const, op: 'neg' as const, operand })),
);

const { expr: exprArb } = fc.letrec<{ expr: Expr }>((tie) => {
  const sub = tie('expr');
  return {
    expr: fc.oneof(
      { depthSize: 'small', maxDepth: 6 },
      fc.oneof(numberArb, booleanArb, textArb, dateArb, refArb),
      fc.record({ kind: fc.constant('unary' as const), op: fc.constantFrom('neg' as const, 'not' as const), operand: sub }),
      fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom(...BINARY_OPS), left: sub, right: sub }),
      fc.record({ kind: fc.constant('if' as const), cond: sub, then: sub, else: sub }),
      fc.record({ kind: fc.constant('in' as const), value: sub, options: fc.array(optionArb, { maxLength: 4 }) }),
      fc.constantFrom(...CALL_FNS).chain((fn: CallFn) => {
        const [lo, hi] = CALL_ARITY[fn];
        return fc
          .array(sub, { minLength: lo, maxLength: hi === Infinity ? lo + 2 : hi })
          .map((args): Expr => ({ kind: 'call', fn, args }));
      }),
      fc
        .record({
          fn: fc.constantFrom(...AGGREGATE_FNS),
          list: nameArb,
          where: fc.option(sub, { nil: undefined }),
          value: sub,
        })
        .map(({ fn, list, where, value }): Expr => {
          const e: Expr = { kind: 'aggregate', fn: fn as AggregateFn, list };
          if (where !== undefined) e.where = where;
          if (fn !== 'count') e.value = value;
          return e;
        }),
    ),
  };
});

describe('formatExpr → parseExpression round trip', () => {
  it('the generators make canonical numbers', () => {
    fc.assert(
      fc.property(numberArb, (n) => n.kind === 'number' && Decimal.parse(n.value)?.toString() === n.value),
      { seed: 42, numRuns: 300 },
    );
  });

  it('parses every printed tree back to the same tree, with a span for every node', () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        const src = formatExpr(e);
        const r = parseExpression(src);
        expect(r.issues, src).toEqual([]);
        // fast-check builds null-prototype records, so compare structurally, and check
        // separately that the parser never leaves `key: undefined` in the tree.
        expect(r.expr, src).toEqual(e);
        expect(JSON.stringify(r.expr, (_k, v: unknown) => (v === undefined ? '<undefined>' : v))).not.toContain('<undefined>');
        const pointers: string[] = [];
        walkExpr(e, (node, p) => {
          pointers.push(p);
          const span = r.spans.get(p);
          expect(span, `${src} ${p}`).toBeDefined();
          expect(span!.start).toBeGreaterThanOrEqual(0);
          expect(span!.end).toBeLessThanOrEqual(src.length);
          if (node.kind === 'ref') expect(src.slice(span!.start, span!.end)).toBe(node.name);
          if (node.kind === 'number') expect(src.slice(span!.start, span!.end)).toBe(node.value);
        });
        expect([...r.spans.keys()].sort()).toEqual(pointers.sort());
        expect(r.spans.get('')).toEqual({ start: 0, end: src.length });
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

/** Pieces of the language, and of its common mistakes, for building random inputs. */
const PIECES = [
  '(', ')', '[', ']', ',', ' ', '\n', 'if', 'then', 'else', 'and', 'or', 'not', 'in', 'is', 'where', 'true',
  'min', 'round', 'count', 'sum', 'date', 'foo', 'x', 'y_1', '1', '0.5', '.5', '1.2.3', '3x', '"a"', '"', "'", '“',
  '\\', '==', '=', '!=', '!', '<', '<=', '+', '-', '*', '/', '×', '−', '≤', '&&', '（', '，', '＝', '１', '\u3000',
  '§', '中', '%', '#', '\u0000', '\ud800',
];

const CODES = new Set<string>(EXPRESSION_ISSUE_CODES);

/** Parses and checks the invariants that hold for any input whatsoever. */
function checkAnyInput(src: string): void {
  const r = parseExpression(src);
  expect(Array.isArray(r.issues)).toBe(true);
  if (r.expr) expect(r.issues).toEqual([]);
  else expect(r.issues.length, JSON.stringify(src)).toBeGreaterThan(0);
  for (const i of r.issues) {
    expect(i.code, JSON.stringify(src)).not.toBe('expr/internal-error');
    expect(CODES.has(i.code)).toBe(true);
    expect(i.start).toBeGreaterThanOrEqual(0);
    expect(i.start).toBeLessThanOrEqual(i.end);
    expect(i.end).toBeLessThanOrEqual(src.length);
    expect(i.message.length).toBeGreaterThan(0);
  }
}

describe('fuzzing: any input is reported on, never thrown on', () => {
  it('random strings of language pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (parts) => {
        checkAnyInput(parts.join(' '));
        checkAnyInput(parts.join(''));
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  it('random Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: charArb, maxLength: 60 }), (s) => checkAnyInput(s)),
      { seed: 11, numRuns: 1000 },
    );
  });

  it('mutations of valid expressions', () => {
    const mutation = fc.record({
      at: fc.nat(),
      remove: fc.nat(3),
      insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: charArb, maxLength: 2 })),
    });
    fc.assert(
      fc.property(exprArb, fc.array(mutation, { minLength: 1, maxLength: 3 }), (e, muts) => {
        let src = formatExpr(e);
        for (const m of muts) {
          const at = src.length === 0 ? 0 : m.at % (src.length + 1);
          src = src.slice(0, at) + m.insert + src.slice(at + m.remove);
        }
        checkAnyInput(src);
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it('large and pathological inputs finish quickly', () => {
    const inputs = [
      '('.repeat(100_000),
      ')'.repeat(100_000),
      '['.repeat(50_000),
      'not '.repeat(20_000),
      '-'.repeat(50_000) + 'x',
      'if a then b else '.repeat(5_000) + 'c',
      'a < '.repeat(5_000) + 'b',
      'x + '.repeat(20_000),
      ') + ('.repeat(2_000),
      '"'.repeat(10_001),
      '§'.repeat(100_000),
      '（'.repeat(50_000),
      'min('.repeat(90) + ')'.repeat(90),
    ];
    for (const src of inputs) {
      const t0 = performance.now();
      checkAnyInput(src);
      expect(performance.now() - t0, src.slice(0, 20)).toBeLessThan(3_000);
    }
  });
});
