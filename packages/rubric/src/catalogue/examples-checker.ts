/**
 * The wrong examples and fixes of the checker's codes (`rubric/…`), keyed by code; their meanings
 * and severities come from the checker's own registry (CHECK_CODES of @rubric/engine).
 */
import type { CatalogueExample } from './types.js';
import { DSL_END, RATE_RULE_IR, SCORE, TWO_ITEMS } from './snippets.js';

/** Examples and fixes of the checker's codes (meanings and severities come from CHECK_CODES). */
export const CHECKER_EXAMPLES: Record<string, { example: CatalogueExample; fix: string }> = {
  'rubric/duplicate-id': { example: { kind: 'rubric', format: 'yaml', from: '- id: rate\n', to: '- id: duty\n' }, fix: 'give each fact, parameter, indicator, veto and deduction its own id' },
  'rubric/reserved-name': { example: { kind: 'rubric', format: 'yaml', from: '  exposed: { label: Exposed, type: boolean }\n', to: '  exposed: { label: Exposed, type: boolean }\n  and: { label: And, type: boolean }\n' }, fix: 'rename it: words of the expression language (and, or, not, if, in, is …) cannot be ids' },
  'rubric/unknown-name': { example: { kind: 'rubric', format: 'yaml', from: SCORE, to: 'round(10 * rat, 0.5)' }, fix: 'correct the spelling (the hint names the closest fact or parameter), or declare the fact' },
  'rubric/unknown-list': { example: { kind: 'rubric', format: 'yaml', from: 'when: risk is low', to: 'when: count(risk) > 1' }, fix: 'count, sum, all and any work over list facts only; declare a list fact or use the value directly' },
  'rubric/unknown-field': {
    example: { kind: 'rubric', format: 'yaml', from: '  complaints: { label: Complaints, type: integer, min: 0 }', to: '  complaints: { label: Complaints, type: list, fields: { amount: { label: Amount, type: decimal } } }', also: [{ from: 'per: complaints, amount: 1', to: 'fact: complaints, field: amout, range: [0.5, 2]' }] },
    fix: "name one of the list's fields",
  },
  'rubric/unknown-indicator': { example: { kind: 'rubric', format: 'yaml', from: 'indicator: duty', to: 'indicator: dutty' }, fix: 'name an indicator this rubric has (the hint names the closest)' },
  'rubric/unknown-parameter': { example: { kind: 'rubric', format: 'yaml', from: 'pass_mark: pass_mark', to: 'pass_mark: passmark' }, fix: 'name a declared parameter, or write the pass mark as a number' },
  'rubric/unknown-level': { example: { kind: 'rubric', format: 'yaml', from: 'duty is partial', to: 'duty is parital' }, fix: "use one of the fact's levels (the hint names the closest)" },
  'rubric/unknown-reason': {
    example: { kind: 'rubric', format: 'dsl', from: DSL_END, to: `${DSL_END}\ntest "exposed is vetoed"\n  subject {duty: full, rate: 1, complaints: 0, risk: high, exposed: true}\n  expect outcome vetoed, reasons ["veto:exposed"]\n` },
    fix: 'expect a reason the rubric can give, or correct its id',
  },
  'rubric/type-error': { example: { kind: 'rubric', format: 'yaml', from: 'when: exposed }', to: 'when: exposed + 1 }' }, fix: 'compare or convert the value so it has the type the place needs (a condition needs true/false, points need a number)' },
  'rubric/wrong-arity': {
    // Both front ends report it first as expr/arity; only IR JSON reaches the checker with it.
    example: { kind: 'json', edit: { from: '              "fn": "round",', to: '              "fn": "abs",' } },
    fix: 'give the function the arguments its signature asks for',
  },
  'rubric/bad-step': { example: { kind: 'rubric', format: 'yaml', from: SCORE, to: 'round(10 * rate, 0)' }, fix: 'round to a positive step, such as 0.5 or 1' },
  'rubric/bad-date': {
    // Both front ends report it first as dsl/bad-date or yaml/bad-value.
    example: { kind: 'json', edit: { from: '    "from": "2022-06-14"', to: '    "from": "2022-02-30"' } },
    fix: 'write a real calendar day, YYYY-MM-DD',
  },
  'rubric/bad-checklist-item': {
    // YAML reports it first as yaml/missing-key or yaml/conflicting-keys; the rubric language cannot write it.
    example: { kind: 'json', edit: { from: RATE_RULE_IR, to: '          "rule": { "kind": "checklist", "mode": "award", "items": [\n            { "id": "high", "title": "Rate above 90%", "points": 10 }\n          ] },' } },
    fix: 'give each checklist item exactly one of `when` (yes/no) and `count` (how many defects)',
  },
  'rubric/total-mismatch': { example: { kind: 'rubric', format: 'yaml', from: 'total: 20', to: 'total: 25' }, fix: "make the declared total the sum of the indicators' points (or correct an indicator)" },
  'rubric/section-total-mismatch': { example: { kind: 'rubric', format: 'yaml', from: '    points: 20\n', to: '    points: 18\n' }, fix: "make the section's points the sum of its indicators' points" },
  'rubric/points-out-of-range': { example: { kind: 'rubric', format: 'yaml', from: SCORE, to: 'round(12 * rate, 0.5)' }, fix: 'change the rule (or wrap it in min/max) so it stays within 0 and the maximum' },
  'rubric/points-may-exceed': {
    example: { kind: 'rubric', format: 'yaml', from: `score: ${SCORE}`, to: TWO_ITEMS },
    fix: 'bound the rule with min(…, max) and max(0, …) if it can leave the range',
  },
  'rubric/item-exceeds-max': {
    example: { kind: 'rubric', format: 'yaml', from: `score: ${SCORE}`, to: 'checklist: { mode: deduct, items: [{ id: late, title: Late reply, points: 12, count: complaints }] }' },
    fix: "lower the item's points to at most the indicator's maximum",
  },
  'rubric/case-never-matches': { example: { kind: 'rubric', format: 'yaml', from: 'duty is partial', to: 'duty is full' }, fix: 'remove the case, or correct the condition of the case above it that already covers it' },
  'rubric/count-may-be-negative': { example: { kind: 'rubric', format: 'yaml', from: 'type: integer, min: 0 }', to: 'type: integer }' }, fix: 'give the count fact `min: 0` (at least 0)' },
  'rubric/unreachable-pass-mark': { example: { kind: 'rubric', format: 'yaml', from: 'value: 15', to: 'value: 25' }, fix: 'lower the pass mark to at most the highest total, or correct the points' },
  'rubric/pass-mark-always-met': { example: { kind: 'rubric', format: 'yaml', from: 'value: 15', to: 'value: -1' }, fix: 'raise the pass mark above the lowest total a subject can get' },
  'rubric/unreachable-grade': { example: { kind: 'rubric', format: 'dsl', from: DSL_END, to: `${DSL_END}\ngrade "Excellent" at least 25\n` }, fix: 'lower the band or remove it' },
  'rubric/veto-never-fires': { example: { kind: 'rubric', format: 'yaml', from: 'when: exposed }', to: 'when: rate > 1 }' }, fix: 'correct the condition: as written no subject can ever meet it' },
  'rubric/veto-always-fires': { example: { kind: 'rubric', format: 'yaml', from: 'when: exposed }', to: 'when: exposed or not exposed }' }, fix: 'correct the condition: as written every subject is vetoed' },
  'rubric/requirement-always-met': { example: { kind: 'rubric', format: 'yaml', from: 'indicator: duty }', to: 'require: rate >= 0 }' }, fix: 'correct the condition, or drop a requirement that cannot fail' },
  'rubric/requirement-never-met': { example: { kind: 'rubric', format: 'yaml', from: 'indicator: duty }', to: 'require: rate > 1 }' }, fix: 'correct the condition: as written every subject fails' },
  'rubric/overlapping-periods': {
    example: { kind: 'rubric', format: 'dsl', from: '  value 15\n    when risk is low -> 12\n', to: '  value 15 until 2022-06-30\n    when risk is low -> 12\n  value 14 from 2022-06-30\n' },
    fix: "end the earlier period the day before the later one starts",
  },
  'rubric/bad-period': { example: { kind: 'rubric', format: 'yaml', from: 'effective: { from: 2022-06-14 }', to: 'effective: { from: 2022-06-14, until: 2022-06-01 }' }, fix: 'put `until` on or after `from`' },
  'rubric/period-gap': { example: { kind: 'rubric', format: 'dsl', from: '  value 15\n', to: '  value 15 from 2022-07-01\n' }, fix: 'give the parameter a value for every day of the rubric period (or an undated value)' },
  'rubric/cyclic-parameter': { example: { kind: 'rubric', format: 'yaml', from: 'when: risk is low', to: 'when: pass_mark > 13' }, fix: 'make override conditions depend on facts, not on the parameter itself' },
  'rubric/bad-deduction-fact': { example: { kind: 'rubric', format: 'yaml', from: 'per: complaints, amount: 1', to: 'fact: exposed, range: [0.5, 2]' }, fix: 'record the amount in a decimal or integer fact' },
  'rubric/bad-range': { example: { kind: 'rubric', format: 'yaml', from: 'type: integer, min: 0 }', to: 'type: integer, min: 5, max: 1 }' }, fix: 'put the lowest value first' },
  'rubric/negative-cap': {
    example: { kind: 'none', where: 'no rubric file reaches it: a negative cap (of a deduction or of all deductions) is reported first by the YAML front end (yaml/bad-value), by the rubric language (dsl/bad-value) and, in IR JSON, by the IR schema (ir/schema: a cap is at least 0); the checker keeps the check for rubrics built in code' },
    fix: 'a cap is at least 0',
  },
  'rubric/bad-default': { example: { kind: 'rubric', format: 'yaml', from: '  exposed: { label: Exposed, type: boolean }', to: '  exposed: { label: Exposed, type: boolean }\n  visits: { label: Visits, type: integer, min: 0, required: false, default: -2 }' }, fix: "give a default that fits the fact's type and bounds" },
  'rubric/missing-default': {
    // YAML reports it first as yaml/missing-default; in the rubric language a fact without a default is required.
    example: { kind: 'json', edit: { from: '      "label": "Exposed",\n      "required": true', to: '      "label": "Exposed",\n      "required": false' } },
    fix: 'give the optional fact a default',
  },
  'rubric/nested-list': {
    // Both front ends report it first (yaml/bad-value, dsl/bad-value).
    example: { kind: 'json', edit: { from: '  "facts": [\n', to: '  "facts": [\n    { "id": "visits", "label": "Visits", "required": true, "type": { "kind": "list", "fields": [\n      { "id": "staff", "label": "Staff", "required": true, "type": { "kind": "list", "fields": [] } }\n    ] } },\n' } },
    fix: 'flatten the data: a list field holds plain values',
  },
  'rubric/grade-order': { example: { kind: 'rubric', format: 'dsl', from: DSL_END, to: `${DSL_END}\ngrade "Good" at least 12\ngrade "Excellent" at least 18\n` }, fix: 'list grade bands from the highest `min` down, each strictly lower' },
  'rubric/duplicate-mapping': { example: { kind: 'rubric', format: 'dsl', from: '  total 20 points\n', to: '  replaces "0"\n    [checks] -> [duty]\n    [checks] -> [rate]\n  total 20 points\n' }, fix: 'map each old indicator once' },
  'rubric/replaces-itself': { example: { kind: 'rubric', format: 'yaml', from: 'effective: { from: 2022-06-14 }', to: 'effective: { from: 2022-06-14 }\nreplaces: { version: "1", mapping: [] }' }, fix: 'name the version this one takes over from in `replaces`, and give this file its own `version`' },
};
