/**
 * Indicator rules in generated code: an expression, a table of cases or a checklist gives each
 * indicator's points, checked to lie in [0, max]; the section subtotals and the raw total sum them.
 */
import { Decimal, formatExpr, type Indicator } from '@rubric/model';
import { _, Block, type Code, join, type Name } from './code.js';
import { coefAt, decimalsOf } from './decimal-constants.js';
import type { Fn, Scope, Val } from './emit-context.js';
import type { Emitter } from './emit-expression.js';
import type { ScoreContext } from './emit-result.js';
import type { ValueEmitter } from './emit-values.js';

/** What the indicators give the rest of the scoring function. */
export interface IndicatorPoints {
  /** Each indicator's points (in [0, max]). */
  indicatorVals: Map<string, Val>;
  /** `sections` and `indicators` of the result, as JSON numbers. */
  sectionEntries: [string, Code][];
  indicatorEntries: [string, Code][];
  /** The sum of the sections. */
  raw: Val;
}

/** Every section's indicators, their subtotals and the raw total. */
export function emitIndicators(sc: ScoreContext): IndicatorPoints {
  const { g, em, body, fn, ex } = sc;
  const indicatorVals = new Map<string, Val>();
  const sectionEntries: [string, Code][] = [];
  const indicatorEntries: [string, Code][] = [];
  const sectionVals: Val[] = [];
  for (const section of g.rubric.sections) {
    const inSection: Val[] = [];
    for (const ind of section.indicators) {
      ex.startReads(body);
      const v = emitIndicator(em, ind, body, fn, ex.explaining, ex.X ? (value) => ex.set(body, 'indicators', ind.id, value) : undefined);
      indicatorVals.set(ind.id, v);
      inSection.push(v);
      indicatorEntries.push([ind.id, em.toNumber(v)]);
    }
    const sv = em.sum(inSection, body, fn);
    const t = em.materialize(sv, body, 'sec');
    sectionVals.push(t);
    sectionEntries.push([section.id, em.toNumber(t)]);
  }
  const raw = em.materialize(em.sum(sectionVals, body, fn), body, 'raw');
  return { indicatorVals, sectionEntries, indicatorEntries, raw };
}

