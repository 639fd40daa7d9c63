/**
 * The points each indicator can give, rule by rule, with the problems found on the way:
 * points outside [0, max], cases that can never match, checklist items worth more than
 * the indicator. Computed once per check run and shared by the range, gate and
 * pass-mark checks.
 */
import { Decimal, allIndicators, pointer, type Indicator, type Severity } from '@rubric/model';
import { RangeAnalyzer, type Env } from './analysis.js';
import type { CheckContext } from './context.js';
import { constantNumber, dec } from './fold.js';
import {
  addI,
  formatBound,
  joinI,
  maxI,
  mayExceed,
  mayGoBelow,
  mulI,
  point,
  subI,
  type Interval,
} from './intervals.js';

/** A problem found while analysing, reported by the check that owns it. */
export interface Finding {
  severity: Severity;
  code: string;
  path: string;
  message: string;
  hint?: string;
}

/** What the analysis found for one indicator. */
export interface IndicatorAnalysis {
  indicator: Indicator;
  /** JSON pointer of the indicator. */
  path: string;
  /** The points it can give over all inputs (a sound superset); undefined when its rule has name or type errors. */
  range: Interval | undefined;
  findings: Finding[];
}

/** The analysis of a whole rubric. */
export interface RubricAnalysis {
  analyzer: RangeAnalyzer;
  indicators: IndicatorAnalysis[];
}

/** The shared analysis of `ctx`'s rubric (computed on first use). */
export function analyseRubric(ctx: CheckContext): RubricAnalysis {
  const cached = ctx.memo.get('analysis') as RubricAnalysis | undefined;
  if (cached) return cached;
  const analyzer = new RangeAnalyzer(ctx.rubric, ctx.scope);
  const indicators = allIndicators(ctx.rubric).map(({ indicator, sectionIndex, index }) => {
    const path = pointer('sections', sectionIndex, 'indicators', index);
    const a: IndicatorAnalysis = { indicator, path, range: undefined, findings: [] };
    if (ctx.isBad(`${path}/rule`)) return a;
    new IndicatorAnalyser(analyzer, indicator, path, a).run();
    return a;
  });
  const result = { analyzer, indicators };
  ctx.memo.set('analysis', result);
  return result;
}

function finding(severity: Severity, code: string, path: string, message: string, hint?: string): Finding {
  const f: Finding = { severity, code, path, message };
  if (hint !== undefined) f.hint = hint;
  return f;
}

function pts(d: Decimal): string {
  return `${d.toString()} ${d.eq(Decimal.ONE) ? 'point' : 'points'}`;
}

class IndicatorAnalyser {
  private readonly max: Decimal;
  private readonly of: string;

  constructor(
    private readonly an: RangeAnalyzer,
    private readonly ind: Indicator,
    private readonly path: string,
    private readonly out: IndicatorAnalysis,
  ) {
    this.max = dec(ind.max);
    this.of = `indicator \`${ind.id}\``;
  }

  run(): void {
    const rule = this.ind.rule;
    const env = this.an.baseEnv();
    const rp = `${this.path}/rule`;
    switch (rule.kind) {
      case 'expression': {
        const r = this.an.numberRange(rule.points, env);
        this.checkPoints(r, `${rp}/points`, this.of, constantNumber(rule.points) !== undefined);
        this.out.range = r;
        return;
      }
      case 'cases':
        return this.runCases(rp, env);
      case 'checklist':
        return this.runChecklist(rp, env);
    }
  }

  /** Reports points that can leave [0, max]: errors when a tight bound proves it, warnings when only the estimate does. */
  private checkPoints(r: Interval, path: string, subject: string, constant: boolean): void {
    const max = this.max;
    const verb = constant ? 'gives' : 'can score';
    if (mayExceed(r, max)) {
      const cap = `min(…, ${max.toString()})`;
      if (r.hiTight) {
        this.out.findings.push(
          finding(
            'error',
            'rubric/points-out-of-range',
            path,
            r.hi === null
              ? `${subject} can score without limit, above the maximum of ${pts(max)}`
              : `${subject} ${verb} ${pts(r.hi)}, above the maximum of ${pts(max)}`,
            constant ? `give at most ${pts(max)}, or raise the indicator's points` : `keep it within 0..${max.toString()}, e.g. \`${cap}\``,
          ),
        );
      } else {
        this.out.findings.push(
          finding(
            'warning',
            'rubric/points-may-exceed',
            path,
            `${subject} may score up to ${formatBound(r.hi, 'hi')} points, above the maximum of ${pts(max)}`,
            `the checker could not rule this out; if it can happen, cap it, e.g. \`${cap}\``,
          ),
        );
      }
    }
    if (mayGoBelow(r, Decimal.ZERO)) {
      if (r.loTight) {
        this.out.findings.push(
          finding(
            'error',
            'rubric/points-out-of-range',
            path,
            r.lo === null ? `${subject} can score without limit below 0` : `${subject} ${verb} ${pts(r.lo)}, below 0`,
            constant ? 'points are 0 or more; take points off with a checklist in `deduct` mode or a deduction' : 'keep it at 0 or more, e.g. `max(…, 0)`',
          ),
        );
      } else {
        this.out.findings.push(
          finding(
            'warning',
            'rubric/points-may-exceed',
            path,
            `${subject} may score as low as ${formatBound(r.lo, 'lo')} points, below 0`,
            'the checker could not rule this out; if it can happen, keep it at 0 or more, e.g. `max(…, 0)`',
          ),
        );
      }
    }
  }

