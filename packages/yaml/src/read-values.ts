/**
 * Readers for scalar values (text, numbers, dates, booleans, ids), each reporting the
 * format's diagnostic codes and recording the value's span in the source map.
 */
import { isScalar } from 'yaml';
import { Decimal, IDENTIFIER, RUBRIC_ID, isCalendarDate, isExactNumber, type Span } from '@rubric/model';
import { describeNode, isNull, scalarText, type Entry, type MapView, type Reader, type YNode } from './node-reader.js';

/** A value node with the span to report it at. */
export interface Val {
  node: YNode | undefined;
  span: Span;
}

/** The value of a map entry. */
export function valOf(e: Entry): Val {
  return { node: e.valueNode, span: e.valueSpan };
}

/** Reads text; numbers, booleans and dates keep their source text (`1.10` stays `1.10`). */
export function readText(r: Reader, v: Val, what: string): string | undefined {
  const n = v.node;
  if (n && isScalar(n) && n.value !== null) {
    if (typeof n.value === 'string' || typeof n.value === 'number' || typeof n.value === 'boolean' || typeof n.value === 'bigint') {
      return scalarText(n);
    }
  }
  r.report(v.span, 'yaml/wrong-type', `${what} must be text, not ${describeNode(n)}`, isNull(n) ? 'write the text after the colon' : undefined);
  return undefined;
}

/** Options for {@link readNumber}. */
export interface NumberOptions {
  /** Smallest allowed value (e.g. 0 for points). */
  min?: number;
  /** Largest allowed value. */
  max?: number;
  integer?: boolean;
}

/**
 * Reads a plain YAML number: finite, exactly representable (at most 15 significant
 * digits), `-0` read as 0.
 */
export function readNumber(r: Reader, v: Val, what: string, opts: NumberOptions = {}): number | undefined {
  const n = v.node;
  if (!n || !isScalar(n) || typeof n.value !== 'number') {
    const quotedNumber = n && isScalar(n) && typeof n.value === 'string' && Decimal.parse(n.value) !== undefined;
    r.report(v.span, 'yaml/wrong-type', `${what} must be a number, not ${describeNode(n)}`, quotedNumber ? 'remove the quotes around the number' : undefined);
    return undefined;
  }
  const value = exactNumber(r, n.value, n.source, v.span, what);
  if (value === undefined) return undefined;
  if (opts.integer && !Number.isInteger(value)) {
    r.report(v.span, 'yaml/bad-value', `${what} must be a whole number, not ${n.source ?? value}`);
    return undefined;
  }
  if (opts.min !== undefined && value < opts.min) {
    r.report(v.span, 'yaml/bad-value', `${what} must be at least ${opts.min}, not ${n.source ?? value}`);
    return undefined;
  }
  if (opts.max !== undefined && value > opts.max) {
    r.report(v.span, 'yaml/bad-value', `${what} must be at most ${opts.max}, not ${n.source ?? value}`);
    return undefined;
  }
  return value;
}

/** Checks that a parsed number is finite and equals the decimal written in the source. */
export function exactNumber(r: Reader, value: number, source: string | undefined, span: Span, what: string): number | undefined {
  const shown = source ?? String(value);
  if (!Number.isFinite(value)) {
    r.report(span, 'yaml/bad-value', `${what} must be a finite number, not ${shown}`);
    return undefined;
  }
  const written = source === undefined ? undefined : Decimal.parse(source);
  const exact = isExactNumber(value) && (written === undefined || Decimal.fromNumber(value).eq(written));
  if (!exact) {
    r.report(span, 'yaml/bad-value', `${what} cannot be held exactly: ${shown} has more than 15 significant digits`, 'round it to at most 15 significant digits');
    return undefined;
  }
  return Object.is(value, -0) ? 0 : value;
}

/** Reads `true` / `false`. */
export function readBoolean(r: Reader, v: Val, what: string): boolean | undefined {
  const n = v.node;
  if (n && isScalar(n) && typeof n.value === 'boolean') return n.value;
  r.report(v.span, 'yaml/wrong-type', `${what} must be \`true\` or \`false\`, not ${describeNode(n)}`);
  return undefined;
}


