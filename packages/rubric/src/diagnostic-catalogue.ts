/**
 * The diagnostic catalogue: every code any part of the tools can report, with its severity,
 * what it means, a wrong example that produces it and the fix. The codes and meanings come
 * from each component's own registry (checker, expression parser, DSL and YAML front ends);
 * the examples live here, next to them, so a test can run every example and a script
 * (scripts/write-catalogue.mjs) can write docs/guide/diagnostics.md from this module — the
 * guide cannot drift from the code.
 */
import { CHECK_CODES } from '@rubric/engine';
import { DSL_ISSUE_CODES, EXPRESSION_ISSUE_CODES } from '@rubric/dsl';
import { YAML_CODES } from '@rubric/yaml';
import { compileRubric, coerceTextRecord } from '@rubric/engine';
import type { Severity } from '@rubric/model';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRubric, loadRubricText, type LoadedRubric } from './load.js';

/**
 * A wrong example. `rubric`: one edit (`from` → `to`) to the small valid rubric
 * {@link CATALOGUE_BASE_YAML} or {@link CATALOGUE_BASE_DSL}, loaded with `loadRubricText`.
 * `json`: IR JSON text. `data`: a record evaluated against the base rubric (after an
 * optional edit of the YAML base); `cells`: a CSV-like record of text cells. `file`: a file
 * loaded with `loadRubric` (written first when `content` is given). `none`: reported by
 * something a snippet cannot show (a folder of versions, a data file reader); `where` says what.
 */
export type CatalogueExample =
  | { kind: 'rubric'; format: 'yaml' | 'dsl'; from: string; to: string }
  | { kind: 'json'; text: string }
  | { kind: 'data'; record: unknown; edit?: { from: string; to: string } }
  | { kind: 'cells'; cells: Record<string, string> }
  | { kind: 'file'; name: string; content?: string }
  | { kind: 'none'; where: string };

/** Which part of the tools reports a code. */
export type CatalogueSource = 'checker' | 'expression' | 'dsl' | 'yaml' | 'facade' | 'versions' | 'data' | 'eval';

/** One code of the catalogue. */
export interface CatalogueEntry {
  code: string;
  severity: Severity;
  source: CatalogueSource;
  /** One line: when it is reported. */
  meaning: string;
  example: CatalogueExample;
  /** How to fix it. */
  fix: string;
}

/** The valid YAML rubric the rubric examples edit (the same as test/rubric/fixtures/mini.yaml). */
export const CATALOGUE_BASE_YAML = `rubric: mini
title: Mini scale
version: "1"
effective: { from: 2022-06-14 }
total: 20
facts:
  duty: { label: Duty, type: level, levels: [full, partial, none] }
  rate: { label: Rate, type: ratio }
  complaints: { label: Complaints, type: integer, min: 0 }
  risk: { label: Risk, type: level, levels: [low, high] }
  exposed: { label: Exposed, type: boolean }
parameters:
  pass_mark:
    value: 15
    overrides:
      - when: risk is low
        value: 12
pass_mark: pass_mark
sections:
  - id: s1
    title: Part one
    points: 20
    indicators:
      - id: duty
        title: Duty
        points: 10
        cases:
          - { when: duty is full, score: 10 }
          - { when: duty is partial, score: 5 }
        otherwise: 0
      - id: rate
        title: Rate
        points: 10
        score: round(10 * rate, 0.5)
hard_requirements:
  - { id: duty_full, title: Duty at full marks, indicator: duty }
vetoes:
  - { id: exposure, reason: Exposed by media, when: exposed }
deductions:
  - { id: hotline, reason: Complaints, per: complaints, amount: 1, cap: 5 }
`;

/** The same rubric in the rubric language. */
export const CATALOGUE_BASE_DSL = `rubric mini "Mini scale"
  version "1"
  effective from 2022-06-14
  total 20 points

fact duty "Duty" level full | partial | none
fact rate "Rate" ratio
fact complaints "Complaints" integer at least 0
fact risk "Risk" level low | high
fact exposed "Exposed" boolean

parameter pass_mark
  value 15
    when risk is low -> 12

pass mark pass_mark

section s1 "Part one" 20 points

  indicator duty "Duty" 10 points
    when duty is full -> 10
    when duty is partial -> 5
    otherwise -> 0

  indicator rate "Rate" 10 points
    score round(10 * rate, 0.5)

hard requirement duty_full "Duty at full marks" requires full marks on duty

veto exposure "Exposed by media" when exposed

deduct hotline "Complaints" 1 point per complaints, at most 5
`;

