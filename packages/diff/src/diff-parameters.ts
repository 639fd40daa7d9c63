/**
 * A parameter's values over time, compared day by day: the two histories are cut at every
 * date either of them changes on, each stretch is compared (value and overrides), and
 * neighbouring stretches with the same change are joined. So a history split into more
 * periods with the same values is no change, and a dated change shows with its dates.
 */
import { dateOfDay, dayNumber, type Parameter } from '@rubric/model';
import { describePeriodValue } from './describe.js';

/** One stretch of dates on which the value differs. */
export interface ValueChange {
  period: { from?: string; until?: string };
  /** `85; 80 where district_risk is low`, or null when the parameter has no value then. */
  before: string | null;
  after: string | null;
}

interface Stretch {
  from: number; // -Infinity = since always
  until: number; // Infinity = open-ended
  value: string;
}

function stretches(p: Parameter | undefined): Stretch[] {
  if (!p) return [];
  return p.periods.flatMap((per) => {
    const from = per.from === undefined ? -Infinity : dayNumber(per.from);
    const until = per.until === undefined ? Infinity : dayNumber(per.until);
    if (from === undefined || until === undefined) return [];
    return [{ from, until, value: describePeriodValue(per) }];
  });
}

function valueOn(list: readonly Stretch[], day: number): string | null {
  return list.find((s) => s.from <= day && day <= s.until)?.value ?? null;
}

/** The stretches of dates on which `before` and `after` give different values. */
export function diffParameterValues(before: Parameter | undefined, after: Parameter | undefined): ValueChange[] {
  const a = stretches(before);
  const b = stretches(after);
  // Every day a value may start or stop: the start of each stretch and the day after each end.
  const cuts = new Set<number>();
  for (const s of [...a, ...b]) {
    if (s.from !== -Infinity) cuts.add(s.from);
    if (s.until !== Infinity) cuts.add(s.until + 1);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const starts = [-Infinity, ...points];
  const changes: { from: number; until: number; before: string | null; after: string | null }[] = [];
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : Infinity;
    // Any day of the stretch stands for all of it; -Infinity has none, so use the day before the first cut.
    const probe = start === -Infinity ? (points[0] ?? 0) - 1 : start;
    const x = valueOn(a, probe);
    const y = valueOn(b, probe);
    if (x === y) return;
    const last = changes[changes.length - 1];
    if (last && last.before === x && last.after === y && last.until + 1 === start) last.until = end;
    else changes.push({ from: start, until: end, before: x, after: y });
  });
  return changes.map((c) => {
    const period: { from?: string; until?: string } = {};
    if (c.from !== -Infinity) period.from = dateOfDay(c.from);
    if (c.until !== Infinity) period.until = dateOfDay(c.until);
    return { period, before: c.before, after: c.after };
  });
}
