/**
 * Interval arithmetic over exact decimals, with "tight" bounds.
 *
 * An interval is a sound over-approximation of the values an expression can take. A
 * bound is additionally *tight* when the checker knows some input reaches it (for an
 * infinite bound: when the value really grows without limit). Only tight bounds turn
 * into errors ("indicator `x` can score 12 points"); loose ones into warnings ("may").
 *
 * Operations that combine two values take `independent`: whether the two read
 * disjoint facts, so that their extremes can be reached together (`r - r` cannot
 * reach `1 - 0`).
 */
import { Decimal, type RoundingMode } from '@rubric/model';

/** A closed range of decimals; `null` bounds are infinite. */
export interface Interval {
  /** Lowest value, or null for no lower bound. */
  lo: Decimal | null;
  /** Highest value, or null for no upper bound. */
  hi: Decimal | null;
  /** Some input gives exactly `lo` (for `lo` null: values below any bound). */
  loTight: boolean;
  /** Some input gives exactly `hi` (for `hi` null: values above any bound). */
  hiTight: boolean;
}

/** Every number, none of them known to be reached. */
export const UNBOUNDED: Interval = { lo: null, hi: null, loTight: false, hiTight: false };

/** The single value `d`; `tight` when it is known to occur. */
export function point(d: Decimal, tight = true): Interval {
  return { lo: d, hi: d, loTight: tight, hiTight: tight };
}

/** An interval from two optional bounds. */
export function range(lo: Decimal | null, hi: Decimal | null, loTight: boolean, hiTight: boolean): Interval {
  return { lo, hi, loTight, hiTight };
}

/** Drops every tightness claim (the value is still within the bounds). */
export function loosen(a: Interval): Interval {
  return { ...a, loTight: false, hiTight: false };
}

type X = Decimal | 'inf' | '-inf';

function sign(x: X): -1 | 0 | 1 {
  if (x === 'inf') return 1;
  if (x === '-inf') return -1;
  return x.isZero() ? 0 : x.isNegative() ? -1 : 1;
}

function cmpX(a: X, b: X): number {
  if (a === b) return 0;
  if (a === '-inf' || b === 'inf') return -1;
  if (a === 'inf' || b === '-inf') return 1;
  return a.cmp(b);
}

function loX(a: Interval): X {
  return a.lo ?? '-inf';
}
function hiX(a: Interval): X {
  return a.hi ?? 'inf';
}

interface Candidate {
  value: X;
  tight: boolean;
}

/** The interval spanned by candidate extreme values (e.g. the corners of a product). */
function spanOf(cs: Candidate[]): Interval {
  let lo = cs[0]!;
  let hi = cs[0]!;
  let loTight = lo.tight;
  let hiTight = hi.tight;
  for (const c of cs.slice(1)) {
    const l = cmpX(c.value, lo.value);
    if (l < 0) {
      lo = c;
      loTight = c.tight;
    } else if (l === 0) loTight ||= c.tight;
    const h = cmpX(c.value, hi.value);
    if (h > 0) {
      hi = c;
      hiTight = c.tight;
    } else if (h === 0) hiTight ||= c.tight;
  }
  return {
    lo: lo.value === '-inf' ? null : lo.value === 'inf' ? null : lo.value,
    hi: hi.value === 'inf' ? null : hi.value === '-inf' ? null : hi.value,
    loTight: lo.value === 'inf' ? false : loTight,
    hiTight: hi.value === '-inf' ? false : hiTight,
  };
}

/** −a. */
export function negI(a: Interval): Interval {
  return { lo: a.hi?.neg() ?? null, hi: a.lo?.neg() ?? null, loTight: a.hiTight, hiTight: a.loTight };
}

/** a + b. */
export function addI(a: Interval, b: Interval, independent: boolean): Interval {
  const bound = (x: Decimal | null, y: Decimal | null, tx: boolean, ty: boolean): [Decimal | null, boolean] => {
    if (x !== null && y !== null) return [x.add(y), independent && tx && ty];
    // Infinite: tight when an infinite side really is unbounded (the other side can be held anywhere).
    return [null, independent && ((x === null && tx) || (y === null && ty))];
  };
  const [lo, loTight] = bound(a.lo, b.lo, a.loTight, b.loTight);
  const [hi, hiTight] = bound(a.hi, b.hi, a.hiTight, b.hiTight);
  return { lo, hi, loTight, hiTight };
}

/** a − b. */
export function subI(a: Interval, b: Interval, independent: boolean): Interval {
  return addI(a, negI(b), independent);
}

/** a × b: the extremes are among the four corners (0 × ∞ counts as 0). */
export function mulI(a: Interval, b: Interval, independent: boolean): Interval {
  const ends = (i: Interval): [X, boolean][] => [
    [loX(i), i.loTight],
    [hiX(i), i.hiTight],
  ];
  const cs: Candidate[] = [];
  for (const [x, tx] of ends(a)) {
    for (const [y, ty] of ends(b)) {
      if (x !== 'inf' && x !== '-inf' && x.isZero()) cs.push({ value: Decimal.ZERO, tight: tx });
      else if (y !== 'inf' && y !== '-inf' && y.isZero()) cs.push({ value: Decimal.ZERO, tight: ty });
      else if (x instanceof Decimal && y instanceof Decimal) cs.push({ value: x.mul(y), tight: independent && tx && ty });
      else cs.push({ value: sign(x) * sign(y) > 0 ? 'inf' : '-inf', tight: independent && tx && ty });
    }
  }
  return spanOf(cs);
}

