import { describe, expect, it } from 'vitest';
import { expectIssue, expectNo, rubric, scored, section } from './helpers.js';

describe('totals', () => {
  it('rubric/total-mismatch at /total, in exact decimals', () => {
    const r = rubric({
      total: 100,
      sections: [section('s1', [scored('a', 33.3, '33.3 * rate'), scored('b', 33.3, '33.3 * rate')]), section('s2', [scored('c', 33.3, '33.3 * rate')])],
      parameters: [{ id: 'pass_mark', periods: [{ value: 60, overrides: [] }] }],
    });
    const i = expectIssue(r, { code: 'rubric/total-mismatch', path: '/total' });
    expect(i.message).toBe('the indicators add up to 99.9 points, but the declared total is 100');
    expect(i.hint).toBe('by section: `s1` 66.6, `s2` 33.3');
  });

  it('0.1 + 0.2 is 0.3', () => {
    const r = rubric({
      total: 0.3,
      sections: [section('s', [scored('a', 0.1, '0.1 * rate'), scored('b', 0.2, '0.2 * rate')], 0.3)],
      parameters: [{ id: 'pass_mark', periods: [{ value: 0.2, overrides: [] }] }],
    });
    expectNo(r);
  });

  it('rubric/section-total-mismatch at /sections/i/max', () => {
    const r = rubric({ sections: [section('s1', [scored('a', 10, '10 * rate')], 12)] });
    const i = expectIssue(r, { code: 'rubric/section-total-mismatch', path: '/sections/0/max' });
    expect(i.message).toBe('section `s1` declares 12 points, but its indicators add up to 10');
  });
});