  private runCases(rp: string, env0: Env): void {
    if (this.ind.rule.kind !== 'cases') return;
    const { cases, otherwise } = this.ind.rule;
    let env: Env | null = env0;
    let range: Interval | undefined;
    let alwaysBefore: number | undefined;
    cases.forEach((c, k) => {
      const subject = `case ${k + 1} of ${this.of}`;
      const reach = env && this.an.assume(c.when, true, env);
      if (!reach) {
        this.out.findings.push(
          finding(
            'warning',
            'rubric/case-never-matches',
            `${rp}/cases/${k}/when`,
            alwaysBefore !== undefined ? `${subject} can never match: case ${alwaysBefore + 1} before it always does` : `${subject} can never match`,
            'remove it, or fix its condition',
          ),
        );
      } else {
        const r = this.an.numberRange(c.points, reach);
        this.checkPoints(r, `${rp}/cases/${k}/points`, subject, constantNumber(c.points) !== undefined);
        range = range ? joinI(range, r) : r;
      }
      if (env) {
        env = this.an.assume(c.when, false, env);
        if (!env) alwaysBefore = k;
      }
    });
    if (env) {
      const r = this.an.numberRange(otherwise, env);
      this.checkPoints(r, `${rp}/otherwise`, `the \`otherwise\` of ${this.of}`, constantNumber(otherwise) !== undefined);
      range = range ? joinI(range, r) : r;
    }
    this.out.range = range ?? point(Decimal.ZERO);
  }

  private runChecklist(rp: string, env: Env): void {
    if (this.ind.rule.kind !== 'checklist') return;
    const { mode, items } = this.ind.rule;
    let sum: Interval = point(Decimal.ZERO);
    const seen = new Set<string>();
    let unboundedCount: number | undefined;
    items.forEach((it, k) => {
      const p = dec(it.points);
      let hits: Interval;
      let deps: Set<string>;
      if (it.when) {
        const t = this.an.assume(it.when, true, env);
        const f = this.an.assume(it.when, false, env);
        hits = {
          lo: f ? Decimal.ZERO : Decimal.ONE,
          hi: t ? Decimal.ONE : Decimal.ZERO,
          loTight: f ? f.certain() : t !== null,
          hiTight: t ? t.certain() : f !== null,
        };
        deps = this.an.depsOf(it.when);
      } else if (it.count) {
        const c = this.an.numberRange(it.count, env);
        // A negative count is reported on its own (count-may-be-negative); count from 0 here.
        hits = mayGoBelow(c, Decimal.ZERO) ? { ...c, lo: Decimal.ZERO, loTight: false } : c;
        if (hits.hi !== null && hits.hi.lt(Decimal.ZERO)) hits = point(Decimal.ZERO, false);
        deps = this.an.depsOf(it.count);
        if (hits.hi === null && !p.isZero()) unboundedCount ??= k;
      } else {
        return;
      }
      const independent = ![...deps].some((d) => seen.has(d));
      for (const d of deps) seen.add(d);
      sum = addI(sum, mulI(point(p), hits, true), independent);
      if (mode === 'deduct' && p.gt(this.max)) {
        this.out.findings.push(
          finding(
            'warning',
            'rubric/item-exceeds-max',
            `${rp}/items/${k}/points`,
            `item \`${it.id}\` of ${this.of} takes off ${pts(p)}, more than the indicator's ${pts(this.max)}`,
            'one hit already takes the indicator to 0 (扣完为止); check the item points',
          ),
        );
      }
    });
    if (mode === 'deduct') {
      this.out.range = maxI([subI(point(this.max), sum, true), point(Decimal.ZERO)], true);
      return;
    }
    this.out.range = sum;
    if (!mayExceed(sum, this.max)) return;
    if (unboundedCount !== undefined && sum.hi === null) {
      const it = items[unboundedCount]!;
      this.out.findings.push(
        finding(
          sum.hiTight ? 'error' : 'warning',
          sum.hiTight ? 'rubric/points-out-of-range' : 'rubric/points-may-exceed',
          `${rp}/items/${unboundedCount}/count`,
          `item \`${it.id}\` of ${this.of} ${sum.hiTight ? 'can count' : 'may count'} without limit, so the checklist can award more than the maximum of ${pts(this.max)}`,
          'limit the count, e.g. `min(…, 3)`, or give the counted fact a `max`',
        ),
      );
      return;
    }
    const total = formatBound(sum.hi, 'hi');
    this.out.findings.push(
      sum.hiTight
        ? finding(
            'error',
            'rubric/points-out-of-range',
            `${rp}/items`,
            `the checklist of ${this.of} can award ${total} points, above the maximum of ${pts(this.max)}`,
            `lower the items' points so that they add up to at most ${this.max.toString()}, or raise the indicator's points`,
          )
        : finding(
            'warning',
            'rubric/points-may-exceed',
            `${rp}/items`,
            `the checklist of ${this.of} may award up to ${total} points, above the maximum of ${pts(this.max)}`,
            'the checker could not tell whether all items can be met at once; if they can, lower their points',
          ),
    );
  }
}
