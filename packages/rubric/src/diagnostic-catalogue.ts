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
import { compileRubric, coerceTextRecord, emitStandaloneModule } from '@rubric/engine';
import { canonicalJson, type Diagnostic, type EvaluationResult, type Severity, type SubjectError } from '@rubric/model';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS, type ResourceLimits } from './limits.js';
import { loadRubric, loadRubricText, type LoadedRubric } from './load.js';
import { loadTestFile, routeTestFiles } from './test-files.js';
import { loadRubricFolder } from './versions.js';

/** One change to a base text: `from`, which must occur in it, becomes `to` (its first occurrence). */
export interface CatalogueEdit {
  from: string;
  to: string;
}

/** A file of a `folder` example: the YAML base rubric with these edits (none: the base unchanged). */
export interface CatalogueFolderFile {
  name: string;
  edits: readonly CatalogueEdit[];
}

/** A test file of a `folder` example (`*.test.yaml`), given whole. */
export interface CatalogueTestFile {
  name: string;
  text: string;
}

/**
 * A wrong example. `rubric`: an edit (`from` → `to`, then each of `also`) to the small valid
 * rubric {@link CATALOGUE_BASE_YAML} or {@link CATALOGUE_BASE_DSL}, loaded with `loadRubricText`.
 * `json`: IR JSON text, or an edit of the base rubric as IR JSON ({@link catalogueBaseIr}).
 * `data`: a record evaluated against the base rubric (after an optional edit of the YAML base),
 * by the library or, with `module`, by the standalone module `rubric compile` writes; `cells`: a
 * CSV-like record of text cells (same optional edit). `file`: a file loaded with `loadRubric`
 * (written first when `content` is given). `folder`: version files written to a folder
 * `mini/` and read as `rubric check mini/` reads them, or, with `tests`, test files beside them
 * and the whole read as `rubric test mini/` reads it. `data-file`: a data file evaluated as
 * `rubric eval` does (its readers belong to the command line: see {@link CatalogueRunOptions}).
 * `generated`: a rubric file too big to print (the resource limits), built by `build` only when
 * the example runs, written to `name` and loaded as `rubric check` loads it; the page shows
 * `what` instead of the text. `none`: nothing a user writes reaches it; `where` says why.
 */
export type CatalogueExample =
  | { kind: 'rubric'; format: 'yaml' | 'dsl'; from: string; to: string; also?: readonly CatalogueEdit[] }
  | { kind: 'json'; text: string }
  | { kind: 'json'; edit: CatalogueEdit }
  | { kind: 'data'; record: unknown; edit?: CatalogueEdit; module?: boolean }
  | { kind: 'cells'; cells: Record<string, string>; edit?: CatalogueEdit }
  | { kind: 'file'; name: string; content?: string }
  | { kind: 'folder'; files: readonly CatalogueFolderFile[]; tests?: readonly CatalogueTestFile[] }
  | { kind: 'generated'; name: string; what: string; build: () => string }
  | { kind: 'data-file'; name: string; text: string }
  | { kind: 'none'; where: string };

/** Which part of the tools reports a code. */
export type CatalogueSource = 'checker' | 'expression' | 'dsl' | 'yaml' | 'facade' | 'limits' | 'versions' | 'tests' | 'data' | 'eval';

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

const y = (from: string, to: string, ...also: CatalogueEdit[]): CatalogueExample =>
  also.length > 0 ? { kind: 'rubric', format: 'yaml', from, to, also } : { kind: 'rubric', format: 'yaml', from, to };
const d = (from: string, to: string): CatalogueExample => ({ kind: 'rubric', format: 'dsl', from, to });
const ir = (from: string, to: string): CatalogueExample => ({ kind: 'json', edit: { from, to } });
const data = (change: Record<string, unknown>, edit?: { from: string; to: string }): CatalogueExample =>
  edit ? { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, ...change }, edit } : { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, ...change } };
const none = (where: string): CatalogueExample => ({ kind: 'none', where });
/** A folder example: version files of the YAML base rubric, each with its edits. */
const folder = (...files: [name: string, ...edits: CatalogueEdit[]][]): CatalogueExample => ({ kind: 'folder', files: files.map(([name, ...edits]) => ({ name, edits })) });
const edit = (from: string, to: string): CatalogueEdit => ({ from, to });
const SCORE = 'round(10 * rate, 0.5)';
/** The last line of the DSL base: statements may come in any order, so examples add theirs after it. */
const DSL_END = 'deduct hotline "Complaints" 1 point per complaints, at most 5\n';
/** The pass-mark parameter of the YAML base, replaced by dated values in some examples. */
const YAML_PASS_MARK = '    value: 15\n    overrides:\n      - when: risk is low\n        value: 12\n';
/** A pass mark whose only value starts after the rubric does: 2022-06-14 to 2022-06-30 have none. */
const LATE_PASS_MARK = '    history:\n      - { from: 2022-07-01, value: 15 }\n';
/** Two award items that can both be met (a rate above 0.8 meets both): 12 points on a 10-point indicator. */
const TWO_ITEMS = 'checklist: { mode: award, items: [{ id: half, title: Over half, points: 6, when: rate > 0.5 }, { id: most, title: Over 80%, points: 6, when: rate > 0.8 }] }';
/** The rule of indicator `rate` in the base rubric as IR JSON ({@link catalogueBaseIr}). */
const RATE_RULE_IR = `          "rule": {
            "kind": "expression",
            "points": {
              "args": [
                {
                  "kind": "binary",
                  "left": {
                    "kind": "number",
                    "value": "10"
                  },
                  "op": "*",
                  "right": {
                    "kind": "ref",
                    "name": "rate"
                  }
                },
                {
                  "kind": "number",
                  "value": "0.5"
                }
              ],
              "fn": "round",
              "kind": "call"
            }
          },`;
