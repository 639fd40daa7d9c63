/** Reads YAML data, whole: a list of records (or a map with a `subjects` list). */
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { InputError } from '../errors.js';
import { isRecord, notAnObject, type ReadItem } from './data-item.js';
import { readAll } from './lines.js';

/**
 * Yields one item per list entry, in order, with the line it starts on; an entry that is
 * not a map comes out as an error in its place. Throws {@link InputError} when the text is
 * not YAML or holds no list.
 */
export async function* readYaml(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<ReadItem> {
  const text = await readAll(chunks);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const at = lineCounter.linePos(err.pos[0]);
    throw new InputError(`line ${at.line}, column ${at.col}: not valid YAML: ${err.message.split('\n')[0]}`);
  }
  let seq: Node | null | undefined = doc.contents as Node | null;
  if (isMap(seq)) seq = seq.get('subjects', true) as Node | undefined;
  if (!isSeq(seq)) throw new InputError('the YAML data holds no records: expected a list of records, or a map with a `subjects` list');
  const values = seq.toJS(doc, { maxAliasCount: 100 }) as unknown[];
  for (let i = 0; i < values.length; i++) {
    const node = seq.items[i] as Node | null | undefined;
    const offset = node?.range?.[0];
    const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
    const where = line === undefined ? `record ${i + 1}` : `line ${line}`;
    const value = values[i];
    const item: ReadItem = isRecord(value) ? { record: value } : { id: null, error: notAnObject(where, value) };
    if (line !== undefined) item.line = line;
    yield item;
  }
}
