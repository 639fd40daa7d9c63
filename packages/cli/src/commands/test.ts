/**
 * `rubric test RUBRIC|DIR...`: runs the test cases kept with rubrics — in a rubric's own
 * `tests:` and in `*.test.yaml` files beside it — reports each failure with the expected and
 * actual values and an explanation, and measures coverage in rubric terms (indicators pinned,
 * rule branches taken, hard requirements, vetoes and deductions fired, pass-mark values
 * used). `--min-coverage N` fails a rubric below N percent; `--format junit` is for CI.
 * Exit 0 when every test passes (and coverage suffices), 1 when one fails, 2 when a rubric,
 * folder or test file cannot be read or has errors.
 */
import { dirname, join, resolve } from 'node:path';
import { readdir } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { CommandContext } from './register.js';
import {
  COVERAGE_KINDS,
  compileRubric,
  contentHash,
  escapeControl,
  formatDiagnostic,
  hasErrors,
  isTestFileName,
  loadTestFile,
  meetsCoverage,
  ownTests,
  routeTestFiles,
  runRubricTests,
  type CompiledRubric,
  type Coverage,
  type CoverageKind,
  type Diagnostic,
  type LocatedTestCase,
  type RubricVersion,
  type TestCaseResult,
  type TestFile,
} from '@rubric/rubric';
import { UsageError } from '../errors.js';
import { colorsFor, Sink, type Colors, type Io } from '../io.js';
import { safeJson } from '../output/json-text.js';
import { valueText } from '../output/explain.js';
import { isUnreadable, loadRubricAt, plural, sourceOf } from './load.js';
import { folderErrors, isFolderArg, loadFolderAt, writeFolderDiagnostics } from './rubric-arg.js';

/** Output formats of `rubric test`. */
export type TestFormat = 'text' | 'json' | 'junit';

/** Options of `rubric test`. */
export interface TestOptions {
  format: TestFormat;
  /** Fail a rubric whose coverage is below this percent. */
  minCoverage?: number;
}

/** One test case's outcome, in words. */
export interface TestReport {
  name: string;
  ok: boolean;
  /** Where the case is written: `file:line:col`. */
  at?: string;
  asOf: string;
  /** What differs from the expectation: `total: expected 99, got 100`. */
  failures: string[];
  /** For a failing case: how the result came about (indicators, deductions, pass mark, reasons). */
  explanation: string[];
}

/** Coverage as reported: percent, counts per kind and what is not covered. */
export interface CoverageReport {
  percent: number;
  covered: number;
  total: number;
  byKind: Coverage['byKind'];
  uncovered: { kind: CoverageKind; key: string }[];
  /** Whether it reaches `--min-coverage` (true without one). */
  ok: boolean;
}

/** One rubric version's tests and coverage. */
export interface FileTestReport {
  file: string;
  id: string;
  version: string;
  tests: TestReport[];
  /** Rule branches no test reached (`publicity: case 3`). */
  uncovered: string[];
  branches: { reached: number; total: number };
  coverage: CoverageReport;
}

/** The whole run, as `--format json` prints it. */
export interface TestRunReport {
  format: 'rubric-test/1';
  ok: boolean;
  minCoverage?: number;
  rubrics: FileTestReport[];
  /** Paths that could not be tested (unreadable, or with errors), with their error diagnostics. */
  broken: { path: string; diagnostics: Diagnostic[] }[];
}

/** Words for one test case's mismatches, plus the data errors of an unexpectedly invalid result. */
export function describeFailures(tc: TestCaseResult): string[] {
  const show = (v: unknown): string => escapeControl(JSON.stringify(v) ?? 'undefined');
  const out = tc.mismatches.map((m) => `${m.field}: expected ${show(m.expected)}, got ${show(m.actual)}`);
  if (!tc.passed && tc.result.outcome === 'invalid') {
    for (const err of tc.result.errors) out.push(`error ${err.path || '(record)'}: ${escapeControl(err.message)}`);
  }
  return out;
}

