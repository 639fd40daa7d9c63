/**
 * Deductions in the reference evaluator: each kind (per-unit, conditional, discretionary)
 * compiled into an amount, then applied with its own cap, the overall cap and the floor.
 * The interpreter's counterpart of `codegen/emit-deductions.ts`.
 */
import { Decimal, formatExpr, type AppliedDeduction, type Explanation, type Rubric } from '@rubric/model';
import { compileExpr, type CompileScope } from './compile-expr.js';
import { hitsOf } from './indicators.js';
import type { Track } from './result.js';
import { bool, num, type Env, type Value } from './values.js';

/** One deduction compiled into the amount it takes for a subject. */
export interface DeductionPlan {
  id: string;
  reason: string;
  rule: string;
  cap?: Decimal;
  amount(env: Env): Decimal;
}

/** Compiles one deduction. */
export function planDeduction(d: Rubric['deductions'][number], scope: CompileScope): DeductionPlan {
  const base: Omit<DeductionPlan, 'amount' | 'rule'> = { id: d.id, reason: d.reason };
  if (d.cap !== undefined) base.cap = Decimal.fromNumber(d.cap);
  switch (d.kind) {
    case 'per-unit': {
      const count = compileExpr(d.count, scope);
      const amount = Decimal.fromNumber(d.amount);
      return { ...base, rule: `${d.amount} per ${formatExpr(d.count)}`, amount: (env) => amount.mul(hitsOf(count(env), `deduction \`${d.id}\``)) };
    }
    case 'conditional': {
      const when = compileExpr(d.when, scope);
      const amount = Decimal.fromNumber(d.amount);
      return { ...base, rule: `${d.amount} when ${formatExpr(d.when)}`, amount: (env) => (bool(when(env)) ? amount : Decimal.ZERO) };
    }
    case 'discretionary': {
      const source = compileExpr({ kind: 'ref', name: d.fact }, scope);
      const field = d.field;
      return {
        ...base,
        rule: `amount recorded in ${field ? `${d.fact}.${field}` : d.fact}, each within [${d.min}, ${d.max}]`,
        amount: (env) => {
          const v = source(env);
          if (field === undefined) return num(v);
          return (v as readonly Record<string, Value>[]).reduce((s, rec) => s.add(num(rec[field]!)), Decimal.ZERO);
        },
      };
    }
  }
}

/** The deductions taken from a subject and the total left. */
export interface DeductionTotals {
  applied: AppliedDeduction[];
  deducted: Decimal;
  total: Decimal;
}

/** Applies the deductions to the raw total: each capped, then the overall cap, then the floor. */
export function applyDeductions(plans: DeductionPlan[], deductionCap: Decimal | undefined, floor: Decimal | null, raw: Decimal, env: Env, track: Track, explanation: Explanation | undefined): DeductionTotals {
  const applied: AppliedDeduction[] = [];
  let deducted = Decimal.ZERO;
  for (const d of plans) {
    const [uncapped, reads] = track(() => d.amount(env));
    const amount = d.cap && uncapped.gt(d.cap) ? d.cap : uncapped;
    if (explanation) explanation.deductions[d.id] = { rule: d.rule, reads };
    if (amount.isZero()) continue;
    applied.push({ id: d.id, reason: d.reason, amount: amount.toNumber(), uncapped: uncapped.toNumber() });
    deducted = deducted.add(amount);
  }
  if (deductionCap && deducted.gt(deductionCap)) deducted = deductionCap;
  let total = raw.sub(deducted);
  // Deductions never push the total below the floor (nor does the floor raise a lower raw total).
  if (floor && total.lt(floor)) total = Decimal.max(total, Decimal.min(raw, floor));
  return { applied, deducted, total };
}
