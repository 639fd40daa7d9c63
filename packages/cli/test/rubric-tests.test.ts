import { describe, expect, it } from 'vitest';
import { compareExpectation, runRubricTests } from '../src/commands/test.js';
import { RUBRIC, fakeCompiled, resultOf } from './fake-rubric.js';

describe('compareExpectation', () => {
  it('lists every difference from the expectation', () => {
    const result = resultOf({ id: 'x', a: 4, b: 5 });
    expect(compareExpectation({ name: 't', subject: {}, expect: { outcome: 'fail', total: 9, passMark: 15, indicators: { ia: 4 }, reasons: ['below-pass-mark'] } }, result)).toEqual([]);
    expect(
      compareExpectation({ name: 't', subject: {}, expect: { outcome: 'pass', total: 10, passMark: 10, indicators: { ia: 5, nope: 1 }, reasons: ['veto:media_veto'] } }, result),
    ).toEqual([
      'outcome: expected pass, got fail',
      'total: expected 10, got 9',
      'pass mark: expected 10, got 15',
      'indicator ia: expected 5, got 4',
      'indicator nope: expected 1, got undefined',
      'reason veto:media_veto: expected, not given (got ["below-pass-mark"])',
    ]);
  });

  it('shows the data errors of an unexpectedly invalid subject', () => {
    const result = resultOf({ id: 'x', a: 'no', b: 5 });
    expect(compareExpectation({ name: 't', subject: {}, expect: { outcome: 'pass' } }, result)).toEqual(['outcome: expected pass, got invalid', 'error /a: a must be a number']);
  });
});

describe('runRubricTests', () => {
  it('reports each test and the branches reached', () => {
    const rubric = {
      ...RUBRIC,
      tests: [
        { name: 'passes', subject: { a: 10, b: 10 }, expect: { outcome: 'pass' as const } },
        { name: 'wrong', subject: { a: 1, b: 1 }, expect: { total: 3 } },
      ],
    };
    const compiled = fakeCompiled();
    const report = runRubricTests('r.yaml', rubric, (tc) => compiled.evaluate(tc.subject, { explain: true }));
    expect(report.tests.map((t) => [t.name, t.ok])).toEqual([
      ['passes', true],
      ['wrong', false],
    ]);
    expect(report.coverage).toEqual({ reached: 2, total: 2 });
  });
});