/** A subject the base rubric scores without error (the data examples change one field). */
export const CATALOGUE_BASE_RECORD = { id: 'c1', duty: 'full', rate: 0.9, complaints: 0, risk: 'high', exposed: false } as const;

/**
 * Codes no user input should produce: they report a bug in the tools (a front end, the
 * checker or the compiler crashed). They are listed, but have no example.
 */
export const INTERNAL_CODES: readonly string[] = [
  'internal/check-failed',
  'internal/compile-failed',
  'internal/evaluate-failed',
  'internal/load-failed',
  'internal/type',
  'internal/unbound',
  'internal/unknown-function',
  'internal/unknown-name',
  'internal/yaml-front-end',
  'dsl/internal-error',
  'expr/internal-error',
];

const y = (from: string, to: string): CatalogueExample => ({ kind: 'rubric', format: 'yaml', from, to });
const d = (from: string, to: string): CatalogueExample => ({ kind: 'rubric', format: 'dsl', from, to });
const data = (change: Record<string, unknown>, edit?: { from: string; to: string }): CatalogueExample =>
  edit ? { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, ...change }, edit } : { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, ...change } };
const none = (where: string): CatalogueExample => ({ kind: 'none', where });
const SCORE = 'round(10 * rate, 0.5)';

/** Examples and fixes of the checker's codes (meanings and severities come from CHECK_CODES). */
const CHECKER: Record<string, { example: CatalogueExample; fix: string }> = {
  'rubric/duplicate-id': { example: y('- id: rate\n', '- id: duty\n'), fix: 'give each fact, parameter, indicator, veto and deduction its own id' },
  'rubric/reserved-name': { example: y('  exposed: { label: Exposed, type: boolean }\n', '  exposed: { label: Exposed, type: boolean }\n  and: { label: And, type: boolean }\n'), fix: 'rename it: words of the expression language (and, or, not, if, in, is …) cannot be ids' },
  'rubric/unknown-name': { example: y(SCORE, 'round(10 * rat, 0.5)'), fix: 'correct the spelling (the hint names the closest fact or parameter), or declare the fact' },
  'rubric/unknown-list': { example: y('when: risk is low', 'when: count(risk) > 1'), fix: 'count, sum, all and any work over list facts only; declare a list fact or use the value directly' },
  'rubric/unknown-field': { example: none('a deduction whose `field` names no field of its list fact'), fix: "name one of the list's fields" },
  'rubric/unknown-indicator': { example: y('indicator: duty', 'indicator: dutty'), fix: 'name an indicator this rubric has (the hint names the closest)' },
  'rubric/unknown-parameter': { example: y('pass_mark: pass_mark', 'pass_mark: passmark'), fix: 'name a declared parameter, or write the pass mark as a number' },
  'rubric/unknown-level': { example: y('duty is partial', 'duty is parital'), fix: "use one of the fact's levels (the hint names the closest)" },
  'rubric/unknown-reason': { example: none('a test case expecting a reason (veto, requirement or deduction id) the rubric does not have'), fix: 'expect a reason the rubric can give, or correct its id' },
  'rubric/type-error': { example: y('when: exposed }', 'when: exposed + 1 }'), fix: 'compare or convert the value so it has the type the place needs (a condition needs true/false, points need a number)' },
  'rubric/wrong-arity': { example: none('a function called with the wrong number of arguments that the parser let through'), fix: 'give the function the arguments its signature asks for' },
  'rubric/bad-step': { example: y(SCORE, 'round(10 * rate, 0)'), fix: 'round to a positive step, such as 0.5 or 1' },
  'rubric/bad-date': { example: none('a date in the IR (JSON) that is not a calendar day; both front ends report it earlier as dsl/bad-date or yaml/bad-value'), fix: 'write a real calendar day, YYYY-MM-DD' },
  'rubric/bad-checklist-item': { example: none('a checklist item with neither (or both) of `when` and `count`'), fix: 'give each checklist item exactly one of `when` (yes/no) and `count` (how many defects)' },
  'rubric/total-mismatch': { example: y('total: 20', 'total: 25'), fix: "make the declared total the sum of the indicators' points (or correct an indicator)" },
  'rubric/section-total-mismatch': { example: y('    points: 20\n', '    points: 18\n'), fix: "make the section's points the sum of its indicators' points" },
  'rubric/points-out-of-range': { example: y(SCORE, 'round(12 * rate, 0.5)'), fix: 'change the rule (or wrap it in min/max) so it stays within 0 and the maximum' },
  'rubric/points-may-exceed': { example: none('a rule the checker cannot bound exactly (products of two facts, for instance)'), fix: 'bound the rule with min(…, max) and max(0, …) if it can leave the range' },
  'rubric/item-exceeds-max': { example: none('a deduct-mode checklist item worth more than its indicator'), fix: "lower the item's points to at most the indicator's maximum" },
  'rubric/case-never-matches': { example: y('duty is partial', 'duty is full'), fix: 'remove the case, or correct the condition of the case above it that already covers it' },
  'rubric/count-may-be-negative': { example: y('type: integer, min: 0 }', 'type: integer }'), fix: 'give the count fact `min: 0` (at least 0)' },
  'rubric/unreachable-pass-mark': { example: y('value: 15', 'value: 25'), fix: 'lower the pass mark to at most the highest total, or correct the points' },
  'rubric/pass-mark-always-met': { example: y('value: 15', 'value: -1'), fix: 'raise the pass mark above the lowest total a subject can get' },
  'rubric/unreachable-grade': { example: none('a grade band whose minimum is above the highest reachable total'), fix: 'lower the band or remove it' },
  'rubric/veto-never-fires': { example: y('when: exposed }', 'when: rate > 1 }'), fix: 'correct the condition: as written no subject can ever meet it' },
  'rubric/veto-always-fires': { example: y('when: exposed }', 'when: exposed or not exposed }'), fix: 'correct the condition: as written every subject is vetoed' },
  'rubric/requirement-always-met': { example: y('indicator: duty }', 'require: rate >= 0 }'), fix: 'correct the condition, or drop a requirement that cannot fail' },
  'rubric/requirement-never-met': { example: y('indicator: duty }', 'require: rate > 1 }'), fix: 'correct the condition: as written every subject fails' },
  'rubric/overlapping-periods': { example: none('two dated values of one parameter whose periods share a day'), fix: "end the earlier period the day before the later one starts" },
  'rubric/bad-period': { example: y('effective: { from: 2022-06-14 }', 'effective: { from: 2022-06-14, until: 2022-06-01 }'), fix: 'put `until` on or after `from`' },
  'rubric/period-gap': { example: none('a parameter with dated values that leave a day of the rubric period uncovered'), fix: 'give the parameter a value for every day of the rubric period (or an undated value)' },
  'rubric/cyclic-parameter': { example: y('when: risk is low', 'when: pass_mark > 13'), fix: 'make override conditions depend on facts, not on the parameter itself' },
  'rubric/bad-deduction-fact': { example: none('a discretionary deduction recorded in a fact that is not a decimal or integer'), fix: 'record the amount in a decimal or integer fact' },
  'rubric/bad-range': { example: y('type: integer, min: 0 }', 'type: integer, min: 5, max: 1 }'), fix: 'put the lowest value first' },
  'rubric/negative-cap': { example: none('a deduction cap below 0 in the IR (JSON); the YAML front end reports yaml/bad-value first'), fix: 'a cap is at least 0' },
  'rubric/bad-default': { example: y('  exposed: { label: Exposed, type: boolean }', '  exposed: { label: Exposed, type: boolean }\n  visits: { label: Visits, type: integer, min: 0, required: false, default: -2 }'), fix: "give a default that fits the fact's type and bounds" },
  'rubric/missing-default': { example: none('an optional fact without a default in the IR (JSON); the YAML front end reports yaml/missing-default first'), fix: 'give the optional fact a default' },
  'rubric/nested-list': { example: none('a list fact whose field is itself a list'), fix: 'flatten the data: a list field holds plain values' },
  'rubric/grade-order': { example: none('grade bands not listed from the highest minimum down'), fix: 'list grade bands from the highest `min` down, each strictly lower' },
  'rubric/duplicate-mapping': { example: none('an old indicator in two `replaces` mappings'), fix: 'map each old indicator once' },
};