/** Whether an interval contains 0. */
export function containsZero(a: Interval): boolean {
  return (a.lo === null || a.lo.lte(Decimal.ZERO)) && (a.hi === null || a.hi.gte(Decimal.ZERO));
}

/** a ÷ b; unbounded when b may be 0 (the engine reports division by zero per subject). */
export function divI(a: Interval, b: Interval, independent: boolean): Interval {
  if (containsZero(b)) return UNBOUNDED;
  const ends = (i: Interval): [X, boolean][] => [
    [loX(i), i.loTight],
    [hiX(i), i.hiTight],
  ];
  const cs: Candidate[] = [];
  for (const [x, tx] of ends(a)) {
    for (const [y, ty] of ends(b)) {
      if (x instanceof Decimal && y instanceof Decimal) cs.push({ value: x.div(y), tight: independent && tx && ty });
      else if (x instanceof Decimal) cs.push({ value: Decimal.ZERO, tight: false }); // finite ÷ ∞ → approaches 0
      else cs.push({ value: sign(x) * sign(y) > 0 ? 'inf' : '-inf', tight: y instanceof Decimal && independent && tx && ty });
    }
  }
  return spanOf(cs);
}

/** min(a₁, a₂, …). */
export function minI(args: readonly Interval[], independent: boolean): Interval {
  if (args.length === 0) return UNBOUNDED;
  // Lowest: the argument with the lowest bound at that bound; the others need not move.
  const lo = spanOf(args.map((a) => ({ value: loX(a), tight: a.loTight })));
  // Highest: every argument at its highest at once.
  let hi: X = 'inf';
  for (const a of args) if (cmpX(hiX(a), hi) < 0) hi = hiX(a);
  const hiTight = independent && args.every((a) => a.hiTight);
  return { lo: lo.lo, hi: hi instanceof Decimal ? hi : null, loTight: lo.loTight, hiTight: hi === '-inf' ? false : hiTight };
}

/** max(a₁, a₂, …). */
export function maxI(args: readonly Interval[], independent: boolean): Interval {
  return negI(minI(args.map(negI), independent));
}

/** |a|. */
export function absI(a: Interval): Interval {
  if (a.lo !== null && !a.lo.isNegative()) return a;
  if (a.hi !== null && !a.hi.gt(Decimal.ZERO)) return negI(a);
  const n = negI(a);
  const up = spanOf([
    { value: hiX(a), tight: a.hiTight },
    { value: hiX(n), tight: n.hiTight },
  ]);
  return { lo: Decimal.ZERO, hi: up.hi, loTight: false, hiTight: up.hiTight };
}

/** round(a, step) with a constant step > 0: rounding is monotone, so the bounds round. */
export function roundI(a: Interval, step: Decimal, mode: RoundingMode): Interval {
  return {
    lo: a.lo?.roundTo(step, mode) ?? null,
    hi: a.hi?.roundTo(step, mode) ?? null,
    loTight: a.loTight,
    hiTight: a.hiTight,
  };
}

/** round(a, step) with a step that is not constant: within one step of a (unbounded if the step may be ≤ 0). */
export function roundVarI(a: Interval, step: Interval): Interval {
  if (step.lo === null || !step.lo.gt(Decimal.ZERO) || step.hi === null) return UNBOUNDED;
  return { lo: a.lo?.sub(step.hi) ?? null, hi: a.hi?.add(step.hi) ?? null, loTight: false, hiTight: false };
}

/** The smallest interval holding both (the value is one or the other). */
export function joinI(a: Interval, b: Interval): Interval {
  const lo = spanOf([
    { value: loX(a), tight: a.loTight },
    { value: loX(b), tight: b.loTight },
  ]);
  const hi = spanOf([
    { value: hiX(a), tight: a.hiTight },
    { value: hiX(b), tight: b.hiTight },
  ]);
  return { lo: lo.lo, hi: hi.hi, loTight: lo.loTight, hiTight: hi.hiTight };
}

/** Whether some value of `a` may be above `d`. */
export function mayExceed(a: Interval, d: Decimal): boolean {
  return a.hi === null || a.hi.gt(d);
}

/** Whether some value of `a` may be below `d`. */
export function mayGoBelow(a: Interval, d: Decimal): boolean {
  return a.lo === null || a.lo.lt(d);
}

/** A bound in words: `12`, `−∞`, `+∞`. */
export function formatBound(d: Decimal | null, side: 'lo' | 'hi'): string {
  if (d === null) return side === 'lo' ? '−∞' : '+∞';
  return d.toString();
}

/** An interval in words: `[0, 12]`. */
export function formatInterval(a: Interval): string {
  return `[${formatBound(a.lo, 'lo')}, ${formatBound(a.hi, 'hi')}]`;
}
