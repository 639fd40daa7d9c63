/** Reads JSON data, whole: an array of records, or an object with a `subjects` array. */
import { InputError } from '../errors.js';
import { isRecord, notAnObject, type ReadItem } from './data-item.js';
import { readAll } from './lines.js';

/** The records of a JSON data value, or an {@link InputError} when it holds no list of records. */
export function recordsOf(value: unknown, what: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Array.isArray(value['subjects'])) return value['subjects'];
  throw new InputError(`${what} holds no records: expected a list of records, or an object with a \`subjects\` list`);
}

/**
 * Yields one item per element of the array, in order; an element that is not an object
 * comes out as an error in its place. Throws {@link InputError} when the text is not JSON.
 */
export async function* readJson(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<ReadItem> {
  const text = await readAll(chunks);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${(e as Error).message}`);
  }
  const records = recordsOf(value, 'the JSON data');
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (isRecord(r)) yield { record: r };
    else yield { id: null, error: notAnObject(`record ${i + 1}`, r) };
  }
}
