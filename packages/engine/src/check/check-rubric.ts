/**
 * The semantic checker: runs every check over a schema-valid IR and collects issues.
 */
import type { IrIssue, Rubric } from '@rubric/model';
import { checkDeductions } from './check-deductions.js';
import { checkExpressions } from './check-expressions.js';
import { checkFacts } from './check-facts.js';
import { checkGates } from './check-gates.js';
import { checkGrades } from './check-grades.js';
import { checkNames } from './check-names.js';
import { checkParameterCycles } from './check-parameters.js';
import { checkGradeReach, checkPassMark } from './check-pass-mark.js';
import { checkPeriods } from './check-periods.js';
import { checkRanges } from './check-ranges.js';
import { checkReferences, checkReplaces } from './check-references.js';
import { checkTests } from './check-tests.js';
import { checkTotals } from './check-totals.js';
import { CheckContext } from './context.js';

/** One named check; the name appears in `internal/check-failed` messages. */
type Check = readonly [name: string, run: (ctx: CheckContext) => void];

// Order matters: name and type checks mark bad expressions that the analyses then skip.
const CHECKS: readonly Check[] = [
  ['names', checkNames],
  ['facts', checkFacts],
  ['references', checkReferences],
  ['replaces', checkReplaces],
  ['expressions', checkExpressions],
  ['parameter cycles', checkParameterCycles],
  ['periods', checkPeriods],
  ['totals', checkTotals],
  ['deductions', checkDeductions],
  ['grades', checkGrades],
  ['tests', checkTests],
  ['ranges', checkRanges],
  ['gates', checkGates],
  ['pass mark', checkPassMark],
  ['grade reach', checkGradeReach],
];

/**
 * Checks a schema-valid IR for semantic mistakes (duplicate ids, unknown names,
 * expression types, totals, impossible ranges, unreachable pass marks, …).
 * Never throws: a failing check becomes an `internal/check-failed` issue and the
 * other checks still run. Issues carry JSON pointers into the IR, as deep as possible.
 * The codes and their severities are listed in `CHECK_CODES`.
 */
export function checkRubric(rubric: Rubric): IrIssue[] {
  let ctx: CheckContext;
  try {
    ctx = new CheckContext(rubric);
  } catch (e) {
    return [internal('setup', e)];
  }
  for (const [name, run] of CHECKS) {
    try {
      run(ctx);
    } catch (e) {
      // Issues the check found before it failed are kept.
      ctx.issues.push(internal(name, e));
    }
  }
  return dedupe(ctx.issues);
}

function internal(name: string, e: unknown): IrIssue {
  const why = e instanceof Error ? e.message : String(e);
  return {
    severity: 'error',
    code: 'internal/check-failed',
    message: `the ${name} check failed: ${why}`,
    hint: 'this is a bug in the checker, not in the rubric; the other checks still ran',
    path: '',
  };
}

function dedupe(issues: readonly IrIssue[]): IrIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.severity}\u0000${i.code}\u0000${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
