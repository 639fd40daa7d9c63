/**
 * A test file (`*.test.yaml`) kept beside a rubric: `rubric` (the id, optional),
 * `version` (optional: the version its cases run against) and `tests` (the same cases a
 * rubric's own `tests:` list holds). Pointers in the source map are `/tests/<i>/…`, as
 * in a rubric, so checker issues about the cases locate the same way.
 */
import { isMap, parseDocument } from 'yaml';
import { sortDiagnostics, type Diagnostic, type SourceMap, type TestCase } from '@rubric/model';
import { asMap, isNull, Reader } from './node-reader.js';
import { readTests } from './read-tests.js';
import { field, idOf, readText } from './read-values.js';

/** The keys of a test file. */
export const TEST_FILE_KEYS = ['rubric', 'version', 'tests'] as const;

/** What a test file holds, with its diagnostics and source map. */
export interface TestFileResult {
  /** The rubric id the file says it tests, when given. */
  rubricId?: string;
  /** The version every case runs against, when given; else each case runs against the version in force on its `as_of`. */
  version?: string;
  /** The cases (empty when the file has errors). */
  tests: TestCase[];
  diagnostics: Diagnostic[];
  sourceMap: SourceMap;
}

/** Reads a YAML test file. Never throws on user input. */
export function parseYamlTestFile(text: string, file: string): TestFileResult {
  const doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  const r = new Reader(text, file, doc);
  for (const err of doc.errors) {
    const [start, end] = err.pos;
    r.report(r.spanAt(start, end), err.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax', err.message.split('\n')[0] ?? err.message);
  }
  if (r.hasErrors()) return { tests: [], diagnostics: sortDiagnostics(r.diagnostics), sourceMap: r.sourceMap };
  const root = r.resolve(doc.contents);
  const start = r.spanAt(0, 0);
  if (root === undefined || isNull(root) || !isMap(root)) {
    r.report(start, 'yaml/wrong-type', 'a test file is a map with a `tests:` list', 'e.g. `version: "2022-06"` and `tests: [{name, as_of, subject, expect}]`');
    return { tests: [], diagnostics: sortDiagnostics(r.diagnostics), sourceMap: r.sourceMap };
  }
  const view = asMap(r, root, r.spanOf(root), 'the test file', start)!;
  view.checkKeys(TEST_FILE_KEYS);
  r.mark('', start);
  const out: TestFileResult = { tests: [], diagnostics: [], sourceMap: r.sourceMap };
  const id = field(view, 'rubric', '/id', idOf('rubric'), { what: 'the rubric id' });
  if (id !== undefined) out.rubricId = id;
  const version = field(view, 'version', '/version', readText);
  if (version !== undefined) out.version = version;
  const tests = readTests(r, view.need('tests', 'list the cases: `tests: [{name, as_of, subject, expect}]`'));
  out.diagnostics = sortDiagnostics(r.diagnostics);
  if (!r.hasErrors()) out.tests = tests;
  return out;
}
