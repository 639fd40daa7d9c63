export * from './check/index.js';
export {
  compileRubric,
  type CompiledRubric,
  type CompileOptions,
  type EvaluateOptions,
} from './evaluate/compile-rubric.js';
export { inputSchema, type JsonSchema } from './evaluate/input-schema.js';
export { coerceTextRecord, type CoercedRecord } from './evaluate/coerce.js';
export { RESULT_SCHEMA } from './evaluate/result-schema.js';
export { generateEvaluatorSource, type EvaluatorSource, type GenerateOptions } from './codegen/generate.js';
export { CodegenError } from './codegen/errors.js';
export { emitStandaloneModule, type StandaloneOptions } from './codegen/standalone.js';
export { emitTypeDeclarations } from './codegen/emit-types.js';
