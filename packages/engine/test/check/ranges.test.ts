import { describe, expect, it } from 'vitest';
import { checkRubric } from '../../src/check/check-rubric.js';
import { bool, cases, checklist, expectIssue, expectNo, fact, integer, issuesWith, level, ratio, scored, withIndicator, x } from './helpers.js';

const lvl = level('checkpoint_24h', ['full', 'partial', 'none']);

describe('rubric/points-out-of-range', () => {
  it('a constant case above max', () => {
    const r = withIndicator(cases('c', 10, [['checkpoint_24h is full', '12'], ['checkpoint_24h is partial', '5']]), [lvl]);
    const i = expectIssue(r, { code: 'rubric/points-out-of-range', path: '/sections/0/indicators/0/rule/cases/0/points' });
    expect(i.severity).toBe('error');
    expect(i.message).toBe('case 1 of indicator `c` gives 12 points, above the maximum of 10 points');
    expect(i.hint).toBe("give at most 10 points, or raise the indicator's points");
  });

  it('a constant otherwise below 0, and a score expression', () => {
    const r = withIndicator(cases('c', 10, [['checkpoint_24h is full', '10']], '-1'), [lvl]);
    expect(expectIssue(r, { code: 'rubric/points-out-of-range', path: '/sections/0/indicators/0/rule/otherwise' }).message).toBe(
      'the `otherwise` of indicator `c` gives -1 points, below 0',
    );
    expectIssue(withIndicator(scored('a', 10, '11')), { code: 'rubric/points-out-of-range', path: '/sections/0/indicators/0/rule/points' });
  });

  it('`12 * ratio` with max 10 is attainable (rate = 1)', () => {
    const i = expectIssue(withIndicator(scored('a', 10, '12 * rate')), { code: 'rubric/points-out-of-range', path: '/sections/0/indicators/0/rule/points' });
    expect(i.message).toBe('indicator `a` can score 12 points, above the maximum of 10 points');
    expect(i.hint).toBe('keep it within 0..10, e.g. `min(…, 10)`');
  });

  it('rounding up past the maximum: round(10.2 * rate, 1) reaches 10, round(10.6 * rate, 1) reaches 11', () => {
    expectNo(withIndicator(scored('a', 10, 'round(10.2 * rate, 1)')));
    expectIssue(withIndicator(scored('a', 10, 'round(10.6 * rate, 1)')), { code: 'rubric/points-out-of-range' });
  });

  it('an unbounded count fact used as points', () => {
    const i = expectIssue(withIndicator(scored('a', 10, 'n'), [integer('n', 0)]), { code: 'rubric/points-out-of-range' });
    expect(i.message).toBe('indicator `a` can score without limit, above the maximum of 10 points');
  });

  it('a linear expression that goes below 0', () => {
    const i = expectIssue(withIndicator(scored('a', 10, '10 - 2 * n'), [integer('n', 0, 10)]), { code: 'rubric/points-out-of-range' });
    expect(i.message).toBe('indicator `a` can score -10 points, below 0');
    expect(i.hint).toBe('keep it at 0 or more, e.g. `max(…, 0)`');
  });

  it('two independent facts reach their extremes together', () => {
    expectIssue(withIndicator(scored('a', 10, '6 * rate + 6 * other'), [ratio('other')]), { code: 'rubric/points-out-of-range' });
  });

  it('an award checklist whose items add up to more than max', () => {
    const ind = checklist('c', 5, 'award', [
      ['plan', 3, 'when: has_plan'],
      ['drill', 3, 'when: has_drill'],
    ]);
    const i = expectIssue(withIndicator(ind, [bool('has_plan'), bool('has_drill')]), { code: 'rubric/points-out-of-range', path: '/sections/0/indicators/0/rule/items' });
    expect(i.message).toBe('the checklist of indicator `c` can award 6 points, above the maximum of 5 points');
    expect(i.hint).toBe("lower the items' points so that they add up to at most 5, or raise the indicator's points");
  });

  it('an award checklist with an unbounded count', () => {
    const ind = checklist('c', 5, 'award', [['visits', 1, 'count: visits']]);
    const i = expectIssue(withIndicator(ind, [integer('visits', 0)]), { code: 'rubric/points-out-of-range', path: '/sections/0/indicators/0/rule/items/0/count' });
    expect(i.hint).toBe('limit the count, e.g. `min(…, 3)`, or give the counted fact a `max`');
    expectNo(withIndicator(checklist('c', 5, 'award', [['visits', 1, 'count: min(visits, 5)']]), [integer('visits', 0)]));
  });
});

