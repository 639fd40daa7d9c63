import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Expr, Rubric } from '@rubric/model';
import { compileRubric, generateEvaluatorSource, type CompiledRubric } from '../../src/index.js';
import { buildEvaluator, type Generated } from '../../src/codegen/generate.js';
import { beijingIr, bin, call, fact, n, perfectSubject, ref } from '../evaluate/fixtures.js';
import { SubjectGenerator } from './subjects.js';
import { NASTY, featuresIr, injectionIr } from './rubrics.js';

/** The generated parts of a rubric's evaluator, its fallback recording what it was asked. */
function parts(rubric: Rubric, fastPath = true): { g: Generated; fallbackCalls: unknown[] } {
  const fallbackCalls: unknown[] = [];
  const reference = compileRubric(rubric, { evaluator: 'reference' });
  const g = buildEvaluator(generateEvaluatorSource(rubric, { fastPath }).source, {
    evaluate: (s, o) => {
      fallbackCalls.push(s);
      return reference.evaluate(s, o);
    },
  });
  return { g, fallbackCalls };
}

describe('which path scores a subject', () => {
  it('the fast path scores ordinary Beijing subjects without giving up', () => {
    const { g } = parts(beijingIr());
    const gen = new SubjectGenerator(beijingIr(), 9, { seeds: [perfectSubject()], brokenShare: 0 });
    let scored = 0;
    let total = 0;
    for (let i = 0; i < 2000; i++) {
      const s = gen.next(i) as Record<string, unknown>;
      if (!g.paths.precheck(s)) continue;
      total++;
      if (g.paths.fast!(s, '2022-06-20', null) !== undefined) scored++;
    }
    expect(total).toBeGreaterThan(1900);
    // The rest carry numbers with more decimals than the fast path keeps (0.1 + 0.2, 1/3…).
    expect(scored / total).toBeGreaterThan(0.85);
  });

  it('gives up (for the exact path) on more decimals than it keeps, and on counts past 2^53', () => {
    const { g } = parts(beijingIr());
    const ok = perfectSubject({ four_piece_check_rate: 0.575 });
    expect(g.paths.fast!(ok, '2022-06-20', null)?.indicators.four_piece_check).toBe(6);
    for (const over of [{ four_piece_check_rate: 0.30000000000000004 }, { four_piece_check_rate: 0.1234567 }, { hotline_bad_count: 2 ** 53 + 2 }]) {
      const s = perfectSubject(over);
      expect(g.paths.precheck(s)).toBe(true);
      expect(g.paths.fast!(s, '2022-06-20', null)).toBeUndefined();
      expect(g.evaluate(s, { asOf: '2022-06-20' })).toEqual(compileRubric(beijingIr(), { evaluator: 'reference' }).evaluate(s, { asOf: '2022-06-20' }));
    }
    const huge = g.evaluate(perfectSubject({ hotline_bad_count: 2 ** 53 + 2 }), { asOf: '2022-06-20' });
    expect(huge.deductions).toEqual([{ id: 'hotline', reason: '12345投诉办理不力', amount: 5, uncapped: 2 ** 53 + 2 }]);
  });

  it('sends a subject its input check rejects to the fallback, and nothing else', () => {
    const { g, fallbackCalls } = parts(beijingIr());
    g.evaluate(perfectSubject(), { asOf: '2022-06-20' });
    expect(fallbackCalls).toEqual([]);
    const bad = [perfectSubject({ checkpoint_24h: 'fulll' }), perfectSubject({ extra: 1 }), perfectSubject({ hotline_bad_count: 1.5 }), perfectSubject({ four_piece_check_rate: Number.NaN }), null, [1], 'x'];
    for (const b of bad) expect(g.evaluate(b, { asOf: '2022-06-20' }).outcome).toBe('invalid');
    expect(fallbackCalls).toEqual(bad);
    g.evaluate(perfectSubject(), { asOf: '2022-06-20', inputErrors: [{ path: '/x', code: 'data/not-a-number', message: 'x' }] });
    expect(fallbackCalls).toHaveLength(bad.length + 1);
  });

  it('scores a subject with only the exact path when asked (as tests do)', () => {
    const { g } = parts(beijingIr(), false);
    expect(g.paths.fast).toBeUndefined();
    expect(g.evaluate(perfectSubject(), { asOf: '2022-06-20' }).total).toBe(100);
  });
});

