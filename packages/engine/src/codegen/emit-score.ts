/**
 * One scoring function in generated code, fast or exact: it walks the rubric in the reference's
 * order — indicators, deductions, gates, pass mark, grade — and builds the result, each part
 * emitted by its concept module.
 */
import { _, Block, type Code, type Name } from './code.js';
import { type EmitContext, Fn } from './emit-context.js';
import { emitDeductions } from './emit-deductions.js';
import { Emitter } from './emit-expression.js';
import { emitGates } from './emit-gates.js';
import { emitGrade } from './emit-grades.js';
import { emitIndicators } from './emit-indicators.js';
import { emitPassMark } from './emit-parameters.js';
import { emitOutcome, emitResult, type ScoreContext, startExplanation } from './emit-result.js';
import { planTotalScale } from './scale-plan.js';

/**
 * One scoring function: `(s, asOf, id)` on the fast path (returns undefined to give up),
 * `(s, asOf, id, explain)` on the exact path (throws EvalError → invalid result).
 */
export function emitScore(g: EmitContext, name: Name, fast: boolean, reads: Fn['reads']): Code {
  const s = g.names.next('s');
  const asOf = g.names.next('asOf');
  const id = g.names.next('id');
  const explainArg = g.names.next('explain');
  const R = reads === 'none' ? undefined : g.names.next('R');
  const fn = new Fn(s, asOf, _`return;`, reads, R);
  const em = new Emitter(g, fast);
  const body = new Block();
  const ex = startExplanation(g, body, reads, explainArg, R);
  const sc: ScoreContext = { g, em, body, fn, ex };

  // The scale of totals: every amount that is added or compared with the total.
  if (fast) g.totalScale = planTotalScale(g);

  const { indicatorVals, sectionEntries, indicatorEntries, raw } = emitIndicators(sc);
  const { applied, deducted, total } = emitDeductions(sc, raw);
  const { vetoes, reasons, hardFailed } = emitGates(sc, indicatorVals);
  const { pm, k, pass } = emitPassMark(em, body, fn, reasons, total);
  const outcome = emitOutcome(sc, vetoes, reasons);
  const grade = emitGrade(sc, total, outcome);
  emitResult(sc, reads, { id, outcome, total, sectionEntries, indicatorEntries, applied, deducted, pass, pm, k, hardFailed, vetoes, reasons, grade });

  const params = fast ? _`${s}, ${asOf}, ${id}` : _`${s}, ${asOf}, ${id}, ${explainArg}`;
  if (fast) return _`function ${name}(${params}) {\n${fn.prologue.code()}\n${body.code()}\n}`;
  return _`function ${name}(${params}) {
  try {
${fn.prologue.code()}
${body.code()}
  } catch (e) {
    if (${g.rt}.isEvalError(e)) return invalid(${id}, [{ path: e.path, code: e.code, message: e.message }], { asOf: ${asOf} });
    throw e;
  }
}`;
}
