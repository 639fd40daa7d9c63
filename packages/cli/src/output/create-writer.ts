/** Picks the result writer for an output format. */
import type { Colors } from '../io.js';
import { csvWriter } from './csv.js';
import { jsonWriter } from './json.js';
import { jsonlWriter } from './jsonl.js';
import { mdWriter } from './md.js';
import { tableWriter } from './table.js';
import type { OutputFormat, ResultWriter } from './writer.js';

/** How the output will be shown. */
export interface WriterContext {
  colors: Colors;
  /** Whether the output goes to a terminal. */
  tty: boolean;
}

/** A fresh writer for `format`. */
export function createWriter(format: OutputFormat, ctx: WriterContext): ResultWriter {
  switch (format) {
    case 'table':
      return tableWriter({ colors: ctx.colors });
    case 'json':
      return jsonWriter();
    case 'jsonl':
      return jsonlWriter();
    case 'csv':
      return csvWriter({ escape: ctx.tty });
    case 'md':
      return mdWriter();
  }
}

/** Whether a format is meant for programs and files (then notes and explanations go to stderr). */
export function isMachineFormat(format: OutputFormat): boolean {
  return format !== 'table';
}