/** How a failing case's result came about: the indicators it names (or all), deductions, pass mark and reasons. */
export function explainFailure(tc: TestCaseResult): string[] {
  if (tc.passed || tc.result.outcome === 'invalid') return [];
  const r = tc.result;
  const ex = r.explanation;
  const named = tc.mismatches.filter((m) => m.field.startsWith('indicators.')).map((m) => m.field.slice('indicators.'.length));
  const wholeResult = tc.mismatches.some((m) => !m.field.startsWith('indicators.'));
  const ids = wholeResult ? Object.keys(r.indicators) : named;
  const out: string[] = [];
  for (const id of ids) {
    const x = ex?.indicators[id];
    if (!x) continue;
    const reads = Object.entries(x.reads).map(([k, v]) => `${escapeControl(k)} = ${valueText(v)}`);
    out.push(`${escapeControl(id)} = ${r.indicators[id]}: ${x.branch}: ${escapeControl(x.rule)}${reads.length > 0 ? ` [${reads.join(', ')}]` : ''}`);
  }
  if (wholeResult) {
    for (const d of r.deductions) out.push(`deduction ${escapeControl(d.id)}: −${d.amount}${d.uncapped !== d.amount ? ` (capped from ${d.uncapped})` : ''}`);
    const src = r.passMarkSource;
    if (r.passMark !== null) out.push(`pass mark ${r.passMark}${src ? ` (${escapeControl(src.parameter)}${src.when ? ` where ${escapeControl(src.when)}` : ''})` : ''}`);
    out.push(r.reasons.length > 0 ? `reasons: ${r.reasons.map((x) => escapeControl(x.key)).join(', ')}` : 'reasons: none');
  }
  return out;
}

function location(tc: TestCaseResult): string | undefined {
  return tc.file !== undefined && tc.span ? `${tc.file}:${tc.span.start.line}:${tc.span.start.column}` : undefined;
}

/** Runs the cases against one compiled rubric and words the results. */
export function reportRubricTests(file: string, compiled: CompiledRubric, cases?: readonly LocatedTestCase[], minCoverage?: number): FileTestReport {
  const run = runRubricTests(compiled, cases ? { cases } : {});
  const cov = run.coverage;
  return {
    file,
    id: compiled.rubric.id,
    version: compiled.rubric.version,
    tests: run.cases.map((tc) => {
      const t: TestReport = { name: tc.name, ok: tc.passed, asOf: tc.result.asOf, failures: describeFailures(tc), explanation: explainFailure(tc) };
      const at = location(tc);
      if (at !== undefined) t.at = at;
      return t;
    }),
    uncovered: run.branches.uncovered,
    branches: { reached: run.branches.reached, total: run.branches.total },
    coverage: {
      percent: cov.percent,
      covered: cov.covered,
      total: cov.total,
      byKind: cov.byKind,
      uncovered: cov.items.filter((i) => !i.covered).map((i) => ({ kind: i.kind, key: i.key })),
      ok: minCoverage === undefined || meetsCoverage(cov, minCoverage),
    },
  };
}

const KIND_WORDS: Record<CoverageKind, string> = {
  indicator: 'indicators pinned',
  branch: 'branches',
  'hard-requirement': 'hard requirements failed',
  veto: 'vetoes fired',
  deduction: 'deductions taken',
  'pass-mark': 'pass marks used',
};

