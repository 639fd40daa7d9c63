/**
 * Reads the records of a data file in the format its name (or `--data-format`) says,
 * numbering them in file order. CSV and JSON Lines are streamed; JSON and YAML read whole.
 */
import { open } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { DataFormat, DataItem, ReadItem } from './data-item.js';
import { readCsv, type CoerceCells } from './read-csv.js';
import { readJson } from './read-json.js';
import { readJsonl } from './read-jsonl.js';
import { readYaml } from './read-yaml.js';
import { decodeData, type DataEncoding, type DecodeOptions } from './encoding.js';

/** The data format a file name implies, or undefined when its extension is not one of them. */
export function dataFormatOf(file: string): DataFormat | undefined {
  switch (extname(file).toLowerCase()) {
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    case '.csv':
      return 'csv';
    case '.json':
      return 'json';
    case '.yaml':
    case '.yml':
      return 'yaml';
    default:
      return undefined;
  }
}

/** Options for {@link readRecords}. */
export interface ReadRecordsOptions {
  /** Turns CSV cells into typed subject data. */
  coerce?: CoerceCells;
}

/** Yields the data's records as {@link DataItem}s, numbered from 1, in file order. */
export async function* readRecords(
  chunks: AsyncIterable<string> | Iterable<string>,
  format: DataFormat,
  options: ReadRecordsOptions = {},
): AsyncGenerator<DataItem> {
  let items: AsyncGenerator<ReadItem>;
  switch (format) {
    case 'jsonl':
      items = readJsonl(chunks);
      break;
    case 'csv':
      items = readCsv(chunks, options.coerce ? { coerce: options.coerce } : {});
      break;
    case 'json':
      items = readJson(chunks);
      break;
    case 'yaml':
      items = readYaml(chunks);
      break;
  }
  let index = 0;
  for await (const item of items) yield { index: ++index, ...item };
}

/**
 * Opens a data file (or standard input for `-`) as a stream of text decoded from `encoding`
 * (default `auto`: UTF-8 or GB18030, see encoding.ts). Throws {@link InputError} when the
 * file cannot be opened, so nothing is written before that is known.
 */
export async function openData(
  file: string,
  cwd: string,
  stdin?: NodeJS.ReadableStream,
  encoding: DataEncoding = 'auto',
  decodeOptions: DecodeOptions = {},
): Promise<AsyncIterable<string>> {
  if (file === '-') {
    if (!stdin) throw new InputError('cannot read the data: no standard input');
    return decodeData(stdin as AsyncIterable<Buffer | string>, encoding, decodeOptions);
  }
  const path = resolve(cwd, file);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new InputError(`cannot read the data file ${file}: ${reasonOf(e)}`);
  }
  try {
    if ((await handle.stat()).isDirectory()) throw new InputError(`cannot read the data file ${file}: it is a directory`);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return decodeData(handle.createReadStream() as AsyncIterable<Buffer>, encoding, decodeOptions);
}

/** A short reason for a file system error. */
export function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return err.message ?? String(e);
  }
}
