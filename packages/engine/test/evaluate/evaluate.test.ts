import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import type { Rubric } from '@rubric/model';
import { compileRubric, RESULT_SCHEMA } from '../../src/index.js';
import { beijingIr, bin, call, fact, ifThen, is, n, perfectSubject, ref } from './fixtures.js';

const beijing = compileRubric(beijingIr());
const validateResult = new Ajv({ strict: false }).compile(RESULT_SCHEMA);

function evalBj(over: Record<string, unknown> = {}, asOf = '2022-06-20') {
  const r = beijing.evaluate(perfectSubject(over), { asOf });
  expect(validateResult(r), JSON.stringify(validateResult.errors)).toBe(true);
  return r;
}

describe('Beijing scoring semantics', () => {
  it('gives full marks a pass with every field of the result', () => {
    const r = evalBj();
    expect(r.outcome).toBe('pass');
    expect(r.total).toBe(100);
    expect(r.sections).toEqual({ s1: 44, s2: 26, s3: 30 });
    expect(r.indicators.checkpoint_24h).toBe(10);
    expect(r.passMark).toBe(85);
    expect(r.passMarkSource).toEqual({ parameter: 'pass_mark', period: {} });
    expect(r.rubric).toEqual({ id: 'beijing-epidemic-free-community', version: '2022-06', hash: beijing.hash });
    expect(beijing.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.asOf).toBe('2022-06-20');
    expect(r.id).toBe('BJ-001');
  });

  it('rounds ratio points half-up to 0.5 (0.575 × 10 → 6, 0.525 × 6 → 3, 0.25 × 6 → 1.5)', () => {
    const r = evalBj({ four_piece_check_rate: 0.575, garbage_sorting_rate: 0.525, ledger_update_rate: 0.025 });
    expect(r.indicators.four_piece_check).toBe(6);
    expect(r.indicators.garbage_sorting).toBe(3);
    expect(r.indicators.population_ledger).toBe(0.5);
    expect(evalBj({ garbage_sorting_rate: 0.25 }).indicators.garbage_sorting).toBe(1.5);
  });

  it('scores levels full / partial / none as 1 / 0.5 / 0', () => {
    const r = evalBj({ publicity: 'partial', emergency_system: 'none' });
    expect(r.indicators.publicity).toBe(3);
    expect(r.indicators.emergency_system).toBe(0);
  });

  it('passes at exactly the pass mark and fails half a point below', () => {
    // 100 − 6 (publicity none) − 9 (0.1 ledger → 1; 10 − 1 = 9)? Build exactly 85: drop 15.
    const at85 = evalBj({ ledger_update_rate: 0.5, quarantine_management: 'partial', hotline_bad_count: 0 });
    expect(at85.total).toBe(90);
    const exact = evalBj({ ledger_update_rate: 0.5, quarantine_management: 'partial', hotline_bad_count: 5 });
    expect(exact.total).toBe(85);
    expect(exact.outcome).toBe('pass');
    const below = evalBj({ ledger_update_rate: 0.45, quarantine_management: 'partial', hotline_bad_count: 5 });
    expect(below.total).toBe(84.5);
    expect(below.outcome).toBe('fail');
    expect(below.reasons.map((x) => x.key)).toEqual(['below-pass-mark']);
  });

  it('lowers the pass mark to 80 in low-risk districts and says which rule chose it', () => {
    const r = evalBj({ district_risk: 'low', quarantine_management: 'none', hotline_bad_count: 5, publicity: 'partial', four_piece_check_rate: 0.8 });
    // 100 − 10 − 3 − 2 − 5 = 80
    expect(r.total).toBe(80);
    expect(r.passMark).toBe(80);
    expect(r.outcome).toBe('pass');
    expect(r.passMarkSource).toEqual({ parameter: 'pass_mark', period: {}, override: 0, when: 'district_risk is low' });
  });

  it('caps the hotline deduction at 5 and never takes the total below zero', () => {
    const r = evalBj({ hotline_bad_count: 9 });
    expect(r.deductions).toEqual([{ id: 'hotline', reason: '12345投诉办理不力', amount: 5, uncapped: 9 }]);
    expect(r.deductionTotal).toBe(5);
    expect(r.total).toBe(95);
    const zero = evalBj({
      checkpoint_24h: 'none', service_staff_access: 'none', quarantine_management: 'none', publicity: 'none', property_management: 'none', emergency_system: 'none',
      four_piece_check_rate: 0, ledger_update_rate: 0, garbage_sorting_rate: 0.25,
      checkpoint_facilities_ok: false, checkpoint_disinfection_ok: false, guard_protection_ok: false, public_disinfection_ok: false, party_coordination_ok: false,
      hotline_bad_count: 3,
    });
    expect(zero.total).toBe(0);
    expect(zero.deductionTotal).toBe(3);
  });

  it('fails a high total when the hard requirement is not met', () => {
    const r = evalBj({ checkpoint_24h: 'partial' });
    expect(r.total).toBe(95);
    expect(r.outcome).toBe('fail');
    expect(r.hardRequirementsFailed).toEqual(['checkpoint_24h_full']);
    expect(r.reasons.map((x) => x.key)).toEqual(['hard:checkpoint_24h_full']);
  });

  it('vetoes whatever the total, with every reason listed', () => {
    const one = evalBj({ checkpoint_reported_by_city_or_media: true });
    expect(one.outcome).toBe('vetoed');
    expect(one.total).toBe(100);
    expect(one.vetoes).toEqual(['city_or_media_report']);
    const both = evalBj({ checkpoint_reported_by_city_or_media: true, case_with_management_lapse: true, checkpoint_24h: 'none' });
    expect(both.vetoes).toEqual(['city_or_media_report', 'case_spread_lapse']);
    expect(both.reasons.map((x) => x.key)).toEqual(['veto:city_or_media_report', 'veto:case_spread_lapse', 'hard:checkpoint_24h_full']);
    expect(both.grade).toBeNull();
  });

  it('explains each rule: branch, rule text and facts read', () => {
    const r = beijing.evaluate(perfectSubject({ checkpoint_24h: 'partial', four_piece_check_rate: 0.575 }), { asOf: '2022-06-20', explain: true });
    expect(r.explanation?.indicators.checkpoint_24h).toEqual({ branch: 'case 2', rule: 'checkpoint_24h is partial -> 5', reads: { checkpoint_24h: 'partial' } });
    expect(r.explanation?.indicators.four_piece_check).toEqual({ branch: 'expression', rule: 'round(10 * four_piece_check_rate, 0.5)', reads: { four_piece_check_rate: 0.575 } });
    expect(r.explanation?.hardRequirements.checkpoint_24h_full?.met).toBe(false);
    expect(r.explanation?.vetoes.city_or_media_report).toEqual({ fired: false, rule: 'checkpoint_reported_by_city_or_media', reads: { checkpoint_reported_by_city_or_media: false } });
    expect(r.explanation?.deductions.hotline?.reads).toEqual({ hotline_bad_count: 0 });
    expect(validateResult(r)).toBe(true);
  });
});

