/**
 * Names and types of every expression (`rubric/unknown-name`, `rubric/type-error`, …),
 * and checklist items that have neither or both of `when` and `count`.
 */
import { pointer } from '@rubric/model';
import type { CheckContext } from './context.js';
import { expressionSites } from './sites.js';
import { checkExprType } from './types.js';

/** Type checks every expression; expressions with problems are remembered so later checks skip them. */
export function checkExpressions(ctx: CheckContext): void {
  for (const site of expressionSites(ctx.rubric)) {
    const { issues } = checkExprType(site.expr, site.expected, ctx.scope, site.path, site.role);
    for (const i of issues) ctx.issues.push(i);
    if (issues.some((i) => i.severity === 'error')) ctx.markBad(site.path);
  }
  ctx.rubric.sections.forEach((s, si) =>
    s.indicators.forEach((ind, ii) => {
      if (ind.rule.kind !== 'checklist') return;
      ind.rule.items.forEach((it, k) => {
        const path = pointer('sections', si, 'indicators', ii, 'rule', 'items', k);
        if ((it.when === undefined) === (it.count === undefined)) {
          ctx.error(
            'rubric/bad-checklist-item',
            path,
            `item \`${it.id}\` of indicator \`${ind.id}\` needs exactly one of \`when\` (a condition) and \`count\` (a number of hits)`,
            it.when === undefined ? 'add `when: …` for a yes/no item or `count: …` for an item hit several times' : 'remove one of them',
          );
          ctx.markBad(path);
        }
      });
    }),
  );
}
