/**
 * Runs the test cases kept in a rubric: each case's subject is evaluated on its
 * as-of date, the listed expectations are compared with the result, and the rule
 * branches the cases reach are counted.
 */
import type { CompiledRubric } from '@rubric/engine';
import type { EvaluationResult, Rubric, TestCase } from '@rubric/model';

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

/** All test cases of one rubric, with the indicator rule branches they reach. */
export interface RubricTestReport {
  cases: TestCaseResult[];
  /** Every rule branch (`publicity: case 3`), and those no case reached. */
  branches: { total: number; reached: number; uncovered: string[] };
}

/** Runs every test case of the compiled rubric, in order, with explanations. */
export function runRubricTests(compiled: CompiledRubric): RubricTestReport {
  const reached = new Set<string>();
  const cases = compiled.rubric.tests.map((t) => {
    const r = runTestCase(compiled, t);
    for (const [id, x] of Object.entries(r.result.explanation?.indicators ?? {})) reached.add(`${id}: ${x.branch}`);
    return r;
  });
  const all = ruleBranches(compiled.rubric);
  const uncovered = all.filter((b) => !reached.has(b));
  return { cases, branches: { total: all.length, reached: all.length - uncovered.length, uncovered } };
}

/** Every rule branch of the rubric's indicators, named as explanations name them (`id: case 2`). */
export function ruleBranches(rubric: Rubric): string[] {
  return rubric.sections.flatMap((s) =>
    s.indicators.flatMap((ind) => {
      const r = ind.rule;
      if (r.kind === 'cases') return [...r.cases.map((_, i) => `${ind.id}: case ${i + 1}`), `${ind.id}: otherwise`];
      return [`${ind.id}: ${r.kind === 'expression' ? 'expression' : `checklist (${r.mode})`}`];
    }),
  );
}

function runTestCase(compiled: CompiledRubric, t: TestCase): TestCaseResult {
  const result = compiled.evaluate(t.subject, { asOf: t.asOf ?? compiled.rubric.effective.from, explain: true });
  const mismatches: TestMismatch[] = [];
  const compare = (field: string, expected: unknown, actual: unknown) => {
    if (expected !== undefined && expected !== actual) mismatches.push({ field, expected, actual });
  };
  const e = t.expect;
  compare('outcome', e.outcome, result.outcome);
  compare('total', e.total, result.total);
  compare('passMark', e.passMark, result.passMark);
  for (const [id, points] of Object.entries(e.indicators ?? {})) compare(`indicators.${id}`, points, result.indicators[id]);
  // Expected reasons must be among the result's reasons; others may be there too.
  const keys = result.reasons.map((r) => r.key);
  if (e.reasons && e.reasons.some((k) => !keys.includes(k))) mismatches.push({ field: 'reasons', expected: e.reasons, actual: keys });
  return { name: t.name, passed: mismatches.length === 0, mismatches, result };
}
