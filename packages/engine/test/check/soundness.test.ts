/**
 * The range analysis against a concrete reference evaluation, on random well-typed
 * expressions:
 * - sound: every concrete value lies in the computed interval; a condition's concrete
 *   value is among its possibilities; assuming a condition keeps every input that makes it so;
 * - tight claims are true: a bound marked tight is reached by some input (so the checker's
 *   "provably out of range" errors are never false alarms).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal, walkExpr, type Expr } from '@rubric/model';
import { RangeAnalyzer } from '../../src/check/analysis.js';
import { constantNumber } from '../../src/check/fold.js';
import { containsZero } from '../../src/check/intervals.js';
import { Scope } from '../../src/check/scope.js';
import { bool, fact, integer, level, ratio, rubric } from './helpers.js';

const LEVELS = ['low', 'mid', 'high'];
const r = rubric({
  facts: [ratio('a'), ratio('b'), integer('n', 0, 10), fact('p', { kind: 'decimal', min: -3, max: 7 }), integer('u'), bool('f'), bool('g'), level('l', LEVELS)],
});
const analyzer = new RangeAnalyzer(r, Scope.ofRubric(r));
const base = analyzer.baseEnv();

type Value = Decimal | boolean | string;
type Inputs = Record<string, Value>;
class Skip extends Error {}

const D = (s: string): Decimal => Decimal.from(s);

/** The reference: evaluates an expression on concrete inputs. */
function evaluate(e: Expr, env: Inputs): Value {
  const n = (x: Expr): Decimal => evaluate(x, env) as Decimal;
  const b = (x: Expr): boolean => evaluate(x, env) as boolean;
  switch (e.kind) {
    case 'number':
      return D(e.value);
    case 'boolean':
      return e.value;
    case 'text':
      return e.value;
    case 'ref':
      return env[e.name]!;
    case 'unary':
      return e.op === 'neg' ? n(e.operand).neg() : !b(e.operand);
    case 'binary': {
      switch (e.op) {
        case '+':
          return n(e.left).add(n(e.right));
        case '-':
          return n(e.left).sub(n(e.right));
        case '*':
          return n(e.left).mul(n(e.right));
        case '/': {
          const d = n(e.right);
          if (d.isZero()) throw new Skip();
          return n(e.left).div(d);
        }
        case 'and':
          return b(e.left) && b(e.right);
        case 'or':
          return b(e.left) || b(e.right);
        case '==':
        case '!=': {
          const x = evaluate(e.left, env);
          const y = evaluate(e.right, env);
          const eq = x instanceof Decimal && y instanceof Decimal ? x.eq(y) : x === y;
          return e.op === '==' ? eq : !eq;
        }
        default: {
          const c = n(e.left).cmp(n(e.right));
          return e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : c >= 0;
        }
      }
    }
    case 'if':
      return b(e.cond) ? evaluate(e.then, env) : evaluate(e.else, env);
    case 'in': {
      const v = evaluate(e.value, env);
      return e.options.some((o) => {
        const w = evaluate(o, env);
        return v instanceof Decimal && w instanceof Decimal ? v.eq(w) : v === w;
      });
    }
    case 'call': {
      const xs = e.args.map(n);
      switch (e.fn) {
        case 'min':
          return xs.reduce((p, q) => Decimal.min(p, q));
        case 'max':
          return xs.reduce((p, q) => Decimal.max(p, q));
        case 'abs':
          return xs[0]!.abs();
        case 'clamp':
          return Decimal.min(Decimal.max(xs[0]!, xs[1]!), xs[2]!);
        default: {
          if (!xs[1]!.gt(Decimal.ZERO)) throw new Skip();
          return xs[0]!.roundTo(xs[1]!, e.fn === 'round' ? 'half-up' : e.fn === 'round_down' ? 'down' : 'up');
        }
      }
    }
    default:
      throw new Error(`not generated: ${e.kind}`);
  }
}

// ------------------------------------------------------------------ typed generators

const numLit = fc.constantFrom('0', '1', '0.5', '2', '0.25', '3', '10', '2.25').map((value): Expr => ({ kind: 'number', value }));
const numRef = fc.constantFrom('a', 'b', 'n', 'p', 'u').map((name): Expr => ({ kind: 'ref', name }));
const levelLit = fc.constantFrom(...LEVELS).map((value): Expr => ({ kind: 'text', value }));

