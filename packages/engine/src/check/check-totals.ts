/**
 * Declared totals against the indicators' maxima, in exact decimals.
 */
import { Decimal, pointer } from '@rubric/model';
import type { CheckContext } from './context.js';
import { dec } from './fold.js';

/** `rubric/total-mismatch` (at `/total`) and `rubric/section-total-mismatch` (at `/sections/i/max`). */
export function checkTotals(ctx: CheckContext): void {
  const r = ctx.rubric;
  const sums = r.sections.map((s) => s.indicators.reduce((acc, ind) => acc.add(dec(ind.max)), Decimal.ZERO));
  const sum = sums.reduce((a, b) => a.add(b), Decimal.ZERO);
  if (!sum.eq(dec(r.total))) {
    const parts = r.sections.map((s, i) => `\`${s.id}\` ${sums[i]!.toString()}`).join(', ');
    ctx.error(
      'rubric/total-mismatch',
      '/total',
      `the indicators add up to ${sum.toString()} points, but the declared total is ${dec(r.total).toString()}`,
      r.sections.length > 1 ? `by section: ${parts}` : undefined,
    );
  }
  r.sections.forEach((s, i) => {
    if (s.max === undefined) return;
    const got = sums[i]!;
    if (!got.eq(dec(s.max))) {
      ctx.error(
        'rubric/section-total-mismatch',
        pointer('sections', i, 'max'),
        `section \`${s.id}\` declares ${dec(s.max).toString()} points, but its indicators add up to ${got.toString()}`,
        s.indicators.length > 0 ? `its indicators: ${s.indicators.map((ind) => `\`${ind.id}\` ${dec(ind.max).toString()}`).join(', ')}` : undefined,
      );
    }
  });
}