const EXPRESSION_MEANING: Record<string, [string, CatalogueExample, string]> = {
  'expr/empty': ['an expression with nothing in it', y(`score: ${SCORE}`, 'score: ""'), 'write the expression'],
  'expr/unexpected-token': ['a word or sign where the expression needs something else', y(SCORE, 'round(10 * * rate, 0.5)'), 'remove or correct the sign the message names'],
  'expr/unexpected-end': ['the expression stops before it is complete (an unclosed bracket)', y(SCORE, 'round(10 * rate, 0.5'), 'close the bracket or finish the expression'],
  'expr/unknown-character': ['a character the expression language does not use', y(SCORE, 'round(10 * rate @ 0.5)'), 'remove the character'],
  'expr/full-width': ['full-width punctuation from a Chinese input method (（ ， ：)', y(SCORE, 'round（10 * rate, 0.5)'), 'switch the input method to half-width and retype it'],
  'expr/unterminated-text': ['text without its closing double quote', y(`score: ${SCORE}`, `score: 'if duty == "full then 10 else 0'`), 'add the closing quote'],
  'expr/bad-escape': ['a backslash escape JSON does not have inside text', y(`score: ${SCORE}`, `score: 'if duty == "\\q" then 10 else 0'`), 'use \\" \\\\ \\n or \\uXXXX, or drop the backslash'],
  'expr/wrong-quotes': ['text in single or curly quotes', y(`score: ${SCORE}`, `score: "if duty == 'full' then 10 else 0"`), 'put text in straight double quotes, or write a level as a bare word'],
  'expr/wrong-operator': ['an operator from another language (`=` for `==`, `&&`, `!=` spelled `<>`)', y('when: risk is low', 'when: risk = low'), 'use the operator the hint names'],
  'expr/bad-number': ['digits that are not a number (`.5`, `1e5`) or too many digits', y(SCORE, 'round(10 * rate, .5)'), 'write the number with a leading digit and no exponent: 0.5'],
  'expr/bad-date': ['date(…) with something that is not a real YYYY-MM-DD day', y('when: exposed }', 'when: date("2022-02-30") > date("2022-01-01") }'), 'write a real calendar day'],
  'expr/reserved-word': ['a word of the language used as a name', y(SCORE, 'round(10 * max, 0.5)'), 'rename the fact; the reserved words cannot be names'],
  'expr/unknown-function': ['a call of a function the language does not have', y(SCORE, 'rnd(10 * rate, 0.5)'), 'use one of min, max, round, floor, ceil, abs, count, sum, all, any, date'],
  'expr/arity': ['a function called with the wrong number of arguments', y(SCORE, 'round(10 * rate, 0.5, 1)'), 'give the function the arguments its signature (in the hint) asks for'],
  'expr/aggregate-list': ['count/sum/all/any whose first argument is not the name of a list', y('when: risk is low', 'when: count(1 + 2) > 1'), 'name the list fact first: count(checkpoints where staffed)'],
  'expr/aggregate-value': ['count with a value, or sum/all/any without one', y('when: risk is low', 'when: sum(risk) > 1'), 'count(list) counts records; sum(list, value), all(list, condition), any(list, condition)'],
  'expr/misplaced-where': ['`where` anywhere but right after the list name of an aggregate', y(SCORE, 'round(10 * rate, 0.5 where rate > 0)'), 'write `where` after the list: count(list where condition)'],
  'expr/chained-comparison': ['two comparisons chained (`0 < x < 1`)', y('when: exposed }', 'when: 0 < rate < 1 }'), 'join them with and: 0 < x and x < 1'],
  'expr/list-item': ['an item of a bracketed list that is not a plain value', y('when: risk is low', 'when: risk in [low, rate + 1]'), 'list plain values only'],
  'expr/in-list': ['`in` followed by something other than a bracketed list', y('when: risk is low', 'when: risk in low'), 'write `in [a, b]`, or `is` / `==` for one value'],
  'expr/too-deep': ['brackets nested more than the limit deep', none('an expression nested deeper than the parser can take; in a rubric file the file-wide nesting limit (`limits/nesting`, 100 levels) now reports it first'), 'flatten the expression'],
};

