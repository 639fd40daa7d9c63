/**
 * Reads CSV data: a header row of fact ids (plus `id`), one subject per row, streamed.
 * Rows that cannot be read, or have the wrong number of cells, come out as errors in place.
 */
import type { CoercedRecord } from '@rubric/rubric';
import { InputError } from '../errors.js';
import { CsvParser, type CsvRow } from './csv-parser.js';
import type { ReadItem } from './data-item.js';

/** Turns a row's text cells into subject data (the rubric's `coerceTextRecord`). */
export type CoerceCells = (cells: Record<string, string>) => CoercedRecord;

/** Keeps every cell as text: for reading CSV without a rubric. */
export const keepText: CoerceCells = (cells) => ({ subject: { ...cells }, errors: [] });

/** Options for {@link readCsv}. */
export interface ReadCsvOptions {
  coerce?: CoerceCells;
  /** Longest record in characters before it is reported as unreadable. */
  maxRecordChars?: number;
}

interface Header {
  names: string[];
  idIndex: number;
}

/**
 * Yields one item per CSV record after the header, in order, as chunks arrive.
 * Throws {@link InputError} when the header itself cannot be read.
 */
export async function* readCsv(chunks: AsyncIterable<string> | Iterable<string>, options: ReadCsvOptions = {}): AsyncGenerator<ReadItem> {
  const coerce = options.coerce ?? keepText;
  const parser = new CsvParser(options.maxRecordChars);
  let header: Header | undefined;
  const convert = (row: CsvRow): ReadItem | undefined => {
    if (!header) {
      header = readHeader(row);
      return undefined;
    }
    return toItem(row, header, coerce);
  };
  for await (const chunk of chunks) {
    for (const row of parser.push(chunk)) {
      const item = convert(row);
      if (item) yield item;
    }
  }
  for (const row of parser.end()) {
    const item = convert(row);
    if (item) yield item;
  }
}

function readHeader(row: CsvRow): Header {
  if (!row.cells) throw new InputError(`the header row cannot be read: ${row.error ?? 'unknown error'}`);
  const names = row.cells.map((c) => c.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '') continue;
    if (seen.has(name)) throw new InputError(`line ${row.line}: the header has the column \`${name}\` twice`);
    seen.add(name);
  }
  return { names, idIndex: names.indexOf('id') };
}

function toItem(row: CsvRow, header: Header, coerce: CoerceCells): ReadItem {
  const idCell = header.idIndex >= 0 ? (row.cells ?? row.partial)?.[header.idIndex]?.trim() : undefined;
  const id = idCell === undefined || idCell === '' ? null : idCell;
  if (!row.cells) return { line: row.line, id, error: { path: '', code: 'data/bad-row', message: row.error ?? `line ${row.line}: unreadable record` } };
  if (row.cells.length !== header.names.length) {
    const n = row.cells.length;
    return {
      line: row.line,
      id,
      error: {
        path: '',
        code: 'data/bad-row',
        message: `line ${row.line}: ${n} ${n === 1 ? 'cell' : 'cells'} where the header has ${header.names.length}`,
      },
    };
  }
  const cells: Record<string, string> = {};
  const unnamed: number[] = [];
  const reserved: string[] = [];
  header.names.forEach((name, i) => {
    const value = row.cells![i]!;
    // Assigning `__proto__` would set the object's prototype (or, for text, silently do
    // nothing): such a column is reported as unknown instead of vanishing.
    if (name === '__proto__') {
      if (value.trim() !== '') reserved.push(name);
    } else if (name !== '') cells[name] = value;
    else if (value.trim() !== '') unnamed.push(i + 1);
  });
  const { subject, errors } = coerce(cells);
  if ('id' in cells && !('id' in subject) && id !== null) subject['id'] = id;
  const inputErrors = [...errors];
  for (const name of reserved) inputErrors.push({ path: `/${name}`, code: 'data/unknown-field', message: `line ${row.line}: unknown field \`${name}\`` });
  for (const col of unnamed) {
    inputErrors.push({ path: '', code: 'data/unknown-field', message: `line ${row.line}: a value in column ${col}, which has no name in the header` });
  }
  const item: ReadItem = { line: row.line, record: subject };
  if (inputErrors.length > 0) item.inputErrors = inputErrors;
  return item;
}
