/**
 * The impact of a new version on a dataset: each subject's result under both versions,
 * whether its outcome flips, and what explains the difference — the indicator groups that
 * scored differently (with the rules that gave the points), deductions, the pass mark,
 * and reasons that appeared or went away.
 */
import type { CompiledRubric } from '@rubric/engine';
import { Decimal, OUTCOMES, type EvaluationResult, type Outcome } from '@rubric/model';
import type { Impact, ImpactCause, IndicatorGroup, ResultSummary, RubricDiff, SubjectImpact, TransitionCount } from './types.js';

/** One subject's results under the old and the new version (evaluated with `explain` for the causes to name rules). */
export interface ResultPair {
  old: EvaluationResult;
  new: EvaluationResult;
}

/** Compares each pair of results and counts the transitions. Pairs are in data order. */
export function compareResults(diff: Pick<RubricDiff, 'indicators'>, pairs: Iterable<ResultPair>, info: { asOf: { old: string; new: string }; data?: string }): Impact {
  const builder = new ImpactBuilder(diff, info);
  for (const pair of pairs) builder.add(pair);
  return builder.finish();
}

/**
 * Builds an impact one pair at a time (for data read as a stream): only each subject's
 * summary is kept, not its full results.
 */
export class ImpactBuilder {
  private readonly results: SubjectImpact[] = [];

  constructor(
    private readonly diff: Pick<RubricDiff, 'indicators'>,
    private readonly info: { asOf: { old: string; new: string }; data?: string },
  ) {}

  /** Adds the next subject's pair of results. */
  add(pair: ResultPair): void {
    this.results.push(compareOne(this.diff.indicators, pair, this.results.length + 1));
  }

  /** The impact of every pair added. */
  finish(): Impact {
    const results = this.results;
    const counts = new Map<string, TransitionCount>();
    for (const r of results) {
      const key = `${r.old.outcome}>${r.new.outcome}`;
      const c = counts.get(key) ?? { from: r.old.outcome, to: r.new.outcome, count: 0 };
      c.count++;
      counts.set(key, c);
    }
    const flipped = results.filter((r) => r.flipped);
    const totalChanged = results.filter((r) => !r.flipped && r.delta !== null && r.delta !== 0);
    const rest = results.filter((r) => !r.flipped && !(r.delta !== null && r.delta !== 0));
    const impact: Impact = {
      asOf: { ...this.info.asOf },
      subjects: results.length,
      flipped: flipped.length,
      totalChanged: totalChanged.length,
      unchanged: rest.length,
      counts: sortCounts([...counts.values()]),
      results: [...flipped, ...totalChanged, ...rest],
    };
    if (this.info.data !== undefined) impact.data = this.info.data;
    return impact;
  }
}

/** Options of {@link measureImpact}. */
export interface ImpactOptions {
  /** Evaluate both versions on this date; default: each on its own `effective.from`. */
  asOf?: string;
  data?: string;
}

/** Evaluates plain subjects (JSON objects) under both versions and compares the results. */
export function measureImpact(diff: Pick<RubricDiff, 'indicators'>, old: CompiledRubric, next: CompiledRubric, subjects: Iterable<unknown>, options: ImpactOptions = {}): Impact {
  const asOf = impactDates(old, next, options.asOf);
  const pairs = function* (): Generator<ResultPair> {
    for (const s of subjects) yield { old: old.evaluate(s, { asOf: asOf.old, explain: true }), new: next.evaluate(s, { asOf: asOf.new, explain: true }) };
  };
  const info: { asOf: { old: string; new: string }; data?: string } = { asOf };
  if (options.data !== undefined) info.data = options.data;
  return compareResults(diff, pairs(), info);
}

/** The dates to evaluate each version on: `asOf` for both, or each version's `effective.from`. */
export function impactDates(old: CompiledRubric, next: CompiledRubric, asOf?: string): { old: string; new: string } {
  return asOf !== undefined ? { old: asOf, new: asOf } : { old: old.rubric.effective.from, new: next.rubric.effective.from };
}

function summarize(r: EvaluationResult): ResultSummary {
  return {
    outcome: r.outcome,
    total: r.total,
    passMark: r.passMark,
    reasons: r.reasons.map((x) => x.key),
    errors: r.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
  };
}

