/** `--format jsonl`: one result object per line, keys in the order the engine builds them. */
import type { EvaluationResult } from '@rubric/rubric';
import { resultJson, safeJson } from './json-text.js';
import { JsonUtf8Writer } from './json-utf8.js';
import type { ResultWriter } from './writer.js';

/** Writes each result as one line of JSON. */
export function jsonlWriter(): ResultWriter {
  let json: (result: EvaluationResult) => string = safeJson;
  let bytes: JsonUtf8Writer | undefined;
  return {
    begin: (info) => {
      json = resultJson(info.rubric);
      return '';
    },
    write: (result: EvaluationResult) => `${json(result)}\n`,
    writeBytes: (result, _at, out) => {
      (bytes ??= new JsonUtf8Writer()).append(result, out);
      out.appendByte(10);
    },
    end: () => '',
  };
}
