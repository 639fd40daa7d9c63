import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IR_FORMAT, type Rubric } from '@rubric/model';
import { compileRubric } from '../../src/index.js';
import { fact, ref } from './fixtures.js';

/**
 * Exactness through the public API: totals of tenths and hundredths match an
 * integer reference, and a total that ties the pass mark passes.
 */
function sumRubric(count: number, passMark: number): Rubric {
  const ids = Array.from({ length: count }, (_, i) => `x${i}`);
  return {
    format: IR_FORMAT,
    id: 'exact',
    title: 'exact',
    version: '1',
    effective: { from: '2022-01-01' },
    total: count * 10,
    facts: ids.map((id) => fact(id, { kind: 'decimal', min: 0, max: 10 })),
    parameters: [{ id: 'pass_mark', periods: [{ value: passMark, overrides: [] }] }],
    passMark: 'pass_mark',
    sections: [{ id: 's', title: 's', indicators: ids.map((id) => ({ id: `i_${id}`, title: id, max: 10, rule: { kind: 'expression' as const, points: ref(id) } })) }],
    hardRequirements: [],
    vetoes: [],
    deductions: [],
    floor: 0,
    grades: [],
    tests: [],
  };
}

const hundredths = fc.integer({ min: 0, max: 1000 });

describe('exact totals', () => {
  it('sums tenths and hundredths exactly (integer reference)', () => {
    fc.assert(
      fc.property(fc.array(hundredths, { minLength: 1, maxLength: 12 }), (cents) => {
        const c = compileRubric(sumRubric(cents.length, 0));
        const subject = Object.fromEntries(cents.map((v, i) => [`x${i}`, v / 100]));
        const total = c.evaluate(subject).total!;
        const expected = cents.reduce((a, b) => a + b, 0);
        // Compare as exact text: the JSON number must print as the integer-cents sum.
        expect(String(total)).toBe(String(expected / 100));
        expect(Math.round(total * 100)).toBe(expected);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('passes a total that ties the pass mark exactly (84.9 + 0.1 reaches 85)', () => {
    const c = compileRubric(sumRubric(10, 85));
    const tenths = { x0: 9.9, x1: 9.9, x2: 9.9, x3: 9.9, x4: 9.9, x5: 9.9, x6: 9.9, x7: 9.9, x8: 5.7, x9: 0.1 };
    const r = c.evaluate(tenths);
    expect(r.total).toBe(85);
    expect(r.outcome).toBe('pass');
    expect(c.evaluate({ ...tenths, x9: 0 }).outcome).toBe('fail');
  });

  it('at a generated tie the outcome is pass; a hundredth below, fail', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 10 }), (tenths) => {
        const passTenths = tenths.reduce((a, b) => a + b, 0);
        const c = compileRubric(sumRubric(tenths.length, passTenths / 10));
        const subject = Object.fromEntries(tenths.map((v, i) => [`x${i}`, v / 10]));
        expect(c.evaluate(subject).outcome).toBe('pass');
        const last = tenths.length - 1;
        if (tenths[last]! > 0) {
          const below = { ...subject, [`x${last}`]: (tenths[last]! * 10 - 1) / 100 };
          expect(c.evaluate(below).outcome).toBe('fail');
        }
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
