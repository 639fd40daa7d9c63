/**
 * Points outside [0, max], cases that never match, and counts that can be negative.
 */
import { Decimal, pointer, type Expr } from '@rubric/model';
import type { CheckContext } from './context.js';
import { analyseRubric } from './indicator-ranges.js';
import { formatBound, mayGoBelow } from './intervals.js';

/**
 * `rubric/points-out-of-range` (error), `rubric/points-may-exceed`, `rubric/case-never-matches`,
 * `rubric/item-exceeds-max` and `rubric/count-may-be-negative` (warnings).
 */
export function checkRanges(ctx: CheckContext): void {
  const { analyzer, indicators } = analyseRubric(ctx);
  for (const a of indicators) for (const f of a.findings) ctx.report(f.severity, f.code, f.path, f.message, f.hint);

  const env = analyzer.baseEnv();
  const checkCount = (count: Expr, path: string, what: string): void => {
    if (ctx.isBad(path)) return;
    const r = analyzer.numberRange(count, env);
    if (!mayGoBelow(r, Decimal.ZERO)) return;
    let hint = 'a count is a number of hits: keep it at 0 or more, e.g. `max(…, 0)`';
    if (count.kind === 'ref') {
      const b = ctx.scope.resolve(count.name);
      const f = b?.kind === 'fact' ? b.fact : b?.kind === 'field' ? b.field : undefined;
      if (f && (f.type.kind === 'integer' || f.type.kind === 'decimal')) hint = `declare \`min: 0\` on \`${count.name}\``;
    }
    ctx.warning(
      'rubric/count-may-be-negative',
      path,
      `${what} ${r.loTight ? 'can' : 'may'} be negative${r.lo === null ? '' : ` (down to ${formatBound(r.lo, 'lo')})`}, which would give points back`,
      hint,
    );
  };
  ctx.rubric.sections.forEach((s, si) =>
    s.indicators.forEach((ind, ii) => {
      if (ind.rule.kind !== 'checklist') return;
      ind.rule.items.forEach((it, k) => {
        if (it.count && it.when === undefined) {
          checkCount(it.count, pointer('sections', si, 'indicators', ii, 'rule', 'items', k, 'count'), `the count of item \`${it.id}\` of indicator \`${ind.id}\``);
        }
      });
    }),
  );
  ctx.rubric.deductions.forEach((d, i) => {
    if (d.kind === 'per-unit') checkCount(d.count, pointer('deductions', i, 'count'), `the count of deduction \`${d.id}\``);
  });
}
