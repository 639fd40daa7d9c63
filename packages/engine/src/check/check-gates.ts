/**
 * Vetoes and hard requirements that can never fire, or always do.
 */
import { Decimal, pointer } from '@rubric/model';
import type { CheckContext } from './context.js';
import { dec } from './fold.js';
import { analyseRubric } from './indicator-ranges.js';

/**
 * `rubric/veto-never-fires` (warning), `rubric/veto-always-fires` (error),
 * `rubric/requirement-always-met` (warning), `rubric/requirement-never-met` (error).
 */
export function checkGates(ctx: CheckContext): void {
  const { analyzer, indicators } = analyseRubric(ctx);
  const env = analyzer.baseEnv();
  ctx.rubric.vetoes.forEach((v, i) => {
    const path = pointer('vetoes', i, 'when');
    if (ctx.isBad(path)) return;
    const p = analyzer.possible(v.when, env);
    if (!p.canTrue) {
      ctx.warning('rubric/veto-never-fires', path, `veto \`${v.id}\` can never fire: its condition is never true`, 'fix the condition, or remove the veto');
    } else if (!p.canFalse) {
      ctx.error('rubric/veto-always-fires', path, `veto \`${v.id}\` always fires: its condition is always true, so every subject is vetoed`, 'fix the condition');
    }
  });
  ctx.rubric.hardRequirements.forEach((h, i) => {
    if (h.kind === 'condition') {
      const path = pointer('hardRequirements', i, 'require');
      if (ctx.isBad(path)) return;
      const p = analyzer.possible(h.require, env);
      if (!p.canFalse) {
        ctx.warning('rubric/requirement-always-met', path, `hard requirement \`${h.id}\` is always met: its condition is always true`, 'fix the condition, or remove the requirement');
      } else if (!p.canTrue) {
        ctx.error('rubric/requirement-never-met', path, `hard requirement \`${h.id}\` can never be met: its condition is never true, so every subject fails`, 'fix the condition');
      }
      return;
    }
    const a = indicators.find((x) => x.indicator.id === h.indicator);
    if (!a) return; // unknown indicator: reported by the reference check
    const path = pointer('hardRequirements', i, 'indicator');
    const max = dec(a.indicator.max);
    if (max.isZero()) {
      ctx.warning('rubric/requirement-always-met', path, `hard requirement \`${h.id}\` asks for full marks on indicator \`${h.indicator}\`, whose maximum is 0, so it is always met`);
      return;
    }
    if (a.range && a.range.hi !== null && a.range.hi.lt(max)) {
      ctx.error(
        'rubric/requirement-never-met',
        path,
        `hard requirement \`${h.id}\` asks for full marks on indicator \`${h.indicator}\`, but it can score at most ${a.range.hi.toString()} of its ${max.toString()} points`,
        a.range.hi.lt(Decimal.ZERO) ? undefined : "fix the indicator's rule so that it can reach its maximum",
      );
    }
  });
}
