/**
 * The abstract values the range analysis computes for expressions (an interval, the
 * possible truth values, or a set of possible levels/texts), with the small helpers that
 * combine them and the sets of bindings they depend on.
 */
import type { Decimal } from '@rubric/model';
import { joinI, type Interval } from './intervals.js';

/** The abstract value of an expression. `deps` are the bindings it reads (for independence). */
export type AbstractValue =
  | { kind: 'number'; range: Interval; deps: ReadonlySet<string> }
  | { kind: 'bool'; canTrue: boolean; canFalse: boolean; deps: ReadonlySet<string> }
  /** Levels and text: the possible values, or null for any. */
  | { kind: 'set'; values: ReadonlySet<string> | null; deps: ReadonlySet<string> }
  | { kind: 'top'; deps: ReadonlySet<string> };

/** Whether a condition can be true and whether it can be false. */
export interface Possibility {
  canTrue: boolean;
  canFalse: boolean;
}

/** No bindings: the dependencies of a literal. */
export const NO_DEPS: ReadonlySet<string> = new Set();

/** Every binding in any of the sets. */
export function union(...sets: ReadonlySet<string>[]): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}

/** Whether no binding is in two of the sets (the values reading them are independent). */
export function disjoint(sets: readonly ReadonlySet<string>[]): boolean {
  const seen = new Set<string>();
  for (const s of sets) {
    for (const x of s) {
      if (seen.has(x)) return false;
    }
    for (const x of s) seen.add(x);
  }
  return true;
}

/** The single value of a constant number, if it is one. */
export function constantOf(v: AbstractValue): Decimal | undefined {
  if (v.kind !== 'number' || v.deps.size > 0) return undefined;
  const { lo, hi } = v.range;
  return lo !== null && hi !== null && lo.eq(hi) ? lo : undefined;
}

/** The possible values of a true/false, level or text value (null: any); undefined for other kinds. */
export function asSet(v: AbstractValue): ReadonlySet<string> | null | undefined {
  if (v.kind === 'set') return v.values;
  if (v.kind === 'bool') {
    const s = new Set<string>();
    if (v.canTrue) s.add('true');
    if (v.canFalse) s.add('false');
    return s;
  }
  return undefined;
}

/** The value of one of two branches. */
export function joinValues(a: AbstractValue, b: AbstractValue): AbstractValue {
  const deps = union(a.deps, b.deps);
  if (a.kind === 'number' && b.kind === 'number') return { kind: 'number', range: joinI(a.range, b.range), deps };
  if (a.kind === 'bool' && b.kind === 'bool') return { kind: 'bool', canTrue: a.canTrue || b.canTrue, canFalse: a.canFalse || b.canFalse, deps };
  if (a.kind === 'set' && b.kind === 'set') {
    return { kind: 'set', values: a.values === null || b.values === null ? null : new Set([...a.values, ...b.values]), deps };
  }
  return { kind: 'top', deps };
}
