/**
 * Gates in generated code: every one-vote veto and every hard requirement (an indicator at full
 * marks, or a condition), each recorded with its reason when it fails.
 */
import { Decimal, formatExpr } from '@rubric/model';
import { _, type Name } from './code.js';
import { decimalsOf } from './decimal-constants.js';
import type { Val } from './emit-context.js';
import type { ScoreContext } from './emit-result.js';

/** The arrays the gates fill: vetoes fired, reasons for the outcome, hard requirements failed. */
export interface Gates {
  vetoes: Name;
  reasons: Name;
  hardFailed: Name;
}

/** Every veto, then every hard requirement; `indicatorVals` holds the indicators' points. */
export function emitGates(sc: ScoreContext, indicatorVals: Map<string, Val>): Gates {
  const { g, em, body, fn, ex } = sc;
  // Gates: every veto, every hard requirement.
  const vetoes = g.names.next('vetoes');
  const reasons = g.names.next('reasons');
  const hardFailed = g.names.next('hard');
  body.push(_`const ${vetoes} = [];`, _`const ${reasons} = [];`, _`const ${hardFailed} = [];`);
  for (const v of g.rubric.vetoes) {
    ex.startReads(body);
    const c = em.expr(v.when, body, { fn, recordReads: true });
    em.need(c, 'bool', v.when);
    const fired = em.materialize(c, body, 'fired');
    if (ex.X) ex.set(body, 'vetoes', v.id, _`{ fired: ${fired.code}, rule: ${formatExpr(v.when)}, reads: ${ex.R!} }`);
    const inner = body.child();
    inner.push(_`${vetoes}.push(${v.id});`, _`${reasons}.push({ key: ${`veto:${v.id}`}, kind: "veto", id: ${v.id}, message: ${`one-vote veto: ${v.reason}`} });`);
    body.wrap(_`if (${fired.code})`, inner);
  }
  for (const h of g.rubric.hardRequirements) {
    ex.startReads(body);
    let met: Val;
    let rule: string;
    if (h.kind === 'indicator-full') {
      const ind = g.rubric.sections.flatMap((s) => s.indicators).find((i) => i.id === h.indicator);
      const max = ind ? decimalsOf(ind.max) : Decimal.ZERO;
      rule = `${h.indicator} at full marks (${max.toString()})`;
      const pts = indicatorVals.get(h.indicator);
      met = pts ? em.materialize(em.cmp(pts, em.constant(max, body, fn, true), '>=', body, fn), body, 'met') : { kind: 'bool', code: _`true`, scale: 0, bound: 0 };
    } else {
      rule = formatExpr(h.require);
      const c = em.expr(h.require, body, { fn, recordReads: true });
      em.need(c, 'bool', h.require);
      met = em.materialize(c, body, 'met');
    }
    if (ex.X) ex.set(body, 'hardRequirements', h.id, _`{ met: ${met.code}, rule: ${rule}, reads: ${ex.R!} }`);
    const inner = body.child();
    inner.push(_`${hardFailed}.push(${h.id});`, _`${reasons}.push({ key: ${`hard:${h.id}`}, kind: "hard-requirement", id: ${h.id}, message: ${`hard requirement not met: ${h.title}`} });`);
    body.wrap(_`if (!${met.code})`, inner);
  }
  return { vetoes, reasons, hardFailed };
}
