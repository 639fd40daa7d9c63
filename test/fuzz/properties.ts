/**
 * The cross-package fuzz properties, shared by the fixed-budget run in `npm test`
 * (`fuzz.test.ts`, small numRuns) and the long run (`npm run fuzz`, scripts/fuzz.mjs).
 *
 * Each property goes through the public facade (`@rubric/rubric`), so what it finds is what
 * a user would meet. Invariants: no uncaught exception, every diagnostic located inside the
 * text with a plain message, and the generated evaluator gives the reference's answer.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  checkRubric,
  coerceTextRecord,
  compileRubric,
  loadRubricText,
  printDslRubric,
  printYamlRubric,
  type Diagnostic,
  type Rubric,
  type SourceFormat,
} from '@rubric/rubric';
import { parseExpression } from '@rubric/dsl';
import { formatExpr, type Expr } from '@rubric/model';
import { baseRubric, exprArb, fullRubricArb, jsonArb, rubricArb, textArb } from '../support/arbitrary-rubric.js';

/** Pieces of DSL, YAML and expression syntax that mutations insert. */
const PIECES = [
  '"', "'", '{', '}', '[', ']', '(', ')', ',', ':', '.', '|', '>', '-', '- ', '#', '\n', '\r\n', ' ', '  ', '\t', 'x', '9', '-1', '.5', '1e999',
  '&a ', '*a', '!!str ', '? ', '---\n', '...\n', '<<: *a', 'fact', 'section', 'indicator', 'when', 'otherwise', 'points', 'if', 'then', 'and',
  'null', '\u2028', '\u0000', '\ufeff', '\u202e', '\u001b[31m', '，', '：', '\\', '"\\u12"', '${', '*/', '__proto__', 'constructor', 'round(',
  'count(x where', 'date("', '((((((((', '))))', '[[[[', '{{{{',
];

type Mutation =
  | { op: 'insert'; at: number; piece: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate-line'; line: number }
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; code: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...PIECES) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 0xffff }) }),
);

function mutate(text: string, m: Mutation): string {
  const at = 'at' in m ? m.at % (text.length + 1) : 0;
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.piece + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'flip':
      return text.slice(0, at) + String.fromCharCode(m.code) + text.slice(at + 1);
    case 'duplicate-line': {
      const lines = text.split('\n');
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
  }
}

/** A failed invariant, with what is needed to reproduce it. */
export class FuzzFinding extends Error {}

function fail(what: string, text: string): never {
  throw new FuzzFinding(`${what}\n--- input (JSON) ---\n${JSON.stringify(text).slice(0, 4000)}`);
}

/** Every diagnostic names the file, has a plain message and lies inside the text. */
function checkDiagnostics(diagnostics: readonly Diagnostic[], file: string, text: string): void {
  for (const d of diagnostics) {
    if (/^internal\//.test(d.code)) fail(`internal diagnostic ${d.code}: ${d.message}`, text);
    if (d.file !== file) fail(`diagnostic ${d.code} names file ${String(d.file)}`, text);
    if (!d.span || d.span.start.line < 1 || d.span.start.column < 1) fail(`diagnostic ${d.code} is not located`, text);
    if (d.span.end.offset < d.span.start.offset || d.span.end.offset > text.length + 1) fail(`diagnostic ${d.code} lies outside the text (${d.span.start.offset}..${d.span.end.offset} of ${text.length})`, text);
    if (!d.message || /\bat .*\(.*:\d+:\d+\)/.test(d.message)) fail(`diagnostic ${d.code} has no plain message: ${d.message}`, text);
  }
}

/** Loads text through the facade; any throw is a finding. Returns the rubric when accepted. */
export function loadChecked(text: string, format: SourceFormat): Rubric | undefined {
  const file = `fuzz.${format === 'dsl' ? 'rubric' : format}`;
  let loaded;
  try {
    loaded = loadRubricText(text, file, format);
  } catch (e) {
    fail(`loadRubricText(${format}) threw: ${(e as Error).stack ?? String(e)}`, text);
  }
  // BOM-stripped text is what spans refer to.
  checkDiagnostics(loaded.diagnostics, file, loaded.source);
  const errors = loaded.diagnostics.some((d) => d.severity === 'error');
  if (errors === (loaded.rubric !== undefined)) fail(`rubric present (${loaded.rubric !== undefined}) disagrees with errors (${errors})`, text);
  return loaded.rubric;
}

/** Counts of cases run per property, for the long run's report. */
export const counts: Record<string, number> = {};
function count(name: string): void {
  counts[name] = (counts[name] ?? 0) + 1;
}

const printedArb = (format: 'dsl' | 'yaml') =>
  fc.oneof(rubricArb, fullRubricArb).map((ir) => {
    try {
      return format === 'dsl' ? printDslRubric(ir) : printYamlRubric(ir);
    } catch {
      // A printer that refuses an IR the checker would reject is fine; print a minimal one.
      return format === 'dsl' ? 'rubric r "R"\n' : 'id: r\n';
    }
  });

/** A rubric printed in a source language, then mutated: the front end never throws and locates every error. */
export function mutatedSourceProperty(format: 'dsl' | 'yaml'): fc.IPropertyWithHooks<[string, Mutation[]]> {
  return fc.property(printedArb(format), fc.array(mutationArb, { maxLength: 5 }), (source, mutations) => {
    count(`${format}-mutated`);
    loadChecked(mutations.reduce(mutate, source), format);
  });
}

/** Arbitrary bytes, decoded as UTF-8 (with replacement), in every source format. */
export const bytesProperty = fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom<SourceFormat>('dsl', 'yaml', 'json'), (bytes, format) => {
  count('bytes');
  loadChecked(Buffer.from(bytes).toString('utf8'), format);
});

