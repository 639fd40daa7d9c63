/**
 * Problems the rubric DSL front end reports, located by offsets into the file; the driver
 * turns them into {@link Diagnostic}s with lines and columns.
 */

/** A problem in a rubric file, located by 0-based UTF-16 offsets (end exclusive). */
export interface DslIssue {
  /** Stable namespaced code: one of {@link DSL_ISSUE_CODES}, or an `expr/*` code. */
  code: string;
  /** Plain words, never parser token names. */
  message: string;
  hint?: string;
  start: number;
  end: number;
  severity?: 'error' | 'warning';
}

/** Every `dsl/*` code the front end reports (expression problems keep their `expr/*` codes). */
export const DSL_ISSUE_CODES = [
  'dsl/unknown-character',
  'dsl/full-width',
  'dsl/bad-number',
  'dsl/bad-escape',
  'dsl/unterminated-text',
  'dsl/wrong-quotes',
  'dsl/unexpected-token',
  'dsl/unexpected-end',
  'dsl/unknown-statement',
  'dsl/unknown-clause',
  'dsl/misplaced-clause',
  'dsl/statement-mid-line',
  'dsl/too-deep',
  'dsl/missing-statement',
  'dsl/missing-clause',
  'dsl/duplicate-statement',
  'dsl/duplicate-clause',
  'dsl/duplicate-key',
  'dsl/conflicting-rule',
  'dsl/conflict',
  'dsl/outside-section',
  'dsl/bad-date',
  'dsl/bad-value',
  'dsl/wrong-type',
  'dsl/wrong-arrow',
  'dsl/internal-error',
] as const;

/** A `dsl/*` code. */
export type DslIssueCode = (typeof DSL_ISSUE_CODES)[number];

/** Builds an issue, leaving `hint` out when there is none. */
export function dslIssue(code: DslIssueCode | `expr/${string}`, message: string, start: number, end: number, hint?: string): DslIssue {
  const issue: DslIssue = { code, message, start, end };
  if (hint !== undefined) issue.hint = hint;
  return issue;
}
