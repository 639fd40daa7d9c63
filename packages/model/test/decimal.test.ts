import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../src/index.js';

/** Reference: a decimal as an exact rational p / 10^k with BigInt, independent of Decimal. */
function toRational(text: string): [bigint, bigint] {
  const neg = text.startsWith('-');
  const [i, f = ''] = text.replace('-', '').split('.');
  const p = BigInt(i! + f) * (neg ? -1n : 1n);
  return [p, 10n ** BigInt(f.length)];
}
const sameRational = (a: [bigint, bigint], b: [bigint, bigint]) => a[0] * b[1] === b[0] * a[1];

/** Decimal text with up to 6 places, as people write scores. */
const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
  .map(([neg, digits, places]) => {
    const s = digits.toString().padStart(places + 1, '0');
    const t = places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
    return neg && digits !== 0n ? `-${t}` : t;
  });

const run = { seed: 20220614, numRuns: 1000 };

describe('Decimal', () => {
  it('adds tenths exactly where floats do not', () => {
    expect(Decimal.from('0.1').add(Decimal.from('0.2')).toString()).toBe('0.3');
    expect(Decimal.from('84.9').add(Decimal.from('0.1')).gte(Decimal.from('85'))).toBe(true);
    expect(0.1 + 0.2).not.toBe(0.3); // the artifact this type exists to avoid
  });

  it('add, sub and mul agree with a rational reference', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const [ap, aq] = toRational(a);
        const [bp, bq] = toRational(b);
        const da = Decimal.from(a);
        const db = Decimal.from(b);
        expect(sameRational(toRational(da.add(db).toString()), [ap * bq + bp * aq, aq * bq])).toBe(true);
        expect(sameRational(toRational(da.sub(db).toString()), [ap * bq - bp * aq, aq * bq])).toBe(true);
        expect(sameRational(toRational(da.mul(db).toString()), [ap * bp, aq * bq])).toBe(true);
        expect(da.cmp(db)).toBe(Math.sign(Number(ap * bq - bp * aq)));
      }),
      run,
    );
  });

  it('prints canonical text that parses back to the same value', () => {
    fc.assert(
      fc.property(decimalText, (a) => {
        const d = Decimal.from(a);
        const s = d.toString();
        expect(s).toMatch(/^-?\d+(\.\d*[1-9])?$/);
        expect(Decimal.from(s).eq(d)).toBe(true);
        // Up to 15 significant digits a JS number carries the decimal exactly.
        if (s.replace(/[-.]/g, '').replace(/^0+/, '').length <= 15) expect(Decimal.fromNumber(Number(s)).eq(d)).toBe(true);
      }),
      run,
    );
  });

  it('divides exactly when the quotient terminates, else to 20 places half-even', () => {
    expect(Decimal.from('1').div(Decimal.from('8')).toString()).toBe('0.125');
    expect(Decimal.from('1').div(Decimal.from('3')).toString()).toBe('0.33333333333333333333');
    expect(Decimal.from('2').div(Decimal.from('3')).toString()).toBe('0.66666666666666666667');
    expect(() => Decimal.ONE.div(Decimal.ZERO)).toThrow(RangeError);
  });

  it('rounds to a step half-up (away from zero), down and up', () => {
    const r = (x: string, step: string, mode?: 'half-up' | 'down' | 'up') => Decimal.from(x).roundTo(Decimal.from(step), mode).toString();
    expect(r('5.75', '0.5')).toBe('6');
    expect(r('5.74', '0.5')).toBe('5.5');
    expect(r('3.15', '0.5')).toBe('3');
    expect(r('0.25', '0.5')).toBe('0.5');
    expect(r('-0.25', '0.5')).toBe('-0.5');
    expect(r('5.99', '0.5', 'down')).toBe('5.5');
    expect(r('5.01', '0.5', 'up')).toBe('5.5');
    expect(r('-5.01', '0.5', 'down')).toBe('-5.5');
    expect(r('7', '3')).toBe('6');
  });

  it('rounding agrees with a rational reference', () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom('0.5', '1', '0.1', '0.25', '2'), (x, step) => {
        const got = Decimal.from(x).roundTo(Decimal.from(step));
        // Reference: nearest multiple k·step, ties away from zero.
        const [xp, xq] = toRational(x);
        const [sp, sq] = toRational(step);
        const num = xp * sq; // x / step = num / den
        const den = xq * sp;
        const twice = 2n * (num < 0n ? -num : num);
        const k = (twice + den) / (2n * den); // floor(|q| + 1/2)
        const signed = num < 0n ? -k : k;
        expect(sameRational(toRational(got.toString()), [signed * sp, sq])).toBe(true);
      }),
      run,
    );
  });

  it('parses exponents, rejects junk and survives huge and tiny numbers', () => {
    expect(Decimal.parse('1e-7')?.toString()).toBe('0.0000001');
    expect(Decimal.fromNumber(1e21).toString()).toBe('1000000000000000000000');
    expect(Decimal.fromNumber(5e-324).isZero()).toBe(false);
    for (const bad of ['', 'abc', '1.2.3', '--1', '1e99999', 'NaN', 'Infinity']) expect(Decimal.parse(bad)).toBeUndefined();
    expect(() => Decimal.fromNumber(Number.NaN)).toThrow(RangeError);
  });
});

describe('isExactNumber', () => {
  it('counts significant digits only (regression: 1e20 was refused)', async () => {
    const { isExactNumber } = await import('../src/index.js');
    expect(isExactNumber(1e20)).toBe(true);
    expect(isExactNumber(1e21)).toBe(true);
    expect(isExactNumber(0.000123)).toBe(true);
    expect(isExactNumber(123456789012345.6)).toBe(false);
    expect(isExactNumber(Number.NaN)).toBe(false);
    expect(isExactNumber(Infinity)).toBe(false);
  });
});

describe('calendar dates', () => {
  it('knows real days from impossible ones, leap years included', async () => {
    const { isCalendarDate, dayNumber, dateOfDay } = await import('../src/index.js');
    expect(isCalendarDate('2022-06-14')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2022-02-29')).toBe(false);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2022-13-01')).toBe(false);
    expect(isCalendarDate('2022-6-1')).toBe(false);
    expect(dateOfDay(dayNumber('2022-06-30')! + 1)).toBe('2022-07-01');
  });
});
