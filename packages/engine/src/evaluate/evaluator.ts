/**
 * The contract every evaluator keeps, reference and generated alike: a leaf module that
 * imports nothing of its neighbours, so the interpreter and the code generator can both
 * name it without importing each other.
 */
import type { EvaluationResult, Rubric, SubjectError } from '@rubric/model';

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
