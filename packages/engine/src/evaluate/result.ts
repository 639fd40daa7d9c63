/**
 * The reference evaluator's result and its explanation: the `invalid` result, the
 * per-rule record of facts read, the outcome, and the assembled result. The
 * interpreter's counterpart of `codegen/emit-result.ts`.
 */
import {
  Decimal,
  RESULT_FORMAT,
  type AppliedDeduction,
  type EvaluationResult,
  type Explanation,
  type Reason,
  type Rubric,
  type SubjectError,
} from '@rubric/model';
import type { ResolvedParameter } from './parameters.js';
import type { Env } from './values.js';

/** Runs one rule, returning its value and the facts it read (empty when not explaining). */
export type Track = <T>(fn: () => T) => [T, Record<string, unknown>];

/** A fresh, empty explanation when `explain` is on; `undefined` otherwise. */
export function newExplanation(explain: boolean): Explanation | undefined {
  return explain ? { indicators: {}, vetoes: {}, hardRequirements: {}, deductions: {} } : undefined;
}

/** A {@link Track} that records the facts `env` reads while explaining, and does nothing otherwise. */
export function tracker(env: Env, explanation: Explanation | undefined): Track {
  return <T>(fn: () => T): [T, Record<string, unknown>] => {
    if (!explanation) return [fn(), {}];
    env.reads = {};
    const v = fn();
    const reads = env.reads;
    delete env.reads;
    return [v, reads];
  };
}

/** An `invalid` result: no scores, only the errors that made the subject unscorable. */
export function invalidResult(rubric: Rubric, hash: string, id: string | null, errors: SubjectError[], asOf: string): EvaluationResult {
  return {
    format: RESULT_FORMAT,
    id,
    outcome: 'invalid',
    total: null,
    sections: {},
    indicators: {},
    deductions: [],
    deductionTotal: 0,
    passMark: null,
    passMarkSource: null,
    hardRequirementsFailed: [],
    vetoes: [],
    reasons: [],
    grade: null,
    errors,
    asOf,
    rubric: { id: rubric.id, version: rubric.version, hash },
  };
}

/** A scored subject's outcome: vetoed if any veto fired, else fail if there is any reason, else pass. */
export function outcomeOf(vetoes: string[], reasons: Reason[]): 'vetoed' | 'fail' | 'pass' {
  return vetoes.length > 0 ? 'vetoed' : reasons.length > 0 ? 'fail' : 'pass';
}

/** Everything a scored result is assembled from. */
export interface ResultParts {
  rubric: Rubric;
  hash: string;
  id: string | null;
  asOf: string;
  outcome: 'vetoed' | 'fail' | 'pass';
  total: Decimal;
  sectionPoints: Map<string, Decimal>;
  points: Map<string, Decimal>;
  applied: AppliedDeduction[];
  deducted: Decimal;
  pass: ResolvedParameter;
  hardFailed: string[];
  vetoes: string[];
  reasons: Reason[];
  grade: string | null;
  explanation: Explanation | undefined;
}

/** The result of a scored subject, with its explanation when one was recorded. */
export function buildResult(parts: ResultParts): EvaluationResult {
  const { rubric, hash, id, asOf, outcome, total, sectionPoints, points, applied, deducted, pass, hardFailed, vetoes, reasons, grade, explanation } = parts;
  const result: EvaluationResult = {
    format: RESULT_FORMAT,
    id,
    outcome,
    total: total.toNumber(),
    sections: Object.fromEntries([...sectionPoints].map(([k, v]) => [k, v.toNumber()])),
    indicators: Object.fromEntries([...points].map(([k, v]) => [k, v.toNumber()])),
    deductions: applied,
    deductionTotal: deducted.toNumber(),
    passMark: pass.value.toNumber(),
    passMarkSource: pass.source,
    hardRequirementsFailed: hardFailed,
    vetoes,
    reasons,
    grade,
    errors: [],
    asOf,
    rubric: { id: rubric.id, version: rubric.version, hash },
  };
  if (explanation) result.explanation = explanation;
  return result;
}
