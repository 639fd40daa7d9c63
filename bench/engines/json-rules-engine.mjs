// The rubric as json-rules-engine rules: one rule per indicator branch (first match written
// as "this case and none before it"), one per 0.5-point step of each rounded ratio (a
// threshold on the ratio), one per veto, per pass-mark override and per deducted unit. Rules
// emit events; a few lines of glue add the points and decide the outcome.
import { Engine } from 'json-rules-engine';
import { Unsupported, outcomeOf, readPlan } from './ir.mjs';

const COMPARE = { '==': 'equal', '!=': 'notEqual', '<': 'lessThan', '<=': 'lessThanInclusive', '>': 'greaterThan', '>=': 'greaterThanInclusive' };
const FLIP = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };

function value(e) {
  if (e.kind === 'number') return Number(e.value);
  if (e.kind === 'text' || e.kind === 'boolean' || e.kind === 'date') return e.value;
  throw new Unsupported(`value ${e.kind}`);
}

/** A json-rules-engine condition for a boolean expression over facts. */
export function condition(e) {
  switch (e.kind) {
    case 'ref':
      return { fact: e.name, operator: 'equal', value: true };
    case 'unary':
      if (e.op === 'not') return { not: condition(e.operand) };
      break;
    case 'in':
      if (e.value.kind === 'ref') return { fact: e.value.name, operator: 'in', value: e.options.map(value) };
      break;
    case 'binary':
      if (e.op === 'and') return { all: [condition(e.left), condition(e.right)] };
      if (e.op === 'or') return { any: [condition(e.left), condition(e.right)] };
      if (COMPARE[e.op]) {
        if (e.left.kind === 'ref') return { fact: e.left.name, operator: COMPARE[e.op], value: value(e.right) };
        if (e.right.kind === 'ref') return { fact: e.right.name, operator: COMPARE[FLIP[e.op]], value: value(e.left) };
      }
      break;
  }
  throw new Unsupported(`condition ${e.kind}`);
}

/** The rules, from the rubric. */
export function rulesOf(rubric) {
  const plan = readPlan(rubric);
  const rules = [];
  for (const ind of plan.indicators) {
    const event = (points) => ({ type: 'points', params: { indicator: ind.id, points } });
    if (ind.ratio) {
      const { fact, steps } = ind.ratio;
      steps.forEach((s, i) => {
        const all = [];
        if (s.from !== undefined) all.push({ fact, operator: 'greaterThanInclusive', value: s.from });
        const above = steps[i - 1];
        if (above) all.push({ fact, operator: 'lessThan', value: above.from });
        rules.push({ conditions: { all }, event: event(s.points) });
      });
    } else {
      const earlier = [];
      for (const b of ind.branches) {
        const all = earlier.map((c) => ({ not: c }));
        if (b.when) all.push(condition(b.when));
        rules.push({ conditions: { all }, event: event(b.points) });
        if (b.when) earlier.push(condition(b.when));
      }
    }
  }
  for (const v of plan.vetoes) rules.push({ conditions: { all: [condition(v.when)] }, event: { type: 'veto', params: { id: v.id } } });
  plan.passMark.overrides.forEach((o, i) => rules.push({ conditions: { all: [condition(o.when)] }, event: { type: 'pass-mark', params: { index: i, value: o.value } } }));
  for (const d of plan.deductions) {
    const units = d.cap === undefined ? 1000 : Math.ceil(d.cap / d.amount);
    for (let u = 1; u <= units; u++) {
      const amount = d.cap === undefined ? d.amount : Math.min(d.amount, d.cap - (u - 1) * d.amount);
      rules.push({ conditions: { all: [{ fact: d.fact, operator: 'greaterThanInclusive', value: u }] }, event: { type: 'deduct', params: { id: d.id, amount } } });
    }
  }
  return { rules, plan };
}

/** An async evaluator: subject → {outcome, total}. */
export function compileJsonRulesEngine(rubric) {
  const { rules, plan } = rulesOf(rubric);
  const engine = new Engine(rules, { allowUndefinedFacts: true });
  const hard = plan.hard;
  return async function evaluate(subject) {
    const { events } = await engine.run(subject);
    const points = new Map();
    let deducted = 0;
    let vetoed = false;
    let passMark = plan.passMark.value;
    let override = Infinity;
    for (const e of events) {
      const p = e.params;
      if (e.type === 'points') points.set(p.indicator, p.points);
      else if (e.type === 'deduct') deducted += p.amount;
      else if (e.type === 'veto') vetoed = true;
      else if (e.type === 'pass-mark' && p.index < override) {
        override = p.index;
        passMark = p.value;
      }
    }
    let raw = 0;
    for (const v of points.values()) raw += v;
    const total = Math.max(raw - deducted, 0);
    const hardMet = hard.every((h) => points.get(h.indicator) === h.max);
    return { outcome: outcomeOf({ vetoed, hardMet, total, passMark }), total };
  };
}