// Version files for the folder examples: the base rubric is version 1, from 2022-06-14, open-ended.
const ENDS_JUNE = edit('effective: { from: 2022-06-14 }', 'effective: { from: 2022-06-14, until: 2022-06-30 }');
const VERSION_2 = edit('version: "1"', 'version: "2"');
const JULY_REPLACES_1 = edit('effective: { from: 2022-06-14 }', 'effective: { from: 2022-07-01 }\nreplaces: { version: "1", mapping: [] }');

/** A number as the page writes it: 10,001. */
const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** The YAML base with one edit; for generated texts, whose edits are built in code (a missing `from` is a bug here, so it throws). */
function baseWith(from: string, to: string): string {
  if (!CATALOGUE_BASE_YAML.includes(from)) throw new Error(`the catalogue base rubric has no ${JSON.stringify(from)}`);
  return CATALOGUE_BASE_YAML.replace(from, () => to);
}
/** A generated YAML rubric `mini.yaml` (see {@link CatalogueExample}). */
const generated = (what: string, build: () => string): CatalogueExample => ({ kind: 'generated', name: 'mini.yaml', what, build });
/** `n` copies of `unit` joined by `sep`: the long or deep parts of generated rubrics. */
const repeat = (n: number, unit: (i: number) => string, sep = ''): string => Array.from({ length: n }, (_, i) => unit(i + 1)).join(sep);
const L = DEFAULT_LIMITS;
/** One line of the base rubric every limits example keeps. */
const EXPOSED_FACT = '  exposed: { label: Exposed, type: boolean }\n';

/**
 * Meanings, examples and fixes of the resource limits (`limits/<name>`, one code per key of
 * {@link ResourceLimits}: the record's type makes a new limit need an entry here). Each wrong
 * example is built just over the default limit, and only when it runs.
 */
const LIMITS: Record<keyof ResourceLimits, [string, CatalogueExample, string]> = {
  fileBytes: [
    `a rubric file bigger than ${count(L.fileBytes)} bytes (${+(L.fileBytes / 2 ** 20).toFixed(1)} MB); it is refused before it is read`,
    generated(`the YAML base rubric followed by comment lines, ${count(L.fileBytes + 1)} bytes in all`, () => {
      const line = `# ${'-'.repeat(77)}\n`;
      const missing = L.fileBytes + 1 - Buffer.byteLength(CATALOGUE_BASE_YAML, 'utf8');
      return CATALOGUE_BASE_YAML + line.repeat(Math.floor(missing / line.length)) + '#'.repeat(missing % line.length);
    }),
    'split the rubric into several files, or check that the file is the rubric you meant (not a data export)',
  ],
  lineLength: [
    `a line longer than ${count(L.lineLength)} characters in a rubric-language or YAML file (IR JSON, written by the tools, may be one line)`,
    generated(`the YAML base rubric with a standard text (评价标准) for indicator \`duty\` pasted as one line of ${count(L.lineLength + 1)} characters: \`standard: 社区卡口24小时值守…\``, () => {
      const start = '        standard: ';
      const text = repeat(L.lineLength, () => '社区卡口24小时值守，').slice(0, L.lineLength + 1 - start.length);
      return baseWith('        title: Duty\n', `        title: Duty\n${start}${text}\n`);
    }),
    'break the text over several lines: in YAML write `standard: >` and continue on indented lines below it',
  ],
  nesting: [
    `brackets ( [ { nested more than ${L.nesting} deep, or lines indented more than ${L.nesting * 2} columns; quoted text and comments do not count`,
    generated(`the YAML base rubric with \`rate\` inside ${L.nesting} more pairs of brackets in the rule of indicator \`rate\` (${L.nesting + 1} deep with those of \`round\`): \`round(10 * ((((…rate…)))), 0.5)\``, () =>
      baseWith(SCORE, `round(10 * ${'('.repeat(L.nesting)}rate${')'.repeat(L.nesting)}, 0.5)`),
    ),
    'remove the brackets that are not needed; split a deep rule into parameters or several indicators',
  ],
  indicators: [
    `a rubric with more than ${count(L.indicators)} indicators, all sections together`,
    generated(`the YAML base rubric with a second section of ${count(L.indicators - 1)} one-point indicators, ${count(L.indicators + 1)} in all`, () =>
      baseWith(
        'hard_requirements:',
        `  - id: s2\n    title: Part two\n    points: ${L.indicators - 1}\n    indicators:\n${repeat(L.indicators - 1, (i) => `      - { id: i${i}, title: Item ${i}, points: 1, score: "1" }\n`)}hard_requirements:`,
      ),
    ),
    'split the rubric into several rubrics (by part of the scale, for example)',
  ],
  facts: [
    `a rubric with more than ${count(L.facts)} facts (each field of a list fact counts as one)`,
    generated(`the YAML base rubric with ${count(L.facts - 4)} more yes/no facts, ${count(L.facts + 1)} in all`, () =>
      baseWith(EXPOSED_FACT, EXPOSED_FACT + repeat(L.facts - 4, (i) => `  f${i}: { label: Fact ${i}, type: boolean }\n`)),
    ),
    'split the rubric into several rubrics; or collect related yes/no facts into one list fact',
  ],
  listItems: [
    `a list in the rubric (levels, cases, checklist items, deductions, grades, tests, \`in\` options …) with more than ${count(L.listItems)} items`,
    generated(`the YAML base rubric with ${count(L.listItems + 1)} levels for the fact \`risk\`, one a line`, () =>
      baseWith(
        '  risk: { label: Risk, type: level, levels: [low, high] }\n',
        `  risk:\n    label: Risk\n    type: level\n    levels:\n      - low\n      - high\n${repeat(L.listItems - 1, (i) => `      - level${i}\n`)}`,
      ),
    ),
    'shorten the list, or split the rubric',
  ],
  expressionDepth: [
    `an expression more than ${L.expressionDepth} levels deep, such as a sum of more than ${L.expressionDepth} terms`,
    generated(`the YAML base rubric with indicator \`rate\` scored by one sum of ${L.expressionDepth + 1} terms: \`score: rate + rate + … + rate\``, () =>
      baseWith(`score: ${SCORE}`, `score: ${repeat(L.expressionDepth + 1, () => 'rate', ' + ')}`),
    ),
    'split the expression into named parts: parameters, or several indicators',
  ],
};