/** Expression text: printed random trees, mutated, and deep nests; parsing never throws, every issue located. */
export const expressionProperty = fc.property(
  fc.oneof(
    exprArb.map((e) => formatExpr(e)),
    fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('(', '-', 'not ', 'if a then ', 'max(1,', '[')).map(([n, p]) => p.repeat(n) + '1'),
    fc.string({ unit: 'binary', maxLength: 80 }),
  ),
  fc.array(mutationArb, { maxLength: 3 }),
  (base, mutations) => {
    count('expression');
    const text = mutations.reduce(mutate, base);
    let result;
    try {
      result = parseExpression(text);
    } catch (e) {
      fail(`parseExpression threw: ${(e as Error).stack ?? String(e)}`, text);
    }
    if (result.expr === undefined && result.issues.length === 0) fail('no expression and no issue', text);
    for (const issue of result.issues) {
      if (!issue.message || issue.start < 0 || issue.end < issue.start || issue.end > text.length) fail(`expression issue not located: ${JSON.stringify(issue)}`, text);
    }
  },
);

/** Subjects as they come: random JSON, and the rubric's own fact ids with random values. */
function subjectArb(rubric: Rubric): fc.Arbitrary<unknown> {
  const ids = rubric.facts.map((f) => f.id);
  return fc.oneof(
    jsonArb,
    ids.length === 0 ? fc.constant({}) : fc.dictionary(fc.constantFrom(...ids), fc.oneof(jsonArb, fc.constantFrom(0, 1, -1, 0.5, 1e21, 5e-324, '1', '', 'true', '2022-06-14', true, null)), { maxKeys: ids.length }),
  );
}

/** The names `exprArb` uses, declared as facts of every type so that many random expressions pass the checker. */
const EXPR_NAMES = ['a', 'b', 'c_1', 'x', 'rate', 'Level', '_u'];
/** `min(max(e, 0), 10)`: the checker demands points within 0..max. */
function clamp(e: Expr): Expr {
  return { kind: 'call', fn: 'min', args: [{ kind: 'call', fn: 'max', args: [e, { kind: 'number', value: '0' }] }, { kind: 'number', value: '10' }] };
}
const typedRubricArb: fc.Arbitrary<Rubric> = fc
  .tuple(
    fc.array(fc.constantFrom('decimal', 'boolean', 'integer', 'ratio', 'text', 'date' as const), { minLength: EXPR_NAMES.length, maxLength: EXPR_NAMES.length }),
    fc.array(fc.boolean(), { minLength: EXPR_NAMES.length, maxLength: EXPR_NAMES.length }),
    fc.array(fc.oneof(exprArb.map((points) => ({ kind: 'expression' as const, points: clamp(points) })), fc.tuple(exprArb, exprArb, exprArb).map(([when, points, otherwise]) => ({ kind: 'cases' as const, cases: [{ when, points: clamp(points) }], otherwise: clamp(otherwise) }))), { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(exprArb, fc.integer({ min: 0, max: 5 })), { maxLength: 2 }),
  )
  .map(([kinds, required, rules, deductions]) =>
    JSON.parse(
      JSON.stringify(
        baseRubric({
          facts: EXPR_NAMES.map((id, i) => ({ id, label: id, type: { kind: kinds[i]! }, required: required[i]! }) as Rubric['facts'][number]),
          sections: [{ id: 's', title: 'S', indicators: rules.map((rule, i) => ({ id: `i${i}`, title: `I${i}`, max: 10, rule })) }],
          deductions: deductions.map(([when, amount], i) => ({ id: `d${i}`, reason: 'R', kind: 'conditional' as const, when, amount })),
        }),
      ),
    ) as Rubric,
  );

/** The sample rubrics under `rubrics/` (all pass the checker), so the code generator always gets real rubrics too. */
const RUBRICS_DIR = new URL('../../rubrics/', import.meta.url).pathname;
const SAMPLES: Rubric[] = readdirSync(RUBRICS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(RUBRICS_DIR, d.name)).filter((f) => /\.ya?ml$/.test(f) && !/\.test\.ya?ml$/.test(f)).map((f) => join(RUBRICS_DIR, d.name, f)))
  .sort()
  .map((f) => loadRubricText(readFileSync(f, 'utf8'), f, 'yaml').rubric)
  .filter((r): r is Rubric => r !== undefined);

