import { describe, expect, it } from 'vitest';
import { Decimal } from '@rubric/model';
import { absI, addI, divI, formatInterval, joinI, maxI, minI, mulI, negI, point, range, roundI, subI } from '../../src/check/intervals.js';
import { narrowNumber, type NumberEntry } from '../../src/check/analysis.js';

const d = (s: string): Decimal => Decimal.from(s);
const iv = (lo: string | null, hi: string | null, tight = true) => range(lo === null ? null : d(lo), hi === null ? null : d(hi), tight, tight);

describe('interval arithmetic', () => {
  it('adds exactly: [0.1, 0.2] + [0.2, 0.1]', () => {
    expect(formatInterval(addI(iv('0.1', '0.2'), iv('0.2', '0.2'), true))).toBe('[0.3, 0.4]');
  });

  it('tightness needs independence', () => {
    const r = iv('0', '1');
    expect(subI(r, r, false)).toMatchObject({ loTight: false, hiTight: false });
    expect(subI(r, r, true)).toMatchObject({ loTight: true, hiTight: true });
  });

  it('multiplies with signs and infinities (0 × ∞ = 0)', () => {
    expect(formatInterval(mulI(iv('-2', '3'), iv('-1', '4'), true))).toBe('[-8, 12]');
    expect(formatInterval(mulI(iv('0', null), iv('-1', '1'), true))).toBe('[−∞, +∞]');
    expect(formatInterval(mulI(iv('0', null), point(Decimal.ZERO), true))).toBe('[0, 0]');
    expect(mulI(iv('0', null), point(d('2')), true)).toMatchObject({ hi: null, hiTight: true });
  });

  it('divides, unbounded when the divisor may be 0', () => {
    expect(formatInterval(divI(iv('1', '2'), iv('4', '8'), true))).toBe('[0.125, 0.5]');
    expect(formatInterval(divI(iv('1', '2'), iv('0', '8'), true))).toBe('[−∞, +∞]');
  });

  it('min, max, abs, neg, join, round', () => {
    expect(formatInterval(minI([iv('0', '12'), point(d('10'))], true))).toBe('[0, 10]');
    expect(formatInterval(maxI([iv('-3', '2'), point(Decimal.ZERO)], true))).toBe('[0, 2]');
    expect(formatInterval(absI(iv('-3', '2')))).toBe('[0, 3]');
    expect(formatInterval(negI(iv(null, '2')))).toBe('[-2, +∞]');
    expect(formatInterval(joinI(iv('0', '1'), iv('5', '6')))).toBe('[0, 6]');
    expect(formatInterval(roundI(iv('0.24', '9.76'), d('0.5'), 'half-up'))).toBe('[0, 10]');
    expect(formatInterval(roundI(iv('0.24', '9.76'), d('0.5'), 'down'))).toBe('[0, 9.5]');
  });
});

describe('narrowing', () => {
  const intN: NumberEntry = { kind: 'number', lo: Decimal.ZERO, hi: d('10'), loOpen: false, hiOpen: false, integer: true, precise: true };
  const decN: NumberEntry = { ...intN, integer: false };
  it('integers round strict bounds inward', () => {
    expect(narrowNumber(intN, '<', d('5'))).toMatchObject({ hi: d('4'), hiOpen: false });
    expect(narrowNumber(intN, '>', d('2.5'))).toMatchObject({ lo: d('3') });
    expect(narrowNumber(intN, '==', d('2.5'))).toBeNull();
  });
  it('decimals keep open ends, and a point with an open end is empty', () => {
    expect(narrowNumber(decN, '<', d('5'))).toMatchObject({ hi: d('5'), hiOpen: true });
    const p = narrowNumber(decN, '==', d('10'));
    expect(p && narrowNumber(p, '!=', d('10'))).toBeNull();
    expect(narrowNumber(decN, '!=', d('5'))).toMatchObject({ precise: false });
  });
});
