/**
 * Grade bands: highest first, each strictly below the one before.
 */
import { pointer } from '@rubric/model';
import type { CheckContext } from './context.js';
import { dec } from './fold.js';

/** `rubric/grade-order`: a band whose `min` is not strictly below the previous band's. */
export function checkGrades(ctx: CheckContext): void {
  const g = ctx.rubric.grades;
  for (let k = 1; k < g.length; k++) {
    const prev = g[k - 1]!;
    const cur = g[k]!;
    if (dec(cur.min).gte(dec(prev.min))) {
      ctx.error(
        'rubric/grade-order',
        pointer('grades', k, 'min'),
        `grade \`${cur.label}\` starts at ${cur.min}, which is not below the grade before it (\`${prev.label}\` from ${prev.min}), so it can never be given`,
        'list grade bands from the highest `min` down, each lower than the one before',
      );
    }
  }
}
