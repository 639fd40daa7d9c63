/**
 * The writers that turn each result into text on their own, with no state across records:
 * the ones `rubric eval --jobs N` workers run. Kept apart from `create-writer.ts` so a worker
 * thread does not load the table writer, which needs the whole facade (the YAML reader and
 * the rubric parser: half a second of module loading per thread).
 */
import { csvWriter } from './csv.js';
import { jsonlWriter } from './jsonl.js';
import { mdWriter } from './md.js';
import type { OutputFormat, ResultWriter } from './writer.js';

/** The output formats whose writer formats each result alone (after `begin`). */
export type RecordFormat = 'jsonl' | 'csv' | 'md';

/** Every {@link RecordFormat}. */
export const RECORD_FORMATS: ReadonlySet<OutputFormat> = new Set<OutputFormat>(['jsonl', 'csv', 'md']);

/** Whether `format` is a {@link RecordFormat}. */
export function isRecordFormat(format: OutputFormat): format is RecordFormat {
  return RECORD_FORMATS.has(format);
}

/** A fresh writer for a record format; `tty`: the output goes to a terminal (CSV escapes control characters then). */
export function createRecordWriter(format: RecordFormat, tty: boolean): ResultWriter {
  switch (format) {
    case 'jsonl':
      return jsonlWriter();
    case 'csv':
      return csvWriter({ escape: tty });
    case 'md':
      return mdWriter();
  }
}
