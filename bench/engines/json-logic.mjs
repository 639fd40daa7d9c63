// The rubric as one json-logic rule that returns [total, pass mark, any veto, hard
// requirements met]: indicators as `if` chains (a rounded ratio as a chain of thresholds,
// json-logic having no `round`), the total as `+`, the deduction as `min(count × amount, cap)`.
// The outcome is decided from those four values by two lines of glue.
import jsonLogic from 'json-logic-js';
import { Unsupported, outcomeOf, readPlan } from './ir.mjs';

const OPS = { '+': '+', '-': '-', '*': '*', '/': '/', '==': '===', '!=': '!==', '<': '<', '<=': '<=', '>': '>', '>=': '>=', and: 'and', or: 'or' };

/** json-logic for an expression. */
export function logic(e) {
  switch (e.kind) {
    case 'number':
      return Number(e.value);
    case 'boolean':
    case 'text':
    case 'date':
      return e.value;
    case 'ref':
      return { var: e.name };
    case 'unary':
      return e.op === 'not' ? { '!': logic(e.operand) } : { '-': [0, logic(e.operand)] };
    case 'binary':
      return { [OPS[e.op]]: [logic(e.left), logic(e.right)] };
    case 'if':
      return { if: [logic(e.cond), logic(e.then), logic(e.else)] };
    case 'in':
      return { in: [logic(e.value), e.options.map(logic)] };
  }
  throw new Unsupported(`expression ${e.kind}`);
}

function indicatorLogic(ind) {
  if (ind.ratio) {
    const { fact, steps } = ind.ratio;
    const chain = [];
    for (const s of steps) {
      if (s.from === undefined) chain.push(s.points);
      else chain.push({ '>=': [{ var: fact }, s.from] }, s.points);
    }
    return { if: chain };
  }
  const chain = [];
  for (const b of ind.branches) {
    if (b.when) chain.push(logic(b.when), b.points);
    else chain.push(b.points);
  }
  return chain.length === 1 ? chain[0] : { if: chain };
}

/** The rule, from the rubric. */
export function ruleOf(rubric) {
  const plan = readPlan(rubric);
  const byId = new Map(plan.indicators.map((i) => [i.id, indicatorLogic(i)]));
  const deducted = plan.deductions.map((d) => {
    const amount = { '*': [{ var: d.fact }, d.amount] };
    return d.cap === undefined ? amount : { min: [amount, d.cap] };
  });
  const total = { max: [0, { '-': [{ '+': [...byId.values()] }, { '+': [0, ...deducted] }] }] };
  const passMark = plan.passMark.overrides.length === 0 ? plan.passMark.value : { if: [...plan.passMark.overrides.flatMap((o) => [logic(o.when), o.value]), plan.passMark.value] };
  const vetoed = { or: [false, ...plan.vetoes.map((v) => logic(v.when))] };
  const hardMet = { and: [true, ...plan.hard.map((h) => ({ '===': [byId.get(h.indicator), h.max] }))] };
  return [total, passMark, vetoed, hardMet];
}

/** A synchronous evaluator: subject → {outcome, total}. */
export function compileJsonLogic(rubric) {
  const rule = ruleOf(rubric);
  return function evaluate(subject) {
    const [total, passMark, vetoed, hardMet] = jsonLogic.apply(rule, subject);
    return { outcome: outcomeOf({ vetoed, hardMet, total, passMark }), total };
  };
}