describe('case narrowing', () => {
  it('a case only sees the inputs that reach it', () => {
    const ind = cases('c', 10, [['rate < 0.5', '20 * rate'], ['rate >= 0.5', '10']]);
    expectNo(withIndicator(ind));
  });

  it('earlier cases being false narrow later ones', () => {
    const ind = cases('c', 10, [['n > 5', '10'], ['n >= 0', '2 * n']], '0');
    expectNo(withIndicator(ind, [integer('n', 0, 100)]));
  });

  it('levels narrow, so the otherwise after all levels is never reached', () => {
    const ind = cases('c', 10, [['checkpoint_24h is full', '10'], ['checkpoint_24h in [partial, none]', '5']], '99');
    const r = withIndicator(ind, [lvl]);
    expectNo(r, 'rubric/points-out-of-range');
    expectNo(r, 'rubric/points-may-exceed');
    expectNo(r, 'rubric/case-never-matches');
  });
});

describe('rubric/points-may-exceed (warning)', () => {
  it('when the estimate exceeds but reaching it is not proven', () => {
    const i = expectIssue(withIndicator(scored('a', 1.5, 'rate + rate')), { code: 'rubric/points-may-exceed', path: '/sections/0/indicators/0/rule/points' });
    expect(i.severity).toBe('warning');
    expect(i.message).toBe('indicator `a` may score up to 2 points, above the maximum of 1.5 points');
  });

  it('award items on one level fact cannot all hold at once', () => {
    const ind = checklist('c', 6, 'award', [
      ['f', 5, 'when: checkpoint_24h is full'],
      ['p', 3, 'when: checkpoint_24h is partial'],
    ]);
    const issues = checkRubric(withIndicator(ind, [lvl]));
    expect(issues.map((i) => [i.severity, i.code, i.path])).toEqual([['warning', 'rubric/points-may-exceed', '/sections/0/indicators/0/rule/items']]);
  });
});

describe('checklist deduct mode', () => {
  it('is floored at zero: no error for going below 0', () => {
    expectNo(withIndicator(checklist('c', 10, 'deduct', [['doc', 5, 'count: defective_docs']]), [integer('defective_docs', 0)]));
  });

  it('an item worth more than the indicator is a warning (rubric/item-exceeds-max)', () => {
    const r = withIndicator(checklist('c', 10, 'deduct', [['doc', 15, 'when: bad']]), [bool('bad')]);
    const i = expectIssue(r, { code: 'rubric/item-exceeds-max', path: '/sections/0/indicators/0/rule/items/0/points' });
    expect(i.severity).toBe('warning');
  });
});

describe('rubric/case-never-matches (warning)', () => {
  it('a case shadowed by an earlier one', () => {
    const ind = cases('c', 10, [['rate > 0.5', '10'], ['rate > 0.8', '8']]);
    const i = expectIssue(withIndicator(ind), { code: 'rubric/case-never-matches', path: '/sections/0/indicators/0/rule/cases/1/when' });
    expect(i.severity).toBe('warning');
  });

  it('a case after one that always matches', () => {
    const ind = cases('c', 10, [['rate >= 0', '10'], ['rate > 0.8', '8']]);
    expect(expectIssue(withIndicator(ind), { code: 'rubric/case-never-matches' }).message).toBe('case 2 of indicator `c` can never match: case 1 before it always does');
  });

  it('an impossible conjunction', () => {
    const ind = cases('c', 10, [['rate > 0.5 and rate < 0.3', '10']]);
    expectIssue(withIndicator(ind), { code: 'rubric/case-never-matches', path: '/sections/0/indicators/0/rule/cases/0/when' });
  });
});

describe('rubric/count-may-be-negative (warning)', () => {
  it('a per-unit deduction over an integer fact without min', () => {
    const r = withIndicator(scored('a', 10, '10 * rate'), [integer('complaints')], {
      deductions: [{ id: 'hotline', reason: 'r', kind: 'per-unit', count: x('complaints'), amount: 1, cap: 5 }],
    });
    const i = expectIssue(r, { code: 'rubric/count-may-be-negative', path: '/deductions/0/count' });
    expect(i.severity).toBe('warning');
    expect(i.hint).toBe('declare `min: 0` on `complaints`');
  });

  it('not when the fact has min 0', () => {
    const r = withIndicator(scored('a', 10, '10 * rate'), [integer('complaints', 0)], {
      deductions: [{ id: 'hotline', reason: 'r', kind: 'per-unit', count: x('complaints'), amount: 1, cap: 5 }],
    });
    expectNo(r);
  });

  it('aggregates: count is never negative; sum of non-negative fields is not', () => {
    const list = fact('items', { kind: 'list', fields: [fact('n', { kind: 'integer', min: 0 }), bool('bad')] });
    const r = withIndicator(
      checklist('c', 10, 'deduct', [
        ['a', 1, 'count: count(items where bad)'],
        ['b', 1, 'count: sum(items, n)'],
      ]),
      [list],
    );
    expectNo(r);
  });
});

describe('no range findings for rules with errors', () => {
  it('skips an indicator whose rule has a type error', () => {
    const r = withIndicator(scored('a', 10, '12 * flag'), [bool('flag')]);
    expect(issuesWith(r, 'rubric/points-out-of-range')).toEqual([]);
  });
});
