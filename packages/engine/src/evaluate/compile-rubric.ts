import type { EvaluationResult, Rubric } from '@rubric/model';

export interface EvaluateOptions {
  /** Evaluation date, YYYY-MM-DD; default: the rubric's effective.from. */
  asOf?: string;
  /** Record the branch taken and the facts read for every rule. */
  explain?: boolean;
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
}

/** Compiles a checked IR into an evaluator. */
export function compileRubric(rubric: Rubric): CompiledRubric {
  throw new Error(`not implemented yet: ${rubric.id}`);
}
