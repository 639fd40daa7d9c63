/**
 * Grades in generated code: the first band whose minimum the total reaches, unless the subject
 * was vetoed.
 */
import { _, join, type Name } from './code.js';
import { decimalsOf } from './decimal-constants.js';
import type { Val } from './emit-context.js';
import type { ScoreContext } from './emit-result.js';

/** `let grade = null;` and the chain of bands that sets it; returns the variable. */
export function emitGrade(sc: ScoreContext, total: Val, outcome: Name): Name {
  const { g, em, body, fn } = sc;
  const grade = g.names.next('grade');
  body.push(_`let ${grade} = null;`);
  if (g.rubric.grades.length > 0) {
    const chain = g.rubric.grades.map((gb) => _`if (${em.cmp(total, em.constant(decimalsOf(gb.min), body, fn, true), '>=', body, fn).code}) ${grade} = ${gb.label};`);
    const inner = body.child();
    inner.push(join(chain, _` else `));
    body.wrap(_`if (${outcome} !== "vetoed")`, inner);
  }
  return grade;
}
