/** JSON text that is safe to show in a terminal and means the same data. */
import type { EvaluationResult, Rubric } from '@rubric/rubric';

/** What {@link safeJson} escapes: C1 controls, DEL, line/paragraph separators, bidi marks and overrides. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `JSON.stringify`, then C1 controls, DEL, line/paragraph separators and bidi overrides
 * written as `\uXXXX` escapes (JSON already escapes C0 controls): same value, and nothing
 * in it can drive a terminal or reorder what is shown.
 */
export function safeJson(value: unknown, indent?: number): string {
  return escapeUnsafe(JSON.stringify(value, null, indent));
}

/** JSON text with what {@link safeJson} escapes escaped (they can only be inside its strings). */
export function escapeUnsafe(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whether `text` holds nothing {@link safeJson} would escape (so `JSON.stringify` alone is safe JSON of it). */
export function isTerminalSafe(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return !UNSAFE.test(text);
}

/**
 * Safe JSON of the results of one rubric that does not scan each result's whole text. A
 * result's strings come from the rubric (checked once, here) except the subject's id, its
 * data errors, the explanation's reads and recorded facts; when the rubric is safe and the
 * result has none of the others, or only a safe id, `JSON.stringify` alone gives the same
 * text as {@link safeJson}, which every other result still goes through.
 */
export function resultJson(rubric: Rubric): (result: EvaluationResult) => string {
  const rubricSafe = isTerminalSafe(JSON.stringify(rubric));
  return (result) =>
    rubricSafe && result.errors.length === 0 && result.explanation === undefined && result.subject === undefined && (typeof result.id !== 'string' || isTerminalSafe(result.id))
      ? JSON.stringify(result)
      : safeJson(result);
}
