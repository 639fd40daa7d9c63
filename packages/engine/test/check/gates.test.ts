import { describe, expect, it } from 'vitest';
import { bool, cases, expectIssue, expectNo, fact, issuesWith, level, rubric, scored, section, withIndicator, x } from './helpers.js';

describe('vetoes', () => {
  it('rubric/veto-never-fires: interval-impossible `ratio > 1`', () => {
    const i = expectIssue(rubric({ vetoes: [{ id: 'v', reason: 'r', when: x('rate > 1') }] }), { code: 'rubric/veto-never-fires', path: '/vetoes/0/when' });
    expect(i.severity).toBe('warning');
    expect(i.message).toBe('veto `v` can never fire: its condition is never true');
  });

  it('rubric/veto-never-fires: constant false', () => {
    expectIssue(rubric({ vetoes: [{ id: 'v', reason: 'r', when: x('1 > 2') }] }), { code: 'rubric/veto-never-fires' });
  });

  it('rubric/veto-always-fires: `rate >= 0`, and `flag or not flag`', () => {
    const r = rubric({
      facts: [{ id: 'rate', label: 'r', type: { kind: 'ratio' }, required: true }, bool('flag')],
      vetoes: [
        { id: 'v1', reason: 'r', when: x('rate >= 0') },
        { id: 'v2', reason: 'r', when: x('flag or not flag') },
      ],
    });
    const got = issuesWith(r, 'rubric/veto-always-fires').map((i) => [i.severity, i.path]);
    expect(got).toEqual([
      ['error', '/vetoes/0/when'],
      ['error', '/vetoes/1/when'],
    ]);
  });

  it('ordinary vetoes (booleans, levels, comparisons, aggregates) are fine', () => {
    const list = fact('checkpoints', { kind: 'list', fields: [bool('staffed_24h')] }, { default: [] });
    const r = rubric({
      facts: [{ id: 'rate', label: 'r', type: { kind: 'ratio' }, required: true }, bool('flag'), level('risk', ['low', 'high']), list],
      vetoes: [
        { id: 'v1', reason: 'r', when: x('flag') },
        { id: 'v2', reason: 'r', when: x('risk is high and rate < 0.5') },
        { id: 'v3', reason: 'r', when: x('any(checkpoints, not staffed_24h)') },
        { id: 'v4', reason: 'r', when: x('count(checkpoints where not staffed_24h) > 2') },
      ],
    });
    expectNo(r);
  });
});

describe('hard requirements', () => {
  it('rubric/requirement-always-met (warning) for a condition that always holds', () => {
    const r = rubric({ hardRequirements: [{ id: 'h', title: 'h', kind: 'condition', require: x('rate <= 1') }] });
    const i = expectIssue(r, { code: 'rubric/requirement-always-met', path: '/hardRequirements/0/require' });
    expect(i.severity).toBe('warning');
  });

  it('rubric/requirement-never-met (error) for a condition that never holds', () => {
    const r = rubric({ hardRequirements: [{ id: 'h', title: 'h', kind: 'condition', require: x('rate > 0.5 and rate < 0.5') }] });
    expect(expectIssue(r, { code: 'rubric/requirement-never-met', path: '/hardRequirements/0/require' }).severity).toBe('error');
  });

  it('indicator-full on an indicator whose max is 0 is always met (warning)', () => {
    const r = rubric({
      sections: [section('s', [scored('a', 10, 'round(10 * rate, 0.5)'), scored('zero', 0, '0')])],
      hardRequirements: [{ id: 'h', title: 'h', kind: 'indicator-full', indicator: 'zero' }],
    });
    const i = expectIssue(r, { code: 'rubric/requirement-always-met', path: '/hardRequirements/0/indicator' });
    expect(i.severity).toBe('warning');
  });

  it('indicator-full on an indicator that cannot reach its max is never met (error)', () => {
    const r = withIndicator(scored('a', 10, 'round(8 * rate, 1)'), [], { hardRequirements: [{ id: 'h', title: 'h', kind: 'indicator-full', indicator: 'a' }] });
    const i = expectIssue(r, { code: 'rubric/requirement-never-met', path: '/hardRequirements/0/indicator' });
    expect(i.message).toBe('hard requirement `h` asks for full marks on indicator `a`, but it can score at most 8 of its 10 points');
  });

  it('indicator-full on a case table that can give full marks is fine', () => {
    const ind = cases('c', 10, [['lvl is full', '10'], ['lvl is partial', '5']]);
    expectNo(withIndicator(ind, [level('lvl', ['full', 'partial', 'none'])], { hardRequirements: [{ id: 'h', title: 'h', kind: 'indicator-full', indicator: 'c' }] }));
  });
});
