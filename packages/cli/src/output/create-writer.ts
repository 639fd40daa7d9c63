/** Picks the result writer for an output format. */
import type { Colors } from '../io.js';
import { jsonWriter } from './json.js';
import { createRecordWriter } from './record-writer.js';
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
    default:
      return createRecordWriter(format, ctx.tty);
  }
}

/** Whether a format is meant for programs and files (then notes and explanations go to stderr). */
export function isMachineFormat(format: OutputFormat): boolean {
  return format !== 'table';
}
