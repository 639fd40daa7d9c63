/**
 * The pass mark against the totals a subject can reach.
 *
 * A valid result has every indicator within [0, max] (anything else makes the subject
 * invalid), so the highest reachable total is at most Σ min(max, highest provable points)
 * less the deductions that cannot be avoided, and the lowest is at least Σ lowest points
 * less every deduction that can apply, then the floor.
 */
import { Decimal, pointer, type Rubric } from '@rubric/model';
import type { RangeAnalyzer } from './analysis.js';
import type { CheckContext } from './context.js';
import { dayNumber } from '@rubric/model';
import { dec } from './fold.js';
import { analyseRubric } from './indicator-ranges.js';

/** Bounds on the total a valid result can have; `lowest` null when it has no lower bound. */
export interface TotalBounds {
  highest: Decimal;
  lowest: Decimal | null;
  /** Σ indicator maxima. */
  sumOfMaxima: Decimal;
}

function clamp(d: Decimal, lo: Decimal, hi: Decimal): Decimal {
  return Decimal.min(Decimal.max(d, lo), hi);
}

/** The least and most the deductions can take off together (most: null when unlimited). */
function deductionBounds(ctx: CheckContext, an: RangeAnalyzer): { least: Decimal; most: Decimal | null } {
  const r: Rubric = ctx.rubric;
  const env = an.baseEnv();
  let least = Decimal.ZERO;
  let most: Decimal | null = Decimal.ZERO;
  r.deductions.forEach((d, i) => {
    let lo = Decimal.ZERO;
    let hi: Decimal | null = null;
    if (d.kind === 'per-unit') {
      const amount = dec(d.amount);
      if (!ctx.isBad(pointer('deductions', i, 'count'))) {
        const c = an.numberRange(d.count, env);
        lo = amount.mul(Decimal.max(c.lo ?? Decimal.ZERO, Decimal.ZERO));
        hi = c.hi === null ? null : amount.mul(Decimal.max(c.hi, Decimal.ZERO));
      }
    } else if (d.kind === 'conditional') {
      const amount = dec(d.amount);
      if (ctx.isBad(pointer('deductions', i, 'when'))) hi = amount;
      else {
        const p = an.possible(d.when, env);
        lo = p.canFalse ? Decimal.ZERO : amount;
        hi = p.canTrue ? amount : Decimal.ZERO;
      }
    } else if (d.field === undefined) {
      lo = Decimal.max(dec(d.min), Decimal.ZERO);
      hi = Decimal.max(dec(d.max), Decimal.ZERO);
    }
    if (d.cap !== undefined) {
      const cap = Decimal.max(dec(d.cap), Decimal.ZERO);
      lo = Decimal.min(lo, cap);
      hi = hi === null ? cap : Decimal.min(hi, cap);
    }
    least = least.add(lo);
    most = most === null || hi === null ? null : most.add(hi);
  });
  if (r.deductionCap !== undefined) {
    const cap = Decimal.max(dec(r.deductionCap), Decimal.ZERO);
    least = Decimal.min(least, cap);
    most = most === null ? cap : Decimal.min(most, cap);
  }
  return { least, most };
}

/** Bounds on the totals of valid results (shared with the grade check). */
export function totalBounds(ctx: CheckContext): TotalBounds {
  const cached = ctx.memo.get('totals') as TotalBounds | undefined;
  if (cached) return cached;
  const { analyzer, indicators } = analyseRubric(ctx);
  let hi = Decimal.ZERO;
  let lo = Decimal.ZERO;
  let sumOfMaxima = Decimal.ZERO;
  for (const a of indicators) {
    const max = dec(a.indicator.max);
    sumOfMaxima = sumOfMaxima.add(max);
    const r = a.range;
    hi = hi.add(r?.hi == null ? max : clamp(r.hi, Decimal.ZERO, max));
    lo = lo.add(r?.lo == null ? Decimal.ZERO : clamp(r.lo, Decimal.ZERO, max));
  }
  const d = deductionBounds(ctx, analyzer);
  let highest = hi.sub(d.least);
  let lowest: Decimal | null = d.most === null ? null : lo.sub(d.most);
  const floor = ctx.rubric.floor;
  if (floor !== null) {
    highest = Decimal.max(highest, dec(floor));
    lowest = lowest === null ? dec(floor) : Decimal.max(lowest, dec(floor));
  }
  const result = { highest, lowest, sumOfMaxima };
  ctx.memo.set('totals', result);
  return result;
}

/** `rubric/unreachable-pass-mark` (error) and `rubric/pass-mark-always-met` (warning), for every value the pass mark can take while the rubric is in force. */
export function checkPassMark(ctx: CheckContext): void {
  const r = ctx.rubric;
  const pi = r.parameters.findIndex((p) => p.id === r.passMark);
  const b = ctx.scope.resolve(r.passMark);
  if (pi < 0 || b?.kind !== 'parameter') return; // reported as unknown-parameter
  const { highest, lowest, sumOfMaxima } = totalBounds(ctx);
  const { analyzer } = analyseRubric(ctx);
  const env = analyzer.baseEnv();
  const ef = dayNumber(r.effective.from) ?? -Infinity;
  const eu = r.effective.until === undefined ? Infinity : (dayNumber(r.effective.until) ?? Infinity);
  const check = (value: number, path: string, override?: number): void => {
    const v = dec(value);
    const what = `the pass mark ${v.toString()}${override === undefined ? '' : ` (override ${override + 1})`}`;
    if (v.gt(highest)) {
      const why = highest.lt(sumOfMaxima)
        ? `the highest total a subject can reach is ${highest.toString()} (the indicators' maxima add up to ${sumOfMaxima.toString()})`
        : `the highest total a subject can reach is ${highest.toString()}`;
      ctx.error('rubric/unreachable-pass-mark', path, `${what} can never be reached: ${why}`, 'lower the pass mark, or check the points');
    } else if (lowest !== null && v.lte(lowest)) {
      ctx.warning('rubric/pass-mark-always-met', path, `${what} is met by every total: the lowest total a subject can get is ${lowest.toString()}`, 'check the pass mark');
    }
  };
  r.parameters[pi]!.periods.forEach((per, j) => {
    const from = per.from === undefined ? -Infinity : (dayNumber(per.from) ?? -Infinity);
    const until = per.until === undefined ? Infinity : (dayNumber(per.until) ?? Infinity);
    if (Math.max(from, ef) > Math.min(until, eu)) return; // never in force while the rubric is
    const at = (...rest: (string | number)[]): string => pointer('parameters', pi, 'periods', j, ...rest);
    check(per.value, at('value'));
    per.overrides.forEach((o, k) => {
      const wp = at('overrides', k, 'when');
      if (!ctx.isBad(wp) && !analyzer.possible(o.when, env).canTrue) return;
      check(o.value, at('overrides', k, 'value'), k);
    });
  });
}

/** `rubric/unreachable-grade` (warning): a grade band above the highest reachable total. */
export function checkGradeReach(ctx: CheckContext): void {
  const { highest } = totalBounds(ctx);
  ctx.rubric.grades.forEach((g, k) => {
    if (dec(g.min).gt(highest)) {
      ctx.warning('rubric/unreachable-grade', pointer('grades', k, 'min'), `grade \`${g.label}\` starts at ${g.min}, above the highest total a subject can reach (${highest.toString()})`);
    }
  });
}
