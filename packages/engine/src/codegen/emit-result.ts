/**
 * The result object in generated code and its explanation: the `invalid` result, the
 * explanation object a scoring function fills (reads, rules, branches per indicator, veto,
 * hard requirement and deduction), the outcome, and the result itself.
 */
import { RESULT_FORMAT } from '@rubric/model';
import { _, Block, type Code, Name, objectLiteral, setProp } from './code.js';
import type { EmitContext, Fn, ParamInfo, Val } from './emit-context.js';
import type { Emitter } from './emit-expression.js';

/** How a scoring function records its explanation. */
export interface Explanation {
  /** The explanation object, when the function explains (always on the fast path with explanations, on request on the exact path). */
  X: Name | undefined;
  /** The reads of the rule being compiled. */
  R: Name | undefined;
  /** Code that is true when explaining. */
  explaining: Code;
  /** Starts recording the reads of the next rule. */
  startReads(out: Block): void;
  /** `X.map[key] = value` (when explaining). */
  set(out: Block, map: string, key: string, value: Code): void;
}

/** What the parts of a scoring function compile with: the generator, the path's emitter, the body, the function and its explanation. */
export interface ScoreContext {
  g: EmitContext;
  em: Emitter;
  body: Block;
  fn: Fn;
  ex: Explanation;
}

/** The rubric's identity as results carry it. */
export function emitMeta(g: EmitContext): Code {
  return _`{ id: ${g.rubric.id}, version: ${g.rubric.version}, hash: ${g.hash} }`;
}

/** `invalid(id, errors, options)`: the result of a subject that cannot be scored. */
export function emitInvalid(g: EmitContext): Code {
  return _`function invalid(id, errors, options) {
  const asOf = (options === undefined ? {} : options).asOf ?? ${g.rubric.effective.from};
  return { format: ${RESULT_FORMAT}, id, outcome: "invalid", total: null, sections: {}, indicators: {}, deductions: [], deductionTotal: 0, passMark: null, passMarkSource: null, hardRequirementsFailed: [], vetoes: [], reasons: [], grade: null, errors, asOf, rubric: ${emitMeta(g)} };
}`;
}

/** Declares the reads and explanation objects of a scoring function (per `reads`) and returns how to fill them. */
export function startExplanation(g: EmitContext, body: Block, reads: Fn['reads'], explainArg: Name, R: Name | undefined): Explanation {
  const X = reads === 'none' ? undefined : g.names.next('X');
  const explaining = X ? (reads === 'static' ? _`true` : _`${X} !== null`) : _`false`;
  if (R) body.push(_`let ${R} = null;`);
  if (X) {
    const x = _`{ indicators: {}, vetoes: {}, hardRequirements: {}, deductions: {} }`;
    body.push(reads === 'static' ? _`const ${X} = ${x};` : _`const ${X} = ${explainArg} ? ${x} : null;`);
  }
  const startReads = (out: Block): void => {
    if (!R) return;
    out.push(reads === 'static' ? _`${R} = {};` : _`${R} = ${X!} !== null ? {} : null;`);
  };
  const explainSet = (out: Block, map: string, key: string, value: Code): void => {
    const target = _`${X!}.${new Name(map)}`;
    if (reads === 'static') out.push(setProp(target, key, value));
    else {
      const inner = out.child();
      inner.push(setProp(target, key, value));
      out.wrap(_`if (${X!} !== null)`, inner);
    }
  };
  return { X, R, explaining, startReads, set: explainSet };
}

/** `const outcome = …`: vetoed, fail (any reason) or pass. */
export function emitOutcome(sc: ScoreContext, vetoes: Name, reasons: Name): Name {
  const { g, body } = sc;
  const outcome = g.names.next('outcome');
  body.push(_`const ${outcome} = ${vetoes}.length > 0 ? "vetoed" : ${reasons}.length > 0 ? "fail" : "pass";`);
  return outcome;
}

/** The parts of a result, as the scoring function has computed them. */
export interface ResultParts {
  id: Name;
  outcome: Name;
  total: Val;
  sectionEntries: [string, Code][];
  indicatorEntries: [string, Code][];
  applied: Name;
  deducted: Val;
  pass: Val;
  pm: ParamInfo;
  k: Name;
  hardFailed: Name;
  vetoes: Name;
  reasons: Name;
  grade: Name;
}

/** `const result = { … }`, its explanation attached, and `return result;`. */
export function emitResult(sc: ScoreContext, reads: Fn['reads'], r: ResultParts): void {
  const { g, em, body, fn, ex } = sc;
  const { id, outcome, total, sectionEntries, indicatorEntries, applied, deducted, pass, pm, k, hardFailed, vetoes, reasons, grade } = r;
  const asOf = fn.asOf;
  const X = ex.X;
  const result = g.names.next('result');
  body.push(_`const ${result} = { format: ${RESULT_FORMAT}, id: ${id}, outcome: ${outcome}, total: ${em.toNumber(total)}, sections: ${objectLiteral(sectionEntries)}, indicators: ${objectLiteral(indicatorEntries)}, deductions: ${applied}, deductionTotal: ${em.toNumber(deducted)}, passMark: ${em.toNumber(pass)}, passMarkSource: ${pm.source}(${k}), hardRequirementsFailed: ${hardFailed}, vetoes: ${vetoes}, reasons: ${reasons}, grade: ${grade}, errors: [], asOf: ${asOf}, rubric: ${emitMeta(g)} };`);
  if (X) {
    if (reads === 'static') body.push(_`${result}.explanation = ${X};`);
    else body.push(_`if (${X} !== null) ${result}.explanation = ${X};`);
  }
  body.push(_`return ${result};`);
}
