import { describe, expect, it } from 'vitest';
import type { Rubric } from '@rubric/model';
import { checkRubric, compileRubric } from '../../src/index.js';
import { compileGenerated } from '../../src/codegen/generate.js';
import { beijingIr, perfectSubject } from '../evaluate/fixtures.js';
import { differential } from './differential.js';
import { bigNumbersIr, defectsIr, featuresIr, injectionIr } from './rubrics.js';

/**
 * Reference vs generated (fast path with the exact path behind it) vs generated exact path
 * alone, on generated subjects. The Beijing sample rubrics run 100,000 subjects each in
 * test/compile; these rubrics cover every rule kind and every error.
 */
function both(rubric: Rubric) {
  const reference = compileRubric(rubric, { evaluator: 'reference' });
  const generated = compileRubric(rubric, { evaluator: 'generated' });
  const exactOnly = compileGenerated(rubric, () => compileRubric(rubric, { evaluator: 'reference' }), { fastPath: false });
  expect(generated).not.toBe(reference);
  expect((generated as { source?: string }).source).toBeTypeOf('string');
  return { reference, generated, exactOnly };
}

const COUNT = 10_000;

describe('generated evaluator = reference interpreter (differential)', () => {
  it('on the Beijing rubric', () => {
    const { reference, generated, exactOnly } = both(beijingIr());
    const stats = differential(beijingIr(), reference, [generated, exactOnly], COUNT, 1, { seeds: [perfectSubject(), perfectSubject({ district_risk: 'low', publicity: 'partial' })] });
    expect(stats.outcomes.pass).toBeGreaterThan(100);
    expect(stats.outcomes.fail).toBeGreaterThan(100);
    expect(stats.outcomes.vetoed).toBeGreaterThan(100);
    expect(stats.invalid).toBeGreaterThan(100);
  });

  it('on a rubric with every rule kind, expression form and deduction kind', () => {
    const rubric = featuresIr();
    expect(checkRubric(rubric).filter((i) => i.severity === 'error')).toEqual([]);
    const { reference, generated, exactOnly } = both(rubric);
    const stats = differential(rubric, reference, [generated, exactOnly], COUNT / 2, 2);
    expect(stats.outcomes.pass).toBeGreaterThan(100);
    expect(stats.outcomes.fail).toBeGreaterThan(100);
    expect(stats.outcomes.vetoed).toBeGreaterThan(100);
    expect(stats.invalid).toBeGreaterThan(100);
  });

  it('on rubric defects met per subject (every eval/ error)', () => {
    const rubric = defectsIr();
    const { reference, generated, exactOnly } = both(rubric);
    const stats = differential(rubric, reference, [generated, exactOnly], COUNT / 2, 3);
    expect(stats.invalid).toBeGreaterThan(1000);
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      for (const x of [-20, -3.5, -1, 0, 1.5, 7, 20]) {
        for (const y of [-3, -1, 0, 2, 3]) {
          const r = reference.evaluate({ x, y, c: [-1, 0.5, 2, 4][i % 4], mode: ['a', 'b', 'c'][i % 3] }, { asOf: ['2021-06-01', '2022-06-01'][i % 2]! });
          for (const e of r.errors) codes.add(e.code);
        }
      }
      if (codes.size >= 5) break;
    }
    expect([...codes].sort()).toEqual(['eval/bad-count', 'eval/bad-step', 'eval/division-by-zero', 'eval/no-parameter-value', 'eval/points-out-of-range']);
  });

  it('on a rubric whose strings try to break out of the generated code', () => {
    const { reference, generated, exactOnly } = both(injectionIr());
    const stats = differential(injectionIr(), reference, [generated, exactOnly], 5_000, 4);
    expect(stats.outcomes.pass).toBeGreaterThan(10);
  });

  it('on a rubric whose numbers do not fit the fast path (exact path only)', () => {
    const rubric = bigNumbersIr();
    const { reference, generated } = both(rubric);
    expect((generated as { fastPath?: boolean }).fastPath).toBe(false);
    differential(rubric, reference, [generated], 5_000, 5);
  });

  it('the harness itself catches a difference: -0 for 0, a reordered explanation', () => {
    const rubric = beijingIr();
    const reference = compileRubric(rubric, { evaluator: 'reference' });
    const seeds = { seeds: [perfectSubject()] };
    const negativeZero = {
      ...reference,
      evaluate: (s: unknown, o?: object) => {
        const r = reference.evaluate(s, o);
        if (r.outcome === 'invalid' || r.deductionTotal !== 0) return r;
        return { ...r, deductionTotal: -0 };
      },
    };
    expect(() => differential(rubric, reference, [negativeZero], 200, 1, seeds)).toThrow();
    const reordered = {
      ...reference,
      evaluate: (s: unknown, o?: { explain?: boolean }) => {
        const r = reference.evaluate(s, o);
        const reads = r.explanation?.indicators.four_piece_check?.reads;
        if (reads) r.explanation!.indicators.four_piece_check!.reads = Object.fromEntries(Object.entries(reads).reverse());
        if (r.explanation) r.explanation.indicators = Object.fromEntries(Object.entries(r.explanation.indicators).reverse());
        return r;
      },
    };
    expect(() => differential(rubric, reference, [reordered], 200, 1, seeds)).toThrow();
    expect(differential(rubric, reference, [reference], 200, 1, seeds).subjects).toBe(200);
  });
});
