/** `--format jsonl`: one result object per line, keys in the order the engine builds them. */
import type { EvaluationResult } from '@rubric/rubric';
import { safeJson } from './json-text.js';
import type { ResultWriter } from './writer.js';

/** Writes each result as one line of JSON. */
export function jsonlWriter(): ResultWriter {
  return {
    begin: () => '',
    write: (result: EvaluationResult) => `${safeJson(result)}\n`,
    end: () => '',
  };
}
