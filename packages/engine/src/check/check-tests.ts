/**
 * The rubric's own test cases: expected indicators and reasons must exist, dates must be real.
 */
import { allIndicators, didYouMean, pointer } from '@rubric/model';
import type { CheckContext } from './context.js';
import { isCalendarDate } from '@rubric/model';

/** `rubric/unknown-indicator` and `rubric/unknown-reason` in test expectations; `rubric/bad-date` for `asOf`. */
export function checkTests(ctx: CheckContext): void {
  const r = ctx.rubric;
  const indicatorIds = allIndicators(r).map((x) => x.indicator.id);
  const reasons = [...r.vetoes.map((v) => `veto:${v.id}`), ...r.hardRequirements.map((h) => `hard:${h.id}`), 'below-pass-mark'];
  r.tests.forEach((t, ti) => {
    const at = (...rest: (string | number)[]): string => pointer('tests', ti, ...rest);
    if (t.asOf !== undefined && !isCalendarDate(t.asOf)) {
      ctx.error('rubric/bad-date', at('asOf'), `test \`${t.name}\` runs on \`${t.asOf}\`, which is not a calendar date`, 'write a real day as YYYY-MM-DD');
    }
    for (const id of Object.keys(t.expect.indicators ?? {})) {
      if (indicatorIds.includes(id)) continue;
      ctx.error(
        'rubric/unknown-indicator',
        at('expect', 'indicators', id),
        `test \`${t.name}\` expects points for indicator \`${id}\`, which this rubric does not have`,
        didYouMean(id, indicatorIds),
      );
    }
    (t.expect.reasons ?? []).forEach((reason, k) => {
      if (reasons.includes(reason)) return;
      const known = /^(veto|hard):/.exec(reason);
      ctx.error(
        'rubric/unknown-reason',
        at('expect', 'reasons', k),
        known
          ? `test \`${t.name}\` expects reason \`${reason}\`, but there is no ${known[1] === 'veto' ? 'veto' : 'hard requirement'} \`${reason.slice(known[0].length)}\``
          : `test \`${t.name}\` expects reason \`${reason}\`, which is not a reason a result can give`,
        didYouMean(reason, reasons) ?? 'reasons are `veto:<veto id>`, `hard:<hard requirement id>` and `below-pass-mark`',
      );
    });
  });
}
