import { describe, expect, it } from 'vitest';
import { expectIssue, expectNo, issuesWith, rubric, scored, section, x } from './helpers.js';

describe('rubric/unknown-parameter', () => {
  it('a pass mark naming no parameter', () => {
    const i = expectIssue(rubric({ passMark: 'pas_mark' }), { code: 'rubric/unknown-parameter', path: '/passMark' });
    expect(i.hint).toBe('did you mean `pass_mark`?');
  });

  it('a pass mark naming a fact', () => {
    expect(expectIssue(rubric({ passMark: 'rate' }), { code: 'rubric/unknown-parameter' }).message).toBe('the pass mark `rate` is a fact, not a parameter');
  });
});

describe('rubric/unknown-indicator', () => {
  it('a hard requirement on a missing indicator', () => {
    const r = rubric({ hardRequirements: [{ id: 'h', title: 'h', kind: 'indicator-full', indicator: 'b' }] });
    expectIssue(r, { code: 'rubric/unknown-indicator', path: '/hardRequirements/0/indicator' });
  });

  it('replaces.mapping[].to must name indicators of this rubric', () => {
    const r = rubric({ replaces: { version: '0', mapping: [{ from: ['old'], to: ['a', 'aa'] }] } });
    const i = expectIssue(r, { code: 'rubric/unknown-indicator', path: '/replaces/mapping/0/to/1' });
    expect(i.hint).toBe('did you mean `a`?');
  });

  it('test expectations must name indicators of this rubric', () => {
    const r = rubric({ tests: [{ name: 't', subject: {}, expect: { indicators: { a: 10, 'b/c': 1 } } }] });
    expect(issuesWith(r, 'rubric/unknown-indicator').map((i) => i.path)).toEqual(['/tests/0/expect/indicators/b~1c']);
  });
});

describe('rubric/unknown-reason', () => {
  it('reasons must be veto:<veto>, hard:<requirement> or below-pass-mark', () => {
    const r = rubric({
      vetoes: [{ id: 'media', reason: 'r', when: x('rate < 0.1') }],
      tests: [{ name: 't', subject: {}, expect: { reasons: ['veto:media', 'veto:medai', 'hard:x', 'below_pass_mark'] } }],
    });
    const got = issuesWith(r, 'rubric/unknown-reason').map((i) => [i.path, i.message, i.hint]);
    expect(got).toEqual([
      ['/tests/0/expect/reasons/1', 'test `t` expects reason `veto:medai`, but there is no veto `medai`', 'did you mean `veto:media`?'],
      ['/tests/0/expect/reasons/2', 'test `t` expects reason `hard:x`, but there is no hard requirement `x`', 'reasons are `veto:<veto id>`, `hard:<hard requirement id>` and `below-pass-mark`'],
      ['/tests/0/expect/reasons/3', 'test `t` expects reason `below_pass_mark`, which is not a reason a result can give', 'did you mean `below-pass-mark`?'],
    ]);
  });

  it('a test date that is not a calendar day', () => {
    expectIssue(rubric({ tests: [{ name: 't', asOf: '2022-06-31', subject: {}, expect: {} }] }), { code: 'rubric/bad-date', path: '/tests/0/asOf' });
  });
});

describe('replaces', () => {
  it('an old indicator in two mappings is a warning (rubric/duplicate-mapping)', () => {
    const r = rubric({
      sections: [section('s', [scored('a', 5, '5 * rate'), scored('b', 5, '5 * rate')])],
      replaces: { version: '0', mapping: [{ from: ['old'], to: ['a'] }, { from: ['old'], to: ['b'] }] },
    });
    const i = expectIssue(r, { code: 'rubric/duplicate-mapping', path: '/replaces/mapping/1/from/0' });
    expect(i.severity).toBe('warning');
  });

  it('an indicator in two mappings\' `to` is fine (a merge from several sources)', () => {
    const r = rubric({ replaces: { version: '0', mapping: [{ from: ['old1'], to: ['a'] }, { from: ['old2'], to: ['a'] }, { from: [], to: ['a'] }] } });
    expectNo(r);
  });
});
