/**
 * Verifying recorded results: each result that carries the subject's facts (`rubric eval
 * --record-facts`) is evaluated again with the rubric version it names, on its recorded
 * as-of date, and compared field by field with what was recorded. A changed rubric or
 * changed data shows as a mismatch; a rubric whose content hash differs but which gives
 * the same results is reported, not failed.
 */
import type { CompiledRubric } from '@rubric/engine';
import { canonicalJson, RESULT_FORMAT, type EvaluationResult } from '@rubric/model';

/** One field that came out differently. */
export interface VerifyDifference {
  field: string;
  recorded: unknown;
  recomputed: unknown;
}

/** What verifying one recorded result found. */
export type VerifyStatus =
  /** Recomputed and equal. */
  | 'match'
  /** Recomputed and different: the rubric or the data changed. */
  | 'mismatch'
  /** Cannot be recomputed: no recorded facts, no such rubric version, or not a result. */
  | 'unverifiable'
  /** An `invalid` result for a record that could not be read at all: it has no facts and no score to check. */
  | 'skipped';

/** One recorded result, verified. */
export interface VerifyEntry {
  /** 1-based position among the recorded results. */
  index: number;
  id: string | null;
  status: VerifyStatus;
  /** The rubric version the result names. */
  version?: string;
  differences: VerifyDifference[];
  /** Why it could not be verified, or a note (a different content hash). */
  reason?: string;
  /** The recorded and the current content hash, when they differ. */
  hash?: { recorded: string; current: string };
}

/** Looks up the compiled rubric for a recorded `{id, version}`; a string says why there is none. */
export type RubricLookup = (ref: { id: string; version: string }) => CompiledRubric | string;

/** Verifies one recorded result (any JSON value; anything that is not a result is unverifiable). */
export function verifyResult(recorded: unknown, index: number, lookup: RubricLookup): VerifyEntry {
  const entry: VerifyEntry = { index, id: null, status: 'unverifiable', differences: [] };
  if (!isObject(recorded) || recorded['format'] !== RESULT_FORMAT) {
    entry.reason = `not a result (no \`"format": "${RESULT_FORMAT}"\`)`;
    return entry;
  }
  const r = recorded as unknown as EvaluationResult;
  entry.id = typeof r.id === 'string' ? r.id : null;
  const ref = r.rubric;
  if (!isObject(ref) || typeof ref.id !== 'string' || typeof ref.version !== 'string' || typeof r.asOf !== 'string') {
    entry.reason = 'the result does not name its rubric (`rubric.id`, `rubric.version`) and date (`asOf`)';
    return entry;
  }
  entry.version = ref.version;
  if (!isObject(r.subject)) {
    if (r.outcome === 'invalid') {
      entry.status = 'skipped';
      entry.reason = 'an invalid record with no recorded facts (it could not be read)';
    } else {
      entry.reason = 'no recorded facts: evaluate with `rubric eval --record-facts` to make results verifiable';
    }
    return entry;
  }
  const compiled = lookup({ id: ref.id, version: ref.version });
  if (typeof compiled === 'string') {
    entry.reason = compiled;
    return entry;
  }
  const again = compiled.evaluate(r.subject, { asOf: r.asOf });
  entry.differences = compareResults(r, again);
  entry.status = entry.differences.length === 0 ? 'match' : 'mismatch';
  if (typeof ref.hash === 'string' && ref.hash !== compiled.hash) {
    entry.hash = { recorded: ref.hash, current: compiled.hash };
    if (entry.status === 'match') entry.reason = 'same result, but the rubric’s content hash differs from the recorded one (the rubric file changed without changing this result)';
  }
  return entry;
}

/** The fields that decide and explain a result; for an invalid one, the paths of its errors. */
function compareResults(recorded: EvaluationResult, again: EvaluationResult): VerifyDifference[] {
  const out: VerifyDifference[] = [];
  const cmp = (field: string, a: unknown, b: unknown): void => {
    if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) out.push({ field, recorded: a ?? null, recomputed: b ?? null });
  };
  cmp('rubric.id', recorded.rubric.id, again.rubric.id);
  cmp('rubric.version', recorded.rubric.version, again.rubric.version);
  cmp('outcome', recorded.outcome, again.outcome);
  cmp('total', recorded.total, again.total);
  cmp('passMark', recorded.passMark, again.passMark);
  cmp('grade', recorded.grade, again.grade);
  const keys = new Set([...Object.keys(recorded.indicators ?? {}), ...Object.keys(again.indicators)]);
  for (const k of [...keys].sort()) cmp(`indicators.${k}`, recorded.indicators?.[k], again.indicators[k]);
  const sections = new Set([...Object.keys(recorded.sections ?? {}), ...Object.keys(again.sections)]);
  for (const k of [...sections].sort()) cmp(`sections.${k}`, recorded.sections?.[k], again.sections[k]);
  cmp('deductions', recorded.deductions, again.deductions);
  cmp('deductionTotal', recorded.deductionTotal, again.deductionTotal);
  cmp('passMarkSource', recorded.passMarkSource, again.passMarkSource);
  cmp('vetoes', recorded.vetoes, again.vetoes);
  cmp('hardRequirementsFailed', recorded.hardRequirementsFailed, again.hardRequirementsFailed);
  cmp('reasons', (recorded.reasons ?? []).map((x) => x.key), again.reasons.map((x) => x.key));
  // Where the data is wrong, not how the message words it (a CSV cell and a JSON value say it differently).
  cmp('errors', [...new Set((recorded.errors ?? []).map((e) => e.path))].sort(), [...new Set(again.errors.map((e) => e.path))].sort());
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Counts of verified results per status. */
export function countStatuses(entries: readonly VerifyEntry[]): Record<VerifyStatus, number> {
  const c: Record<VerifyStatus, number> = { match: 0, mismatch: 0, unverifiable: 0, skipped: 0 };
  for (const e of entries) c[e.status]++;
  return c;
}