/** One indicator's points, at the scale of totals and range-checked; `explain` records its explanation. */
function emitIndicator(em: Emitter, ind: Indicator, out: Block, fn: Fn, explaining: Code, explain: ((value: Code) => void) | undefined): Val {
  const rule = ind.rule;
  const max = decimalsOf(ind.max);
  const sc: Scope = { fn, recordReads: true };
  let points: Val;
  let branch: Code;
  let ruleText: Code;
  let items: Name | undefined;
  switch (rule.kind) {
    case 'expression': {
      points = em.expr(rule.points, out, sc);
      em.need(points, 'num', rule.points);
      branch = _`"expression"`;
      // The rule's text is for explanations and the exact path's messages only.
      ruleText = em.fast && explain === undefined ? _`""` : _`${formatExpr(rule.points)}`;
      break;
    }
    case 'cases': {
      // Which branch was taken, its name and its rule's text matter for explanations and for
      // the exact path's error messages only: the fast path without explanations has no
      // tables of them (a tenth of the time of generating it for a large rubric).
      const needBranch = !em.fast || explain !== undefined;
      const br = em.g.names.next('br');
      if (needBranch) {
        const texts = [...rule.cases.map((c) => `${formatExpr(c.when)} -> ${formatExpr(c.points)}`), `otherwise -> ${formatExpr(rule.otherwise)}`];
        const branches = [...rule.cases.map((_c, i) => `case ${i + 1}`), 'otherwise'];
        branch = _`${em.g.table(branches, 'BR')}[${br}]`;
        ruleText = _`${em.g.table(texts, 'RU')}[${br}]`;
        out.push(_`let ${br} = ${rule.cases.length};`);
      } else {
        branch = _`""`;
        ruleText = _`""`;
      }
      // Compile every condition and branch in its own block, then nest them:
      // cond 1; if (c1) { points 1 } else { cond 2; if (c2) { … } else { otherwise } }.
      const arms = rule.cases.map((c, i) => {
        const condBlock = new Block();
        const cond = em.expr(c.when, condBlock, sc);
        em.need(cond, 'bool', c.when);
        const thenBlock = new Block();
        const val = em.expr(c.points, thenBlock, sc);
        em.need(val, 'num', c.points);
        return { condBlock, cond: cond.code, thenBlock, val, index: i };
      });
      const otherBlock = new Block();
      const otherVal = em.expr(rule.otherwise, otherBlock, sc);
      em.need(otherVal, 'num', rule.otherwise);
      const results = [...arms.map((a) => ({ block: a.thenBlock, val: a.val, index: a.index })), { block: otherBlock, val: otherVal, index: rule.cases.length }];
      // On the fast path, straight at the scale of totals (constant points then need no multiplication).
      const scale = Math.max(em.fast ? em.g.totalScale : 0, ...results.map((x) => x.val.scale));
      const p = em.declare('pts', out, scale);
      let bound = 0;
      for (const res of results) {
        const v = em.align(res.val, scale, res.block, fn);
        bound = Math.max(bound, v.bound);
        res.block.push(em.assign(p, v));
        if (needBranch && res.index < rule.cases.length) res.block.push(_`${br} = ${res.index};`);
      }
      const nest = (i: number, target: Block): void => {
        if (i === arms.length) {
          target.append(otherBlock);
          return;
        }
        const arm = arms[i]!;
        target.append(arm.condBlock);
        const rest = new Block();
        nest(i + 1, rest);
        target.ifElse(_`if (${arm.cond})`, arm.thenBlock, rest);
      };
      nest(0, out);
      points = { ...p, bound };
      break;
    }
    case 'checklist': {
      const deduct = rule.mode === 'deduct';
      branch = _`${`checklist (${rule.mode})`}`;
      ruleText = _`${deduct ? `${max.toString()} minus points per defect, down to zero` : 'sum of the items met'}`;
      if (explain || !em.fast) {
        items = em.g.names.next('items');
        out.push(_`const ${items} = [];`);
      }
      const parts: Val[] = [];
      for (const it of rule.items) {
        let hits: Val;
        if (it.count !== undefined) {
          hits = em.expr(it.count, out, sc);
          em.need(hits, 'num', it.count);
          hits = em.checkCount(hits, `checklist item \`${it.id}\``, out, fn);
        } else {
          const c = em.expr(it.when!, out, sc);
          em.need(c, 'bool', it.when!);
          hits = em.boolToHits(c, out);
        }
        const pts = em.materialize(em.mul(em.constant(decimalsOf(it.points), out, fn, false), hits, out, fn), out, 'ip');
        if (items) {
          const push = _`${items}.push({ id: ${it.id}, hits: ${em.toNumber(hits)}, points: ${em.toNumber(pts)} });`;
          if (em.fast) out.push(push);
          else {
            const inner = out.child();
            inner.push(push);
            out.wrap(_`if (${explaining})`, inner);
          }
        }
        parts.push(pts);
      }
      const sum = em.materialize(em.sum(parts, out, fn), out, 'sum');
      points = deduct ? em.materialize(em.maxOf(em.constant(Decimal.ZERO, out, fn, false), em.sub(em.constant(max, out, fn, false), sum, out, fn), out, fn), out, 'pts') : sum;
      break;
    }
  }
  // At the scale of totals (which is at least max's scale) before the range check.
  const pts = em.materialize(em.alignTotal(points, out, fn), out, 'pts');
  checkRange(em, pts, max, ind.id, branch, ruleText, out, fn);
  if (explain) {
    const entries: Code[] = [_`branch: ${branch}`, _`rule: ${ruleText}`, _`reads: ${fn.R!}`];
    if (items) entries.push(_`items: ${items}`);
    explain(_`{ ${join(entries)} }`);
  }
  // After the range check the points lie in [0, max].
  return em.fast ? { ...pts, bound: Math.min(pts.bound, coefAt(max, pts.scale) ?? pts.bound) } : pts;
}

/** Points outside [0, max]: a rubric defect for this subject (fast path: let the exact path report it). */
export function checkRange(em: ValueEmitter, p: Val, max: Decimal, id: string, branch: Code, rule: Code, out: Block, fn: Fn): void {
  if (em.fast) {
    const m = coefAt(max, p.scale);
    if (m === undefined) {
      out.push(fn.bail);
      return;
    }
    out.push(_`if (${p.code} < 0 || ${p.code} > ${m}) ${fn.bail}`);
    return;
  }
  const inner = out.child();
  inner.push(
    em.evalError(
      'eval/points-out-of-range',
      _`${`indicator \`${id}\` scored `} + ${p.code}.toString() + ${`, outside 0..${max.toString()} (a rubric defect: `} + ${branch} + ": " + ${rule} + ")"`,
    ),
  );
  out.wrap(_`if (${p.code}.isNegative() || ${p.code}.gt(${em.g.dec(max)}))`, inner);
}
