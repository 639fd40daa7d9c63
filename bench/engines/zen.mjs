// The rubric as a GoRules ZEN decision (JDM): input → one expression node → output. The node
// computes each indicator (`a ? 10 : b ? 5 : 0`; a rounded ratio as `round(10 * r / 0.5) * 0.5`,
// ZEN rounding half away from zero), the total, the pass mark, the vetoes, the hard
// requirement and the outcome, each expression reading the earlier ones through `$`. ZEN
// numbers are decimals, so the arithmetic is exact.
import zen from '@gorules/zen-engine';
import { Unsupported, readPlan } from './ir.mjs';

const OPS = { '+': '+', '-': '-', '*': '*', '/': '/', '==': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', and: 'and', or: 'or' };

/** A ZEN expression for an expression of the rubric. */
export function zenExpr(e) {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'boolean':
      return String(e.value);
    case 'text':
    case 'date':
      return `'${e.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'ref':
      return e.name;
    case 'unary':
      return e.op === 'not' ? `(not ${zenExpr(e.operand)})` : `(-${zenExpr(e.operand)})`;
    case 'binary':
      return `(${zenExpr(e.left)} ${OPS[e.op]} ${zenExpr(e.right)})`;
    case 'if':
      return `(${zenExpr(e.cond)} ? ${zenExpr(e.then)} : ${zenExpr(e.else)})`;
    case 'in':
      return `(${zenExpr(e.value)} in [${e.options.map(zenExpr).join(', ')}])`;
    case 'call':
      if (e.fn === 'round' && e.args.length === 2) return `(round(${zenExpr(e.args[0])} / ${zenExpr(e.args[1])}) * ${zenExpr(e.args[1])})`;
      if ((e.fn === 'min' || e.fn === 'max') && e.args.length >= 1) return `${e.fn}([${e.args.map(zenExpr).join(', ')}])`;
      break;
  }
  throw new Unsupported(`expression ${e.kind}`);
}

/** The decision graph, from the rubric. */
export function decisionOf(rubric) {
  const plan = readPlan(rubric);
  const exprs = [];
  const add = (key, value) => exprs.push({ id: String(exprs.length + 1), key, value });
  for (const ind of plan.indicators) {
    const r = rubric.sections.flatMap((s) => s.indicators).find((i) => i.id === ind.id).rule;
    if (r.kind === 'expression') add(`points.${ind.id}`, zenExpr(r.points));
    else add(`points.${ind.id}`, r.cases.reduceRight((rest, c) => `(${zenExpr(c.when)} ? ${zenExpr(c.points)} : ${rest})`, zenExpr(r.otherwise)));
  }
  const ids = plan.indicators.map((i) => `$.points.${i.id}`);
  add('raw', ids.join(' + '));
  const ded = plan.deductions.map((d) => (d.cap === undefined ? `${d.fact} * ${d.amount}` : `min([${d.fact} * ${d.amount}, ${d.cap}])`));
  add('deducted', ded.length > 0 ? ded.join(' + ') : '0');
  add('total', 'max([$.raw - $.deducted, 0])');
  add('passMark', plan.passMark.overrides.reduceRight((rest, o) => `(${zenExpr(o.when)} ? ${o.value} : ${rest})`, String(plan.passMark.value)));
  add('vetoed', plan.vetoes.length > 0 ? plan.vetoes.map((v) => zenExpr(v.when)).join(' or ') : 'false');
  add('hardMet', plan.hard.length > 0 ? plan.hard.map((h) => `$.points.${h.indicator} == ${h.max}`).join(' and ') : 'true');
  add('outcome', "$.vetoed ? 'vetoed' : ((not $.hardMet) or $.total < $.passMark) ? 'fail' : 'pass'");
  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      { id: 'request', type: 'inputNode', name: 'request', position: { x: 0, y: 0 } },
      { id: 'score', type: 'expressionNode', name: 'score', position: { x: 200, y: 0 }, content: { expressions: exprs } },
      { id: 'response', type: 'outputNode', name: 'response', position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', type: 'edge', sourceId: 'request', targetId: 'score' },
      { id: 'e2', type: 'edge', sourceId: 'score', targetId: 'response' },
    ],
  };
}

/** An async evaluator: subject → {outcome, total}; `dispose` frees the engine. */
export function compileZen(rubric) {
  const engine = new zen.ZenEngine();
  const decision = engine.createDecision(decisionOf(rubric));
  const evaluate = async function evaluate(subject) {
    const { result } = await decision.evaluate(subject);
    return { outcome: result.outcome, total: result.total };
  };
  evaluate.dispose = () => engine.dispose();
  return evaluate;
}
