/**
 * The common shape of the result writers, one per `--format`: each turns the run's
 * start, every result in input order, and the final counts into text to write.
 */
import type { EvaluationResult, Outcome, Rubric } from '@rubric/rubric';
import type { Utf8Builder } from './utf8-builder.js';

/** What a writer knows about the run before the first result. */
export interface RunInfo {
  rubric: Rubric;
  /** Content hash of the rubric (`sha256:…`). */
  hash: string;
  /** Evaluation date, YYYY-MM-DD. */
  asOf: string;
}

/** Where a result's record was in the data. */
export interface RecordPosition {
  /** 1-based position among the records. */
  index: number;
  /** 1-based line the record starts on, when the format has lines. */
  line?: number;
}

/** Subjects per outcome, and in all. */
export type Counts = Record<Outcome, number> & { total: number };

/** Counts that start at zero. */
export function emptyCounts(): Counts {
  return { pass: 0, fail: 0, vetoed: 0, invalid: 0, total: 0 };
}

/** A result writer. Each method returns the text to write next (possibly empty). */
export interface ResultWriter {
  begin(info: RunInfo): string;
  write(result: EvaluationResult, at: RecordPosition): string;
  /**
   * The same as `write`, as UTF-8 appended to `out`, for writers that can make the bytes
   * faster than the text (the batch writes bytes). Same bytes as `write`'s text encoded.
   */
  writeBytes?(result: EvaluationResult, at: RecordPosition, out: Utf8Builder): void;
  end(counts: Counts): string;
}

/** The output formats of `rubric eval`. */
export type OutputFormat = 'table' | 'json' | 'jsonl' | 'csv' | 'md';

/** Every output format, default first. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'jsonl', 'csv', 'md'];

/** `3 subjects: 1 pass, 1 fail, 0 vetoed, 1 invalid`. */
export function formatCounts(counts: Counts): string {
  const noun = counts.total === 1 ? 'subject' : 'subjects';
  return `${counts.total} ${noun}: ${counts.pass} pass, ${counts.fail} fail, ${counts.vetoed} vetoed, ${counts.invalid} invalid`;
}

/** How the table and Markdown formats name a record: its id, else where it was in the data. */
export function recordLabel(result: EvaluationResult, at: RecordPosition): string {
  if (result.id !== null && result.id !== '') return String(result.id);
  return at.line !== undefined ? `(line ${at.line})` : `(record ${at.index})`;
}

/** The first thing to say about a result: its first data error, else its first reason; with a count of the rest. */
export function firstProblem(result: EvaluationResult): string {
  const errors = result.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  const list = errors.length > 0 ? errors : result.reasons.map((r) => r.message);
  const first = list[0];
  if (first === undefined) return '';
  return list.length > 1 ? `${first} (+${list.length - 1} more)` : first;
}

/** A number from a result, or a dash for none. */
export function numberText(n: number | null): string {
  return n === null ? '—' : String(n);
}
