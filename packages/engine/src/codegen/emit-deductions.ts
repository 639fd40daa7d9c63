/**
 * Deductions in generated code: each deduction's amount (per unit, conditional, or recorded in
 * the data), capped, then the overall cap on deductions, then the floor of the total.
 */
import { Decimal, formatExpr, type Rubric } from '@rubric/model';
import { _, type Block, type Name } from './code.js';
import { decimalsOf } from './decimal-constants.js';
import type { Fn, Scope, Val } from './emit-context.js';
import type { Emitter } from './emit-expression.js';
import type { ScoreContext } from './emit-result.js';
import { CodegenError } from './errors.js';

/** The deductions applied, their total, and the total after them (floor applied). */
export interface Deducted {
  /** The array of applied deductions. */
  applied: Name;
  deducted: Val;
  total: Val;
}

/** Every deduction, the overall cap and the floor, from the raw total. */
export function emitDeductions(sc: ScoreContext, raw: Val): Deducted {
  const { g, em, body, fn, ex } = sc;
  // Deductions: each capped, then the overall cap, then the floor.
  const applied = g.names.next('applied');
  body.push(_`const ${applied} = [];`);
  let deducted = em.zero(body, 'ded');
  for (const d of g.rubric.deductions) {
    ex.startReads(body);
    const { uncapped, rule } = emitDeductionAmount(em, d, body, fn);
    const u = em.materialize(em.alignTotal(uncapped, body, fn), body, 'u');
    let amount = u;
    if (d.cap !== undefined) {
      const cap = em.constant(decimalsOf(d.cap), body, fn, true);
      amount = em.materialize(em.select(em.cmp(u, cap, '>', body, fn), cap, u, body, fn), body, 'a');
    }
    if (ex.X) ex.set(body, 'deductions', d.id, _`{ rule: ${rule}, reads: ${ex.R!} }`);
    const add = body.child();
    add.push(_`${applied}.push({ id: ${d.id}, reason: ${d.reason}, amount: ${em.toNumber(amount)}, uncapped: ${em.toNumber(u)} });`);
    const next = em.add(deducted, amount, add, fn);
    add.push(em.assign(deducted, next));
    body.wrap(_`if (${em.nonZero(amount)})`, add);
    deducted = { ...deducted, bound: next.bound };
  }
  if (g.rubric.deductionCap !== undefined) {
    const cap = em.constant(decimalsOf(g.rubric.deductionCap), body, fn, true);
    const inner = body.child();
    inner.push(em.assign(deducted, cap));
    body.wrap(_`if (${em.cmp(deducted, cap, '>', body, fn).code})`, inner);
  }
  const total = em.mutable(em.sub(raw, deducted, body, fn), body, 'total');
  if (g.rubric.floor !== null) {
    const floor = em.constant(decimalsOf(g.rubric.floor), body, fn, true);
    const inner = body.child();
    inner.push(em.assign(total, em.maxOf(total, em.minOf(raw, floor, inner, fn), inner, fn)));
    body.wrap(_`if (${em.cmp(total, floor, '<', body, fn).code})`, inner);
  }
  return { applied, deducted, total };
}

/** A deduction's amount before its cap, and its rule's text for explanations. */
function emitDeductionAmount(em: Emitter, d: Rubric['deductions'][number], out: Block, fn: Fn): { uncapped: Val; rule: string } {
  const sc: Scope = { fn, recordReads: true };
  switch (d.kind) {
    case 'per-unit': {
      const c = em.expr(d.count, out, sc);
      em.need(c, 'num', d.count);
      const hits = em.checkCount(c, `deduction \`${d.id}\``, out, fn);
      return { uncapped: em.mul(em.constant(decimalsOf(d.amount), out, fn, false), hits, out, fn), rule: `${d.amount} per ${formatExpr(d.count)}` };
    }
    case 'conditional': {
      const c = em.expr(d.when, out, sc);
      em.need(c, 'bool', d.when);
      const amount = em.constant(decimalsOf(d.amount), out, fn, false);
      return { uncapped: em.select(c, amount, em.constant(Decimal.ZERO, out, fn, false), out, fn), rule: `${d.amount} when ${formatExpr(d.when)}` };
    }
    case 'discretionary': {
      const rule = `amount recorded in ${d.field ? `${d.fact}.${d.field}` : d.fact}, each within [${d.min}, ${d.max}]`;
      const v = em.expr({ kind: 'ref', name: d.fact }, out, sc);
      if (d.field === undefined) {
        em.need(v, 'num', { kind: 'ref', name: d.fact });
        return { uncapped: v, rule };
      }
      if (v.kind !== 'list' || !v.fact) throw new CodegenError(`deduction \`${d.id}\` reads \`${d.fact}.${d.field}\` but \`${d.fact}\` is not a list`);
      const field = d.field;
      return { uncapped: em.aggregateSum(v, (rec, block) => em.fieldValue(v.fact!, field, rec, block, fn), out, fn), rule };
    }
  }
}
