/** Reads JSON Lines data (`.jsonl`, `.ndjson`): one JSON object per line, streamed. */
import type { SubjectError } from '@rubric/rubric';
import { isRecord, notAnObject, type ReadItem } from './data-item.js';
import { findDuplicateKeys, pointerOf, type DuplicateKey } from './json-duplicates.js';
import { splitLines } from './lines.js';

/**
 * Yields one item per non-blank line, in order. A line that is not JSON, or whose value
 * is not an object, comes out as an error in its place.
 */
export async function* readJsonl(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<ReadItem> {
  for await (const { line, text } of splitLines(chunks)) {
    if (!isBlankLine(text)) yield readJsonlLine(line, text);
  }
}

/** Whether a JSON Lines line is blank (skipped: it is no record). */
export function isBlankLine(text: string): boolean {
  return text.trim() === '';
}

/**
 * Reads one non-blank line: a record, or an error in its place. Exported so `rubric eval
 * --jobs N` can parse lines in its worker threads exactly as the streamed reader does.
 */
export function readJsonlLine(line: number, text: string): ReadItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { line, id: null, error: { path: '', code: 'data/bad-json', message: `line ${line}: not valid JSON: ${(e as Error).message}` } };
  }
  if (!isRecord(value)) return { line, id: null, error: notAnObject(`line ${line}`, value) };
  const duplicates = findDuplicateKeys(text, value);
  return duplicates.length > 0 ? { line, record: value, inputErrors: duplicates.map((d) => duplicateKeyError(`line ${line}`, d)) } : { line, record: value };
}

/** The subject error for a key written twice: the record comes out `invalid` with it. */
export function duplicateKeyError(where: string, d: DuplicateKey, path: readonly (string | number)[] = d.path): SubjectError {
  return {
    path: pointerOf(path),
    code: 'data/duplicate-key',
    message: `${where}: the key ${JSON.stringify(d.key)} is written twice in one object (which value is meant cannot be told)`,
  };
}