function renderText(report: FileTestReport, c: Colors, minCoverage: number | undefined): string {
  let text = `${c.bold(escapeControl(report.file))}  ${escapeControl(report.id)} ${escapeControl(report.version)}\n`;
  for (const t of report.tests) {
    text += `  ${t.ok ? c.green('✓') : c.red('✗')} ${escapeControl(t.name)}${!t.ok && t.at ? c.dim(`  (${escapeControl(t.at)})`) : ''}\n`;
    for (const f of t.failures) text += `      ${f}\n`;
    for (const e of t.explanation) text += `      ${c.dim(`· ${e}`)}\n`;
  }
  const passed = report.tests.filter((t) => t.ok).length;
  text += `  ${plural(report.tests.length, 'test')}: ${passed} passed, ${report.tests.length - passed} failed`;
  text += `; branches reached ${report.branches.reached}/${report.branches.total}\n`;
  const cov = report.coverage;
  const kinds = COVERAGE_KINDS.flatMap((k) => {
    const x = cov.byKind[k];
    return x ? [`${KIND_WORDS[k]} ${x.covered}/${x.total}`] : [];
  });
  const verdict = minCoverage === undefined ? '' : cov.ok ? ` (≥ ${minCoverage}%)` : c.red(` (below the minimum ${minCoverage}%)`);
  text += `  coverage ${cov.percent}% (${cov.covered}/${cov.total})${verdict}: ${kinds.join(', ')}\n`;
  if (report.uncovered.length > 0) text += `  ${c.dim(`not reached: ${report.uncovered.map(escapeControl).join(', ')}`)}\n`;
  const others = cov.uncovered.filter((u) => u.kind !== 'branch' || !report.uncovered.includes(u.key));
  if (others.length > 0) text += `  ${c.dim(`not covered: ${others.map((u) => `${u.kind} ${escapeControl(u.key)}`).join(', ')}`)}\n`;
  return text;
}

/** XML text: markup escaped, and characters XML 1.0 cannot hold written as `\uXXXX`. */
export function xmlText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** The run as JUnit XML: a suite per rubric version, a case per test, a case for the coverage minimum, an error case per broken path. */
export function renderJunit(run: TestRunReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const r of run.rubrics) {
    const cls = xmlText(`${r.id}.${r.version}`);
    const cases: string[] = [];
    let f = 0;
    for (const t of r.tests) {
      const [file, line] = t.at ? splitAt(t.at) : [r.file, undefined];
      let xml = `    <testcase classname="${cls}" name="${xmlText(t.name)}" file="${xmlText(file)}"${line !== undefined ? ` line="${line}"` : ''}`;
      if (t.ok) xml += '/>';
      else {
        f++;
        const body = [...t.failures, ...t.explanation.map((e) => `· ${e}`)].join('\n');
        xml += `>\n      <failure message="${xmlText(t.failures[0] ?? 'failed')}" type="mismatch">${xmlText(body)}</failure>\n    </testcase>`;
      }
      cases.push(xml);
    }
    if (run.minCoverage !== undefined) {
      const name = `coverage ≥ ${run.minCoverage}%`;
      const cov = r.coverage;
      if (cov.ok) cases.push(`    <testcase classname="${cls}" name="${xmlText(name)}" file="${xmlText(r.file)}"/>`);
      else {
        f++;
        const body = cov.uncovered.map((u) => `${u.kind} ${u.key}`).join('\n');
        cases.push(`    <testcase classname="${cls}" name="${xmlText(name)}" file="${xmlText(r.file)}">\n      <failure message="${xmlText(`coverage ${cov.percent}% is below ${run.minCoverage}%`)}" type="coverage">${xmlText(body)}</failure>\n    </testcase>`);
      }
    }
    tests += cases.length;
    failures += f;
    const props = `    <properties>\n      <property name="coverage" value="${cov(r)}"/>\n    </properties>`;
    suites.push(`  <testsuite name="${xmlText(`${r.id} ${r.version}`)}" file="${xmlText(r.file)}" tests="${cases.length}" failures="${f}" errors="0" skipped="0">\n${props}\n${cases.join('\n')}\n  </testsuite>`);
  }
  for (const b of run.broken) {
    errors++;
    tests++;
    const body = b.diagnostics.map((d) => `${d.file}:${d.span.start.line}:${d.span.start.column} ${d.code}: ${d.message}`).join('\n');
    suites.push(
      `  <testsuite name="${xmlText(b.path)}" file="${xmlText(b.path)}" tests="1" failures="0" errors="1" skipped="0">\n    <testcase classname="${xmlText(b.path)}" name="load" file="${xmlText(b.path)}">\n      <error message="${xmlText(b.diagnostics[0]?.message ?? 'cannot be tested')}" type="load">${xmlText(body)}</error>\n    </testcase>\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="rubric test" tests="${tests}" failures="${failures}" errors="${errors}">\n${suites.join('\n')}${suites.length > 0 ? '\n' : ''}</testsuites>\n`;
}

function cov(r: FileTestReport): string {
  return String(r.coverage.percent);
}

function splitAt(at: string): [string, number | undefined] {
  const m = /^(.*):(\d+):(\d+)$/.exec(at);
  return m ? [m[1]!, Number(m[2])] : [at, undefined];
}

/** The test files in a folder. */
async function testFilesIn(dir: string, shownDir: string): Promise<TestFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && isTestFileName(e.name)).map((e) => e.name);
  } catch {
    return [];
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(names.map((n) => loadTestFile(join(dir, n), join(shownDir, n))));
}