const DSL: Record<string, [string, CatalogueExample, string]> = {
  'dsl/unknown-character': ['a character the language does not use (`;`, `%`, `?`)', d('total 20 points', 'total 20 points;'), 'remove the character'],
  'dsl/full-width': ['full-width punctuation outside quotes, read as its ASCII twin', d('level full | partial | none', 'level full ｜ partial ｜ none'), 'switch the input method to half-width and retype it'],
  'dsl/bad-number': ['digits that are not a number (`.5`, `1e5`) or more than 15 significant digits', d('value 15', 'value 1e5'), 'write plain decimal digits: 0.5, 100000'],
  'dsl/bad-escape': ['an escape JSON does not have inside text', d('"Mini scale"', '"Mini \\q scale"'), 'use \\" \\\\ \\n or \\uXXXX, or drop the backslash'],
  'dsl/unterminated-text': ['text without its closing double quote', d('"Mini scale"', '"Mini scale'), 'add the closing quote'],
  'dsl/wrong-quotes': ["text in 'single' or “curly” quotes", d('"Mini scale"', '“Mini scale”'), 'put text in straight double quotes'],
  'dsl/unexpected-token': ['a word or sign where the statement needs something else', d('section s1 "Part one" 20 points', 'section s1 20 points'), 'write the statement in the order the message describes'],
  'dsl/unexpected-end': ['a statement that stops before it is complete', d('fact exposed "Exposed" boolean', 'fact exposed "Exposed"'), 'complete the statement'],
  'dsl/unknown-statement': ['a line that does not start with a statement keyword', d('veto exposure', 'vito exposure'), 'start the line with a statement keyword (the hint names the closest)'],
  'dsl/unknown-clause': ['an unknown word where a clause could start', d('  indicator duty "Duty" 10 points\n', '  indicator duty "Duty" 10 points\n    standrd "x"\n'), 'correct the clause word (the hint names the closest)'],
  'dsl/misplaced-clause': ['a clause under the wrong statement', d('fact rate "Rate" ratio\n', 'fact rate "Rate" ratio\n  standard "x"\n'), 'move the clause under the statement it belongs to'],
  'dsl/statement-mid-line': ['a statement keyword in the middle of a line', d('fact rate "Rate" ratio', 'fact rate "Rate" ratio fact x "X" boolean'), 'start each statement on its own line'],
  'dsl/too-deep': ['brackets nested more than the limit deep', none('a file with brackets nested more than 100 deep outside any expression'), 'flatten the nesting'],
  'dsl/missing-statement': ['no `rubric` statement, or no `pass mark`', d('pass mark pass_mark\n', ''), 'add the missing statement'],
  'dsl/missing-clause': ["a required clause is missing (`version`, an indicator's rule …)", d('  version "1"\n', ''), 'add the clause the message names'],
  'dsl/duplicate-statement': ['a statement given twice that must be given once', d('pass mark pass_mark\n', 'pass mark pass_mark\npass mark pass_mark\n'), 'keep one'],
  'dsl/duplicate-clause': ['a clause given twice that must be given once', d('  version "1"\n', '  version "1"\n  version "2"\n'), 'keep one'],
  'dsl/duplicate-key': ['a key given twice in one record or expectation', none('a test case or default record that gives one field twice'), 'keep one'],
  'dsl/conflicting-rule': ['an indicator with two kinds of rule (`score` and cases)', d('    score round(10 * rate, 0.5)\n', '    score round(10 * rate, 0.5)\n    when rate > 0.5 -> 10\n'), 'keep one kind of rule'],
  'dsl/conflict': ['`pass mark <number>` beside a parameter already named `pass_mark`', d('pass mark pass_mark', 'pass mark 15'), 'write `pass mark pass_mark`, or rename the parameter'],
  'dsl/outside-section': ['an indicator before any section', d('section s1 "Part one" 20 points\n', ''), 'put a `section` line before the indicators'],
  'dsl/bad-date': ['a date not written YYYY-MM-DD, or not in the calendar', d('effective from 2022-06-14', 'effective from 2022-02-30'), 'write a real calendar day'],
  'dsl/bad-value': ['a value the place does not allow (a level listed twice, negative points …)', d('level low | high', 'level low | low'), 'use a value the message allows'],
  'dsl/wrong-type': ['a default or expectation of the wrong kind', d('fact exposed "Exposed" boolean', 'fact exposed "Exposed" boolean, default 1'), 'give a value of the fact’s type (true/false for a boolean)'],
  'dsl/wrong-arrow': ['`=>` written for `->`', d('otherwise -> 0', 'otherwise => 0'), 'write ->'],
};