/** A test case of the test file examples, given `extra` lines (such as its date) after its name. */
const testCase = (extra = ''): string =>
  `  - name: full marks\n${extra}    subject: { id: c1, duty: full, rate: 1, complaints: 0, risk: high, exposed: false }\n    expect: { outcome: pass, total: 20 }\n`;
/** A folder example: the YAML base rubric as `mini/mini-1.yaml` and one test file `mini/mini.test.yaml`. */
const withTests = (text: string): CatalogueExample => ({ kind: 'folder', files: [{ name: 'mini-1.yaml', edits: [] }], tests: [{ name: 'mini.test.yaml', text }] });

/** Examples and fixes of the checker's codes (meanings and severities come from CHECK_CODES). */
const CHECKER: Record<string, { example: CatalogueExample; fix: string }> = {
  'rubric/duplicate-id': { example: y('- id: rate\n', '- id: duty\n'), fix: 'give each fact, parameter, indicator, veto and deduction its own id' },
  'rubric/reserved-name': { example: y('  exposed: { label: Exposed, type: boolean }\n', '  exposed: { label: Exposed, type: boolean }\n  and: { label: And, type: boolean }\n'), fix: 'rename it: words of the expression language (and, or, not, if, in, is …) cannot be ids' },
  'rubric/unknown-name': { example: y(SCORE, 'round(10 * rat, 0.5)'), fix: 'correct the spelling (the hint names the closest fact or parameter), or declare the fact' },
  'rubric/unknown-list': { example: y('when: risk is low', 'when: count(risk) > 1'), fix: 'count, sum, all and any work over list facts only; declare a list fact or use the value directly' },
  'rubric/unknown-field': {
    example: y(
      '  complaints: { label: Complaints, type: integer, min: 0 }',
      '  complaints: { label: Complaints, type: list, fields: { amount: { label: Amount, type: decimal } } }',
      edit('per: complaints, amount: 1', 'fact: complaints, field: amout, range: [0.5, 2]'),
    ),
    fix: "name one of the list's fields",
  },
  'rubric/unknown-indicator': { example: y('indicator: duty', 'indicator: dutty'), fix: 'name an indicator this rubric has (the hint names the closest)' },
  'rubric/unknown-parameter': { example: y('pass_mark: pass_mark', 'pass_mark: passmark'), fix: 'name a declared parameter, or write the pass mark as a number' },
  'rubric/unknown-level': { example: y('duty is partial', 'duty is parital'), fix: "use one of the fact's levels (the hint names the closest)" },
  'rubric/unknown-reason': {
    example: d(DSL_END, `${DSL_END}\ntest "exposed is vetoed"\n  subject {duty: full, rate: 1, complaints: 0, risk: high, exposed: true}\n  expect outcome vetoed, reasons ["veto:exposed"]\n`),
    fix: 'expect a reason the rubric can give, or correct its id',
  },
  'rubric/type-error': { example: y('when: exposed }', 'when: exposed + 1 }'), fix: 'compare or convert the value so it has the type the place needs (a condition needs true/false, points need a number)' },
  'rubric/wrong-arity': {
    // Both front ends report it first as expr/arity; only IR JSON reaches the checker with it.
    example: ir('              "fn": "round",', '              "fn": "abs",'),
    fix: 'give the function the arguments its signature asks for',
  },
  'rubric/bad-step': { example: y(SCORE, 'round(10 * rate, 0)'), fix: 'round to a positive step, such as 0.5 or 1' },
  'rubric/bad-date': {
    // Both front ends report it first as dsl/bad-date or yaml/bad-value.
    example: ir('    "from": "2022-06-14"', '    "from": "2022-02-30"'),
    fix: 'write a real calendar day, YYYY-MM-DD',
  },
  'rubric/bad-checklist-item': {
    // YAML reports it first as yaml/missing-key or yaml/conflicting-keys; the rubric language cannot write it.
    example: ir(RATE_RULE_IR, '          "rule": { "kind": "checklist", "mode": "award", "items": [\n            { "id": "high", "title": "Rate above 90%", "points": 10 }\n          ] },'),
    fix: 'give each checklist item exactly one of `when` (yes/no) and `count` (how many defects)',
  },
  'rubric/total-mismatch': { example: y('total: 20', 'total: 25'), fix: "make the declared total the sum of the indicators' points (or correct an indicator)" },
  'rubric/section-total-mismatch': { example: y('    points: 20\n', '    points: 18\n'), fix: "make the section's points the sum of its indicators' points" },
  'rubric/points-out-of-range': { example: y(SCORE, 'round(12 * rate, 0.5)'), fix: 'change the rule (or wrap it in min/max) so it stays within 0 and the maximum' },
  'rubric/points-may-exceed': {
    example: y(`score: ${SCORE}`, TWO_ITEMS),
    fix: 'bound the rule with min(…, max) and max(0, …) if it can leave the range',
  },
  'rubric/item-exceeds-max': {
    example: y(`score: ${SCORE}`, 'checklist: { mode: deduct, items: [{ id: late, title: Late reply, points: 12, count: complaints }] }'),
    fix: "lower the item's points to at most the indicator's maximum",
  },
  'rubric/case-never-matches': { example: y('duty is partial', 'duty is full'), fix: 'remove the case, or correct the condition of the case above it that already covers it' },
  'rubric/count-may-be-negative': { example: y('type: integer, min: 0 }', 'type: integer }'), fix: 'give the count fact `min: 0` (at least 0)' },
  'rubric/unreachable-pass-mark': { example: y('value: 15', 'value: 25'), fix: 'lower the pass mark to at most the highest total, or correct the points' },
  'rubric/pass-mark-always-met': { example: y('value: 15', 'value: -1'), fix: 'raise the pass mark above the lowest total a subject can get' },
  'rubric/unreachable-grade': { example: d(DSL_END, `${DSL_END}\ngrade "Excellent" at least 25\n`), fix: 'lower the band or remove it' },
  'rubric/veto-never-fires': { example: y('when: exposed }', 'when: rate > 1 }'), fix: 'correct the condition: as written no subject can ever meet it' },
  'rubric/veto-always-fires': { example: y('when: exposed }', 'when: exposed or not exposed }'), fix: 'correct the condition: as written every subject is vetoed' },
  'rubric/requirement-always-met': { example: y('indicator: duty }', 'require: rate >= 0 }'), fix: 'correct the condition, or drop a requirement that cannot fail' },
  'rubric/requirement-never-met': { example: y('indicator: duty }', 'require: rate > 1 }'), fix: 'correct the condition: as written every subject fails' },
  'rubric/overlapping-periods': {
    example: d('  value 15\n    when risk is low -> 12\n', '  value 15 until 2022-06-30\n    when risk is low -> 12\n  value 14 from 2022-06-30\n'),
    fix: "end the earlier period the day before the later one starts",
  },
  'rubric/bad-period': { example: y('effective: { from: 2022-06-14 }', 'effective: { from: 2022-06-14, until: 2022-06-01 }'), fix: 'put `until` on or after `from`' },
  'rubric/period-gap': { example: d('  value 15\n', '  value 15 from 2022-07-01\n'), fix: 'give the parameter a value for every day of the rubric period (or an undated value)' },
  'rubric/cyclic-parameter': { example: y('when: risk is low', 'when: pass_mark > 13'), fix: 'make override conditions depend on facts, not on the parameter itself' },
  'rubric/bad-deduction-fact': { example: y('per: complaints, amount: 1', 'fact: exposed, range: [0.5, 2]'), fix: 'record the amount in a decimal or integer fact' },
  'rubric/bad-range': { example: y('type: integer, min: 0 }', 'type: integer, min: 5, max: 1 }'), fix: 'put the lowest value first' },
  'rubric/negative-cap': {
    example: none(
      'no rubric file reaches it: a negative cap (of a deduction or of all deductions) is reported first by the YAML front end (yaml/bad-value), by the rubric language (dsl/bad-value) and, in IR JSON, by the IR schema (ir/schema: a cap is at least 0); the checker keeps the check for rubrics built in code',
    ),
    fix: 'a cap is at least 0',
  },
  'rubric/bad-default': { example: y('  exposed: { label: Exposed, type: boolean }', '  exposed: { label: Exposed, type: boolean }\n  visits: { label: Visits, type: integer, min: 0, required: false, default: -2 }'), fix: "give a default that fits the fact's type and bounds" },
  'rubric/missing-default': {
    // YAML reports it first as yaml/missing-default; in the rubric language a fact without a default is required.
    example: ir('      "label": "Exposed",\n      "required": true', '      "label": "Exposed",\n      "required": false'),
    fix: 'give the optional fact a default',
  },
  'rubric/nested-list': {
    // Both front ends report it first (yaml/bad-value, dsl/bad-value).
    example: ir(
      '  "facts": [\n',
      '  "facts": [\n    { "id": "visits", "label": "Visits", "required": true, "type": { "kind": "list", "fields": [\n      { "id": "staff", "label": "Staff", "required": true, "type": { "kind": "list", "fields": [] } }\n    ] } },\n',
    ),
    fix: 'flatten the data: a list field holds plain values',
  },
  'rubric/grade-order': { example: d(DSL_END, `${DSL_END}\ngrade "Good" at least 12\ngrade "Excellent" at least 18\n`), fix: 'list grade bands from the highest `min` down, each strictly lower' },
  'rubric/duplicate-mapping': { example: d('  total 20 points\n', '  replaces "0"\n    [checks] -> [duty]\n    [checks] -> [rate]\n  total 20 points\n'), fix: 'map each old indicator once' },
  'rubric/replaces-itself': { example: y('effective: { from: 2022-06-14 }', 'effective: { from: 2022-06-14 }\nreplaces: { version: "1", mapping: [] }'), fix: 'name the version this one takes over from in `replaces`, and give this file its own `version`' },
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
  'expr/too-deep': [
    // Brackets deeper than 100 and trees 101 to 500 deep are reported first by the file limits (limits/nesting,
    // limits/expressionDepth); a tree deeper than 500 without brackets is the parser's to report.
    'an expression more than 500 levels deep, such as a sum of more than 500 terms (brackets more than 100 deep are `limits/nesting`)',
    generated('the YAML base rubric with indicator `rate` scored by one sum of 501 terms: `score: 1+1+…+1`', () => baseWith(SCORE, repeat(501, () => '1', '+'))),
    'split the expression into parts: parameters, or several indicators',
  ],
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
  'dsl/too-deep': [
    // ASCII brackets that deep are reported first by the file-wide limit (limits/nesting), which does not count
    // the full-width brackets the language reads as ASCII ones.
    'brackets nested more than 100 deep in one statement; ASCII brackets that deep are `limits/nesting`, so only full-width （ ［ ｛ get here',
    d(SCORE, `${'（'.repeat(101)}rate${'）'.repeat(101)}`),
    'flatten the nesting, and type brackets with a half-width input method',
  ],
  'dsl/missing-statement': ['no `rubric` statement, or no `pass mark`', d('pass mark pass_mark\n', ''), 'add the missing statement'],
  'dsl/missing-clause': ["a required clause is missing (`version`, an indicator's rule …)", d('  version "1"\n', ''), 'add the clause the message names'],
  'dsl/duplicate-statement': ['a statement given twice that must be given once', d('pass mark pass_mark\n', 'pass mark pass_mark\npass mark pass_mark\n'), 'keep one'],
  'dsl/duplicate-clause': ['a clause given twice that must be given once', d('  version "1"\n', '  version "1"\n  version "2"\n'), 'keep one'],
  'dsl/duplicate-key': ['a key given twice in one record or expectation', d(DSL_END, `${DSL_END}\ntest "full marks"\n  subject {duty: full, rate: 1, complaints: 0, rate: 0.9}\n`), 'keep one'],
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
  { code: 'versions/overlap', severity: 'error', source: 'versions', meaning: 'two consecutive versions in a folder are both in force on some day', example: folder(['mini-1.yaml'], ['mini-2.yaml', VERSION_2, JULY_REPLACES_1]), fix: "end the earlier version (`until`) the day before the later one's `from`" },
  { code: 'versions/gap', severity: 'error', source: 'versions', meaning: 'some day between two consecutive versions has no version in force', example: folder(['mini-1.yaml', ENDS_JUNE], ['mini-2.yaml', VERSION_2, edit('effective: { from: 2022-06-14 }', 'effective: { from: 2022-07-05 }\nreplaces: { version: "1", mapping: [] }')]), fix: "start the later version the day after the earlier one's `until`" },
  { code: 'versions/mixed-ids', severity: 'error', source: 'versions', meaning: "a file holds another rubric id than the folder's first version", example: folder(['mini-1.yaml'], ['mini-2.yaml', edit('rubric: mini', 'rubric: mini-district')]), fix: 'keep one rubric per folder; all its versions share one id' },
  { code: 'versions/duplicate', severity: 'error', source: 'versions', meaning: 'two files hold the same version with different content', example: folder(['mini-1.yaml'], ['mini-v1.yaml', edit('title: Mini scale', 'title: Mini scale (draft)')]), fix: 'give the new file its own version, or delete the stale copy' },
  { code: 'versions/unknown-version', severity: 'error', source: 'versions', meaning: '`replaces` names a version the folder does not have', example: folder(['mini-1.yaml', ENDS_JUNE], ['mini-2.yaml', VERSION_2, edit('effective: { from: 2022-06-14 }', 'effective: { from: 2022-07-01 }\nreplaces: { version: "v1", mapping: [] }')]), fix: 'name the version it replaces exactly as that file writes it' },
  { code: 'versions/unknown-indicator', severity: 'error', source: 'versions', meaning: 'a mapping names an indicator the replaced version does not have', example: folder(['mini-1.yaml', ENDS_JUNE], ['mini-2.yaml', VERSION_2, edit('effective: { from: 2022-06-14 }', 'effective: { from: 2022-07-01 }\nreplaces: { version: "1", mapping: [{ from: [rates], to: [rate] }] }')]), fix: 'use an indicator id of the replaced version' },
  { code: 'versions/unmapped-indicator', severity: 'warning', source: 'versions', meaning: 'an indicator of the replaced version is neither kept nor mapped', example: folder(['mini-1.yaml', ENDS_JUNE], ['mini-2.yaml', VERSION_2, JULY_REPLACES_1, edit('- id: rate\n', '- id: rate_checked\n')]), fix: 'add it to a mapping (`-> []` if it was dropped)' },
  { code: 'versions/not-previous', severity: 'warning', source: 'versions', meaning: '`replaces` names a version other than the one right before', example: folder(
      ['mini-1.yaml', ENDS_JUNE],
      ['mini-2.yaml', VERSION_2, edit('effective: { from: 2022-06-14 }', 'effective: { from: 2022-07-01, until: 2022-07-31 }\nreplaces: { version: "1", mapping: [] }')],
      ['mini-3.yaml', edit('version: "1"', 'version: "3"'), edit('effective: { from: 2022-06-14 }', 'effective: { from: 2022-08-01 }\nreplaces: { version: "1", mapping: [] }')],
    ), fix: 'name the version right before' },
  { code: 'versions/missing-replaces', severity: 'warning', source: 'versions', meaning: 'a version after the first does not say what it replaces', example: folder(['mini-1.yaml', ENDS_JUNE], ['mini-2.yaml', VERSION_2, edit('effective: { from: 2022-06-14 }', 'effective: { from: 2022-07-01 }')]), fix: 'add `replaces "<previous version>"`' },
  { code: 'versions/empty', severity: 'error', source: 'versions', meaning: 'the folder holds no rubric file', example: folder(), fix: 'point at the folder that holds the rubric files' },
  { code: 'tests/no-version', severity: 'error', source: 'tests', meaning: 'a case of a test file without `version:` has no `as_of` date, so no version can be chosen for it', example: withTests(`rubric: mini\ntests:\n${testCase()}`), fix: 'give the case an `as_of` date, or the test file a top-level `version:`' },
  { code: 'tests/no-version-in-force', severity: 'error', source: 'tests', meaning: "a dated case of a test file without `version:` falls on a day no version of the folder is in force", example: withTests(`rubric: mini\ntests:\n${testCase('    as_of: 2022-06-01\n')}`), fix: "move the date into a version's period, or name the version in the file's `version:`" },
  { code: 'tests/unknown-version', severity: 'error', source: 'tests', meaning: "a test file's `version:` names a version the folder does not have", example: withTests(`rubric: mini\nversion: "2"\ntests:\n${testCase()}`), fix: 'name the version exactly as its rubric file writes it (the hint lists them)' },
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
  { code: 'data/bad-list', severity: 'error', source: 'data', meaning: 'a CSV cell that cannot be read as a list of records', example: {
      kind: 'cells',
      edit: { from: '  exposed: { label: Exposed, type: boolean }\n', to: '  exposed: { label: Exposed, type: boolean }\n  gates: { label: Gates, type: list, fields: { name: { label: Name, type: text } } }\n' },
      cells: { id: 'c1', duty: 'full', rate: '0.9', complaints: '0', risk: 'high', exposed: 'no', gates: '[{name: north gate}]' },
    }, fix: 'write the list as a JSON array of records in the cell' },
  { code: 'data/bad-row', severity: 'error', source: 'data', meaning: 'a CSV row that cannot be read at all', example: { kind: 'data-file', name: 'subjects.csv', text: 'id,duty,rate,complaints,risk,exposed\nc1,full,0.9,0,high,no\nc2,"full,0.8,0,high,no\n' }, fix: 'repair the row (quotes, column count)' },
  { code: 'data/bad-json', severity: 'error', source: 'data', meaning: 'a JSONL line that is not valid JSON', example: { kind: 'data-file', name: 'subjects.jsonl', text: '{"id": "c1", "duty": "full", "rate": 0.9, "complaints": 0, "risk": "high", "exposed": false}\n{"id": "c2", "duty": "full", "rate": 0.8, "complaints": 0, "risk": "high", "exposed": false,}\n' }, fix: 'repair the line' },
  { code: 'data/duplicate-key', severity: 'error', source: 'data', meaning: 'a JSONL record that gives one key twice (which value is meant cannot be known)', example: { kind: 'data-file', name: 'subjects.jsonl', text: '{"id": "c1", "duty": "full", "rate": 0.9, "complaints": 0, "risk": "high", "exposed": false, "rate": 0.5}\n' }, fix: 'keep one value for the key' },
  { code: 'data/unreadable', severity: 'error', source: 'data', meaning: 'a record the data reader could not read', example: none(
      'no data file reaches it: every record a data reader gives holds either the record or the reason it could not be read (data/bad-row, data/bad-json, data/duplicate-key, data/not-an-object); this is the fallback of `rubric eval`, `rubric diff --data` and the terminal UI for a reader that broke that rule',
    ), fix: 'repair the record' },
  { code: 'data/invalid', severity: 'error', source: 'data', meaning: 'a standalone compiled module rejected the record (it reports one general error)', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, rate: 1.5 }, module: true }, fix: 'check the record against the JSON Schema of the inputs (`rubric compile --schema`)' },
  { code: 'eval/division-by-zero', severity: 'error', source: 'eval', meaning: 'a rule divided by zero for this subject', example: data({ complaints: 0 }, { from: SCORE, to: 'min(10, max(0, 10 - 10 / complaints))' }), fix: 'guard the division: if complaints > 0 then … else …' },
  { code: 'eval/bad-count', severity: 'error', source: 'eval', meaning: 'a count (per-unit deduction, checklist item) was negative or fractional', example: data({ complaints: -1 }, { from: 'type: integer, min: 0 }', to: 'type: integer }' }), fix: 'give the count fact `min: 0`, and correct the record' },
  { code: 'eval/bad-step', severity: 'error', source: 'eval', meaning: 'a rounding step computed from data was ≤ 0', example: data({ complaints: 0 }, { from: SCORE, to: 'min(10, round(10 * rate, complaints))' }), fix: 'round to a constant positive step' },
  { code: 'eval/no-parameter-value', severity: 'error', source: 'eval', meaning: 'no value of a parameter is in force on the as-of date', example: data({}, { from: YAML_PASS_MARK, to: LATE_PASS_MARK }), fix: 'give the parameter a value for that day, or evaluate as of a day in its period' },
  { code: 'eval/points-out-of-range', severity: 'error', source: 'eval', meaning: 'an indicator scored outside [0, max] for this subject (a rubric defect; never clamped)', example: data({}, { from: `score: ${SCORE}`, to: TWO_ITEMS }), fix: 'bound the rule with min/max' },
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
  // The limits' own registry: one code `limits/<name>` per limit.
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof ResourceLimits)[]) {
    const [meaning, example, fix] = LIMITS[name];
    out.push({ code: `limits/${name}`, severity: 'error', source: 'limits', meaning, example, fix });
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

/**
 * Evaluates a data file against a rubric file as `rubric eval RUBRIC --data FILE --as-of DATE`
 * does, giving each record's errors in file order. The data file readers belong to the command
 * line package, which this package may not import, so whoever can reach them passes this in
 * (scripts/write-catalogue.mjs and the catalogue test run the built `rubric` command).
 */
export type DataFileEvaluator = (rubricPath: string, dataPath: string, asOf: string) => Promise<SubjectError[][]>;

/** Options of {@link runCatalogueExample}. */
export interface CatalogueRunOptions {
  /** Runs `data-file` examples; without it they report `catalogue/no-evaluator`. */
  evaluateDataFile?: DataFileEvaluator;
}

/** The day data examples are evaluated on. */
export const CATALOGUE_AS_OF = '2022-06-20';

let baseIr: string | undefined;

/** The base rubric as IR JSON, as `rubric convert mini.yaml --to json` writes it (keys sorted, two-space indent); `json` edits apply to it. */
export function catalogueBaseIr(): string {
  if (baseIr === undefined) {
    const loaded = loadRubricText(CATALOGUE_BASE_YAML, 'mini.yaml', 'yaml');
    if (!loaded.rubric) throw new Error('the catalogue base rubric does not load');
    // canonicalJson sorts the keys; parsing it back keeps that order for the indented print.
    baseIr = `${JSON.stringify(JSON.parse(canonicalJson(loaded.rubric)), null, 2)}\n`;
  }
  return baseIr;
}

function fromDiagnostic(x: Diagnostic): ExampleReport {
  const r: ExampleReport = { code: x.code, severity: x.severity, message: x.message, where: `${x.file}:${x.span.start.line}:${x.span.start.column}` };
  if (x.hint !== undefined) r.hint = x.hint;
  return r;
}

function fromLoaded(loaded: LoadedRubric): ExampleReport[] {
  return loaded.diagnostics.map(fromDiagnostic);
}

function fromSubjectErrors(errors: readonly SubjectError[]): ExampleReport[] {
  return errors.map((e) => ({ code: e.code, severity: 'error', message: e.message, where: e.path || '(record)' }));
}

/** Applies edits in turn; the first whose `from` is not in the text so far is returned as stale. */
function applyEdits(base: string, edits: readonly CatalogueEdit[]): { text: string } | { stale: string } {
  let text = base;
  for (const e of edits) {
    if (!text.includes(e.from)) return { stale: e.from };
    // A function, so that `$&` and the like in the new text stay as written.
    text = text.replace(e.from, () => e.to);
  }
  return { text };
}

/** The base text an example edits and its edits (undefined for kinds that edit no single rubric). */
function editedRubric(example: CatalogueExample): { base: string; edits: CatalogueEdit[]; file: string; format: 'yaml' | 'dsl' | 'json' } | undefined {
  switch (example.kind) {
    case 'rubric':
      return {
        base: example.format === 'yaml' ? CATALOGUE_BASE_YAML : CATALOGUE_BASE_DSL,
        edits: [{ from: example.from, to: example.to }, ...(example.also ?? [])],
        file: example.format === 'yaml' ? 'mini.yaml' : 'mini.rubric',
        format: example.format,
      };
    case 'json':
      return 'edit' in example ? { base: catalogueBaseIr(), edits: [example.edit], file: 'mini.json', format: 'json' } : undefined;
    case 'data':
    case 'cells':
      return { base: CATALOGUE_BASE_YAML, edits: example.edit ? [example.edit] : [], file: 'mini.yaml', format: 'yaml' };
    default:
      return undefined;
  }
}

/** The text of a rubric example after its edits: rubric, IR JSON, data and generated examples (undefined for other kinds). */
export function exampleRubricText(example: CatalogueExample): string | undefined {
  if (example.kind === 'json' && 'text' in example) return example.text;
  if (example.kind === 'generated') return example.build();
  const edited = editedRubric(example);
  if (!edited) return undefined;
  const applied = applyEdits(edited.base, edited.edits);
  return 'text' in applied ? applied.text : undefined;
}

/** A standalone module as `rubric compile` writes it, imported from a temporary file. */
async function importModule(source: string): Promise<{ evaluate(subject: unknown, options: { asOf: string }): EvaluationResult }> {
  const dir = await mkdtemp(join(tmpdir(), 'rubric-catalogue-'));
  try {
    const path = join(dir, 'mini.mjs');
    await writeFile(path, source, 'utf8');
    return (await import(/* @vite-ignore */ pathToFileURL(path).href)) as { evaluate(subject: unknown, options: { asOf: string }): EvaluationResult };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'rubric-catalogue-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs an example through the public facade (loadRubricText / loadRubric for rubric files,
 * loadRubricFolder for folders, compileRubric + evaluate or the standalone module for data,
 * `options.evaluateDataFile` for data files) and returns everything it reported. An edit
 * whose `from` is not in the text it edits is itself reported (code `catalogue/stale-example`),
 * so a change to the base cannot silently turn an example into a no-op.
 */
export async function runCatalogueExample(example: CatalogueExample, options: CatalogueRunOptions = {}): Promise<ExampleReport[]> {
  const stale = (from: string): ExampleReport[] => [{ code: 'catalogue/stale-example', severity: 'error', message: `the base rubric has no ${JSON.stringify(from)}`, where: '' }];
  switch (example.kind) {
    case 'none':
      return [];
    case 'rubric':
    case 'json': {
      if ('text' in example) return fromLoaded(loadRubricText(example.text, 'mini.json', 'json'));
      const edited = editedRubric(example)!;
      const applied = applyEdits(edited.base, edited.edits);
      if ('stale' in applied) return stale(applied.stale);
      return fromLoaded(loadRubricText(applied.text, edited.file, edited.format));
    }
    case 'file':
      return withTempDir(async (dir) => {
        const path = join(dir, example.name);
        if (example.content !== undefined) await writeFile(path, example.content, 'utf8');
        const loaded = await loadRubric(path);
        return fromLoaded({ ...loaded, diagnostics: loaded.diagnostics.map((x) => ({ ...x, file: example.name })) });
      });
    case 'generated':
      return withTempDir(async (dir) => {
        let text: string;
        try {
          text = example.build();
        } catch (e) {
          return [{ code: 'catalogue/stale-example', severity: 'error', message: (e as Error).message, where: '' }];
        }
        const path = join(dir, example.name);
        await writeFile(path, text, 'utf8');
        // From a file, as `rubric check` reads it: the file size is checked before the file is read.
        const loaded = await loadRubric(path);
        return fromLoaded({ ...loaded, diagnostics: loaded.diagnostics.map((x) => ({ ...x, file: example.name })) });
      });
    case 'folder':
      return withTempDir(async (dir) => {
        const root = join(dir, 'mini');
        await mkdir(root);
        for (const f of example.files) {
          const applied = applyEdits(CATALOGUE_BASE_YAML, f.edits);
          if ('stale' in applied) return stale(applied.stale);
          await writeFile(join(root, f.name), applied.text, 'utf8');
        }
        for (const t of example.tests ?? []) await writeFile(join(root, t.name), t.text, 'utf8');
        // As `rubric check mini/` reads it: each file's own diagnostics, then those between versions.
        const loaded = await loadRubricFolder(root, { display: 'mini' });
        const reports = [...loaded.files.flatMap((f) => f.diagnostics), ...loaded.diagnostics];
        if (example.tests !== undefined) {
          // As `rubric test mini/` goes on: each test file's own diagnostics, then those of sending its cases to a version.
          const files = await Promise.all(example.tests.map((t) => loadTestFile(join(root, t.name), join('mini', t.name))));
          reports.push(...files.flatMap((f) => f.diagnostics), ...routeTestFiles(files, loaded.versions, { wholeFolder: true }).diagnostics);
        }
        return reports.map(fromDiagnostic);
      });
    case 'data-file': {
      const evaluateDataFile = options.evaluateDataFile;
      if (!evaluateDataFile) {
        return [{ code: 'catalogue/no-evaluator', severity: 'error', message: 'a data file example needs `evaluateDataFile` (the command line data readers)', where: '' }];
      }
      return withTempDir(async (dir) => {
        await writeFile(join(dir, 'mini.yaml'), CATALOGUE_BASE_YAML, 'utf8');
        await writeFile(join(dir, example.name), example.text, 'utf8');
        const records = await evaluateDataFile(join(dir, 'mini.yaml'), join(dir, example.name), CATALOGUE_AS_OF);
        return records.flatMap(fromSubjectErrors);
      });
    }
    case 'data':
    case 'cells': {
      const edited = editedRubric(example)!;
      const applied = applyEdits(edited.base, edited.edits);
      if ('stale' in applied) return stale(applied.stale);
      const loaded = loadRubricText(applied.text, edited.file, 'yaml');
      if (!loaded.rubric) return fromLoaded(loaded);
      let subject: unknown = example.kind === 'data' ? example.record : undefined;
      if (example.kind === 'cells') {
        const coerced = coerceTextRecord(loaded.rubric, example.cells);
        if (coerced.errors.length > 0) return fromSubjectErrors(coerced.errors);
        subject = coerced.subject;
      }
      const evaluator = example.kind === 'data' && example.module ? await importModule(emitStandaloneModule(loaded.rubric)) : compileRubric(loaded.rubric);
      return fromSubjectErrors(evaluator.evaluate(subject, { asOf: CATALOGUE_AS_OF }).errors);
    }
  }
}
