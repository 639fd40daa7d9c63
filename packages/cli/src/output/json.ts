/** `--format json`: a JSON array of result objects, written as the results come. */
import type { EvaluationResult } from '@rubric/rubric';
import { safeJson } from './json-text.js';
import type { ResultWriter } from './writer.js';

/** Writes `[`, the results (one per line), then `]`. */
export function jsonWriter(): ResultWriter {
  let first = true;
  return {
    begin: () => '[',
    write: (result: EvaluationResult) => {
      const sep = first ? '\n' : ',\n';
      first = false;
      return `${sep}  ${safeJson(result)}`;
    },
    end: () => (first ? ']\n' : '\n]\n'),
  };
}