const YAML_EXAMPLES: Record<string, [CatalogueExample, string]> = {
  'yaml/syntax': [y('title: Mini scale', 'title: [Mini scale'), 'correct the YAML at the place shown (a bracket, quote or indentation)'],
  'yaml/unknown-key': [y('        points: 10\n        cases:', '        pionts: 10\n        cases:'), 'correct the key (the hint names the closest)'],
  'yaml/missing-key': [y('title: Mini scale\n', ''), 'add the key'],
  'yaml/wrong-type': [y('total: 20', 'total: [20]'), 'give a value of the kind the key takes'],
  'yaml/bad-value': [y('type: ratio', 'type: ration'), 'use one of the values the key allows (the hint names the closest)'],
  'yaml/conflicting-keys': [y('        points: 10\n        cases:', '        points: 10\n        score: 3\n        cases:'), 'keep one of the keys'],
  'yaml/missing-default': [y('type: boolean }', 'type: boolean, required: false }'), 'give `default:` to an optional fact'],
  'yaml/bad-id': [y('- id: rate\n', '- id: 2rate\n'), 'an id starts with a letter and holds letters, digits and _'],
  'yaml/duplicate-key': [y('total: 20\n', 'total: 20\ntotal: 20\n'), 'keep one'],
};

const OTHERS: CatalogueEntry[] = [
  { code: 'json/syntax', severity: 'error', source: 'facade', meaning: 'an IR .json file that is not valid JSON', example: { kind: 'json', text: '{"rubric": "mini",' }, fix: 'repair the JSON (or regenerate it with `rubric convert --to json`)' },
  { code: 'ir/schema', severity: 'error', source: 'facade', meaning: 'an IR .json file that does not match the IR schema', example: { kind: 'json', text: '{"rubric": "mini"}' }, fix: 'regenerate the JSON with `rubric convert --to json` rather than editing it by hand' },
  { code: 'io/unreadable', severity: 'error', source: 'facade', meaning: 'the rubric file cannot be read (no such file, no permission)', example: { kind: 'file', name: 'no-such-file.rubric' }, fix: 'check the path' },
  { code: 'io/unknown-format', severity: 'error', source: 'facade', meaning: "the file's extension is not .rubric, .yaml, .yml or .json", example: { kind: 'file', name: 'scale.txt', content: 'rubric mini "Mini"\n' }, fix: 'name the file *.rubric (rubric language), *.yaml or *.json' },
  { code: 'versions/overlap', severity: 'error', source: 'versions', meaning: 'two consecutive versions in a folder are both in force on some day', example: none('`rubric check` on a folder of versions'), fix: "end the earlier version (`until`) the day before the later one's `from`" },
  { code: 'versions/gap', severity: 'error', source: 'versions', meaning: 'some day between two consecutive versions has no version in force', example: none('`rubric check` on a folder of versions'), fix: "start the later version the day after the earlier one's `until`" },
  { code: 'versions/mixed-ids', severity: 'error', source: 'versions', meaning: "a file holds another rubric id than the folder's first version", example: none('`rubric check` on a folder of versions'), fix: 'keep one rubric per folder; all its versions share one id' },
  { code: 'versions/duplicate', severity: 'error', source: 'versions', meaning: 'two files hold the same version with different content', example: none('`rubric check` on a folder of versions'), fix: 'give the new file its own version, or delete the stale copy' },
  { code: 'versions/unknown-version', severity: 'error', source: 'versions', meaning: '`replaces` names a version the folder does not have', example: none('`rubric check` on a folder of versions'), fix: 'name the version it replaces exactly as that file writes it' },
  { code: 'versions/unknown-indicator', severity: 'error', source: 'versions', meaning: 'a mapping names an indicator the replaced version does not have', example: none('`rubric check` on a folder of versions'), fix: 'use an indicator id of the replaced version' },
  { code: 'versions/unmapped-indicator', severity: 'warning', source: 'versions', meaning: 'an indicator of the replaced version is neither kept nor mapped', example: none('`rubric check` on a folder of versions'), fix: 'add it to a mapping (`-> []` if it was dropped)' },
  { code: 'versions/not-previous', severity: 'warning', source: 'versions', meaning: '`replaces` names a version other than the one right before', example: none('`rubric check` on a folder of versions'), fix: 'name the version right before' },
  { code: 'versions/missing-replaces', severity: 'warning', source: 'versions', meaning: 'a version after the first does not say what it replaces', example: none('`rubric check` on a folder of versions'), fix: 'add `replaces "<previous version>"`' },
  { code: 'versions/empty', severity: 'error', source: 'versions', meaning: 'the folder holds no rubric file', example: none('`rubric check` on an empty folder'), fix: 'point at the folder that holds the rubric files' },
  { code: 'data/missing', severity: 'error', source: 'data', meaning: 'a required fact is absent (or its CSV cell is empty)', example: { kind: 'data', record: { id: 'c1', duty: 'full', complaints: 0, risk: 'high', exposed: false } }, fix: 'fill in the fact' },
  { code: 'data/wrong-type', severity: 'error', source: 'data', meaning: 'text where a number belongs, a fraction where a whole number belongs …', example: data({ complaints: 1.5 }), fix: 'give a value of the fact’s type' },
  { code: 'data/unknown-level', severity: 'error', source: 'data', meaning: "a level value not in the fact's list", example: data({ duty: 'ful' }), fix: 'use one of the levels (the message suggests the closest)' },
  { code: 'data/out-of-range', severity: 'error', source: 'data', meaning: 'below min / above max, a ratio outside 0..1, a recorded deduction outside its range', example: data({ rate: 1.5 }), fix: 'correct the value (a ratio is 0 to 1: 90% is 0.9)' },
  { code: 'data/bad-date', severity: 'error', source: 'data', meaning: 'not a real YYYY-MM-DD date', example: data({ visited: '2022-02-30' }, { from: '  exposed: { label: Exposed, type: boolean }', to: '  exposed: { label: Exposed, type: boolean }\n  visited: { label: Visited, type: date }' }), fix: 'write a real calendar day' },
  { code: 'data/unknown-field', severity: 'error', source: 'data', meaning: 'a field that is not a fact, `id` or `name`', example: data({ dutty: 'full' }), fix: 'correct the column name, or remove the column' },
  { code: 'data/not-an-object', severity: 'error', source: 'data', meaning: 'the record is not an object', example: { kind: 'data', record: 42 }, fix: 'give each record as an object of facts' },
  { code: 'data/not-finite', severity: 'error', source: 'data', meaning: 'NaN or Infinity where a number belongs', example: data({ complaints: Number.POSITIVE_INFINITY }), fix: 'give a finite number' },
  { code: 'data/not-a-number', severity: 'error', source: 'data', meaning: 'a CSV cell that cannot be read as a number', example: { kind: 'cells', cells: { id: 'c1', duty: 'full', rate: 'ninety', complaints: '0', risk: 'high', exposed: 'no' } }, fix: 'write digits: 0.9' },
  { code: 'data/not-a-boolean', severity: 'error', source: 'data', meaning: 'a CSV cell that cannot be read as yes/no', example: { kind: 'cells', cells: { id: 'c1', duty: 'full', rate: '0.9', complaints: '0', risk: 'high', exposed: 'maybe' } }, fix: 'write yes/no, true/false, 是/否 or 1/0' },
  { code: 'data/bad-list', severity: 'error', source: 'data', meaning: 'a CSV cell that cannot be read as a list of records', example: none('a CSV cell of a list fact that is not a JSON array of records'), fix: 'write the list as a JSON array of records in the cell' },
  { code: 'data/bad-row', severity: 'error', source: 'data', meaning: 'a CSV row that cannot be read at all', example: none('`rubric eval` on a CSV file with a broken row'), fix: 'repair the row (quotes, column count)' },
  { code: 'data/bad-json', severity: 'error', source: 'data', meaning: 'a JSONL line that is not valid JSON', example: none('`rubric eval` on a JSONL file with a broken line'), fix: 'repair the line' },
  { code: 'data/duplicate-key', severity: 'error', source: 'data', meaning: 'a JSONL record that gives one key twice (which value is meant cannot be known)', example: none('`rubric eval` on a JSONL line such as {"id":"c1","rate":0.9,"rate":0.5}'), fix: 'keep one value for the key' },
  { code: 'data/unreadable', severity: 'error', source: 'data', meaning: 'a record the data reader could not read', example: none('`rubric eval` / `rubric diff --data` on a record the reader lost'), fix: 'repair the record' },
  { code: 'data/invalid', severity: 'error', source: 'data', meaning: 'a standalone compiled module rejected the record (it reports one general error)', example: none('a module written by `rubric compile` given bad data'), fix: 'check the record against the JSON Schema of the inputs (`rubric compile --schema`)' },
  { code: 'eval/division-by-zero', severity: 'error', source: 'eval', meaning: 'a rule divided by zero for this subject', example: data({ complaints: 0 }, { from: SCORE, to: 'min(10, max(0, 10 - 10 / complaints))' }), fix: 'guard the division: if complaints > 0 then … else …' },
  { code: 'eval/bad-count', severity: 'error', source: 'eval', meaning: 'a count (per-unit deduction, checklist item) was negative or fractional', example: data({ complaints: -1 }, { from: 'type: integer, min: 0 }', to: 'type: integer }' }), fix: 'give the count fact `min: 0`, and correct the record' },
  { code: 'eval/bad-step', severity: 'error', source: 'eval', meaning: 'a rounding step computed from data was ≤ 0', example: data({ complaints: 0 }, { from: SCORE, to: 'min(10, round(10 * rate, complaints))' }), fix: 'round to a constant positive step' },
  { code: 'eval/no-parameter-value', severity: 'error', source: 'eval', meaning: 'no value of a parameter is in force on the as-of date', example: none('a parameter with dated values evaluated on a day none covers'), fix: 'give the parameter a value for that day, or evaluate as of a day in its period' },
  { code: 'eval/points-out-of-range', severity: 'error', source: 'eval', meaning: 'an indicator scored outside [0, max] for this subject (a rubric defect; never clamped)', example: none('a rule the checker could only warn about (rubric/points-may-exceed)'), fix: 'bound the rule with min/max' },
];

