/**
 * The catalogue entries of the per-record evaluation codes (`eval/…`): rules that fail for one
 * subject, shown by an edit of the base rubric and a record.
 */
import type { CatalogueEntry } from './types.js';
import { CATALOGUE_BASE_RECORD } from './base.js';
import { LATE_PASS_MARK, SCORE, TWO_ITEMS, YAML_PASS_MARK } from './snippets.js';

/** Entries of the evaluation codes (`eval/…`). */
export const EVAL_EXAMPLES: CatalogueEntry[] = [
  { code: 'eval/division-by-zero', severity: 'error', source: 'eval', meaning: 'a rule divided by zero for this subject', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, complaints: 0 }, edit: { from: SCORE, to: 'min(10, max(0, 10 - 10 / complaints))' } }, fix: 'guard the division: if complaints > 0 then … else …' },
  { code: 'eval/bad-count', severity: 'error', source: 'eval', meaning: 'a count (per-unit deduction, checklist item) was negative or fractional', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, complaints: -1 }, edit: { from: 'type: integer, min: 0 }', to: 'type: integer }' } }, fix: 'give the count fact `min: 0`, and correct the record' },
  { code: 'eval/bad-step', severity: 'error', source: 'eval', meaning: 'a rounding step computed from data was ≤ 0', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, complaints: 0 }, edit: { from: SCORE, to: 'min(10, round(10 * rate, complaints))' } }, fix: 'round to a constant positive step' },
  { code: 'eval/no-parameter-value', severity: 'error', source: 'eval', meaning: 'no value of a parameter is in force on the as-of date', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD }, edit: { from: YAML_PASS_MARK, to: LATE_PASS_MARK } }, fix: 'give the parameter a value for that day, or evaluate as of a day in its period' },
  { code: 'eval/points-out-of-range', severity: 'error', source: 'eval', meaning: 'an indicator scored outside [0, max] for this subject (a rubric defect; never clamped)', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD }, edit: { from: `score: ${SCORE}`, to: TWO_ITEMS } }, fix: 'bound the rule with min/max' },
];
