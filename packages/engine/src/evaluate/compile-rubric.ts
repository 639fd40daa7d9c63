/**
 * The reference evaluator: a checked IR compiled once into closures, then run on
 * many subjects. It is the semantics of record: generated evaluators are tested
 * against it.
 */
import {
  Decimal,
  RESULT_FORMAT,
  contentHash,
  formatExpr,
  type AppliedDeduction,
  type EvaluationResult,
  type Explanation,
  type Fact,
  type IndicatorExplanation,
  type Reason,
  type Rubric,
  type SubjectError,
} from '@rubric/model';
import { compileExpr, type Compiled, type CompileScope } from './compile-expr.js';
import { inputSchema } from './input-schema.js';
import { CompiledParameter, type ResolvedParameter } from './parameters.js';
import { SubjectReader } from './read-subject.js';
import { EvalError, bool, num, type Env, type Value } from './values.js';
import { CodegenError } from '../codegen/errors.js';
import { compileGenerated } from '../codegen/generate.js';

export interface EvaluateOptions {
  /** Evaluation date, YYYY-MM-DD; default: the rubric's effective.from. */
  asOf?: string;
  /** Record the branch taken and the facts read for every rule. */
  explain?: boolean;
  /**
   * Errors already found while reading the record (a CSV cell that is not a number):
   * the result is `invalid` with these plus any schema errors at other paths.
   */
  inputErrors?: SubjectError[];
}

/** A rubric compiled once into an evaluator, to be run on many subjects. */
export interface CompiledRubric {
  readonly rubric: Rubric;
  /** Content hash of the IR (`sha256:…`). */
  readonly hash: string;
  /** JSON Schema of one subject's data. */
  readonly inputSchema: object;
  /** Validates and scores one subject. Never throws on bad data: returns an `invalid` result. */
  evaluate(subject: unknown, options?: EvaluateOptions): EvaluationResult;
  /** An `invalid` result for a record that could not be read at all (a JSONL line that is not JSON). */
  invalid(id: string | null, errors: SubjectError[], options?: { asOf?: string }): EvaluationResult;
}

/** Options of {@link compileRubric}. */
export interface CompileOptions {
  /**
   * `generated` (default): JavaScript generated from the rubric (docs/compile.md), tested
   * against the reference; `reference`: this module's closure interpreter, the semantics of
   * record, for auditors. A rubric the generator cannot compile (one with type errors) gets
   * the reference evaluator, which reports such defects per subject.
   */
  evaluator?: 'generated' | 'reference';
}

/** Compiles a checked IR into an evaluator. */
export function compileRubric(rubric: Rubric, options: CompileOptions = {}): CompiledRubric {
  if (options.evaluator === 'reference') return new ReferenceEvaluator(rubric);
  try {
    return compileGenerated(rubric, (frozen) => new ReferenceEvaluator(frozen));
  } catch (e) {
    if (e instanceof CodegenError) return new ReferenceEvaluator(rubric);
    throw e;
  }
}

/** How one indicator was scored. */
interface Scored {
  points: Decimal;
  branch: string;
  rule: string;
  items?: { id: string; hits: number; points: number }[];
}

interface IndicatorPlan {
  id: string;
  sectionId: string;
  max: Decimal;
  score(env: Env): Scored;
}

interface GatePlan {
  id: string;
  text: string;
  rule: string;
  test(env: Env, indicators: Map<string, Decimal>): boolean;
}

interface DeductionPlan {
  id: string;
  reason: string;
  rule: string;
  cap?: Decimal;
  amount(env: Env): Decimal;
}

/** A count must be a whole number ≥ 0: anything else is a rubric or data defect for this subject. */
function hitsOf(v: Value, what: string): Decimal {
  const n = num(v);
  if (n.isNegative() || !n.isInteger()) {
    throw new EvalError('eval/bad-count', `${what} counted ${n.toString()}, which is not a whole number ≥ 0`);
  }
  return n;
}

class ReferenceEvaluator implements CompiledRubric {
  readonly hash: string;
  readonly inputSchema: object;
  private readonly reader: SubjectReader;
  private readonly params = new Map<string, CompiledParameter>();
  private readonly indicators: IndicatorPlan[];
  private readonly vetoes: GatePlan[];
  private readonly hard: GatePlan[];
  private readonly deductions: DeductionPlan[];
  private readonly deductionCap?: Decimal;
  private readonly floor: Decimal | null;
  private readonly sectionIds: string[];
  private readonly grades: { label: string; min: Decimal }[];

