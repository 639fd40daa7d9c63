/**
 * The reference evaluator: a checked IR compiled once into closures, then run on
 * many subjects. It is the semantics of record: generated evaluators are tested
 * against it. This module orchestrates; each concept lives in the module named like
 * its code-generator counterpart (indicators, gates, deductions, parameters, grades, result).
 */
import { Decimal, contentHash, type EvaluationResult, type Fact, type Reason, type Rubric, type SubjectError } from '@rubric/model';
import type { CompileScope } from './compile-expr.js';
import { applyDeductions, planDeduction, type DeductionPlan } from './deductions.js';
import { planHardRequirements, planVetoes, runHardRequirements, runVetoes, type GatePlan } from './gates.js';
import { gradeOf, planGrades, type GradePlan } from './grades.js';
import { planIndicators, scoreIndicators, type IndicatorPlan } from './indicators.js';
import { inputSchema } from './input-schema.js';
import { compileParameters, parameterEnv, resolvePassMark, type CompiledParameter } from './parameters.js';
import { SubjectReader } from './read-subject.js';
import { buildResult, invalidResult, newExplanation, outcomeOf, tracker } from './result.js';
import { EvalError, type Value } from './values.js';
import { CodegenError } from '../codegen/errors.js';
import { compileGenerated } from '../codegen/generate.js';
import type { CompiledRubric, EvaluateOptions } from './evaluator.js';

export type { CompiledRubric, EvaluateOptions } from './evaluator.js';

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

/** The closure interpreter: every rule compiled once in the constructor, then run per subject. */
class ReferenceEvaluator implements CompiledRubric {
  readonly hash: string;
  readonly inputSchema: object;
  private readonly reader: SubjectReader;
  private readonly params: Map<string, CompiledParameter>;
  private readonly indicators: IndicatorPlan[];
  private readonly vetoes: GatePlan[];
  private readonly hard: GatePlan[];
  private readonly deductions: DeductionPlan[];
  private readonly deductionCap?: Decimal;
  private readonly floor: Decimal | null;
  private readonly sectionIds: string[];
  private readonly grades: GradePlan[];

  constructor(readonly rubric: Rubric) {
    this.hash = contentHash(rubric);
    this.inputSchema = inputSchema(rubric);
    this.reader = new SubjectReader(rubric);
    const scope: CompileScope = {
      facts: new Map<string, Fact>(rubric.facts.map((f) => [f.id, f])),
      parameters: new Set(rubric.parameters.map((p) => p.id)),
    };
    this.params = compileParameters(rubric, scope);
    this.sectionIds = rubric.sections.map((s) => s.id);
    this.indicators = planIndicators(rubric, scope);
    this.vetoes = planVetoes(rubric, scope);
    this.hard = planHardRequirements(rubric, scope, this.indicators);
    this.deductions = rubric.deductions.map((d) => planDeduction(d, scope));
    if (rubric.deductionCap !== undefined) this.deductionCap = Decimal.fromNumber(rubric.deductionCap);
    this.floor = rubric.floor === null ? null : Decimal.fromNumber(rubric.floor);
    this.grades = planGrades(rubric);
  }

  invalid(id: string | null, errors: SubjectError[], options: { asOf?: string } = {}): EvaluationResult {
    const asOf = options.asOf ?? this.rubric.effective.from;
    return invalidResult(this.rubric, this.hash, id, errors, asOf);
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
    const env = parameterEnv(this.params, facts, asOf);
    const explanation = newExplanation(explain);
    const track = tracker(env, explanation);

    // Indicators and sections.
    const { points, sectionPoints, raw } = scoreIndicators(this.indicators, this.sectionIds, env, track, explanation);

    // Deductions: each capped, then the overall cap, then the floor.
    const { applied, deducted, total } = applyDeductions(this.deductions, this.deductionCap, this.floor, raw, env, track, explanation);

    // Gates, then the pass mark.
    const reasons: Reason[] = [];
    const vetoes = runVetoes(this.vetoes, env, points, track, explanation, reasons);
    const hardFailed = runHardRequirements(this.hard, env, points, track, explanation, reasons);
    const pass = resolvePassMark(this.params, this.rubric.passMark, env, asOf, total, reasons);
    const outcome = outcomeOf(vetoes, reasons);
    const grade = gradeOf(this.grades, outcome, total);

    return buildResult({ rubric: this.rubric, hash: this.hash, id, asOf, outcome, total, sectionPoints, points, applied, deducted, pass, hardFailed, vetoes, reasons, grade, explanation });
  }
}
