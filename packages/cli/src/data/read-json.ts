/** Reads JSON data, whole: an array of records, or an object with a `subjects` array. */
import type { SubjectError } from '@rubric/rubric';
import { InputError } from '../errors.js';
import { isRecord, notAnObject, type ReadItem } from './data-item.js';
import { readAll } from './lines.js';
import { findDuplicateKeys } from './json-duplicates.js';
import { duplicateKeyError } from './read-jsonl.js';

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
  // Duplicate keys inside a record make that record invalid; outside the records, the file.
  const inRecord = new Map<number, SubjectError[]>();
  const skip = Array.isArray(value) ? 0 : 1;
  for (const d of findDuplicateKeys(text, value)) {
    const index = d.path[skip];
    if (typeof index !== 'number' || d.path.length < skip + 2 || (skip === 1 && d.path[0] !== 'subjects')) {
      throw new InputError(`the JSON data has the key ${JSON.stringify(d.key)} twice in one object`);
    }
    const errors = inRecord.get(index) ?? [];
    errors.push(duplicateKeyError(`record ${index + 1}`, d, d.path.slice(skip + 1)));
    inRecord.set(index, errors);
  }
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const inputErrors = inRecord.get(i);
    if (isRecord(r)) yield inputErrors ? { record: r, inputErrors } : { record: r };
    else yield { id: null, error: notAnObject(`record ${i + 1}`, r) };
  }
}
