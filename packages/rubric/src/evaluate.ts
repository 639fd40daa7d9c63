/**
 * `@rubric/rubric/evaluate`: the evaluation half of the facade, without the front ends.
 * Compiling and evaluating a rubric already in IR form needs neither the YAML reader nor
 * the expression parser; leaving them out saves tens of megabytes per thread, which
 * matters for `rubric eval --jobs N` workers and for services that load IR JSON.
 */
export { compileRubric, inputSchema, coerceTextRecord, RESULT_SCHEMA } from '@rubric/engine';
export type { CompiledRubric, CompileOptions, EvaluateOptions, CoercedRecord, JsonSchema } from '@rubric/engine';
export { escapeControl, contentHash, shortHash, Decimal, RESULT_FORMAT, OUTCOMES } from '@rubric/model';
export type { Rubric, Fact, FactType, EvaluationResult, Outcome, Reason, SubjectError } from '@rubric/model';
