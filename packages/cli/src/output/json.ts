/** `--format json`: a JSON array of result objects, written as the results come. */
import type { EvaluationResult } from '@rubric/rubric';
import { resultJson, safeJson } from './json-text.js';
import type { ResultWriter } from './writer.js';

/** Writes `[`, the results (one per line), then `]`. */
export function jsonWriter(): ResultWriter {
  let first = true;
  let json: (result: EvaluationResult) => string = safeJson;
  return {
    begin: (info) => {
      json = resultJson(info.rubric);
      return '[';
    },
    write: (result: EvaluationResult) => {
      const sep = first ? '\n' : ',\n';
      first = false;
      return `${sep}  ${json(result)}`;
    },
    end: () => (first ? ']\n' : '\n]\n'),
  };
}