describe('bad subject data gives an invalid result with located errors', () => {
  const cases: [string, Record<string, unknown>, string, string, RegExp][] = [
    ['wrong type', { four_piece_check_rate: 'abc' }, '/four_piece_check_rate', 'data/wrong-type', /must be a number/],
    ['unknown level', { checkpoint_24h: 'fulll' }, '/checkpoint_24h', 'data/unknown-level', /did you mean `full`/],
    ['negative count', { hotline_bad_count: -2 }, '/hotline_bad_count', 'data/out-of-range', /below the minimum 0/],
    ['ratio above 1', { four_piece_check_rate: 1.2 }, '/four_piece_check_rate', 'data/out-of-range', /above the maximum 1/],
    ['fractional count', { hotline_bad_count: 1.5 }, '/hotline_bad_count', 'data/wrong-type', /whole number/],
    ['unknown field', { publicty: 'full' }, '/publicty', 'data/unknown-field', /did you mean `publicity`/],
    ['numeric string', { hotline_bad_count: '3' }, '/hotline_bad_count', 'data/wrong-type', /must be a whole number/],
  ];
  for (const [name, over, path, code, message] of cases) {
    it(name, () => {
      const r = evalBj(over);
      expect(r.outcome).toBe('invalid');
      expect(r.total).toBeNull();
      expect(r.errors).toContainEqual(expect.objectContaining({ path, code, message: expect.stringMatching(message) }));
    });
  }

  it('reports a missing field with its path', () => {
    const subject = perfectSubject();
    delete subject.ledger_update_rate;
    const r = beijing.evaluate(subject, { asOf: '2022-06-20' });
    expect(r.errors).toEqual([{ path: '/ledger_update_rate', code: 'data/missing', message: '`ledger_update_rate` (ledger_update_rate) is required but missing' }]);
  });

  it('reports every error of a record at once', () => {
    const r = evalBj({ checkpoint_24h: 'x', four_piece_check_rate: 2, hotline_bad_count: -1 });
    expect(r.errors.map((e) => e.path).sort()).toEqual(['/checkpoint_24h', '/four_piece_check_rate', '/hotline_bad_count']);
  });

  it('reports NaN and Infinity from library callers as data errors (regression: the reference threw)', () => {
    // Bounded facts already fail their bounds; unbounded ones passed ajv and crashed the conversion.
    expect(evalBj({ four_piece_check_rate: Number.NaN }).outcome).toBe('invalid');
    const unbounded = compileRubric(miniRubric({}), { evaluator: 'reference' });
    for (const x of [Number.NaN, Infinity, -Infinity]) {
      const r = unbounded.evaluate({ x });
      expect(r.outcome).toBe('invalid');
      expect(r.errors.map((e) => [e.path, e.code])).toEqual([['/x', 'data/not-finite']]);
    }
  });

  it('compiles a rubric whose version is free text (regression: the schema $id broke ajv)', () => {
    const c = compileRubric({ ...beijingIr(), version: '第一版 1.0 beta' }, { evaluator: 'reference' });
    expect(c.evaluate(perfectSubject(), { asOf: '2022-06-20' }).outcome).toBe('pass');
  });

  it('rejects a non-object subject', () => {
    for (const bad of [null, 3, 'x', [1]]) {
      const r = beijing.evaluate(bad, { asOf: '2022-06-20' });
      expect(r.outcome).toBe('invalid');
      expect(r.errors[0]?.code).toBe('data/not-an-object');
    }
  });

  it('keeps input errors from the reader and does not repeat them', () => {
    const r = beijing.evaluate(perfectSubject({ hotline_bad_count: 'x' }), {
      asOf: '2022-06-20',
      inputErrors: [{ path: '/hotline_bad_count', code: 'data/not-a-number', message: '"x" is not a number' }],
    });
    expect(r.errors).toEqual([{ path: '/hotline_bad_count', code: 'data/not-a-number', message: '"x" is not a number' }]);
  });
});