const { num, cond } = fc.letrec<{ num: Expr; cond: Expr }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numLit,
    numRef,
    numRef,
    tie('num').map((operand): Expr => ({ kind: 'unary', op: 'neg', operand })),
    fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const), left: tie('num'), right: tie('num') }),
    fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom('*' as const), left: numLit, right: tie('num') }),
    fc.record({ kind: fc.constant('if' as const), cond: tie('cond'), then: tie('num'), else: tie('num') }),
    fc.record({ kind: fc.constant('call' as const), fn: fc.constantFrom('min' as const, 'max' as const), args: fc.array(tie('num'), { minLength: 2, maxLength: 3 }) }),
    tie('num').map((x): Expr => ({ kind: 'call', fn: 'abs', args: [x] })),
    fc.tuple(tie('num'), numLit, numLit).map(([x, lo, hi]): Expr => ({ kind: 'call', fn: 'clamp', args: [x, lo, hi] })),
    fc
      .tuple(fc.constantFrom('round' as const, 'round_down' as const, 'round_up' as const), tie('num'), fc.constantFrom('0.5', '1', '0.25'))
      .map(([fn, x, step]): Expr => ({ kind: 'call', fn, args: [x, { kind: 'number', value: step }] })),
  ),
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.boolean().map((value): Expr => ({ kind: 'boolean', value })),
    fc.constantFrom('f', 'g').map((name): Expr => ({ kind: 'ref', name })),
    levelLit.map((right): Expr => ({ kind: 'binary', op: '==', left: { kind: 'ref', name: 'l' }, right })),
    fc.array(levelLit, { maxLength: 3 }).map((options): Expr => ({ kind: 'in', value: { kind: 'ref', name: 'l' }, options })),
    fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const, '==' as const, '!=' as const), left: numRef, right: numLit }),
    fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const, '==' as const, '!=' as const), left: tie('num'), right: tie('num') }),
    fc.array(numLit, { minLength: 1, maxLength: 3 }).chain((options) => numRef.map((value): Expr => ({ kind: 'in', value, options }))),
    tie('cond').map((operand): Expr => ({ kind: 'unary', op: 'not', operand })),
    fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom('and' as const, 'or' as const), left: tie('cond'), right: tie('cond') }),
    fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom('==' as const, '!=' as const), left: tie('cond'), right: tie('cond') }),
    fc.record({ kind: fc.constant('if' as const), cond: tie('cond'), then: tie('cond'), else: tie('cond') }),
  ),
}));

const dec = (lo: number, hi: number, scale: number): fc.Arbitrary<Decimal> => fc.integer({ min: lo * scale, max: hi * scale }).map((k) => Decimal.fromInteger(k).div(Decimal.fromInteger(scale)));
const inputs: fc.Arbitrary<Inputs> = fc.record({
  a: fc.oneof(dec(0, 1, 100), fc.constantFrom(D('0'), D('1'), D('0.5'), D('0.25'))),
  b: fc.oneof(dec(0, 1, 100), fc.constantFrom(D('0'), D('1'))),
  n: fc.integer({ min: 0, max: 10 }).map((k) => Decimal.fromInteger(k)),
  p: fc.oneof(dec(-3, 7, 4), fc.constantFrom(D('-3'), D('7'), D('0'))),
  u: fc.oneof(fc.integer({ min: -1000, max: 1000 }).map((k) => Decimal.fromInteger(k)), fc.constantFrom(D('0'), D('1'), D('-1'))),
  f: fc.boolean(),
  g: fc.boolean(),
  l: fc.constantFrom(...LEVELS),
});

function within(v: Decimal, lo: Decimal | null, hi: Decimal | null): boolean {
  return (lo === null || lo.lte(v)) && (hi === null || v.lte(hi));
}

function tryEval(e: Expr, env: Inputs): Value | undefined {
  try {
    return evaluate(e, env);
  } catch (err) {
    if (err instanceof Skip) return undefined;
    throw err;
  }
}

const RUNS = { seed: 614, numRuns: 1500 };