function build(): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  for (const [code, c] of Object.entries(CHECK_CODES)) {
    if (INTERNAL_CODES.includes(code)) continue;
    const extra = CHECKER[code];
    out.push({ code, severity: c.severity, source: 'checker', meaning: c.summary, example: extra?.example ?? none('not yet given'), fix: extra?.fix ?? '' });
  }
  for (const code of EXPRESSION_ISSUE_CODES) {
    if (INTERNAL_CODES.includes(code)) continue;
    const [meaning, example, fix] = EXPRESSION_MEANING[code] ?? ['', none('not yet given'), ''];
    out.push({ code, severity: 'error', source: 'expression', meaning, example, fix });
  }
  for (const code of DSL_ISSUE_CODES) {
    if (INTERNAL_CODES.includes(code)) continue;
    const [meaning, example, fix] = DSL[code] ?? ['', none('not yet given'), ''];
    out.push({ code, severity: 'error', source: 'dsl', meaning, example, fix });
  }
  for (const [code, c] of Object.entries(YAML_CODES)) {
    const [example, fix] = YAML_EXAMPLES[code] ?? [none('not yet given'), ''];
    out.push({ code, severity: c.severity, source: 'yaml', meaning: c.summary, example, fix });
  }
  out.push(...OTHERS);
  return out;
}

