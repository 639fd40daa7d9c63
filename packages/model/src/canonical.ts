/**
 * Canonical JSON (keys sorted by code unit, no whitespace, `undefined` dropped) and the
 * content hash every result carries: `sha256:` + hex digest of the canonical IR.
 */
import { createHash } from 'node:crypto';
import type { Rubric } from './ir.js';

/** Serialises a JSON value with object keys in sorted order, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return scalar(value);
  // Fast: a copy of the value with its keys inserted in sorted order, written by the native
  // JSON.stringify (which keeps insertion order) — much faster than building the text in
  // JavaScript, which was most of the time of compiling a large rubric. A few shapes the copy
  // cannot stand for take the walk below instead (both give the same text: see
  // packages/model/test/canonical.test.ts, which holds them to the former implementation).
  let copy: unknown;
  try {
    copy = sortedCopy(value, false);
  } catch (e) {
    if (e !== UNSUPPORTED) throw e;
    return write(value);
  }
  return JSON.stringify(copy);
}

/**
 * The content hash of a rubric that is plain JSON data — what `JSON.parse` could have given:
 * plain objects and arrays, text, finite numbers, true, false and null, no `undefined`, no
 * array holes — the same as {@link contentHash} gives. Undefined for anything else (and for
 * the rare keys its fast path does not take: `__proto__`, keys that start with a digit): a
 * caller that reads rubrics as JSON reads (a compiler that copies the rubric through JSON,
 * say) then copies it first. Never throws on what `JSON.stringify` accepts.
 */
export function plainContentHash(rubric: Rubric): string | undefined {
  let copy: unknown;
  try {
    copy = sortedCopy(rubric, true);
  } catch (e) {
    // RangeError: nested too deep, or a cycle (for which JSON.stringify has its own error).
    if (e === UNSUPPORTED || e instanceof RangeError) return undefined;
    throw e;
  }
  return hashOf(JSON.stringify(copy));
}

/** Thrown by {@link sortedCopy} for a value it cannot copy faithfully. */
const UNSUPPORTED = new Error('canonicalJson: not a plain value');

/**
 * The value with every object's keys in sorted order and what JSON.stringify would write
 * differently already settled: `undefined` members dropped, functions and symbols as null,
 * numbers that are not finite refused. Array holes (written as nothing), `__proto__` keys
 * (which would set the copy's prototype) and keys that start with a digit (which objects keep
 * in numeric order, first) throw {@link UNSUPPORTED}; so does, when `plain` is asked for, any
 * value that is not plain JSON data (see {@link plainContentHash}).
 */
function sortedCopy(value: unknown, plain: boolean): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) {
        if (plain) throw UNSUPPORTED;
        throw new TypeError(`not JSON: ${value}`);
      }
      return value;
    case 'object':
      break;
    case 'bigint':
      if (plain) throw UNSUPPORTED;
      return scalar(value); // throws, as JSON.stringify does
    default:
      // undefined (an array item here; members are dropped below), functions, symbols.
      if (plain) throw UNSUPPORTED;
      return null;
  }
  if (plain && typeof (value as { toJSON?: unknown }).toJSON === 'function') throw UNSUPPORTED;
  if (Array.isArray(value)) {
    const n = value.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const v: unknown = value[i];
      if (v === undefined && !(i in value)) throw UNSUPPORTED;
      out[i] = sortedCopy(v, plain);
    }
    return out;
  }
  if (plain) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw UNSUPPORTED;
  }
  const obj = value as Record<string, unknown>;
  const keys = sortKeys(Object.keys(obj));
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const c = k.charCodeAt(0);
    if ((c >= 48 && c <= 57) || k === '__proto__') throw UNSUPPORTED;
    const v = obj[k];
    if (v !== undefined) out[k] = sortedCopy(v, plain);
    else if (plain) throw UNSUPPORTED;
  }
  return out;
}

/** Canonical JSON written out in JavaScript: for what {@link sortedCopy} cannot copy. */
function write(value: unknown): string {
  if (value === null || typeof value !== 'object') return scalar(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v: unknown = value[i];
      // A hole in a sparse array writes nothing (as `Array.prototype.join` does); `undefined`, null.
      out += v === undefined ? (i in value ? 'null' : '') : write(v);
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = sortKeys(Object.keys(obj));
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${write(v)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * The keys in code-unit order, as `keys.sort()` puts them, in place. Objects of the IR have a
 * handful of keys: sorting them by insertion avoids the work array `sort` allocates on each
 * call (most of the garbage of hashing a large rubric).
 */
function sortKeys(keys: string[]): string[] {
  const n = keys.length;
  if (n > 16) return keys.sort();
  for (let i = 1; i < n; i++) {
    const k = keys[i]!;
    let j = i - 1;
    // `<` on strings compares UTF-16 code units, as the default sort order does.
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/** Text of a value that is not an object or array (JSON's, `null` for what JSON leaves out). */
function scalar(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`not JSON: ${value}`);
  return JSON.stringify(value) ?? 'null';
}

/** The content hash of a rubric: `sha256:<hex>` of its canonical JSON. */
export function contentHash(rubric: Rubric): string {
  return hashOf(canonicalJson(rubric));
}

function hashOf(canonical: string): string {
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}

/** A short form of a content hash for people (`sha256:1a2b3c4d5e6f`). */
export function shortHash(hash: string): string {
  return hash.slice(0, 'sha256:'.length + 12);
}