  constructor(readonly rubric: Rubric) {
    this.hash = contentHash(rubric);
    this.inputSchema = inputSchema(rubric);
    this.reader = new SubjectReader(rubric);
    const scope: CompileScope = {
      facts: new Map<string, Fact>(rubric.facts.map((f) => [f.id, f])),
      parameters: new Set(rubric.parameters.map((p) => p.id)),
    };
    for (const p of rubric.parameters) this.params.set(p.id, new CompiledParameter(p, scope));
    this.sectionIds = rubric.sections.map((s) => s.id);
    this.indicators = rubric.sections.flatMap((s) => s.indicators.map((ind) => this.planIndicator(s.id, ind, scope)));
    this.vetoes = rubric.vetoes.map((v) => {
      const when = compileExpr(v.when, scope);
      return { id: v.id, text: v.reason, rule: formatExpr(v.when), test: (env: Env) => bool(when(env)) };
    });
    this.hard = rubric.hardRequirements.map((h) => {
      if (h.kind === 'indicator-full') {
        const ind = this.indicators.find((i) => i.id === h.indicator);
        const max = ind?.max ?? Decimal.ZERO;
        return { id: h.id, text: h.title, rule: `${h.indicator} at full marks (${max.toString()})`, test: (_env: Env, pts: Map<string, Decimal>) => (pts.get(h.indicator) ?? Decimal.ZERO).gte(max) };
      }
      const req = compileExpr(h.require, scope);
      return { id: h.id, text: h.title, rule: formatExpr(h.require), test: (env: Env) => bool(req(env)) };
    });
    this.deductions = rubric.deductions.map((d) => this.planDeduction(d, scope));
    if (rubric.deductionCap !== undefined) this.deductionCap = Decimal.fromNumber(rubric.deductionCap);
    this.floor = rubric.floor === null ? null : Decimal.fromNumber(rubric.floor);
    this.grades = rubric.grades.map((g) => ({ label: g.label, min: Decimal.fromNumber(g.min) }));
  }

