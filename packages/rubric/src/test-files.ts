/**
 * Test files kept beside a rubric (`*.test.yaml`): reading them, routing each case to the
 * version it tests, and checking the cases against that version (unknown indicators,
 * unknown reasons, bad dates) with located diagnostics.
 *
 * Routing: a file with `version:` sends all its cases to that version; otherwise each case
 * goes to the version in force on its `as_of` date (a case without `as_of` is an error). A
 * file with `rubric:` is only for the rubric with that id.
 */
import { readFile } from 'node:fs/promises';
import { FILE_START, locateIssues, spanFor, sortDiagnostics, type Diagnostic, type Rubric, type SourceMap, type Span, type TestCase } from '@rubric/model';
import { checkRubric } from '@rubric/engine';
import { parseYamlTestFile } from '@rubric/yaml';
import { inPeriod, type RubricVersion } from './versions.js';

/** A test case with where it is written (a rubric's `tests:` or a test file). */
export interface LocatedTestCase {
  test: TestCase;
  file: string;
  span: Span;
}

/** A test file as read. */
export interface TestFile {
  file: string;
  source: string;
  rubricId?: string;
  version?: string;
  tests: TestCase[];
  sourceMap: SourceMap;
  diagnostics: Diagnostic[];
}

/** Reads and parses a test file; an unreadable file is a diagnostic. */
export async function loadTestFile(path: string, display: string = path): Promise<TestFile> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { file: display, source: '', tests: [], sourceMap: new Map(), diagnostics: [{ severity: 'error', code: 'io/unreadable', message: `cannot read the test file: ${reason}`, file: display, span: FILE_START }] };
  }
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const parsed = parseYamlTestFile(text, display);
  const out: TestFile = { file: display, source: text, tests: parsed.tests, sourceMap: parsed.sourceMap, diagnostics: parsed.diagnostics };
  if (parsed.rubricId !== undefined) out.rubricId = parsed.rubricId;
  if (parsed.version !== undefined) out.version = parsed.version;
  return out;
}

/** The cases a rubric keeps in its own `tests:` list, located through its source map. */
export function ownTests(rubric: Rubric, file: string, sourceMap?: SourceMap): LocatedTestCase[] {
  return rubric.tests.map((test, i) => ({ test, file, span: spanFor(sourceMap, `/tests/${i}`) }));
}

/**
 * Sends the cases of test files to the versions they test. Returns, per version (by version
 * text), the located cases, and diagnostics for cases that have nowhere to go or do not fit
 * the version they test. Files for another rubric id are left out quietly; so, when testing
 * one rubric file rather than its whole folder, are cases meant for other versions.
 */
export function routeTestFiles(
  files: readonly TestFile[],
  versions: readonly RubricVersion[],
  options: { wholeFolder: boolean },
): { cases: Map<string, LocatedTestCase[]>; diagnostics: Diagnostic[] } {
  const cases = new Map<string, LocatedTestCase[]>(versions.map((v) => [v.rubric.version, []]));
  const diagnostics: Diagnostic[] = [];
  const id = versions[0]?.rubric.id;
  for (const tf of files) {
    if (tf.rubricId !== undefined && id !== undefined && tf.rubricId !== id) continue;
    const routed = new Map<RubricVersion, { test: TestCase; index: number }[]>();
    const problem = (path: string, code: string, message: string, hint?: string): void => {
      const d: Diagnostic = { severity: 'error', code, message, file: tf.file, span: spanFor(tf.sourceMap, path) };
      if (hint !== undefined) d.hint = hint;
      diagnostics.push(d);
    };
    if (tf.version !== undefined) {
      const v = versions.find((x) => x.rubric.version === tf.version);
      if (!v) {
        // Testing one rubric file, a test file for another version simply is not for it.
        if (options.wholeFolder) problem('/version', 'tests/unknown-version', `the tests are for version ${tf.version}, which the folder does not have`, `the folder has ${versions.length === 1 ? 'version' : 'versions'} ${versions.map((x) => JSON.stringify(x.rubric.version)).join(', ')}`);
        continue;
      }
      routed.set(v, tf.tests.map((test, index) => ({ test, index })));
    } else {
      tf.tests.forEach((test, index) => {
        if (test.asOf === undefined) {
          problem(`/tests/${index}`, 'tests/no-version', `test \`${test.name}\` has no date, and the file names no version`, 'give the case an `as_of` date, or the file a top-level `version:`');
          return;
        }
        const v = versions.find((x) => inPeriod(x.rubric, test.asOf!));
        if (!v) {
          // Testing one rubric file, a dated case outside its period belongs to another version.
          if (options.wholeFolder) problem(`/tests/${index}/asOf`, 'tests/no-version-in-force', `no version is in force on ${test.asOf}, the date of test \`${test.name}\``, 'give the file a top-level `version:`, or change the date');
          return;
        }
        const list = routed.get(v) ?? [];
        list.push({ test, index });
        routed.set(v, list);
      });
    }
    for (const [v, list] of routed) {
      diagnostics.push(...checkCases(v.rubric, list, tf));
      const target = cases.get(v.rubric.version)!;
      for (const { test, index } of list) target.push({ test, file: tf.file, span: spanFor(tf.sourceMap, `/tests/${index}`) });
    }
  }
  return { cases, diagnostics: sortDiagnostics(diagnostics) };
}

/** Checks cases of a test file against the rubric they test (the checker's test checks), located in the test file. */
function checkCases(rubric: Rubric, list: readonly { test: TestCase; index: number }[], tf: TestFile): Diagnostic[] {
  const issues = checkRubric({ ...rubric, tests: list.map((x) => x.test) });
  const mine = issues.flatMap((issue) => {
    const m = /^\/tests\/(\d+)(.*)$/.exec(issue.path);
    if (!m) return [];
    const original = list[Number(m[1])];
    if (!original) return [];
    const message = issue.code === 'rubric/unknown-indicator' || issue.code === 'rubric/unknown-reason' ? `${issue.message} (version ${rubric.version})` : issue.message;
    return [{ ...issue, message, path: `/tests/${original.index}${m[2]}` }];
  });
  return locateIssues(mine, tf.file, tf.sourceMap);
}