describe('exact arithmetic on scaled integers (properties)', () => {
  // round_mode(a × x + b, step) and a / d for random literals and data: generated = reference.
  const rubricFor = (a: string, b: string, stepText: string, d: string, fn: 'round' | 'round_down' | 'round_up'): Rubric => ({
    ...beijingIr(),
    facts: [fact('x', { kind: 'decimal', min: -1000, max: 1000 })],
    parameters: [{ id: 'pass_mark', periods: [{ value: 0, overrides: [] }] }],
    sections: [
      {
        id: 's',
        title: 's',
        indicators: [
          { id: 'r', title: 'r', max: 100000, rule: { kind: 'expression', points: call('abs', call(fn, bin('+', bin('*', n(a), ref('x')), n(b)), n(stepText))) } },
          { id: 'q', title: 'q', max: 100000, rule: { kind: 'expression', points: call('abs', bin('/', ref('x'), n(d))) } },
        ],
      },
    ],
    hardRequirements: [],
    vetoes: [],
    deductions: [],
    grades: [],
    floor: null,
  });
  const dec = (maxPlaces: number, lo: number, hi: number) =>
    fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: 0, max: maxPlaces })).map(([m, p]) => String(m / 10 ** p));

  it('rounding in every mode and division agree with the reference', () => {
    fc.assert(
      fc.property(
        dec(3, -2000, 2000),
        dec(3, -2000, 2000),
        dec(3, 1, 1000),
        dec(2, 1, 64),
        fc.constantFrom('round' as const, 'round_down' as const, 'round_up' as const),
        fc.array(dec(7, -1000000, 1000000), { minLength: 1, maxLength: 8 }),
        (a, b, step, d, fn, xs) => {
          const rubric = rubricFor(a, b, step, d, fn);
          const reference = compileRubric(rubric, { evaluator: 'reference' });
          const generated = compileRubric(rubric, { evaluator: 'generated' });
          for (const xText of xs) {
            const x = Number(xText) / 1000;
            const opts = { explain: true };
            expect(JSON.stringify(generated.evaluate({ x }, opts))).toBe(JSON.stringify(reference.evaluate({ x }, opts)));
          }
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });

  it('84.9 + 0.1 reaches 85 and tenths sum exactly', () => {
    const rubric: Rubric = {
      ...beijingIr(),
      facts: Array.from({ length: 10 }, (_, i) => fact(`x${i}`, { kind: 'decimal', min: 0, max: 10 })),
      parameters: [{ id: 'pass_mark', periods: [{ value: 85, overrides: [] }] }],
      sections: [{ id: 's', title: 's', indicators: Array.from({ length: 10 }, (_, i) => ({ id: `i${i}`, title: 'i', max: 10, rule: { kind: 'expression' as const, points: ref(`x${i}`) } })) }],
      hardRequirements: [],
      vetoes: [],
      deductions: [],
    };
    const c = compileRubric(rubric, { evaluator: 'generated' });
    const subject = { x0: 9.9, x1: 9.9, x2: 9.9, x3: 9.9, x4: 9.9, x5: 9.9, x6: 9.9, x7: 9.9, x8: 5.7, x9: 0.1 };
    const r = c.evaluate(subject);
    expect(r.total).toBe(85);
    expect(r.outcome).toBe('pass');
    expect(c.evaluate({ ...subject, x9: 0 }).outcome).toBe('fail');
  });
});

describe('generated code stays inert whatever the rubric says', () => {
  it('no rubric string becomes code: nothing leaks into globals or prototypes', () => {
    const g = globalThis as Record<string, unknown>;
    const attack = (s: string): string => `${s}"; globalThis.pwned = 1; "\`; globalThis.pwned = 2; \`*/ globalThis.pwned = 3; /*\u2028globalThis.pwned = 4;`;
    const rubric = injectionIr();
    rubric.title = attack('title');
    rubric.sections[0]!.title = attack('section');
    rubric.vetoes[0]!.reason = attack('veto');
    rubric.deductions[0]!.reason = attack('deduction');
    rubric.hardRequirements[0]!.title = attack('hard');
    rubric.grades[0]!.label = attack('grade');
    const c = compileRubric(rubric, { evaluator: 'generated' });
    const source = (c as unknown as { source: string }).source;
    for (const s of NASTY) {
      const r = c.evaluate({ lvl: '"', txt: s, constructor: true, toString: 2 }, { explain: true });
      expect(r.errors).toEqual([]);
    }
    const r = c.evaluate({ lvl: '${x}', txt: '</script>', constructor: true, toString: 0 }, { explain: true });
    expect(r.reasons.map((x) => x.message)).toContain(`one-vote veto: ${attack('veto')}`);
    expect(g.pwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Every rubric string is inside a JSON literal: the raw attack text never appears.
    expect(source).not.toContain('globalThis.pwned = 1; "');
    expect(source).not.toMatch(/\u2028|\u2029/);
  });

  it('keeps `__proto__` and `constructor` ids as plain result keys', () => {
    const rubric: Rubric = {
      ...beijingIr(),
      facts: [fact('x', { kind: 'decimal', min: 0, max: 10 })],
      parameters: [{ id: 'pass_mark', periods: [{ value: 5, overrides: [] }] }],
      sections: [
        {
          id: '__proto__',
          title: 's',
          indicators: [
            { id: '__proto__', title: 'i', max: 10, rule: { kind: 'expression', points: ref('x') } },
            { id: 'constructor', title: 'c', max: 0, rule: { kind: 'expression', points: n(0) } },
          ],
        },
      ],
      hardRequirements: [],
      vetoes: [],
      deductions: [],
    };
    const r = compileRubric(rubric, { evaluator: 'generated' }).evaluate({ x: 7 }, { explain: true });
    expect(Object.getPrototypeOf(r.indicators)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(r.indicators, '__proto__')?.value).toBe(7);
    expect(Object.getOwnPropertyDescriptor(r.sections, '__proto__')?.value).toBe(7);
    expect(Object.getOwnPropertyDescriptor(r.explanation!.indicators, '__proto__')?.value).toMatchObject({ branch: 'expression' });
    expect(Object.keys(r.indicators)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(r.indicators)).toBe('{"__proto__":7,"constructor":0}');
  });
});

describe('what the generator does not compile', () => {
  it('a rubric with a type error gets the reference evaluator, which reports it per subject', () => {
    const bad: Expr = bin('+', ref('x'), { kind: 'boolean', value: true });
    const rubric: Rubric = {
      ...beijingIr(),
      sections: [{ id: 's', title: 's', indicators: [{ id: 'i', title: 'i', max: 10, rule: { kind: 'expression', points: bad } }] }],
      facts: [fact('x', { kind: 'decimal' })],
      parameters: [{ id: 'pass_mark', periods: [{ value: 5, overrides: [] }] }],
      hardRequirements: [],
      vetoes: [],
      deductions: [],
    };
    expect(() => generateEvaluatorSource(rubric)).toThrow(/`x \+ true` is|true\/false/);
    const c: CompiledRubric = compileRubric(rubric, { evaluator: 'generated' });
    expect((c as { source?: string }).source).toBeUndefined();
    expect(c.evaluate({ x: 1 }).errors[0]?.code).toBe('internal/type');
  });

  it('a rubric with a duplicated id, or a pass mark that is not a parameter', () => {
    const dup = beijingIr();
    dup.vetoes.push({ ...dup.vetoes[0]! });
    expect(() => generateEvaluatorSource(dup)).toThrow(/veto `city_or_media_report` is declared twice/);
    expect(() => generateEvaluatorSource({ ...beijingIr(), passMark: 'nope' })).toThrow(/pass mark `nope`/);
  });

  it('shows the generated source when it does not compile', () => {
    expect(() => buildEvaluator('const a = ;\nreturn a;', { evaluate: () => { throw new Error('unused'); } })).toThrow(/does not compile[\s\S]*1  const a = ;\n\s+2  return a;/);
  });

  it('the generated evaluator is the default; the reference stays reachable', () => {
    const generated = compileRubric(featuresIr());
    const reference = compileRubric(featuresIr(), { evaluator: 'reference' });
    expect((generated as { source?: string }).source).toBeTypeOf('string');
    expect((reference as { source?: string }).source).toBeUndefined();
    expect(generated.hash).toBe(reference.hash);
    expect(generated.inputSchema).toEqual(reference.inputSchema);
    expect(generated.invalid('x', [{ path: '', code: 'data/bad-json', message: 'm' }], { asOf: '2022-01-02' })).toEqual(reference.invalid('x', [{ path: '', code: 'data/bad-json', message: 'm' }], { asOf: '2022-01-02' }));
  });
});
