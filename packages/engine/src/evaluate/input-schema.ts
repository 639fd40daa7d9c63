import type { Rubric } from '@rubric/model';
export type JsonSchema = Record<string, unknown>;
/** JSON Schema of a subject's data, generated from the fact declarations. */
export function inputSchema(rubric: Rubric): JsonSchema {
  void rubric;
  return {};
}
