/**
 * The evaluation result: plain data, one per subject. Its JSON Schema is published
 * as `docs/schema/result.v1.json` (see {@link RESULT_FORMAT}).
 */
import type { Outcome } from './ir.js';

/** Version tag of the result shape. */
export const RESULT_FORMAT = 'rubric-result/1';

/** Why a subject did not pass. `key` is `veto:<id>`, `hard:<id>` or `below-pass-mark`. */
export interface Reason {
  key: string;
  kind: 'veto' | 'hard-requirement' | 'below-pass-mark';
  /** Veto or hard requirement id; absent for `below-pass-mark`. */
  id?: string;
  message: string;
}

/** Which rule chose the pass mark. */
export interface PassMarkSource {
  parameter: string;
  /** The period in force on the as-of date. */
  period: { from?: string; until?: string };
  /** Index of the override that applied, or absent when the period's base value did. */
  override?: number;
  /** The override's condition as text (`district_risk is low`). */
  when?: string;
}

export interface AppliedDeduction {
  id: string;
  reason: string;
  /** Amount taken off after this deduction's cap (before the overall cap). */
  amount: number;
  /** Amount before the cap. */
  uncapped: number;
}

/** A problem with the subject's data (or a rubric defect met while scoring it). */
export interface SubjectError {
  /** JSON pointer into the subject, e.g. `/ledger_update_rate`; `""` for the whole record. */
  path: string;
  code: string;
  message: string;
}

/** How one indicator was scored (with `explain`). */
export interface IndicatorExplanation {
  /** The rule branch taken: `case 1`, `otherwise`, `expression`, `checklist`. */
  branch: string;
  /** The branch's condition or expression as text. */
  rule: string;
  /** Facts and parameters read, with their values. */
  reads: Record<string, unknown>;
  /** Checklist items with their hits (checklist rules only). */
  items?: { id: string; hits: number; points: number }[];
}

export interface Explanation {
  indicators: Record<string, IndicatorExplanation>;
  vetoes: Record<string, { fired: boolean; rule: string; reads: Record<string, unknown> }>;
  hardRequirements: Record<string, { met: boolean; rule: string; reads: Record<string, unknown> }>;
  deductions: Record<string, { rule: string; reads: Record<string, unknown> }>;
}

export interface EvaluationResult {
  format: typeof RESULT_FORMAT;
  /** The subject's `id` field, or null when it has none. */
  id: string | null;
  outcome: Outcome;
  /** Σ indicator points − deductions (floored); null when invalid. */
  total: number | null;
  /** Section id → points. */
  sections: Record<string, number>;
  /** Indicator id → points. */
  indicators: Record<string, number>;
  deductions: AppliedDeduction[];
  /** Sum of deductions after all caps. */
  deductionTotal: number;
  passMark: number | null;
  passMarkSource: PassMarkSource | null;
  hardRequirementsFailed: string[];
  /** Ids of vetoes that fired. */
  vetoes: string[];
  reasons: Reason[];
  grade: string | null;
  /** Data errors; non-empty exactly when `outcome` is `invalid`. */
  errors: SubjectError[];
  asOf: string;
  rubric: { id: string; version: string; hash: string };
  explanation?: Explanation;
  /**
   * The subject's data exactly as it was evaluated (`rubric eval --record-facts`), so that
   * `rubric verify` can recompute the result later. Absent unless asked for.
   */
  subject?: Record<string, unknown>;
}