  private planIndicator(sectionId: string, ind: Rubric['sections'][number]['indicators'][number], scope: CompileScope): IndicatorPlan {
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

  private planDeduction(d: Rubric['deductions'][number], scope: CompileScope): DeductionPlan {
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

  invalid(id: string | null, errors: SubjectError[], options: { asOf?: string } = {}): EvaluationResult {
    const asOf = options.asOf ?? this.rubric.effective.from;
    return {
      format: RESULT_FORMAT,
      id,
      outcome: 'invalid',
      total: null,
      sections: {},
      indicators: {},
      deductions: [],
      deductionTotal: 0,
      passMark: null,
      passMarkSource: null,
      hardRequirementsFailed: [],
      vetoes: [],
      reasons: [],
      grade: null,
      errors,
      asOf,
      rubric: { id: this.rubric.id, version: this.rubric.version, hash: this.hash },
    };
  }

  evaluate(subject: unknown, options: EvaluateOptions = {}): EvaluationResult {
    const asOf = options.asOf ?? this.rubric.effective.from;
    const id = SubjectReader.idOf(subject);
    const pre = options.inputErrors ?? [];
    const read = this.reader.read(subject, new Set(pre.map((e) => e.path)));
    if (pre.length > 0 || !read.facts) return this.invalid(id, [...pre, ...read.errors], { asOf });
    try {
      return this.score(id, read.facts, asOf, options.explain === true);
    } catch (e) {
      if (e instanceof EvalError) return this.invalid(id, [{ path: e.path, code: e.code, message: e.message }], { asOf });
      throw e;
    }
  }

  private score(id: string | null, facts: Record<string, Value>, asOf: string, explain: boolean): EvaluationResult {
    const cache = new Map<string, ResolvedParameter>();
    const params = this.params;
    const env: Env = {
      facts,
      param(pid) {
        let r = cache.get(pid);
        if (!r) {
          // Overrides read facts; keep those reads out of whichever rule asked first.
          const saved = env.reads;
          if (saved) env.reads = {};
          r = params.get(pid)!.resolve(env, asOf);
          env.reads = saved;
          cache.set(pid, r);
        }
        return r.value;
      },
    };
    const explanation: Explanation | undefined = explain ? { indicators: {}, vetoes: {}, hardRequirements: {}, deductions: {} } : undefined;
    const track = <T>(fn: () => T): [T, Record<string, unknown>] => {
      if (!explanation) return [fn(), {}];
      env.reads = {};
      const v = fn();
      const reads = env.reads;
      delete env.reads;
      return [v, reads];
    };

    // Indicators and sections.
    const points = new Map<string, Decimal>();
    const sectionPoints = new Map<string, Decimal>(this.sectionIds.map((s) => [s, Decimal.ZERO]));
    for (const ind of this.indicators) {
      const [s, reads] = track(() => ind.score(env));
      if (s.points.isNegative() || s.points.gt(ind.max)) {
        throw new EvalError('eval/points-out-of-range', `indicator \`${ind.id}\` scored ${s.points.toString()}, outside 0..${ind.max.toString()} (a rubric defect: ${s.branch}: ${s.rule})`);
      }
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

    // Deductions: each capped, then the overall cap, then the floor.
    const applied: AppliedDeduction[] = [];
    let deducted = Decimal.ZERO;
    for (const d of this.deductions) {
      const [uncapped, reads] = track(() => d.amount(env));
      const amount = d.cap && uncapped.gt(d.cap) ? d.cap : uncapped;
      if (explanation) explanation.deductions[d.id] = { rule: d.rule, reads };
      if (amount.isZero()) continue;
      applied.push({ id: d.id, reason: d.reason, amount: amount.toNumber(), uncapped: uncapped.toNumber() });
      deducted = deducted.add(amount);
    }
    if (this.deductionCap && deducted.gt(this.deductionCap)) deducted = this.deductionCap;
    let total = raw.sub(deducted);
    // Deductions never push the total below the floor (nor does the floor raise a lower raw total).
    if (this.floor && total.lt(this.floor)) total = Decimal.max(total, Decimal.min(raw, this.floor));

    // Gates.
    const vetoes: string[] = [];
    const reasons: Reason[] = [];
    for (const v of this.vetoes) {
      const [fired, reads] = track(() => v.test(env, points));
      if (explanation) explanation.vetoes[v.id] = { fired, rule: v.rule, reads };
      if (fired) {
        vetoes.push(v.id);
        reasons.push({ key: `veto:${v.id}`, kind: 'veto', id: v.id, message: `one-vote veto: ${v.text}` });
      }
    }
    const hardFailed: string[] = [];
    for (const h of this.hard) {
      const [met, reads] = track(() => h.test(env, points));
      if (explanation) explanation.hardRequirements[h.id] = { met, rule: h.rule, reads };
      if (!met) {
        hardFailed.push(h.id);
        reasons.push({ key: `hard:${h.id}`, kind: 'hard-requirement', id: h.id, message: `hard requirement not met: ${h.text}` });
      }
    }
    const pass = this.params.get(this.rubric.passMark)!.resolve(env, asOf);
    if (total.lt(pass.value)) {
      reasons.push({ key: 'below-pass-mark', kind: 'below-pass-mark', message: `total ${total.toString()} is below the pass mark ${pass.value.toString()}` });
    }
    const outcome = vetoes.length > 0 ? 'vetoed' : reasons.length > 0 ? 'fail' : 'pass';
    const grade = outcome === 'vetoed' ? null : (this.grades.find((g) => total.gte(g.min))?.label ?? null);

    const result: EvaluationResult = {
      format: RESULT_FORMAT,
      id,
      outcome,
      total: total.toNumber(),
      sections: Object.fromEntries([...sectionPoints].map(([k, v]) => [k, v.toNumber()])),
      indicators: Object.fromEntries([...points].map(([k, v]) => [k, v.toNumber()])),
      deductions: applied,
      deductionTotal: deducted.toNumber(),
      passMark: pass.value.toNumber(),
      passMarkSource: pass.source,
      hardRequirementsFailed: hardFailed,
      vetoes,
      reasons,
      grade,
      errors: [],
      asOf,
      rubric: { id: this.rubric.id, version: this.rubric.version, hash: this.hash },
    };
    if (explanation) result.explanation = explanation;
    return result;
  }
}
