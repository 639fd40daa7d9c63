/**
 * Scoring one record of a batch, the same way on the main thread (`--jobs 1`) and in a
 * worker: a record that could not be read, or that the evaluator fails on, becomes that
 * record's `invalid` result and the batch goes on.
 */
import type { CompiledRubric, EvaluateOptions, EvaluationResult } from '@rubric/rubric';
import type { DataItem } from '../data/data-item.js';
import type { RecordPosition } from '../output/writer.js';

/** A subject's id as `--explain` compares it: ids may be text or integers in the data. */
export function idOf(item: DataItem): string | undefined {
  const id = item.record ? item.record['id'] : item.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Where an item was in the data, as the writers and explanations name it. */
export function positionOf(item: DataItem): RecordPosition {
  return item.line === undefined ? { index: item.index } : { index: item.index, line: item.line };
}

/** Scores one item; an engine failure on one record becomes that record's error, not the batch's. */
export function resultFor(compiled: CompiledRubric, item: DataItem, asOf: string, explain: boolean): EvaluationResult {
  if (item.error || !item.record) {
    const error = item.error ?? { path: '', code: 'data/unreadable', message: `record ${item.index}: unreadable` };
    return compiled.invalid(item.id ?? null, [error], { asOf });
  }
  const options: EvaluateOptions = { asOf };
  if (explain) options.explain = true;
  if (item.inputErrors && item.inputErrors.length > 0) options.inputErrors = item.inputErrors;
  try {
    return compiled.evaluate(item.record, options);
  } catch (e) {
    const id = idOf(item) ?? null;
    return compiled.invalid(id, [{ path: '', code: 'internal/evaluate-failed', message: `the evaluator failed on this record: ${(e as Error).message}` }], { asOf });
  }
}
