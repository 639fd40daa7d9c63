/**
 * A subject's result reduced to what the tables need. A dataset may hold 100,000 subjects
 * for several versions, so full results (with every indicator) are not kept: the detail
 * screen evaluates its one subject again, with an explanation.
 */
import { Decimal, type EvaluationResult, type Outcome } from '@rubric/rubric';
import type { SubjectRecord } from '../services.js';
import { safe } from './text.js';

/** What decides the outcome whatever the pass mark: bad data, a veto, a failed hard requirement. */
export type Gate = 'invalid' | 'vetoed' | 'hard' | null;

/** One subject under one version. */
export interface Row {
  /** Position in the dataset (1-based): pairs the subject across versions. */
  index: number;
  /** The id to show (escaped), or `(line 7)` / `(record 7)` when the record has none. */
  id: string;
  /** The outcome as evaluated, at the rubric's own pass mark. */
  outcome: Outcome;
  total: number | null;
  passMark: number | null;
  grade: string | null;
  gate: Gate;
  /** The first reason that holds whatever the pass mark (a data error, a veto, a hard requirement), escaped; empty when none. */
  problem: string;
  /** How many more such reasons there are. */
  moreProblems: number;
  /** total − pass mark, exact; null when invalid. */
  margin: Decimal | null;
}

/** The label of a subject without an id. */
export function recordLabel(id: string | null, record: Pick<SubjectRecord, 'index' | 'line'>): string {
  if (id !== null && id !== '') return safe(id);
  return record.line !== undefined ? `(line ${record.line})` : `(record ${record.index})`;
}

/** Reduces a result to a row. */
export function rowOf(result: EvaluationResult, record: Pick<SubjectRecord, 'index' | 'line'>): Row {
  const problems =
    result.errors.length > 0
      ? result.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
      : result.reasons.filter((r) => r.kind !== 'below-pass-mark').map((r) => r.message);
  const gate: Gate =
    result.outcome === 'invalid' ? 'invalid' : result.outcome === 'vetoed' ? 'vetoed' : result.hardRequirementsFailed.length > 0 ? 'hard' : null;
  const margin =
    result.total !== null && result.passMark !== null ? Decimal.fromNumber(result.total).sub(Decimal.fromNumber(result.passMark)) : null;
  return {
    index: record.index,
    id: recordLabel(result.id, record),
    outcome: result.outcome,
    total: result.total,
    passMark: result.passMark,
    grade: result.grade,
    gate,
    problem: safe(problems[0] ?? ''),
    moreProblems: Math.max(0, problems.length - 1),
    margin,
  };
}

/** A number from a result, or a dash for none. */
export function numberText(n: number | null): string {
  return n === null ? '—' : String(n);
}
