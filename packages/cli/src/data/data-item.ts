/** What a data reader gives for each record of a data file. */
import type { SubjectError } from '@rubric/rubric';

/** The data file formats `rubric eval` reads. */
export type DataFormat = 'jsonl' | 'csv' | 'json' | 'yaml';

/** Every data format, in the order help texts list them. */
export const DATA_FORMATS: readonly DataFormat[] = ['jsonl', 'csv', 'json', 'yaml'];

/**
 * One record of a data file, in file order. Exactly one of `record` and `error` is set:
 * a record that could not be read at all still comes out, as an error, so records out
 * always equal records in.
 */
export interface DataItem {
  /** 1-based position among the file's records. */
  index: number;
  /** 1-based line where the record starts, for formats with lines (CSV, JSONL, YAML). */
  line?: number;
  /** The subject data. */
  record?: Record<string, unknown>;
  /** Problems found while reading the record's text cells (CSV); the record is still evaluated with them. */
  inputErrors?: SubjectError[];
  /** Why the record could not be read; it comes out `invalid` with this error. */
  error?: SubjectError;
  /** The record's id when it is known although the record could not be read. */
  id?: string | null;
}

/** A data item before it is numbered: what each format's reader yields. */
export type ReadItem = Omit<DataItem, 'index'>;

/** Whether a parsed JSON/YAML value is a record (a plain object, not an array or null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a JSON value that is not a record is described in an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

/** The subject error for a value that is not a record. */
export function notAnObject(where: string, value: unknown): SubjectError {
  return {
    path: '',
    code: 'data/not-an-object',
    message: `${where}: ${describeValue(value)} where a record (an object of facts) belongs`,
  };
}
