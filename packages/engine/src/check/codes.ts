/**
 * Every code the checker reports, with its severity and when it is reported
 * (for documentation, `--help` texts and tests).
 */
import type { Severity } from '@rubric/model';

/** One diagnostic code of the checker. */
export interface CheckCode {
  severity: Severity;
  /** When it is reported. */
  summary: string;
}

/** The checker's codes. */
export const CHECK_CODES = {
  'rubric/duplicate-id': { severity: 'error', summary: 'an id used twice in one namespace (facts and parameters share one), or two tests with one name' },
  'rubric/reserved-name': { severity: 'error', summary: 'a fact, parameter or field id that is a word of the expression language' },
  'rubric/unknown-name': { severity: 'error', summary: 'an expression (or a discretionary deduction) names no fact, parameter or field' },
  'rubric/unknown-list': { severity: 'error', summary: 'an aggregate over a name that is not a list fact' },
  'rubric/unknown-field': { severity: 'error', summary: "a deduction's `field` that its list does not have" },
  'rubric/unknown-indicator': { severity: 'error', summary: 'a hard requirement, mapping or test names an indicator this rubric does not have' },
  'rubric/unknown-parameter': { severity: 'error', summary: '`passMark` names no parameter' },
  'rubric/unknown-level': { severity: 'error', summary: 'a level fact compared with a value that is not one of its levels' },
  'rubric/unknown-reason': { severity: 'error', summary: 'a test expects a reason no result can give' },
  'rubric/type-error': { severity: 'error', summary: 'an expression whose value has the wrong type for its place or operator' },
  'rubric/wrong-arity': { severity: 'error', summary: 'a function called with the wrong number of arguments' },
  'rubric/bad-step': { severity: 'error', summary: 'a rounding step that is a constant ≤ 0' },
  'rubric/bad-date': { severity: 'error', summary: 'a date that is not a calendar day' },
  'rubric/bad-checklist-item': { severity: 'error', summary: 'a checklist item with neither or both of `when` and `count`' },
  'rubric/total-mismatch': { severity: 'error', summary: 'the declared total is not the sum of the indicator maxima' },
  'rubric/section-total-mismatch': { severity: 'error', summary: "a section's declared points are not the sum of its indicators' maxima" },
  'rubric/points-out-of-range': { severity: 'error', summary: 'a rule provably gives points outside [0, max] for some input' },
  'rubric/points-may-exceed': { severity: 'warning', summary: "a rule's estimated points leave [0, max], but the checker cannot prove an input does" },
  'rubric/item-exceeds-max': { severity: 'warning', summary: 'a deduct-mode checklist item takes off more than the indicator has' },
  'rubric/case-never-matches': { severity: 'warning', summary: 'a case whose condition can never hold where it stands' },
  'rubric/count-may-be-negative': { severity: 'warning', summary: 'a count (checklist item, per-unit deduction) that can be below 0' },
  'rubric/unreachable-pass-mark': { severity: 'error', summary: 'a pass-mark value above the highest total a subject can reach' },
  'rubric/pass-mark-always-met': { severity: 'warning', summary: 'a pass-mark value at or below the lowest total a subject can get' },
  'rubric/unreachable-grade': { severity: 'warning', summary: 'a grade band above the highest reachable total' },
  'rubric/veto-never-fires': { severity: 'warning', summary: 'a veto whose condition is never true' },
  'rubric/veto-always-fires': { severity: 'error', summary: 'a veto whose condition is always true' },
  'rubric/requirement-always-met': { severity: 'warning', summary: 'a hard requirement that always holds (or asks full marks of a 0-point indicator)' },
  'rubric/requirement-never-met': { severity: 'error', summary: 'a hard requirement that can never hold (or asks full marks an indicator cannot reach)' },
  'rubric/overlapping-periods': { severity: 'error', summary: 'two periods of one parameter share a day' },
  'rubric/bad-period': { severity: 'error', summary: 'a period (of the rubric or a parameter) that ends before it starts' },
  'rubric/period-gap': { severity: 'warning', summary: 'a day of the rubric\'s period on which a used parameter (the pass mark, or one an expression reads) has no value' },
  'rubric/cyclic-parameter': { severity: 'error', summary: "a parameter's override conditions depend on the parameter itself" },
  'rubric/bad-deduction-fact': { severity: 'error', summary: 'a discretionary deduction recorded in a fact (or field) that is not a decimal or integer' },
  'rubric/bad-range': { severity: 'error', summary: 'a range whose lowest is above its highest (fact min/max, deduction range, clamp)' },
  'rubric/negative-cap': { severity: 'error', summary: 'a deduction cap below 0' },
  'rubric/bad-default': { severity: 'error', summary: "a default that does not fit its fact's type or bounds (a warning when the fact is required and the default unused)" },
  'rubric/missing-default': { severity: 'error', summary: 'an optional fact without a default' },
  'rubric/nested-list': { severity: 'error', summary: 'a list field that is itself a list' },
  'rubric/grade-order': { severity: 'error', summary: 'grade bands not in strictly decreasing order of `min`' },
  'rubric/duplicate-mapping': { severity: 'warning', summary: 'an old indicator listed in more than one `replaces` mapping' },
  'rubric/replaces-itself': { severity: 'error', summary: '`replaces` names the rubric\'s own version' },
  'internal/check-failed': { severity: 'error', summary: 'a check crashed (a bug in the checker); the other checks still ran' },
} as const satisfies Record<string, CheckCode>;

/** A code the checker reports. */
export type CheckCodeName = keyof typeof CHECK_CODES;