/** Every user-facing diagnostic code, grouped by the part that reports it (internal codes are in {@link INTERNAL_CODES}). */
export const DIAGNOSTIC_CATALOGUE: readonly CatalogueEntry[] = build();

/** What running an example reported: each diagnostic or data error, as a reader sees it. */
export interface ExampleReport {
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
  /** `file:line:col` for rubric diagnostics; the record path for data errors. */
  where: string;
}

function fromLoaded(loaded: LoadedRubric): ExampleReport[] {
  return loaded.diagnostics.map((x) => {
    const r: ExampleReport = { code: x.code, severity: x.severity, message: x.message, where: `${x.file}:${x.span.start.line}:${x.span.start.column}` };
    if (x.hint !== undefined) r.hint = x.hint;
    return r;
  });
}

/** The text of a rubric example after its edit (undefined for other kinds). */
export function exampleRubricText(example: CatalogueExample): string | undefined {
  if (example.kind === 'rubric') return (example.format === 'yaml' ? CATALOGUE_BASE_YAML : CATALOGUE_BASE_DSL).replace(example.from, example.to);
  if (example.kind === 'data' && example.edit) return CATALOGUE_BASE_YAML.replace(example.edit.from, example.edit.to);
  return undefined;
}

/**
 * Runs an example through the public facade (loadRubricText / loadRubric for rubric files,
 * compileRubric + evaluate for data) and returns everything it reported. An edit whose
 * `from` is not in the base rubric is itself reported (code `catalogue/stale-example`), so a
 * change to the base cannot silently turn an example into a no-op.
 */
