/** Reads JSON Lines data (`.jsonl`, `.ndjson`): one JSON object per line, streamed. */
import { isRecord, notAnObject, type ReadItem } from './data-item.js';
import { splitLines } from './lines.js';

/**
 * Yields one item per non-blank line, in order. A line that is not JSON, or whose value
 * is not an object, comes out as an error in its place.
 */
export async function* readJsonl(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<ReadItem> {
  for await (const { line, text } of splitLines(chunks)) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { line, id: null, error: { path: '', code: 'data/bad-json', message: `line ${line}: not valid JSON: ${(e as Error).message}` } };
      continue;
    }
    if (isRecord(value)) yield { line, record: value };
    else yield { line, id: null, error: notAnObject(`line ${line}`, value) };
  }
}
