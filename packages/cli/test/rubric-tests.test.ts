import { describe, expect, it } from 'vitest';
import { reportRubricTests } from '../src/commands/test.js';
import { RUBRIC, fakeCompiled } from './fake-rubric.js';

function withTests(tests: typeof RUBRIC.tests) {
  return { ...fakeCompiled(), rubric: { ...RUBRIC, tests } };
}

describe('reportRubricTests', () => {
  it('words every difference from the expectation', () => {
    const report = reportRubricTests(
      'r.yaml',
      withTests([
        { name: 'ok', subject: { id: 'x', a: 4, b: 5 }, expect: { outcome: 'fail', total: 9, passMark: 15, indicators: { ia: 4 }, reasons: ['below-pass-mark'] } },
        { name: 'wrong', subject: { id: 'x', a: 4, b: 5 }, expect: { outcome: 'pass', total: 10, passMark: 10, indicators: { ia: 5, nope: 1 }, reasons: ['veto:media_veto'] } },
      ]),
    );
    expect(report.tests[0]).toMatchObject({ name: 'ok', ok: true, failures: [], explanation: [] });
    expect(report.tests[1]?.failures).toEqual([
      'outcome: expected "pass", got "fail"',
      'total: expected 10, got 9',
      'passMark: expected 10, got 15',
      'indicators.ia: expected 5, got 4',
      'indicators.nope: expected 1, got undefined',
      'reasons: expected ["veto:media_veto"], got ["below-pass-mark"]',
    ]);
  });

  it('shows the data errors of an unexpectedly invalid subject', () => {
    const report = reportRubricTests('r.yaml', withTests([{ name: 't', subject: { id: 'x', a: 'no', b: 5 }, expect: { outcome: 'pass' } }]));
    expect(report.tests[0]?.failures).toEqual(['outcome: expected "pass", got "invalid"', 'error /a: a must be a number']);
  });

  it('reports each test and the branches reached', () => {
    const report = reportRubricTests(
      'r.yaml',
      withTests([
        { name: 'passes', subject: { a: 10, b: 10 }, expect: { outcome: 'pass' } },
        { name: 'wrong', subject: { a: 1, b: 1 }, expect: { total: 3 } },
      ]),
    );
    expect(report.tests.map((t) => [t.name, t.ok])).toEqual([
      ['passes', true],
      ['wrong', false],
    ]);
    expect(report.branches).toEqual({ reached: 2, total: 2 });
  });
});