export async function runCatalogueExample(example: CatalogueExample): Promise<ExampleReport[]> {
  const stale = (from: string): ExampleReport[] => [{ code: 'catalogue/stale-example', severity: 'error', message: `the base rubric has no ${JSON.stringify(from)}`, where: '' }];
  switch (example.kind) {
    case 'none':
      return [];
    case 'rubric': {
      const base = example.format === 'yaml' ? CATALOGUE_BASE_YAML : CATALOGUE_BASE_DSL;
      if (!base.includes(example.from)) return stale(example.from);
      const file = example.format === 'yaml' ? 'mini.yaml' : 'mini.rubric';
      return fromLoaded(loadRubricText(base.replace(example.from, example.to), file, example.format));
    }
    case 'json':
      return fromLoaded(loadRubricText(example.text, 'mini.json', 'json'));
    case 'file': {
      const dir = await mkdtemp(join(tmpdir(), 'rubric-catalogue-'));
      try {
        const path = join(dir, example.name);
        if (example.content !== undefined) await writeFile(path, example.content, 'utf8');
        const loaded = await loadRubric(path);
        return fromLoaded({ ...loaded, diagnostics: loaded.diagnostics.map((x) => ({ ...x, file: example.name })) });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    case 'data':
    case 'cells': {
      const edit = example.kind === 'data' ? example.edit : undefined;
      if (edit && !CATALOGUE_BASE_YAML.includes(edit.from)) return stale(edit.from);
      const loaded = loadRubricText(edit ? CATALOGUE_BASE_YAML.replace(edit.from, edit.to) : CATALOGUE_BASE_YAML, 'mini.yaml', 'yaml');
      if (!loaded.rubric) return fromLoaded(loaded);
      const compiled = compileRubric(loaded.rubric);
      let subject: unknown = example.kind === 'data' ? example.record : undefined;
      if (example.kind === 'cells') {
        const coerced = coerceTextRecord(loaded.rubric, example.cells);
        if (coerced.errors.length > 0) return coerced.errors.map((e) => ({ code: e.code, severity: 'error', message: e.message, where: e.path || '(record)' }));
        subject = coerced.subject;
      }
      const result = compiled.evaluate(subject, { asOf: '2022-06-20' });
      return result.errors.map((e) => ({ code: e.code, severity: 'error', message: e.message, where: e.path || '(record)' }));
    }
  }
}
