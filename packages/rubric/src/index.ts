/**
 * The public facade: load a rubric from a file (DSL, YAML or IR JSON, by extension),
 * check it, compile it, evaluate subjects.
 */
export { runRubricTests, ruleBranches, type RubricTestReport, type TestCaseResult, type TestMismatch } from './run-tests.js';
export { loadRubric, loadRubricText, type LoadedRubric, type SourceFormat, sourceFormatOf } from './load.js';
export { compileRubric, checkRubric, inputSchema, coerceTextRecord, RESULT_SCHEMA } from '@rubric/engine';
export type { CompiledRubric, EvaluateOptions, CoercedRecord, JsonSchema } from '@rubric/engine';
export {
  formatDiagnostic,
  hasErrors,
  contentHash,
  canonicalJson,
  shortHash,
  escapeControl,
  Decimal,
  IR_FORMAT,
  RESULT_FORMAT,
  OUTCOMES,
} from '@rubric/model';
export type {
  Diagnostic,
  Span,
  Position,
  Severity,
  Rubric,
  Fact,
  FactType,
  EvaluationResult,
  Outcome,
  Reason,
  SubjectError,
} from '@rubric/model';

import type { CompiledRubric, EvaluateOptions } from '@rubric/engine';
import type { EvaluationResult } from '@rubric/model';

/** Evaluates one subject with a compiled rubric (same as `compiled.evaluate`). */
export function evaluate(compiled: CompiledRubric, subject: unknown, options?: EvaluateOptions): EvaluationResult {
  return compiled.evaluate(subject, options);
}