interface Target {
  version: RubricVersion;
  cases: LocatedTestCase[];
}

/** What one path argument gives: versions to test, or the diagnostics that stop it. */
async function collect(path: string, io: Io, err: Sink): Promise<{ targets: Target[]; broken?: Diagnostic[]; unreadable?: boolean }> {
  const writeTestFileDiagnostics = async (files: readonly TestFile[], ds: readonly Diagnostic[]): Promise<void> => {
    const sources = new Map(files.map((f) => [f.file, f.source]));
    for (const d of ds) await err.write(`${formatDiagnostic(d, sources.get(d.file) || undefined)}\n\n`);
  };
  if (await isFolderArg(path, io.cwd)) {
    const folder = await loadFolderAt(path, io.cwd);
    await writeFolderDiagnostics(folder, err);
    const files = await Promise.all(folder.testFiles.map((f) => loadTestFile(resolve(io.cwd, f), f)));
    const routed = routeTestFiles(files, folder.versions, { wholeFolder: true });
    const ds = [...files.flatMap((f) => f.diagnostics), ...routed.diagnostics];
    await writeTestFileDiagnostics(files, ds);
    const errors = [...folderErrors(folder), ...ds.filter((d) => d.severity === 'error')];
    if (errors.length > 0 || folder.versions.length === 0) {
      const unreadable = errors.some((d) => d.code === 'io/unreadable');
      return { targets: [], broken: errors.length > 0 ? errors : folder.diagnostics, unreadable };
    }
    return {
      targets: folder.versions.map((v) => ({
        version: v,
        cases: [...ownTests(v.rubric, v.file, v.sourceMap), ...(routed.cases.get(v.rubric.version) ?? [])],
      })),
    };
  }
  const loaded = await loadRubricAt(path, io.cwd);
  for (const d of loaded.diagnostics) await err.write(`${formatDiagnostic(d, sourceOf(loaded))}\n\n`);
  if (!loaded.rubric || hasErrors(loaded.diagnostics)) return { targets: [], broken: loaded.diagnostics.filter((d) => d.severity === 'error'), unreadable: isUnreadable(loaded) };
  const version: RubricVersion = { file: path, rubric: loaded.rubric, hash: contentHash(loaded.rubric), sourceMap: loaded.sourceMap, twins: [] };
  const files = await testFilesIn(dirname(resolve(io.cwd, path)), dirname(path));
  const routed = routeTestFiles(files, [version], { wholeFolder: false });
  // Only the test files that send cases to this rubric (or fail to) matter here.
  const relevant = files.filter((f) => f.rubricId === undefined || f.rubricId === loaded.rubric!.id);
  const ds = [...relevant.flatMap((f) => f.diagnostics), ...routed.diagnostics];
  await writeTestFileDiagnostics(files, ds);
  const errors = ds.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { targets: [], broken: errors };
  return { targets: [{ version, cases: [...ownTests(loaded.rubric, path, loaded.sourceMap), ...(routed.cases.get(loaded.rubric.version) ?? [])] }] };
}

