// What the comparison engines' encodings are built from: the rubric's IR, read into the few
// shapes the Beijing rubric uses. Each encoding translates these shapes into its engine's own
// language, so all of them score the rubric file itself, not a copy typed in by hand. Anything
// else throws: the encodings are for this benchmark, not general compilers.
import { Decimal } from '@rubric/rubric';

/** Thrown for a rubric feature an encoding does not translate. */
export class Unsupported extends Error {}

/**
 * `round(k * fact, step)` for a ratio fact, as the list of its possible points and the least
 * ratio giving each (half away from zero): points p for r ≥ (p − step/2)/k. Thresholds are
 * exact decimals turned into the nearest binary number; inputs with at most 15 significant
 * digits then compare the same way as their decimals (see docs/benchmarks.md).
 */
export function roundedRatio(expr, facts) {
  if (expr.kind !== 'call' || expr.fn !== 'round' || expr.args.length !== 2) return undefined;
  const [product, step] = expr.args;
  if (product.kind !== 'binary' || product.op !== '*' || step.kind !== 'number') return undefined;
  const [k, ref] = product.left.kind === 'number' ? [product.left, product.right] : [product.right, product.left];
  if (k.kind !== 'number' || ref.kind !== 'ref' || facts.get(ref.name)?.type.kind !== 'ratio') return undefined;
  const K = Decimal.from(k.value);
  const S = Decimal.from(step.value);
  const half = S.div(Decimal.fromInteger(2));
  const steps = [];
  for (let p = Decimal.ZERO; p.lte(K); p = p.add(S)) {
    steps.push({ points: p.toNumber(), from: p.isZero() ? undefined : p.sub(half).div(K).toNumber() });
  }
  return { fact: ref.name, steps: steps.reverse() };
}

/** A number literal's value, or throws. */
export function literal(expr) {
  if (expr.kind === 'number') return Number(expr.value);
  throw new Unsupported(`not a number literal: ${expr.kind}`);
}

/**
 * Every indicator as a list of first-match branches `{when?, points}` (the last has no
 * condition) or as a rounded ratio.
 */
export function indicatorBranches(ind, facts) {
  const r = ind.rule;
  if (r.kind === 'cases') return { branches: [...r.cases.map((c) => ({ when: c.when, points: literal(c.points) })), { points: literal(r.otherwise) }] };
  if (r.kind === 'expression') {
    const e = r.points;
    if (e.kind === 'number') return { branches: [{ points: literal(e) }] };
    if (e.kind === 'if') return { branches: [{ when: e.cond, points: literal(e.then) }, { points: literal(e.else) }] };
    const ratio = roundedRatio(e, facts);
    if (ratio) return { ratio };
  }
  throw new Unsupported(`indicator ${ind.id}: rule not translated`);
}

/** The rubric read into what every encoding needs. */
export function readPlan(rubric) {
  const facts = new Map(rubric.facts.map((f) => [f.id, f]));
  if (rubric.grades.length > 0 || rubric.deductionCap !== undefined || rubric.floor !== 0) throw new Unsupported('grades, an overall deduction cap or a floor other than 0');
  const param = rubric.parameters.find((p) => p.id === rubric.passMark);
  if (!param || param.periods.length !== 1 || param.periods[0].from || param.periods[0].until) throw new Unsupported('a dated pass mark');
  const indicators = rubric.sections.flatMap((s) => s.indicators.map((ind) => ({ id: ind.id, section: s.id, max: ind.max, ...indicatorBranches(ind, facts) })));
  const hard = rubric.hardRequirements.map((h) => {
    if (h.kind !== 'indicator-full') throw new Unsupported('a condition hard requirement');
    return { id: h.id, indicator: h.indicator, max: indicators.find((i) => i.id === h.indicator).max };
  });
  const deductions = rubric.deductions.map((d) => {
    if (d.kind !== 'per-unit' || d.count.kind !== 'ref') throw new Unsupported(`deduction ${d.id}`);
    return { id: d.id, fact: d.count.name, amount: d.amount, cap: d.cap };
  });
  const period = param.periods[0];
  return {
    indicators,
    vetoes: rubric.vetoes.map((v) => ({ id: v.id, when: v.when })),
    hard,
    deductions,
    passMark: { value: period.value, overrides: period.overrides.map((o) => ({ when: o.when, value: o.value })) },
  };
}

/** Outcome from the parts every encoding computes (the same rule as the engine's). */
export function outcomeOf({ vetoed, hardMet, total, passMark }) {
  return vetoed ? 'vetoed' : !hardMet || total < passMark ? 'fail' : 'pass';
}
