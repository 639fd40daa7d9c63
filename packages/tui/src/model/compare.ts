/**
 * Comparing two versions over the same subjects: pairs each subject's rows, puts the
 * subjects whose outcome flips first (grouped by direction), and counts flips by direction.
 */
import { Decimal, type Outcome } from '@rubric/rubric';
import { OUTCOME_ORDER } from './outcome.js';
import type { Row } from './rows.js';

/** How subjects are matched across versions: by position in the one dataset, or by id (rubrics' own test cases). */
export type PairBy = 'index' | 'id';

/** Positions of one subject's rows under A and B; -1 where the subject is missing. */
export interface Pair {
  a: number;
  b: number;
}

/** Every subject's pair of positions, as two parallel arrays (100,000 pairs allocate no objects). */
export interface Pairs {
  a: Int32Array;
  b: Int32Array;
}

const pairCache = new WeakMap<readonly Row[], WeakMap<readonly Row[], Map<PairBy, Pairs>>>();

/** Pairs the rows of two versions, in A's order, then B's rows that A lacks. Cached per (a, b, by). */
export function pairRows(a: readonly Row[], b: readonly Row[], by: PairBy): Pairs {
  let inner = pairCache.get(a);
  if (!inner) {
    inner = new WeakMap();
    pairCache.set(a, inner);
  }
  let byKey = inner.get(b);
  if (!byKey) {
    byKey = new Map();
    inner.set(b, byKey);
  }
  const hit = byKey.get(by);
  if (hit) return hit;
  let pairs: Pairs;
  // One dataset read twice: the rows are usually in the same order, pairing position to position.
  if (by === 'index' && a.length === b.length && a.every((r, i) => r.index === b[i]!.index)) {
    const same = Int32Array.from({ length: a.length }, (_, i) => i);
    pairs = { a: same, b: same };
  } else {
    const key = (r: Row): string | number => (by === 'index' ? r.index : r.id);
    const posB = new Map<string | number, number>();
    b.forEach((r, i) => {
      if (!posB.has(key(r))) posB.set(key(r), i);
    });
    const used = new Uint8Array(b.length);
    const pa: number[] = [];
    const pb: number[] = [];
    a.forEach((r, i) => {
      const j = posB.get(key(r));
      pa.push(i);
      if (j === undefined || used[j]) pb.push(-1);
      else {
        used[j] = 1;
        pb.push(j);
      }
    });
    b.forEach((_, j) => {
      if (!used[j]) {
        pa.push(-1);
        pb.push(j);
      }
    });
    pairs = { a: Int32Array.from(pa), b: Int32Array.from(pb) };
  }
  byKey.set(by, pairs);
  return pairs;
}

/** Flips from one outcome to another. */
export interface FlipCount {
  from: Outcome;
  to: Outcome;
  count: number;
}

/** What the comparison says at a glance. */
export interface CompareSummary {
  /** Subjects in both versions. */
  paired: number;
  flips: number;
  /** Non-zero directions only, pass → fail first (outcome order). */
  byDirection: FlipCount[];
  /** Same outcome, different total. */
  totalChanged: number;
  onlyA: number;
  onlyB: number;
}

/** The comparison: the pairs, the order to list them in (indices into the pairs), and the summary. */
export interface Comparison {
  pairs: Pairs;
  order: Int32Array;
  summary: CompareSummary;
}

/** The pair listed at position `i`, or undefined past the end. */
export function pairAt(c: Comparison, i: number): Pair | undefined {
  const k = c.order[i];
  return k === undefined ? undefined : { a: c.pairs.a[k]!, b: c.pairs.b[k]! };
}

const N = OUTCOME_ORDER.length;
/** Group codes: flips by direction (from × N + to, only from ≠ to), then these. */
const CHANGED = N * N;
const SINGLE = N * N + 1;
const SAME = N * N + 2;

/**
 * Orders pairs: flips first (by direction in outcome order, then in dataset order), then
 * subjects whose total changed, then subjects in one version only, then the rest. With
 * `flipsOnly`, only the flips. A counting sort: linear, over typed arrays.
 */
export function compareRows(a: readonly Row[], b: readonly Row[], pairs: Pairs, codesA: Uint8Array, codesB: Uint8Array, flipsOnly: boolean): Comparison {
  const n = pairs.a.length;
  const group = new Uint8Array(n);
  const sizes = new Int32Array(SAME + 1);
  let onlyA = 0;
  let onlyB = 0;
  for (let k = 0; k < n; k++) {
    const i = pairs.a[k]!;
    const j = pairs.b[k]!;
    let g: number;
    if (i < 0 || j < 0) {
      if (i < 0) onlyB++;
      else onlyA++;
      g = SINGLE;
    } else {
      const ca = codesA[i]!;
      const cb = codesB[j]!;
      g = ca !== cb ? ca * N + cb : a[i]!.total !== b[j]!.total ? CHANGED : SAME;
    }
    group[k] = g;
    sizes[g]!++;
  }
  const byDirection: FlipCount[] = [];
  let flips = 0;
  for (let g = 0; g < CHANGED; g++) {
    const count = sizes[g]!;
    if (count === 0) continue;
    flips += count;
    byDirection.push({ from: OUTCOME_ORDER[Math.floor(g / N)]!, to: OUTCOME_ORDER[g % N]!, count });
  }
  const starts = new Int32Array(SAME + 1);
  for (let g = 1; g <= SAME; g++) starts[g] = starts[g - 1]! + sizes[g - 1]!;
  const all = new Int32Array(n);
  for (let k = 0; k < n; k++) all[starts[group[k]!]!++] = k;
  return {
    pairs,
    order: flipsOnly ? all.subarray(0, flips) : all,
    summary: { paired: n - onlyA - onlyB, flips, byDirection, totalChanged: sizes[CHANGED]!, onlyA, onlyB },
  };
}

/** B's total minus A's, exact (`+3`, `-0.5`, `±0`), or empty when either has none. */
export function totalChange(a: number | null, b: number | null): string {
  if (a === null || b === null) return '';
  const d = Decimal.fromNumber(b).sub(Decimal.fromNumber(a));
  if (d.isZero()) return '±0';
  return d.isNegative() ? d.toString() : `+${d.toString()}`;
}
