/**
 * What every check shares: the rubric, its name scope, the issues found so far, and
 * which expressions already failed name or type checks (later checks skip those, so
 * one mistake is reported once).
 */
import type { IrIssue, Rubric, Severity } from '@rubric/model';
import { Scope } from './scope.js';

/** The state one run of {@link checkRubric} threads through its checks. */
export class CheckContext {
  /** Issues in the order the checks found them. */
  readonly issues: IrIssue[] = [];
  /** JSON pointers of expression roots that have name or type errors ({@link CheckContext.markBad}). */
  readonly badExpressions = new Set<string>();
  /** Every pointer above a bad expression, so {@link CheckContext.isBad} is one lookup, not a scan (thousands of bad names). */
  private readonly aboveBad = new Set<string>();
  /** Names, parameters and list fields visible to top-level expressions. */
  readonly scope: Scope;
  /** Results one check computes for a later one (indicator point ranges, …), by key. */
  readonly memo = new Map<string, unknown>();

  constructor(readonly rubric: Rubric) {
    this.scope = Scope.ofRubric(rubric);
  }

  /** Records an issue; `hint` is dropped when undefined so issues stay plain JSON. */
  report(severity: Severity, code: string, path: string, message: string, hint?: string): void {
    const issue: IrIssue = { severity, code, message, path };
    if (hint !== undefined) issue.hint = hint;
    this.issues.push(issue);
  }

  /** Records an error. */
  error(code: string, path: string, message: string, hint?: string): void {
    this.report('error', code, path, message, hint);
  }

  /** Records a warning. */
  warning(code: string, path: string, message: string, hint?: string): void {
    this.report('warning', code, path, message, hint);
  }

  /** Remembers that the expression at `path` failed a check, so later checks skip it. */
  markBad(path: string): void {
    this.badExpressions.add(path);
    // Ancestors up to the root (''); once one is known, so are those above it.
    for (let p = path.slice(0, Math.max(0, path.lastIndexOf('/'))); !this.aboveBad.has(p); p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
      this.aboveBad.add(p);
      if (p === '') break;
    }
  }

  /** Whether the expression at `path` (or any expression inside it) failed an earlier check. */
  isBad(path: string): boolean {
    return this.badExpressions.has(path) || this.aboveBad.has(path);
  }
}
