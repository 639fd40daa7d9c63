import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal, didYouMean, isCalendarDate } from '@rubric/model';
import { createRuntime, type RtDecimal } from '../../src/codegen/runtime.js';

/**
 * The runtime's decimal is a copy of the model's (standalone modules cannot import it):
 * every operation must agree with it, text for text.
 */
const rt = createRuntime();

const decimalText = fc
  .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 25 }))
  .map(([c, s]) => Decimal.of(c, s).toString());
const step = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 6n }), fc.integer({ min: 0, max: 6 })).map(([c, s]) => Decimal.of(c, s).toString());
const pair = fc.tuple(decimalText, decimalText);

const same = (a: RtDecimal, b: Decimal): void => {
  expect(a.toString()).toBe(b.toString());
  expect(Object.is(a.toNumber(), b.toNumber())).toBe(true);
};

describe('runtime decimals = model decimals', () => {
  it('add, sub, mul, cmp, neg, abs, isInteger', () => {
    fc.assert(
      fc.property(pair, ([x, y]) => {
        const [a, b] = [rt.dec(x), rt.dec(y)];
        const [m, n] = [Decimal.from(x), Decimal.from(y)];
        same(a.add(b), m.add(n));
        same(a.sub(b), m.sub(n));
        same(a.mul(b), m.mul(n));
        same(a.neg(), m.neg());
        same(a.abs(), m.abs());
        expect(a.cmp(b)).toBe(m.cmp(n));
        expect(a.isInteger()).toBe(m.isInteger());
        expect(a.isNegative()).toBe(m.isNegative());
        same(rt.min(a, b), Decimal.min(m, n));
        same(rt.max(a, b), Decimal.max(m, n));
      }),
      { seed: 1, numRuns: 2000 },
    );
  });

  it('div (20 places, half-even) and roundTo in every mode', () => {
    fc.assert(
      fc.property(decimalText, decimalText, step, (x, y, s) => {
        const [a, b, st] = [rt.dec(x), rt.dec(y), rt.dec(s)];
        const [m, n, ms] = [Decimal.from(x), Decimal.from(y), Decimal.from(s)];
        if (!n.isZero()) same(a.div(b), m.div(n));
        for (const mode of ['half-up', 'down', 'up'] as const) same(a.roundTo(st, mode), m.roundTo(ms, mode));
      }),
      { seed: 2, numRuns: 2000 },
    );
  });

  it('reads JSON numbers as their shortest decimal text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        same(rt.fromNumber(x), Decimal.fromNumber(x));
      }),
      { seed: 3, numRuns: 5000 },
    );
    for (const x of [0.1, 0.30000000000000004, 5e-324, 1e21, -0, 2 ** 53 + 2]) same(rt.fromNumber(x), Decimal.fromNumber(x));
    expect(() => rt.fromNumber(Infinity)).toThrow('not a finite number: Infinity');
  });

  it('formats scaled integers as exact decimal text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 15 }), (m, s) => {
        expect(rt.fmt(m, s)).toBe(Decimal.of(BigInt(m), s).toString());
      }),
      { seed: 4, numRuns: 5000 },
    );
    expect(rt.fmt(-0, 2)).toBe('0');
    expect(rt.fmt(845, 1)).toBe('84.5');
  });
});

describe('runtime helpers = model helpers', () => {
  it('calendar dates', () => {
    for (const d of ['2022-02-28', '2022-02-29', '2024-02-29', '2022-13-01', '2022-00-10', '0000-01-01', '2022-1-1', 'x', '2022-06-31', '2022-06-30']) {
      expect(rt.isCalendarDate(d)).toBe(isCalendarDate(d));
    }
  });

  it('did-you-mean hints', () => {
    const words = ['publicity', 'four_piece_check_rate', 'id', 'name'];
    for (const w of ['publicty', 'four_piece_check_rat', 'nmae', 'zzz', 'i']) expect(rt.didYouMean(w, words)).toBe(didYouMean(w, words));
  });

  it('subject ids', () => {
    expect(rt.idOf({ id: 'A' })).toBe('A');
    expect(rt.idOf({ id: 7 })).toBe('7');
    expect(rt.idOf({ id: 1.5 })).toBeNull();
    expect(rt.idOf({ id: '' })).toBeNull();
    expect(rt.idOf([])).toBeNull();
    expect(rt.idOf(null)).toBeNull();
  });

  it('is self-contained: its source text builds the same runtime', () => {
    const copy = new Function(`return (${createRuntime.toString()})();`)() as typeof rt;
    expect(copy.dec('84.9').add(copy.dec('0.1')).toString()).toBe('85');
    expect(copy.fmt(5, 1)).toBe('0.5');
  });
});
