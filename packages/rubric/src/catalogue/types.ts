/**
 * The types of the diagnostic catalogue: a catalogue entry, its wrong example (one kind per way
 * of reaching a code), and what running an example reports. Shared by the example tables, the
 * runner and the entry module (../diagnostic-catalogue.ts), so they live apart from all three.
 */
import type { Severity, SubjectError } from '@rubric/model';

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
  /** Runs `data-file` examples; without it they report the code catalogue/no-evaluator. */
  evaluateDataFile?: DataFileEvaluator;
}
