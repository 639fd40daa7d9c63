/**
 * Runs the test cases kept in a rubric: each case's subject is evaluated on its
 * as-of date and the listed expectations are compared with the result.
 */
import type { CompiledRubric } from '@rubric/engine';
import type { EvaluationResult, TestCase } from '@rubric/model';

/** One expectation that did not hold. */
export interface TestMismatch {
  /** What was compared: `outcome`, `total`, `passMark`, `indicators.<id>`, `reasons`. */
  field: string;
  expected: unknown;
  actual: unknown;
}

/** The result of one test case. */
export interface TestCaseResult {
  name: string;
  passed: boolean;
  mismatches: TestMismatch[];
  result: EvaluationResult;
}

/** Runs every test case of the compiled rubric, in order, with explanations. */
export function runRubricTests(compiled: CompiledRubric): TestCaseResult[] {
  return compiled.rubric.tests.map((t) => runTestCase(compiled, t));
}

function runTestCase(compiled: CompiledRubric, t: TestCase): TestCaseResult {
  const result = compiled.evaluate(t.subject, { asOf: t.asOf ?? compiled.rubric.effective.from, explain: true });
  const mismatches: TestMismatch[] = [];
  const expect = (field: string, expected: unknown, actual: unknown) => {
    if (expected !== undefined && expected !== actual) mismatches.push({ field, expected, actual });
  };
  const e = t.expect;
  expect('outcome', e.outcome, result.outcome);
  expect('total', e.total, result.total);
  expect('passMark', e.passMark, result.passMark);
  for (const [id, points] of Object.entries(e.indicators ?? {})) expect(`indicators.${id}`, points, result.indicators[id]);
  if (e.reasons) {
    const actual = result.reasons.map((r) => r.key);
    const missing = e.reasons.filter((k) => !actual.includes(k));
    if (missing.length > 0 || actual.length !== e.reasons.length) mismatches.push({ field: 'reasons', expected: e.reasons, actual });
  }
  return { name: t.name, passed: mismatches.length === 0, mismatches, result };
}
