/**
 * Positions and problems reported by the expression front end. Offsets are 0-based
 * UTF-16 offsets into the parsed text; callers turn them into lines and columns.
 */

/** Offsets are 0-based UTF-16 offsets into the parsed text; end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** A syntax error in an expression, located by offsets into the parsed text. */
export interface ExpressionIssue {
  /** Stable namespaced code, one of {@link EXPRESSION_ISSUE_CODES}. */
  code: string;
  /** Plain words, never parser token names. */
  message: string;
  hint?: string;
  start: number;
  end: number;
}

/** Every code the expression parser reports. */
export const EXPRESSION_ISSUE_CODES = [
  'expr/empty',
  'expr/unexpected-token',
  'expr/unexpected-end',
  'expr/unknown-character',
  'expr/full-width',
  'expr/unterminated-text',
  'expr/bad-escape',
  'expr/wrong-quotes',
  'expr/wrong-operator',
  'expr/bad-number',
  'expr/bad-date',
  'expr/reserved-word',
  'expr/unknown-function',
  'expr/arity',
  'expr/aggregate-list',
  'expr/aggregate-value',
  'expr/misplaced-where',
  'expr/chained-comparison',
  'expr/list-item',
  'expr/in-list',
  'expr/too-deep',
  'expr/internal-error',
] as const;

/** A code the expression parser reports. */
export type ExpressionIssueCode = (typeof EXPRESSION_ISSUE_CODES)[number];

/** Builds an issue, leaving `hint` out when there is none. */
export function makeIssue(
  code: ExpressionIssueCode,
  message: string,
  start: number,
  end: number,
  hint?: string,
): ExpressionIssue {
  const issue: ExpressionIssue = { code, message, start, end };
  if (hint !== undefined) issue.hint = hint;
  return issue;
}

/** Sorts issues by position and drops exact duplicates (same code and range). */
export function sortIssues(issues: readonly ExpressionIssue[]): ExpressionIssue[] {
  const seen = new Set<string>();
  const out: ExpressionIssue[] = [];
  for (const i of [...issues].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const key = `${i.code}@${i.start}:${i.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  return out;
}