/** Runs `rubric test` and returns the exit code. */
export async function runTest(paths: readonly string[], options: TestOptions, io: Io): Promise<number> {
  const out = new Sink(io.stdout);
  const err = new Sink(io.stderr);
  const c = colorsFor(io.isTTY, io.env ?? process.env);
  const run: TestRunReport = { format: 'rubric-test/1', ok: true, rubrics: [], broken: [] };
  if (options.minCoverage !== undefined) run.minCoverage = options.minCoverage;
  try {
    for (const path of paths) {
      const got = await collect(path, io, err);
      if (got.broken) {
        run.broken.push({ path, diagnostics: got.broken });
        if (options.format === 'text') await err.write(`error: ${escapeControl(path)} ${got.unreadable ? 'cannot be read' : 'has errors'}; its tests were not run\n`);
        continue;
      }
      for (const t of got.targets) {
        const report = reportRubricTests(t.version.file, compileRubric(t.version.rubric), t.cases, options.minCoverage);
        run.rubrics.push(report);
        if (options.format === 'text') await out.write(renderText(report, c, options.minCoverage));
      }
    }
    run.ok = run.broken.length === 0 && run.rubrics.every((r) => r.coverage.ok && r.tests.every((t) => t.ok));
    if (options.format === 'json') await out.write(`${safeJson(run, 2)}\n`);
    if (options.format === 'junit') await out.write(renderJunit(run));
  } finally {
    out.detach();
    err.detach();
  }
  if (run.broken.length > 0) return 2;
  return run.ok ? 0 : 1;
}

/** Reads `--min-coverage`: a percentage from 0 to 100. */
export function parseMinCoverage(text: string): number {
  const n = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--min-coverage must be a percentage from 0 to 100, not \`${escapeControl(text)}\``, 'test');
  return n;
}

const TEST_HELP = `
Runs the test cases kept with each rubric: its own \`tests:\` list and the cases of the
\`*.test.yaml\` files beside it (a file with \`version:\` tests that version; without it, each
case tests the version in force on its \`as_of\` date). For a folder, every version in it.
Each test shows what differs when it fails, with how the result came about. Coverage counts
indicators whose points some test pins, rule branches taken, hard requirements failed,
vetoes fired, deductions taken and pass-mark values used.

Examples:
  $ rubric test rubrics/beijing-epidemic-free-community
  $ rubric test rubrics/beijing-epidemic-free-community/2022-06.yaml --min-coverage 100
  $ rubric test rubrics/*/ --format junit > rubric-tests.xml

Exit codes: 0 every test passes (and coverage reaches --min-coverage); 1 some test fails or
coverage is below the minimum; 2 bad usage, or a rubric, folder or test file that cannot be
read or has errors.
`;

/** Adds `rubric test` to the program. */
export function registerTest(program: Command, ctx: CommandContext): void {
  program
    .command('test')
    .description('run the test cases kept with rubrics and report coverage')
    .argument('<path...>', 'rubric files (.yaml, .yml, .rubric or .json) or rubric folders')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
    .option('--min-coverage <percent>', 'fail a rubric whose coverage is below this percentage')
    .showHelpAfterError('(see `rubric test --help`)')
    .addHelpText('after', TEST_HELP)
    .action(async (paths: string[], opts: { format: TestFormat; minCoverage?: string }) => {
      const options: TestOptions = { format: opts.format };
      if (opts.minCoverage !== undefined) options.minCoverage = parseMinCoverage(opts.minCoverage);
      ctx.setCode(await runTest(paths, options, ctx.io));
    });
}
