/** `--format jsonl`: one result object per line, keys in the order the engine builds them. */
import type { EvaluationResult } from '@rubric/rubric';
import { resultJson, safeJson } from './json-text.js';
import type { ResultWriter } from './writer.js';

/** Writes each result as one line of JSON. */
export function jsonlWriter(): ResultWriter {
  let json: (result: EvaluationResult) => string = safeJson;
  return {
    begin: (info) => {
      json = resultJson(info.rubric);
      return '';
    },
    write: (result: EvaluationResult) => `${json(result)}\n`,
    end: () => '',
  };
}
