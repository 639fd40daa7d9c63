/**
 * Which subjects the table lists, in which order: sorted by file order, id, total or
 * outcome; filtered by outcome; searched by id. Sorting is the costly part on 100,000
 * subjects, so each (rows, key) permutation is computed once and reused; filtering and
 * the outcome sort (whose outcomes move with the what-if pass mark) are linear passes.
 */
import { OUTCOME_ORDER } from './outcome.js';
import type { Outcome } from '@rubric/rubric';
import type { Row } from './rows.js';

/** Sort keys, in the order `s` cycles through them. */
export const SORT_KEYS = ['file', 'id', 'total', 'outcome'] as const;
/** A sort key. */
export type SortKey = (typeof SORT_KEYS)[number];

/** Outcome filters, in the order `f` cycles through them. */
export const FILTERS = ['all', ...OUTCOME_ORDER] as const;
/** An outcome filter. */
export type Filter = 'all' | Outcome;

/** How the table is ordered and narrowed. */
export interface View {
  sort: SortKey;
  /** Reverse the key's natural direction (file order, id A→Z, total high→low, outcome pass→invalid). */
  reverse: boolean;
  filter: Filter;
  /** Case-insensitive substring of the id; empty for all. */
  query: string;
}

const permCache = new WeakMap<readonly Row[], Map<SortKey, Int32Array>>();

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Row positions sorted by a key (outcome sorts by total here; outcomes are grouped later). Cached per rows. */
export function permutation(rows: readonly Row[], key: SortKey): Int32Array {
  const k: SortKey = key === 'outcome' ? 'total' : key;
  let byKey = permCache.get(rows);
  if (!byKey) {
    byKey = new Map();
    permCache.set(rows, byKey);
  }
  const hit = byKey.get(k);
  if (hit) return hit;
  const perm = new Int32Array(rows.length);
  for (let i = 0; i < perm.length; i++) perm[i] = i;
  if (k === 'id') {
    perm.sort((a, b) => compareIds(rows[a]!.id, rows[b]!.id) || a - b);
  } else if (k === 'total') {
    // High to low; subjects without a total (invalid) last. Totals are exact decimals of at
    // most 15 significant digits, which doubles order exactly.
    const t = Float64Array.from(rows, (r) => (r.total === null ? -Infinity : r.total));
    perm.sort((a, b) => t[b]! - t[a]! || a - b);
  }
  byKey.set(k, perm);
  return perm;
}

const lowerCache = new WeakMap<readonly Row[], string[]>();

/** Lower-case ids, computed once per rows (search runs on every key typed). */
export function lowerIds(rows: readonly Row[]): string[] {
  let ids = lowerCache.get(rows);
  if (!ids) {
    ids = rows.map((r) => r.id.toLowerCase());
    lowerCache.set(rows, ids);
  }
  return ids;
}

/** The positions (into `rows`) the table lists, in order. `codes` are the what-if outcomes. */
export function visibleRows(rows: readonly Row[], codes: Uint8Array, view: View): Int32Array {
  const perm = permutation(rows, view.sort);
  const want = view.filter === 'all' ? -1 : OUTCOME_ORDER.indexOf(view.filter);
  const q = view.query.toLowerCase();
  const ids = q === '' ? [] : lowerIds(rows);
  const out = new Int32Array(perm.length);
  let n = 0;
  if (view.sort === 'outcome') {
    // Stable bucket by outcome over the total order: pass, fail, vetoed, invalid, each high to low.
    for (let code = 0; code < OUTCOME_ORDER.length; code++) {
      if (want !== -1 && code !== want) continue;
      for (let i = 0; i < perm.length; i++) {
        const p = perm[i]!;
        if (codes[p] !== code) continue;
        if (q !== '' && !ids[p]!.includes(q)) continue;
        out[n++] = p;
      }
    }
  } else {
    for (let i = 0; i < perm.length; i++) {
      const p = perm[i]!;
      if (want !== -1 && codes[p] !== want) continue;
      if (q !== '' && !ids[p]!.includes(q)) continue;
      out[n++] = p;
    }
  }
  const list = out.subarray(0, n);
  if (view.reverse) list.reverse();
  return list;
}

/** `total ↓`, `id ↑`, … for the status line. */
export function sortLabel(view: Pick<View, 'sort' | 'reverse'>): string {
  const natural: Record<SortKey, string> = { file: 'file order', id: 'id ↑', total: 'total ↓', outcome: 'outcome' };
  const reversed: Record<SortKey, string> = { file: 'file order (reversed)', id: 'id ↓', total: 'total ↑', outcome: 'outcome (reversed)' };
  return (view.reverse ? reversed : natural)[view.sort];
}
