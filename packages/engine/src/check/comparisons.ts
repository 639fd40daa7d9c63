/**
 * The comparison operators as the range analysis sees them: their negation and mirror
 * image, and whether a comparison can hold between two intervals. A leaf module shared by
 * the input environment (narrowing) and the evaluator (assuming conditions).
 */
import type { Decimal } from '@rubric/model';
import type { Interval } from './intervals.js';

/** A comparison operator. */
export type Cmp = '==' | '!=' | '<' | '<=' | '>' | '>=';
/** The operator that holds exactly when the given one does not (`<` ↦ `>=`). */
export const NEGATE: Record<Cmp, Cmp> = { '==': '!=', '!=': '==', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
/** The operator with its operands swapped (`a < b` ⇔ `b > a`). */
export const FLIP: Record<Cmp, Cmp> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** Whether a binary operator is a comparison. */
export function isCmp(op: string): op is Cmp {
  return op in NEGATE;
}

/** Whether `a op b` may hold for some a in `x` and b in `y` (closed bounds: a sound test). */
export function mayHold(op: Cmp, x: Interval, y: Interval): boolean {
  const lt = (a: Decimal | null, b: Decimal | null, orEq: boolean): boolean => a === null || b === null || a.lt(b) || (orEq && a.eq(b));
  switch (op) {
    case '<':
      return lt(x.lo, y.hi, false);
    case '<=':
      return lt(x.lo, y.hi, true);
    case '>':
      return lt(y.lo, x.hi, false);
    case '>=':
      return lt(y.lo, x.hi, true);
    case '==':
      return lt(x.lo, y.hi, true) && lt(y.lo, x.hi, true);
    case '!=':
      return !(x.lo !== null && x.hi !== null && y.lo !== null && y.hi !== null && x.lo.eq(x.hi) && y.lo.eq(y.hi) && x.lo.eq(y.lo));
  }
}