/** Reads a `YYYY-MM-DD` date that exists in the calendar. */
export function readDate(r: Reader, v: Val, what: string): string | undefined {
  const n = v.node;
  if (!n || !isScalar(n) || n.value === null || typeof n.value === 'boolean') {
    r.report(v.span, 'yaml/wrong-type', `${what} must be a date (YYYY-MM-DD), not ${describeNode(n)}`, 'e.g. 2022-06-14');
    return undefined;
  }
  const s = scalarText(n);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    r.report(v.span, 'yaml/bad-value', `${what} must be a date written YYYY-MM-DD, not \`${s}\``, 'e.g. 2022-06-14, with a zero before one-digit months and days');
    return undefined;
  }
  if (!isCalendarDate(s)) {
    r.report(v.span, 'yaml/bad-value', `${what}: ${s} is not a date in the calendar`);
    return undefined;
  }
  return s;
}

/**
 * What an id may look like: `id` is an identifier (ASCII letters, digits, `_`), `rubric` may
 * also use `-` and `.`. Reserved words are the checker's to report (`rubric/reserved-name`).
 */
export type IdKind = 'id' | 'rubric';

/** Suggests an identifier close to a bad id (`4-piece` → `_4_piece`). */
function idSuggestion(s: string): string {
  let t = s.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(t)) t = `_${t}`;
  return t;
}

/** Checks an id's syntax, reporting `yaml/bad-id`. */
export function checkId(r: Reader, s: string, span: Span, what: string, kind: IdKind): boolean {
  if (kind === 'rubric') {
    if (RUBRIC_ID.test(s)) return true;
    r.report(span, 'yaml/bad-id', `${what} \`${s}\` is not a valid rubric id`, 'use ASCII letters, digits, `_`, `-` and `.`, starting with a letter or digit');
    return false;
  }
  if (!IDENTIFIER.test(s)) {
    const hint = s === '' ? 'give it a name of ASCII letters, digits and `_`' : `use ASCII letters, digits and \`_\`, not starting with a digit, e.g. \`${idSuggestion(s)}\``;
    r.report(span, 'yaml/bad-id', `${what} \`${s}\` is not an identifier`, hint);
    return false;
  }
  return true;
}

/** Reads an id of the given kind. */
export function readId(r: Reader, v: Val, what: string, kind: IdKind): string | undefined {
  const n = v.node;
  if (!n || !isScalar(n) || n.value === null) {
    r.report(v.span, 'yaml/wrong-type', `${what} must be an id, not ${describeNode(n)}`);
    return undefined;
  }
  const s = scalarText(n);
  return checkId(r, s, v.span, what, kind) ? s : undefined;
}

/** A reader of one kind of value. */
export type ValueReader<T> = (r: Reader, v: Val, what: string) => T | undefined;

/**
 * Reads `key` of a map with `read`, recording `ptr` → the value's span. A missing
 * required key is reported; a missing optional one gives undefined quietly.
 */
export function field<T>(
  view: MapView,
  key: string,
  ptr: string,
  read: ValueReader<T>,
  opts: { required?: boolean; hint?: string; what?: string } = {},
): T | undefined {
  const e = opts.required ? view.need(key, opts.hint) : view.get(key);
  if (!e) return undefined;
  view.r.mark(ptr, e.valueSpan);
  return read(view.r, valOf(e), opts.what ?? `\`${key}\` of ${view.what}`);
}

/** A number reader with options, for {@link field}. */
export function numberOf(opts: NumberOptions): ValueReader<number> {
  return (r, v, what) => readNumber(r, v, what, opts);
}

/** An id reader of a kind, for {@link field}. */
export function idOf(kind: IdKind): ValueReader<string> {
  return (r, v, what) => readId(r, v, what, kind);
}

/** Sets an optional property only when the value is present (keeps absent keys absent). */
export function setOpt<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) obj[key] = value;
}