function compareOne(groups: readonly IndicatorGroup[], pair: ResultPair, index: number): SubjectImpact {
  const a = pair.old;
  const b = pair.new;
  const causes: ImpactCause[] = [];
  if (a.outcome === 'invalid' || b.outcome === 'invalid') {
    if (a.outcome === 'invalid') causes.push({ kind: 'invalid', side: 'old', errors: summarize(a).errors });
    if (b.outcome === 'invalid') causes.push({ kind: 'invalid', side: 'new', errors: summarize(b).errors });
  } else {
    for (const g of groups) {
      const before = sum(g.from.map((id) => a.indicators[id] ?? 0));
      const after = sum(g.to.map((id) => b.indicators[id] ?? 0));
      if (before.eq(after)) continue;
      causes.push({ kind: 'indicator', from: g.from, to: g.to, before: before.toNumber(), after: after.toNumber(), rulesBefore: g.from.map((id) => ruleText(a, id)), rulesAfter: g.to.map((id) => ruleText(b, id)) });
    }
    const ids = new Set([...a.deductions.map((d) => d.id), ...b.deductions.map((d) => d.id)]);
    for (const id of [...ids].sort()) {
      const x = a.deductions.find((d) => d.id === id)?.amount ?? 0;
      const y = b.deductions.find((d) => d.id === id)?.amount ?? 0;
      if (x !== y) causes.push({ kind: 'deduction', id, before: x, after: y });
    }
    if (a.passMark !== b.passMark) {
      const c: ImpactCause = { kind: 'pass-mark', before: a.passMark, after: b.passMark };
      const rb = passMarkRule(a);
      const ra = passMarkRule(b);
      if (rb !== undefined) c.ruleBefore = rb;
      if (ra !== undefined) c.ruleAfter = ra;
      causes.push(c);
    }
    const keysA = new Map(a.reasons.map((r) => [r.key, r.message]));
    const keysB = new Map(b.reasons.map((r) => [r.key, r.message]));
    for (const [key, message] of keysA) if (!keysB.has(key)) causes.push({ kind: 'reason', change: 'removed', key, message });
    for (const [key, message] of keysB) if (!keysA.has(key)) causes.push({ kind: 'reason', change: 'added', key, message });
  }
  const delta = a.total === null || b.total === null ? null : Decimal.fromNumber(b.total).sub(Decimal.fromNumber(a.total)).toNumber();
  return { index, id: b.id ?? a.id, old: summarize(a), new: summarize(b), flipped: a.outcome !== b.outcome, delta, causes };
}

/** `four_piece_check = 9.5: round(10 * four_piece_check_rate, 0.5) [four_piece_check_rate = 0.95]`. */
function ruleText(r: EvaluationResult, id: string): string {
  const x = r.explanation?.indicators[id];
  const points = r.indicators[id];
  const head = `${id} = ${points ?? '—'}`;
  if (!x) return head;
  const reads = Object.entries(x.reads).map(([k, v]) => `${k} = ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const branch = x.branch === 'expression' ? '' : `${x.branch}: `;
  return `${head}: ${branch}${x.rule}${reads.length > 0 ? ` [${reads.join(', ')}]` : ''}`;
}

function passMarkRule(r: EvaluationResult): string | undefined {
  const s = r.passMarkSource;
  if (!s) return undefined;
  const { from, until } = s.period;
  const period = from && until ? `${from} … ${until}` : from ? `from ${from}` : until ? `until ${until}` : 'always';
  return `${s.parameter} = ${r.passMark}: ${s.when !== undefined ? `where ${s.when}` : 'base value'} (${period})`;
}

function sum(xs: readonly number[]): Decimal {
  return xs.reduce((acc, x) => acc.add(Decimal.fromNumber(x)), Decimal.ZERO);
}

/** Flips first, ordered by outcome (pass, fail, vetoed, invalid) of the old then the new side; unchanged outcomes after. */
function sortCounts(list: TransitionCount[]): TransitionCount[] {
  const rank = (o: Outcome): number => OUTCOMES.indexOf(o);
  return list.sort((x, y) => Number(x.from === x.to) - Number(y.from === y.to) || rank(x.from) - rank(y.from) || rank(x.to) - rank(y.to));
}
