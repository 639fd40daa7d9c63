import { describe, expect, it } from 'vitest';
import type { Parameter } from '@rubric/model';
import { bool, checklist, expectIssue, expectNo, integer, level, rubric, scored, section, withIndicator, x } from './helpers.js';

const passMark = (value: number, overrides: [string, number][] = [], extra: Partial<Parameter['periods'][number]> = {}): Parameter[] => [
  { id: 'pass_mark', periods: [{ value, overrides: overrides.map(([w, v]) => ({ when: x(w), value: v })), ...extra }] },
];

describe('rubric/unreachable-pass-mark', () => {
  it('a pass mark above the total', () => {
    const i = expectIssue(rubric({ parameters: passMark(12) }), { code: 'rubric/unreachable-pass-mark', path: '/parameters/0/periods/0/value' });
    expect(i.severity).toBe('error');
    expect(i.message).toBe('the pass mark 12 can never be reached: the highest total a subject can reach is 10');
  });

  it('an override value above the total', () => {
    const r = rubric({ facts: [{ id: 'rate', label: 'r', type: { kind: 'ratio' }, required: true }, level('risk', ['low', 'high'])], parameters: passMark(6, [['risk is high', 11]]) });
    const i = expectIssue(r, { code: 'rubric/unreachable-pass-mark', path: '/parameters/0/periods/0/overrides/0/value' });
    expect(i.message).toBe('the pass mark 11 (override 1) can never be reached: the highest total a subject can reach is 10');
    expect(i.hint).toBe('lower the pass mark, or check the points');
  });

  it('less than Σ max when provable', () => {
    const r = withIndicator(scored('a', 10, 'round(8 * rate, 1)'), [], { parameters: passMark(9) });
    const i = expectIssue(r, { code: 'rubric/unreachable-pass-mark' });
    expect(i.message).toBe("the pass mark 9 can never be reached: the highest total a subject can reach is 8 (the indicators' maxima add up to 10)");
  });

  it('unavoidable deductions lower the highest total', () => {
    const r = rubric({
      parameters: passMark(9.5),
      deductions: [{ id: 'd', reason: 'd', kind: 'conditional', when: x('rate >= 0'), amount: 1 }],
    });
    expectIssue(r, { code: 'rubric/unreachable-pass-mark' });
  });

  it('periods outside the rubric\'s effective period do not count', () => {
    const r = rubric({
      parameters: [
        {
          id: 'pass_mark',
          periods: [
            { until: '2022-05-31', value: 50, overrides: [] },
            { from: '2022-06-01', value: 6, overrides: [] },
          ],
        },
      ],
    });
    expectNo(r);
  });
});

describe('rubric/pass-mark-always-met (warning)', () => {
  it('a pass mark of 0 with floor 0', () => {
    const i = expectIssue(rubric({ parameters: passMark(0) }), { code: 'rubric/pass-mark-always-met', path: '/parameters/0/periods/0/value' });
    expect(i.severity).toBe('warning');
    expect(i.message).toBe('the pass mark 0 is met by every total: the lowest total a subject can get is 0');
  });

  it('not when the total can go negative', () => {
    const r = rubric({
      facts: [{ id: 'rate', label: 'r', type: { kind: 'ratio' }, required: true }, integer('n', 0)],
      parameters: passMark(0),
      floor: null,
      deductions: [{ id: 'd', reason: 'd', kind: 'per-unit', count: x('n'), amount: 1 }],
    });
    expectNo(r);
  });

  it('a lowest total above 0 from indicators that always score', () => {
    const r = rubric({ facts: [bool('flag')], sections: [section('s', [checklist('c', 10, 'award', [['a', 4, 'when: true'], ['b', 6, 'when: flag']])])], parameters: passMark(4) });
    expectIssue(r, { code: 'rubric/pass-mark-always-met' });
  });
});

describe('rubric/unreachable-grade (warning)', () => {
  it('a grade above the highest total', () => {
    const r = rubric({ grades: [{ label: 'A+', min: 11 }, { label: 'A', min: 9 }] });
    expect(expectIssue(r, { code: 'rubric/unreachable-grade', path: '/grades/0/min' }).severity).toBe('warning');
  });
});
