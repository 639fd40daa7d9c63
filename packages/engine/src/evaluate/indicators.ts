/**
 * Scoring indicators in the reference evaluator: each rule (expression, case table,
 * checklist) compiled into a closure, the range check on what it scores, and the section
 * sums. The interpreter's counterpart of `codegen/emit-indicators.ts`.
 */
import { Decimal, formatExpr, type Explanation, type IndicatorExplanation, type Rubric } from '@rubric/model';
import { compileExpr, type Compiled, type CompileScope } from './compile-expr.js';
import type { Track } from './result.js';
import { EvalError, bool, num, type Env, type Value } from './values.js';

/** How one indicator was scored. */
export interface Scored {
  points: Decimal;
  branch: string;
  rule: string;
  items?: { id: string; hits: number; points: number }[];
}

/** One indicator compiled for scoring. */
export interface IndicatorPlan {
  id: string;
  sectionId: string;
  max: Decimal;
  score(env: Env): Scored;
}

/** A count must be a whole number ≥ 0: anything else is a rubric or data defect for this subject. */
export function hitsOf(v: Value, what: string): Decimal {
  const n = num(v);
  if (n.isNegative() || !n.isInteger()) {
    throw new EvalError('eval/bad-count', `${what} counted ${n.toString()}, which is not a whole number ≥ 0`);
  }
  return n;
}

/** Every indicator of the rubric, section by section, compiled. */
export function planIndicators(rubric: Rubric, scope: CompileScope): IndicatorPlan[] {
  return rubric.sections.flatMap((s) => s.indicators.map((ind) => planIndicator(s.id, ind, scope)));
}

/** Compiles one indicator's scoring rule. */
export function planIndicator(sectionId: string, ind: Rubric['sections'][number]['indicators'][number], scope: CompileScope): IndicatorPlan {
  const max = Decimal.fromNumber(ind.max);
  const rule = ind.rule;
  const base = { id: ind.id, sectionId, max };
  switch (rule.kind) {
    case 'expression': {
      const points = compileExpr(rule.points, scope);
      const text = formatExpr(rule.points);
      return { ...base, score: (env) => ({ points: num(points(env)), branch: 'expression', rule: text }) };
    }
    case 'cases': {
      const cases = rule.cases.map((c, i) => ({ when: compileExpr(c.when, scope), points: compileExpr(c.points, scope), branch: `case ${i + 1}`, rule: `${formatExpr(c.when)} -> ${formatExpr(c.points)}` }));
      const otherwise = compileExpr(rule.otherwise, scope);
      const otherwiseText = `otherwise -> ${formatExpr(rule.otherwise)}`;
      return {
        ...base,
        score: (env) => {
          for (const c of cases) if (bool(c.when(env))) return { points: num(c.points(env)), branch: c.branch, rule: c.rule };
          return { points: num(otherwise(env)), branch: 'otherwise', rule: otherwiseText };
        },
      };
    }
    case 'checklist': {
      const items = rule.items.map((it) => {
        const hits: Compiled = it.count ? compileExpr(it.count, scope) : compileExpr(it.when!, scope);
        const isCount = it.count !== undefined;
        return { id: it.id, points: Decimal.fromNumber(it.points), hits: (env: Env) => (isCount ? hitsOf(hits(env), `checklist item \`${it.id}\``) : bool(hits(env)) ? Decimal.ONE : Decimal.ZERO) };
      });
      const deduct = rule.mode === 'deduct';
      const text = deduct ? `${max.toString()} minus points per defect, down to zero` : 'sum of the items met';
      return {
        ...base,
        score: (env) => {
          let sum = Decimal.ZERO;
          const detail: { id: string; hits: number; points: number }[] = [];
          for (const it of items) {
            const h = it.hits(env);
            const p = it.points.mul(h);
            sum = sum.add(p);
            detail.push({ id: it.id, hits: h.toNumber(), points: p.toNumber() });
          }
          const points = deduct ? Decimal.max(Decimal.ZERO, max.sub(sum)) : sum;
          return { points, branch: `checklist (${rule.mode})`, rule: text, items: detail };
        },
      };
    }
  }
}

/** The range check: an indicator scoring below 0 or above its max is a rubric defect for this subject. */
export function checkRange(ind: IndicatorPlan, s: Scored): void {
  if (s.points.isNegative() || s.points.gt(ind.max)) {
    throw new EvalError('eval/points-out-of-range', `indicator \`${ind.id}\` scored ${s.points.toString()}, outside 0..${ind.max.toString()} (a rubric defect: ${s.branch}: ${s.rule})`);
  }
}

/** What the indicators scored: per indicator, per section, and the raw total before deductions. */
export interface IndicatorScores {
  points: Map<string, Decimal>;
  sectionPoints: Map<string, Decimal>;
  raw: Decimal;
}

/** Scores every indicator in order, range-checks each, and sums them by section. */
export function scoreIndicators(indicators: IndicatorPlan[], sectionIds: string[], env: Env, track: Track, explanation: Explanation | undefined): IndicatorScores {
  const points = new Map<string, Decimal>();
  const sectionPoints = new Map<string, Decimal>(sectionIds.map((s) => [s, Decimal.ZERO]));
  for (const ind of indicators) {
    const [s, reads] = track(() => ind.score(env));
    checkRange(ind, s);
    points.set(ind.id, s.points);
    sectionPoints.set(ind.sectionId, sectionPoints.get(ind.sectionId)!.add(s.points));
    if (explanation) {
      const x: IndicatorExplanation = { branch: s.branch, rule: s.rule, reads };
      if (s.items) x.items = s.items;
      explanation.indicators[ind.id] = x;
    }
  }
  let raw = Decimal.ZERO;
  for (const p of sectionPoints.values()) raw = raw.add(p);
  return { points, sectionPoints, raw };
}
