/**
 * Gates in the reference evaluator: one-vote vetoes and hard requirements, compiled into
 * tests, then run to give the ids that fired or failed and their reasons. The
 * interpreter's counterpart of `codegen/emit-gates.ts`.
 */
import { Decimal, formatExpr, type Explanation, type Reason, type Rubric } from '@rubric/model';
import { compileExpr, type CompileScope } from './compile-expr.js';
import type { IndicatorPlan } from './indicators.js';
import type { Track } from './result.js';
import { bool, type Env } from './values.js';

/** A veto or hard requirement compiled into a test. */
export interface GatePlan {
  id: string;
  text: string;
  rule: string;
  test(env: Env, indicators: Map<string, Decimal>): boolean;
}

/** The rubric's vetoes, compiled. */
export function planVetoes(rubric: Rubric, scope: CompileScope): GatePlan[] {
  return rubric.vetoes.map((v) => {
    const when = compileExpr(v.when, scope);
    return { id: v.id, text: v.reason, rule: formatExpr(v.when), test: (env: Env) => bool(when(env)) };
  });
}

/** The rubric's hard requirements, compiled; `indicator-full` ones compare against the indicator's max. */
export function planHardRequirements(rubric: Rubric, scope: CompileScope, indicators: IndicatorPlan[]): GatePlan[] {
  return rubric.hardRequirements.map((h) => {
    if (h.kind === 'indicator-full') {
      const ind = indicators.find((i) => i.id === h.indicator);
      const max = ind?.max ?? Decimal.ZERO;
      return { id: h.id, text: h.title, rule: `${h.indicator} at full marks (${max.toString()})`, test: (_env: Env, pts: Map<string, Decimal>) => (pts.get(h.indicator) ?? Decimal.ZERO).gte(max) };
    }
    const req = compileExpr(h.require, scope);
    return { id: h.id, text: h.title, rule: formatExpr(h.require), test: (env: Env) => bool(req(env)) };
  });
}

/** Runs the vetoes in order; returns the ids that fired and pushes a reason for each onto `reasons`. */
export function runVetoes(plans: GatePlan[], env: Env, points: Map<string, Decimal>, track: Track, explanation: Explanation | undefined, reasons: Reason[]): string[] {
  const vetoes: string[] = [];
  for (const v of plans) {
    const [fired, reads] = track(() => v.test(env, points));
    if (explanation) explanation.vetoes[v.id] = { fired, rule: v.rule, reads };
    if (fired) {
      vetoes.push(v.id);
      reasons.push({ key: `veto:${v.id}`, kind: 'veto', id: v.id, message: `one-vote veto: ${v.text}` });
    }
  }
  return vetoes;
}

/** Runs the hard requirements in order; returns the ids not met and pushes a reason for each onto `reasons`. */
export function runHardRequirements(plans: GatePlan[], env: Env, points: Map<string, Decimal>, track: Track, explanation: Explanation | undefined, reasons: Reason[]): string[] {
  const hardFailed: string[] = [];
  for (const h of plans) {
    const [met, reads] = track(() => h.test(env, points));
    if (explanation) explanation.hardRequirements[h.id] = { met, rule: h.rule, reads };
    if (!met) {
      hardFailed.push(h.id);
      reasons.push({ key: `hard:${h.id}`, kind: 'hard-requirement', id: h.id, message: `hard requirement not met: ${h.text}` });
    }
  }
  return hardFailed;
}
