import { describe, expect, it } from 'vitest';
import type { ParameterPeriod } from '@rubric/model';
import { expectIssue, expectNo, issuesWith, rubric, x } from './helpers.js';

const p = (from: string | undefined, until: string | undefined, value: number): ParameterPeriod => {
  const per: ParameterPeriod = { value, overrides: [] };
  if (from) per.from = from;
  if (until) per.until = until;
  return per;
};

describe('rubric/overlapping-periods', () => {
  it('two periods sharing a day (both ends inclusive)', () => {
    const r = rubric({ parameters: [{ id: 'pass_mark', periods: [p('2022-05-01', '2022-06-05', 6), p('2022-06-05', undefined, 7)] }] });
    const i = expectIssue(r, { code: 'rubric/overlapping-periods', path: '/parameters/0/periods/1/from' });
    expect(i.message).toBe('periods 1 and 2 of parameter `pass_mark` overlap: both are in force on 2022-06-05');
  });

  it('an open start overlaps everything before', () => {
    const r = rubric({ parameters: [{ id: 'pass_mark', periods: [p('2022-06-01', undefined, 6), p(undefined, '2022-06-10', 7)] }] });
    const i = expectIssue(r, { code: 'rubric/overlapping-periods', path: '/parameters/0/periods/1' });
    expect(i.message).toBe('periods 1 and 2 of parameter `pass_mark` overlap: both are in force from 2022-06-01 to 2022-06-10');
  });

  it('adjacent periods are fine', () => {
    expectNo(rubric({ parameters: [{ id: 'pass_mark', periods: [p(undefined, '2022-06-05', 6), p('2022-06-06', undefined, 7)] }] }));
  });
});

describe('rubric/bad-period and rubric/bad-date', () => {
  it('a parameter period that ends before it starts', () => {
    const r = rubric({ parameters: [{ id: 'pass_mark', periods: [p('2022-06-10', '2022-06-01', 6), p('2022-06-11', undefined, 6)] }] });
    expectIssue(r, { code: 'rubric/bad-period', path: '/parameters/0/periods/0/until' });
  });

  it('the rubric\'s effective period', () => {
    const i = expectIssue(rubric({ effective: { from: '2022-07-01', until: '2022-06-30' } }), { code: 'rubric/bad-period', path: '/effective/until' });
    expect(i.message).toBe('the rubric ends (2022-06-30) before it takes effect (2022-07-01)');
  });

  it('dates that are not calendar days', () => {
    const r = rubric({ effective: { from: '2022-02-29' }, parameters: [{ id: 'pass_mark', periods: [p('2022-13-01', undefined, 6)] }] });
    expect(issuesWith(r, 'rubric/bad-date').map((i) => i.path)).toEqual(['/effective/from', '/parameters/0/periods/0/from']);
  });
});

describe('rubric/period-gap (warning)', () => {
  it('a day of the effective period without a pass mark', () => {
    const r = rubric({
      effective: { from: '2022-06-01', until: '2022-07-31' },
      parameters: [{ id: 'pass_mark', periods: [p(undefined, '2022-06-30', 6), p('2022-07-05', undefined, 7)] }],
    });
    const i = expectIssue(r, { code: 'rubric/period-gap', path: '/parameters/0/periods' });
    expect(i.severity).toBe('warning');
    expect(i.message).toBe('parameter `pass_mark` has no value from 2022-07-01 to 2022-07-04, while the rubric is in force');
  });

  it('a pass mark that starts after the rubric does', () => {
    const r = rubric({ parameters: [{ id: 'pass_mark', periods: [p('2022-06-10', undefined, 6)] }] });
    expect(expectIssue(r, { code: 'rubric/period-gap' }).message).toBe('parameter `pass_mark` has no value from 2022-06-01 to 2022-06-09, while the rubric is in force');
  });

  it('a pass mark that ends while an open-ended rubric goes on', () => {
    const r = rubric({ parameters: [{ id: 'pass_mark', periods: [p(undefined, '2022-12-31', 6)] }] });
    expect(expectIssue(r, { code: 'rubric/period-gap' }).message).toBe('parameter `pass_mark` has no value from 2023-01-01 on, while the rubric is in force');
  });

  it('parameters nothing reads are not checked', () => {
    const r = rubric({
      parameters: [
        { id: 'pass_mark', periods: [p(undefined, undefined, 6)] },
        { id: 'unused', periods: [p('2023-01-01', undefined, 1)] },
      ],
    });
    expectNo(r);
  });
});

describe('rubric/cyclic-parameter', () => {
  it('an override that reads the parameter it decides', () => {
    const r = rubric({ parameters: [{ id: 'pass_mark', periods: [{ value: 6, overrides: [{ when: x('pass_mark > 5'), value: 5 }] }] }] });
    const i = expectIssue(r, { code: 'rubric/cyclic-parameter', path: '/parameters/0/periods/0/overrides/0/when/left/name' });
    expect(i.message).toBe('an override of parameter `pass_mark` depends on `pass_mark` itself');
  });

  it('through another parameter, reported once', () => {
    const r = rubric({
      parameters: [
        { id: 'pass_mark', periods: [{ value: 6, overrides: [{ when: x('limit > 5'), value: 5 }] }] },
        { id: 'limit', periods: [{ value: 6, overrides: [{ when: x('pass_mark > 5'), value: 5 }] }] },
      ],
    });
    const got = issuesWith(r, 'rubric/cyclic-parameter');
    expect(got.map((i) => [i.path, i.message])).toEqual([
      ['/parameters/0/periods/0/overrides/0/when/left/name', 'parameter `pass_mark` depends on itself through its overrides (`pass_mark` → `limit` → `pass_mark`)'],
    ]);
  });
});