/** Random checked rubrics and random subjects: the generated evaluator equals the reference interpreter, byte for byte. */
export const codegenProperty = fc.property(
  fc.oneof(fc.constantFrom(...SAMPLES), typedRubricArb, rubricArb, fullRubricArb).chain((r) => fc.tuple(fc.constant(r), fc.array(subjectArb(r), { minLength: 1, maxLength: 8 }), fc.boolean())),
  ([rubric, subjects, explain]) => {
    // Rubrics the checker rejects never reach the code generator; most random ones pass.
    if (checkRubric(rubric).some((i) => i.severity === 'error')) {
      count('codegen-rejected');
      return;
    }
    count('codegen');
    const text = JSON.stringify(rubric);
    const reference = compileRubric(rubric, { evaluator: 'reference' });
    let generated;
    try {
      generated = compileRubric(rubric, { evaluator: 'generated' });
    } catch (e) {
      fail(`the code generator threw on a checked rubric: ${(e as Error).message}`, text);
    }
    const asOf = rubric.effective.from;
    for (const subject of subjects) {
      const run = (c: typeof reference) => {
        try {
          return JSON.stringify(c.evaluate(subject, { asOf, explain }));
        } catch (e) {
          return `threw: ${(e as Error).message}`;
        }
      };
      const want = run(reference);
      const got = run(generated);
      if (want.startsWith('threw')) fail(`the reference threw on subject ${JSON.stringify(subject)}: ${want}`, text);
      if (want !== got) fail(`generated ≠ reference on subject ${JSON.stringify(subject)}\nreference: ${want}\ngenerated: ${got}`, text);
    }
  },
);

/** Spreadsheet cells as text: coercion never throws, and gives a value or a per-record error for each fact. */
export const dataReaderProperty = fc.property(
  fc.oneof(fc.constantFrom(...SAMPLES), rubricArb),
  fc.array(fc.tuple(fc.oneof(fc.constantFrom('f0', 'f1', 'f2', '__proto__', 'constructor', '', ...SAMPLES.flatMap((r) => r.facts.map((f) => f.id))), textArb), fc.oneof(textArb, fc.constantFrom('1e999', '-0', 'NaN', 'Infinity', '0x10', ' 1 ', '1,000', '１２', '2022-02-30', '\ufeff1', 'TRUE', '是'))), { maxLength: 6 }),
  (rubric, pairs) => {
    if (checkRubric(rubric).some((i) => i.severity === 'error')) return;
    count('data-reader');
    const cells: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of pairs) cells[k] = v;
    let coerced;
    try {
      coerced = coerceTextRecord(rubric, cells);
    } catch (e) {
      fail(`coerceTextRecord threw: ${(e as Error).stack ?? String(e)}`, JSON.stringify(pairs));
    }
    if (Object.getPrototypeOf(coerced.subject) !== Object.prototype && Object.getPrototypeOf(coerced.subject) !== null) fail('prototype of the subject changed', JSON.stringify(pairs));
    if (({} as Record<string, unknown>)['polluted'] !== undefined) fail('Object.prototype polluted', JSON.stringify(pairs));
    const compiled = compileRubric(rubric, { evaluator: 'generated' });
    try {
      compiled.evaluate(coerced.subject, { asOf: rubric.effective.from });
    } catch (e) {
      fail(`evaluate threw on a coerced record: ${(e as Error).message}`, JSON.stringify(pairs));
    }
  },
);

/** Every property, by name. */
export const PROPERTIES: Record<string, fc.IProperty<never> | fc.IPropertyWithHooks<never>> = {
  'dsl-mutated': mutatedSourceProperty('dsl') as never,
  'yaml-mutated': mutatedSourceProperty('yaml') as never,
  bytes: bytesProperty as never,
  expression: expressionProperty as never,
  codegen: codegenProperty as never,
  'data-reader': dataReaderProperty as never,
};