describe('range analysis is sound', () => {
  it('every value of a number expression lies in its interval', () => {
    fc.assert(
      fc.property(num, inputs, (e, env) => {
        const v = tryEval(e, env);
        if (!(v instanceof Decimal)) return;
        const iv = analyzer.numberRange(e, base);
        expect(within(v, iv.lo, iv.hi), `${v.toString()} not in [${iv.lo?.toString()}, ${iv.hi?.toString()}]`).toBe(true);
      }),
      RUNS,
    );
  });

  it('a condition’s value is possible, and assuming it keeps the inputs (and the values of other expressions)', () => {
    fc.assert(
      fc.property(cond, num, inputs, (c, e, env) => {
        const v = tryEval(c, env);
        if (typeof v !== 'boolean') return;
        const p = analyzer.possible(c, base);
        expect(v ? p.canTrue : p.canFalse).toBe(true);
        const narrowed = analyzer.assume(c, v, base);
        expect(narrowed).not.toBeNull();
        if (!narrowed) return;
        for (const name of ['a', 'b', 'n', 'p', 'u']) {
          const iv = analyzer.numberRange({ kind: 'ref', name }, narrowed);
          expect(within(env[name] as Decimal, iv.lo, iv.hi), `${name}=${(env[name] as Decimal).toString()} after assuming ${v}`).toBe(true);
        }
        for (const name of ['f', 'g']) {
          const q = analyzer.possible({ kind: 'ref', name }, narrowed);
          expect(env[name] ? q.canTrue : q.canFalse).toBe(true);
        }
        expect(analyzer.possible({ kind: 'binary', op: '==', left: { kind: 'ref', name: 'l' }, right: { kind: 'text', value: env.l as string } }, narrowed).canTrue).toBe(true);
        const w = tryEval(e, env);
        if (w instanceof Decimal) {
          const iv = analyzer.numberRange(e, narrowed);
          expect(within(w, iv.lo, iv.hi)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

// ------------------------------------------------------------------ tight bounds are reached

const BIG = D('1000000');

/** Candidate inputs for a fact: its bounds, every constant of the expression that fits, and (for decimals) the midpoints between them. */
function candidates(name: string, consts: Decimal[]): Value[] {
  const fit = (lo: Decimal, hi: Decimal): Decimal[] => {
    const xs = [lo, hi, ...consts.filter((c) => c.gte(lo) && c.lte(hi))].sort((x, y) => x.cmp(y));
    const uniq = xs.filter((x, i) => i === 0 || !x.eq(xs[i - 1]!));
    const mids = uniq.slice(1).map((x, i) => x.add(uniq[i]!).div(Decimal.fromInteger(2)));
    return [...uniq, ...mids];
  };
  switch (name) {
    case 'a':
    case 'b':
      return fit(D('0'), D('1'));
    case 'n':
      return Array.from({ length: 11 }, (_, k) => Decimal.fromInteger(k));
    case 'p':
      return fit(D('-3'), D('7'));
    case 'u': {
      const ints = consts.flatMap((c) => [c.roundTo(Decimal.ONE, 'down'), c.roundTo(Decimal.ONE, 'up')]);
      return [BIG.neg(), BIG, D('0'), ...ints, ...ints.map((c) => c.add(Decimal.ONE)), ...ints.map((c) => c.sub(Decimal.ONE))];
    }
    case 'f':
    case 'g':
      return [true, false];
    default:
      return LEVELS;
  }
}

/** The value of a subexpression that reads no input, if the analysis finds it a single number. */
function pointOf(x: Expr): Decimal | undefined {
  let reads = false;
  walkExpr(x, (y) => {
    if (y.kind === 'ref') reads = true;
  });
  if (reads) return undefined;
  const iv = analyzer.numberRange(x, base);
  return iv.lo !== null && iv.hi !== null && iv.lo.eq(iv.hi) ? iv.lo : undefined;
}

function* assignments(names: string[], consts: Decimal[]): Generator<Inputs> {
  if (names.length === 0) {
    yield {};
    return;
  }
  const [first, ...rest] = names;
  for (const v of candidates(first!, consts)) for (const tail of assignments(rest, consts)) yield { ...tail, [first!]: v };
}

describe('tight bounds are reached by some input', () => {
  it('for random number expressions', () => {
    fc.assert(
      fc.property(num, (e) => {
        const iv = analyzer.numberRange(e, base);
        if (!iv.loTight && !iv.hiTight) return;
        const names = new Set<string>();
        const consts: Decimal[] = [];
        // A division by what may be 0 fails for those inputs (the engine reports it per subject): out of scope here.
        let divides = false;
        walkExpr(e, (x) => {
          if (x.kind === 'binary' && x.op === '/' && containsZero(analyzer.numberRange(x.right, base))) divides = true;
        });
        if (divides) return;
        walkExpr(e, (x) => {
          if (x.kind === 'ref') names.add(x.name);
          const c = constantNumber(x) ?? pointOf(x);
          if (c) consts.push(c, c.neg());
        });
        const sizes = [...names].map((nm) => candidates(nm, consts).length);
        if (sizes.reduce((p, q) => p * q, 1) > 20_000) return;
        let hitLo = false;
        let hitHi = false;
        for (const env of assignments([...names], consts)) {
          const v = tryEval(e, env);
          if (!(v instanceof Decimal)) continue;
          if (iv.lo === null ? v.lte(BIG.neg().div(D('1000'))) : v.eq(iv.lo)) hitLo = true;
          if (iv.hi === null ? v.gte(BIG.div(D('1000'))) : v.eq(iv.hi)) hitHi = true;
          if (hitLo && hitHi) break;
        }
        if (iv.loTight) expect(hitLo, `low bound ${iv.lo?.toString() ?? '−∞'} claimed tight`).toBe(true);
        if (iv.hiTight) expect(hitHi, `high bound ${iv.hi?.toString() ?? '+∞'} claimed tight`).toBe(true);
      }),
      { seed: 2022, numRuns: 1500 },
    );
  });
});
