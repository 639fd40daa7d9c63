export * from './check/index.js';
export {
  compileRubric,
  type CompiledRubric,
  type EvaluateOptions,
} from './evaluate/compile-rubric.js';
export { inputSchema, type JsonSchema } from './evaluate/input-schema.js';
export { coerceTextRecord, type CoercedRecord } from './evaluate/coerce.js';
export { RESULT_SCHEMA } from './evaluate/result-schema.js';
