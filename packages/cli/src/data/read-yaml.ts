/** Reads YAML data, whole: a list of records (or a map with a `subjects` list). */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { InputError } from '../errors.js';
import { isRecord, notAnObject, type ReadItem } from './data-item.js';
import type { DuplicateKey } from './json-duplicates.js';
import { readAll } from './lines.js';
import { duplicateKeyError } from './read-jsonl.js';

/**
 * Yields one item per list entry, in order, with the line it starts on; an entry that is
 * not a map comes out as an error in its place, and one with a key written twice comes out
 * `invalid` with a `data/duplicate-key` error (as in JSON data), the rest of the file read.
 * Throws {@link InputError} when the text is not YAML or holds no list, or when a key is
 * written twice outside the records.
 */
export async function* readYaml(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<ReadItem> {
  const text = await readAll(chunks);
  const lineCounter = new LineCounter();
  // Duplicate keys are found below, record by record, not as an error of the whole file.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const err = doc.errors[0];
  if (err) {
    const at = lineCounter.linePos(err.pos[0]);
    throw new InputError(`line ${at.line}, column ${at.col}: not valid YAML: ${err.message.split('\n')[0]}`);
  }
  let seq: Node | null | undefined = doc.contents as Node | null;
  if (isMap(seq)) {
    const twice = duplicateKeys(seq, [], false)[0];
    if (twice) throw new InputError(`the YAML data has the key ${JSON.stringify(twice.key)} twice in one map`);
    seq = seq.get('subjects', true) as Node | undefined;
  }
  if (!isSeq(seq)) throw new InputError('the YAML data holds no records: expected a list of records, or a map with a `subjects` list');
  const values = seq.toJS(doc, { maxAliasCount: 100 }) as unknown[];
  for (let i = 0; i < values.length; i++) {
    const node = seq.items[i] as Node | null | undefined;
    const offset = node?.range?.[0];
    const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
    const where = line === undefined ? `record ${i + 1}` : `line ${line}`;
    const value = values[i];
    const duplicates = isRecord(value) ? duplicateKeys(node, [], true) : [];
    const item: ReadItem = isRecord(value) ? { record: value } : { id: null, error: notAnObject(where, value) };
    if (duplicates.length > 0) item.inputErrors = duplicates.map((d) => duplicateKeyError(where, d));
    if (line !== undefined) item.line = line;
    yield item;
  }
}

/** Keys written twice in the maps of a YAML node (`deep`: in nested maps and lists too), with their paths. */
function duplicateKeys(node: unknown, path: (string | number)[], deep: boolean): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (seen.has(key)) found.push({ path: [...path, key], key });
      seen.add(key);
      if (deep) found.push(...duplicateKeys(pair.value, [...path, key], true));
    }
  } else if (deep && isSeq(node)) {
    node.items.forEach((item, i) => found.push(...duplicateKeys(item, [...path, i], true)));
  }
  return found;
}
