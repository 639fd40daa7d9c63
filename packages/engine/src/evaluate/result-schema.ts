/** JSON Schema of an evaluation result. */
export const RESULT_SCHEMA: Record<string, unknown> = {};
