/**
 * The diagnostic catalogue: every code any part of the tools can report, with its severity,
 * what it means, a wrong example that produces it and the fix. The codes and meanings come
 * from each component's own registry (checker, expression parser, DSL and YAML front ends);
 * the examples are data, one table per namespace in ./catalogue/, and this module wires the
 * two together and runs the examples, so a test can run every example and a script
 * (scripts/write-catalogue.mjs) can write docs/guide/diagnostics.md from this module — the
 * guide cannot drift from the code. The runner stays here, beside the internal codes: the
 * catalogue test reads every other source file for the codes it may emit.
 */
import { CHECK_CODES } from '@rubric/engine';
import { DSL_ISSUE_CODES, EXPRESSION_ISSUE_CODES } from '@rubric/dsl';
import { YAML_CODES } from '@rubric/yaml';
import { compileRubric, coerceTextRecord, emitStandaloneModule } from '@rubric/engine';
import type { Diagnostic, EvaluationResult, SubjectError } from '@rubric/model';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS, type ResourceLimits } from './limits.js';
import { loadRubric, loadRubricText, type LoadedRubric } from './load.js';
import { loadTestFile, routeTestFiles } from './test-files.js';
import { loadRubricFolder } from './versions.js';
import { CATALOGUE_AS_OF, CATALOGUE_BASE_YAML } from './catalogue/base.js';
import { applyEdits, editedRubric } from './catalogue/example-text.js';
import { CHECKER_EXAMPLES } from './catalogue/examples-checker.js';
import { DATA_EXAMPLES } from './catalogue/examples-data.js';
import { DSL_EXAMPLES } from './catalogue/examples-dsl.js';
import { EVAL_EXAMPLES } from './catalogue/examples-eval.js';
import { EXPRESSION_EXAMPLES } from './catalogue/examples-expr.js';
import { FILE_EXAMPLES } from './catalogue/examples-files.js';
import { LIMITS_EXAMPLES } from './catalogue/examples-limits.js';
import { TESTS_EXAMPLES } from './catalogue/examples-tests.js';
import { VERSIONS_EXAMPLES } from './catalogue/examples-versions.js';
import { YAML_EXAMPLES } from './catalogue/examples-yaml.js';
import type { CatalogueEntry, CatalogueExample, CatalogueRunOptions, ExampleReport } from './catalogue/types.js';

export type {
  CatalogueEdit,
  CatalogueEntry,
  CatalogueExample,
  CatalogueFolderFile,
  CatalogueRunOptions,
  CatalogueSource,
  CatalogueTestFile,
  DataFileEvaluator,
  ExampleReport,
} from './catalogue/types.js';
export { CATALOGUE_AS_OF, CATALOGUE_BASE_DSL, CATALOGUE_BASE_RECORD, CATALOGUE_BASE_YAML } from './catalogue/base.js';
export { catalogueBaseIr, exampleRubricText } from './catalogue/example-text.js';

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

/** The example of a code the tables below do not cover yet (the catalogue test fails on it). */
const NOT_YET_GIVEN: CatalogueExample = { kind: 'none', where: 'not yet given' };

function build(): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  for (const [code, c] of Object.entries(CHECK_CODES)) {
    if (INTERNAL_CODES.includes(code)) continue;
    const extra = CHECKER_EXAMPLES[code];
    out.push({ code, severity: c.severity, source: 'checker', meaning: c.summary, example: extra?.example ?? NOT_YET_GIVEN, fix: extra?.fix ?? '' });
  }
  for (const code of EXPRESSION_ISSUE_CODES) {
    if (INTERNAL_CODES.includes(code)) continue;
    const [meaning, example, fix] = EXPRESSION_EXAMPLES[code] ?? ['', NOT_YET_GIVEN, ''];
    out.push({ code, severity: 'error', source: 'expression', meaning, example, fix });
  }
  for (const code of DSL_ISSUE_CODES) {
    if (INTERNAL_CODES.includes(code)) continue;
    const [meaning, example, fix] = DSL_EXAMPLES[code] ?? ['', NOT_YET_GIVEN, ''];
    out.push({ code, severity: 'error', source: 'dsl', meaning, example, fix });
  }
  for (const [code, c] of Object.entries(YAML_CODES)) {
    const [example, fix] = YAML_EXAMPLES[code] ?? [NOT_YET_GIVEN, ''];
    out.push({ code, severity: c.severity, source: 'yaml', meaning: c.summary, example, fix });
  }
  // The limits' own registry: one code `limits/<name>` per limit.
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof ResourceLimits)[]) {
    const [meaning, example, fix] = LIMITS_EXAMPLES[name];
    out.push({ code: `limits/${name}`, severity: 'error', source: 'limits', meaning, example, fix });
  }
  out.push(...FILE_EXAMPLES, ...VERSIONS_EXAMPLES, ...TESTS_EXAMPLES, ...DATA_EXAMPLES, ...EVAL_EXAMPLES);
  return out;
}

/** Every user-facing diagnostic code, grouped by the part that reports it (internal codes are in {@link INTERNAL_CODES}). */
export const DIAGNOSTIC_CATALOGUE: readonly CatalogueEntry[] = build();

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
