/**
 * Canonical JSON (keys sorted by code unit, no whitespace, `undefined` dropped) and the
 * content hash every result carries: `sha256:` + hex digest of the canonical IR.
 */
import { createHash } from 'node:crypto';
import type { Rubric } from './ir.js';

/** Serialises a JSON value with object keys in sorted order, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`not JSON: ${value}`);
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The content hash of a rubric: `sha256:<hex>` of its canonical JSON. */
export function contentHash(rubric: Rubric): string {
  return `sha256:${createHash('sha256').update(canonicalJson(rubric), 'utf8').digest('hex')}`;
}

/** A short form of a content hash for people (`sha256:1a2b3c4d5e6f`). */
export function shortHash(hash: string): string {
  return hash.slice(0, 'sha256:'.length + 12);
}
