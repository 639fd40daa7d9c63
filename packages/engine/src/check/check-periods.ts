/**
 * Dates and effective periods: the rubric's and each parameter's history.
 * Periods include both ends; an absent `from` is "since always", an absent `until` "from then on".
 */
import { pointer, walkExpr } from '@rubric/model';
import type { CheckContext } from './context.js';
import { dateOfDay, dayNumber } from '@rubric/model';
import { expressionSites } from './sites.js';

interface Span {
  from: number; // -Infinity when open
  until: number; // +Infinity when open
  index: number;
}

function describeSpan(from: number, until: number): string {
  if (from === -Infinity && until === Infinity) return 'on every day';
  if (from === -Infinity) return `up to ${dateOfDay(until)}`;
  if (until === Infinity) return `from ${dateOfDay(from)} on`;
  return from === until ? `on ${dateOfDay(from)}` : `from ${dateOfDay(from)} to ${dateOfDay(until)}`;
}

/** Reads a date, reporting `rubric/bad-date`; `open` when absent. */
function readDay(ctx: CheckContext, text: string | undefined, path: string, open: number, what: string): number | undefined {
  if (text === undefined) return open;
  const d = dayNumber(text);
  if (d === undefined) ctx.error('rubric/bad-date', path, `${what} \`${text}\`, which is not a calendar date`, 'write a real day as YYYY-MM-DD');
  return d;
}

/** The parameters whose value matters: the pass mark and those that expressions read. */
function usedParameters(ctx: CheckContext): Set<string> {
  const ids = new Set(ctx.rubric.parameters.map((p) => p.id));
  const used = new Set<string>([ctx.rubric.passMark]);
  for (const site of expressionSites(ctx.rubric)) {
    walkExpr(site.expr, (n) => {
      if (n.kind === 'ref' && ids.has(n.name)) used.add(n.name);
    });
  }
  return used;
}

/** `rubric/bad-date`, `rubric/bad-period`, `rubric/overlapping-periods` and `rubric/period-gap` (warning). */
export function checkPeriods(ctx: CheckContext): void {
  const r = ctx.rubric;
  const ef = readDay(ctx, r.effective.from, '/effective/from', -Infinity, 'the rubric takes effect on');
  const eu = readDay(ctx, r.effective.until, '/effective/until', Infinity, 'the rubric ends on');
  let effective: Span | undefined;
  if (ef !== undefined && eu !== undefined) {
    if (ef > eu) {
      ctx.error('rubric/bad-period', '/effective/until', `the rubric ends (${r.effective.until}) before it takes effect (${r.effective.from})`, 'swap the dates, or fix the one that is wrong');
    } else effective = { from: ef, until: eu, index: -1 };
  }
  const used = usedParameters(ctx);
  r.parameters.forEach((p, pi) => {
    const spans: Span[] = [];
    let allValid = true;
    p.periods.forEach((per, j) => {
      const at = (...rest: (string | number)[]): string => pointer('parameters', pi, 'periods', j, ...rest);
      const from = readDay(ctx, per.from, at('from'), -Infinity, `period ${j + 1} of parameter \`${p.id}\` starts on`);
      const until = readDay(ctx, per.until, at('until'), Infinity, `period ${j + 1} of parameter \`${p.id}\` ends on`);
      if (from === undefined || until === undefined) {
        allValid = false;
        return;
      }
      if (from > until) {
        allValid = false;
        ctx.error('rubric/bad-period', at('until'), `period ${j + 1} of parameter \`${p.id}\` ends (${per.until}) before it starts (${per.from})`, 'swap the dates, or fix the one that is wrong');
        return;
      }
      for (const other of spans) {
        const lo = Math.max(other.from, from);
        const hi = Math.min(other.until, until);
        if (lo <= hi) {
          ctx.error(
            'rubric/overlapping-periods',
            per.from !== undefined ? at('from') : at(),
            `periods ${other.index + 1} and ${j + 1} of parameter \`${p.id}\` overlap: both are in force ${describeSpan(lo, hi)}`,
            'both ends of a period are included; start the later one the day after the earlier one ends',
          );
        }
      }
      spans.push({ from, until, index: j });
    });
    if (!effective || !allValid || !used.has(p.id)) return;
    const gap = firstGap(effective, spans);
    if (gap) {
      ctx.warning(
        'rubric/period-gap',
        pointer('parameters', pi, 'periods'),
        `parameter \`${p.id}\` has no value ${describeSpan(gap.from, gap.until)}, while the rubric is in force`,
        'add a period that covers those days, or extend a neighbouring one',
      );
    }
  });
}

/** The first run of days of `within` that no span covers. */
function firstGap(within: Span, spans: readonly Span[]): { from: number; until: number } | undefined {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  let cur = within.from;
  for (const s of sorted) {
    if (cur === Infinity || cur > within.until) return undefined;
    if (s.from > cur) return { from: cur, until: Math.min(s.from - 1, within.until) };
    cur = Math.max(cur, s.until === Infinity ? Infinity : s.until + 1);
  }
  return cur !== Infinity && cur <= within.until ? { from: cur, until: within.until } : undefined;
}