function miniRubric(over: Partial<Rubric>): Rubric {
  return {
    ...beijingIr(),
    facts: [fact('x', { kind: 'decimal' })],
    parameters: [{ id: 'pass_mark', periods: [{ value: 5, overrides: [] }] }],
    sections: [{ id: 's', title: 's', indicators: [{ id: 'i', title: 'i', max: 10, rule: { kind: 'expression', points: ref('x') } }] }],
    hardRequirements: [],
    vetoes: [],
    deductions: [],
    total: 10,
    ...over,
  };
}

describe('rules, parameters and deductions beyond Beijing', () => {
  it('reports points outside [0, max] as a rubric defect, never clamps', () => {
    const c = compileRubric(miniRubric({}));
    const r = c.evaluate({ x: 10.5 });
    expect(r.outcome).toBe('invalid');
    expect(r.errors[0]?.code).toBe('eval/points-out-of-range');
    expect(c.evaluate({ x: -1 }).errors[0]?.code).toBe('eval/points-out-of-range');
    expect(c.evaluate({ x: 10 }).total).toBe(10);
  });

  it('reports division by zero for the subject only', () => {
    const c = compileRubric(miniRubric({
      facts: [fact('x', { kind: 'decimal' }), fact('y', { kind: 'decimal' })],
      sections: [{ id: 's', title: 's', indicators: [{ id: 'i', title: 'i', max: 10, rule: { kind: 'expression', points: call('min', n(10), bin('/', ref('x'), ref('y'))) } }] }],
    }));
    expect(c.evaluate({ x: 1, y: 0 }).errors[0]?.code).toBe('eval/division-by-zero');
    expect(c.evaluate({ x: 1, y: 3 }).total).toBe(0.33333333333333333333);
  });

  it('scores award and deduct checklists (扣完为止)', () => {
    const c = compileRubric(miniRubric({
      facts: [fact('a', { kind: 'boolean' }), fact('defects', { kind: 'integer', min: 0 })],
      sections: [{
        id: 's', title: 's', indicators: [
          { id: 'award', title: 'a', max: 4, rule: { kind: 'checklist', mode: 'award', items: [{ id: 'a1', title: 'a1', points: 2.5, when: ref('a') }, { id: 'a2', title: 'a2', points: 1.5, when: { kind: 'boolean', value: true } }] } },
          { id: 'docs', title: 'd', max: 6, rule: { kind: 'checklist', mode: 'deduct', items: [{ id: 'bad_doc', title: 'each defective document', points: 5, count: ref('defects') }] } },
        ],
      }],
    }));
    const r = c.evaluate({ a: true, defects: 1 }, { explain: true });
    expect(r.indicators).toEqual({ award: 4, docs: 1 });
    expect(r.explanation?.indicators.docs?.items).toEqual([{ id: 'bad_doc', hits: 1, points: 5 }]);
    expect(c.evaluate({ a: false, defects: 7 }).indicators).toEqual({ award: 1.5, docs: 0 });
  });

  it('picks the parameter period in force on the as-of date', () => {
    const c = compileRubric(miniRubric({
      parameters: [{ id: 'pass_mark', periods: [{ until: '2022-06-30', value: 8, overrides: [] }, { from: '2022-07-01', value: 6, overrides: [] }] }],
    }));
    expect(c.evaluate({ x: 7 }, { asOf: '2022-06-30' }).outcome).toBe('fail');
    const july = c.evaluate({ x: 7 }, { asOf: '2022-07-01' });
    expect(july.outcome).toBe('pass');
    expect(july.passMarkSource).toEqual({ parameter: 'pass_mark', period: { from: '2022-07-01' } });
  });

  it('makes a subject invalid when no pass mark is in force', () => {
    const c = compileRubric(miniRubric({ parameters: [{ id: 'pass_mark', periods: [{ from: '2022-07-01', value: 6, overrides: [] }] }] }));
    const r = c.evaluate({ x: 7 }, { asOf: '2022-06-01' });
    expect(r.errors).toEqual([{ path: '', code: 'eval/no-parameter-value', message: 'no value of `pass_mark` is in force on 2022-06-01' }]);
  });

  it('applies conditional and discretionary deductions with caps, the overall cap and the floor', () => {
    const c = compileRubric(miniRubric({
      facts: [
        fact('x', { kind: 'decimal' }),
        fact('late', { kind: 'boolean' }),
        fact('penalty', { kind: 'decimal' }),
        fact('cases', { kind: 'list', fields: [fact('amount', { kind: 'decimal' })] }, { required: false, default: [] }),
      ],
      deductions: [
        { id: 'late', reason: 'late', kind: 'conditional', when: ref('late'), amount: 2 },
        { id: 'penalty', reason: 'p', kind: 'discretionary', fact: 'penalty', min: 0, max: 3 },
        { id: 'per_case', reason: 'c', kind: 'discretionary', fact: 'cases', field: 'amount', min: 0.5, max: 2, cap: 3 },
      ],
      deductionCap: 6,
      floor: 1,
    }));
    const r = c.evaluate({ x: 10, late: true, penalty: 1.5, cases: [{ amount: 2 }, { amount: 1.5 }] });
    expect(r.deductions.map((d) => [d.id, d.amount, d.uncapped])).toEqual([['late', 2, 2], ['penalty', 1.5, 1.5], ['per_case', 3, 3.5]]);
    expect(r.deductionTotal).toBe(6);
    expect(r.total).toBe(4);
    // The floor stops deductions at 1 but does not raise a lower raw total.
    expect(c.evaluate({ x: 3, late: true, penalty: 3 }).total).toBe(1);
    expect(c.evaluate({ x: 0.5, late: true, penalty: 0 }).total).toBe(0.5);
    // Recorded amounts outside the allowed range are data errors.
    const bad = c.evaluate({ x: 10, late: false, penalty: 3.5, cases: [{ amount: 0.1 }] });
    expect(bad.errors.map((e) => [e.path, e.code])).toEqual([['/penalty', 'data/out-of-range'], ['/cases/0/amount', 'data/out-of-range']]);
  });

  it('evaluates aggregates over list facts and condition hard requirements', () => {
    const c = compileRubric(miniRubric({
      facts: [fact('x', { kind: 'decimal' }), fact('checkpoints', { kind: 'list', fields: [fact('staffed', { kind: 'boolean' }), fact('guards', { kind: 'integer', min: 0 })] })],
      hardRequirements: [{ id: 'all_staffed', title: 'all staffed', kind: 'condition', require: { kind: 'aggregate', fn: 'all', list: 'checkpoints', value: ref('staffed') } }],
      sections: [{ id: 's', title: 's', indicators: [{ id: 'i', title: 'i', max: 10, rule: { kind: 'expression', points: call('min', n(10), { kind: 'aggregate', fn: 'sum', list: 'checkpoints', where: ref('staffed'), value: ref('guards') }) } }] }],
    }));
    const r = c.evaluate({ x: 0, checkpoints: [{ staffed: true, guards: 4 }, { staffed: false, guards: 9 }, { staffed: true, guards: 3 }] });
    expect(r.indicators.i).toBe(7);
    expect(r.hardRequirementsFailed).toEqual(['all_staffed']);
    expect(c.evaluate({ x: 0, checkpoints: [] }).hardRequirementsFailed).toEqual([]);
  });

  it('names the grade band of the total', () => {
    const c = compileRubric(miniRubric({ grades: [{ label: '优秀', min: 9 }, { label: '合格', min: 5 }, { label: '不合格', min: 0 }] }));
    expect(c.evaluate({ x: 9.5 }).grade).toBe('优秀');
    expect(c.evaluate({ x: 5 }).grade).toBe('合格');
    expect(c.evaluate({ x: 4.9 }).grade).toBe('不合格');
  });

  it('compares levels with `in` and dates with <', () => {
    const c = compileRubric(miniRubric({
      facts: [fact('risk', { kind: 'level', levels: [{ value: 'low' }, { value: 'high' }] }), fact('d', { kind: 'date' })],
      sections: [{ id: 's', title: 's', indicators: [{ id: 'i', title: 'i', max: 10, rule: { kind: 'expression', points: ifThen(bin('and', { kind: 'in', value: ref('risk'), options: [{ kind: 'text', value: 'low' }] }, bin('<', ref('d'), { kind: 'date', value: '2022-07-01' })), n(10), n(0)) } }] }],
    }));
    expect(c.evaluate({ risk: 'low', d: '2022-06-30' }).total).toBe(10);
    expect(c.evaluate({ risk: 'low', d: '2022-07-01' }).total).toBe(0);
    expect(c.evaluate({ risk: 'low', d: '2022-02-30' }).errors[0]?.code).toBe('data/bad-date');
  });

  it('uses defaults for omitted optional facts', () => {
    const c = compileRubric(miniRubric({ facts: [fact('x', { kind: 'decimal' }, { required: false, default: 6 })] }));
    expect(c.evaluate({}).total).toBe(6);
  });

  it('never reads a level by anything but its exact value', () => {
    expect(is('a', 'b')).toEqual({ kind: 'binary', op: '==', left: { kind: 'ref', name: 'a' }, right: { kind: 'text', value: 'b' } });
  });
});
