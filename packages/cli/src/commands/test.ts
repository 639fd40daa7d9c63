/**
 * `rubric test FILE...`: runs the test cases kept in each rubric file (`tests:`) and reports
 * which pass, what differs for those that fail, and which indicator branches no test reaches.
 * Exit 0 when every test passes, 1 when one fails, 2 when a rubric cannot be read or has errors.
 */
import { compileRubric, escapeControl, formatDiagnostic, hasErrors, type EvaluationResult, type Rubric } from '@rubric/rubric';

/** A test case kept in a rubric. */
type TestCase = Rubric['tests'][number];
import { colorsFor, Sink, type Io } from '../io.js';
import { safeJson } from '../output/json-text.js';
import { loadRubricAt, plural, sourceOf } from './load.js';

/** Output formats of `rubric test`. */
export type TestFormat = 'text' | 'json';

/** Options of `rubric test`. */
export interface TestOptions {
  format: TestFormat;
}

/** One kept test's outcome. */
export interface TestReport {
  name: string;
  ok: boolean;
  /** What differs from the expectation: `total: expected 99, got 100`. */
  failures: string[];
}

/** One rubric file's tests and branch coverage. */
export interface FileTestReport {
  file: string;
  tests: TestReport[];
  /** Indicator rule branches no test reached (`publicity: case 3`). */
  uncovered: string[];
  /** Branches reached / branches there are. */
  coverage: { reached: number; total: number };
}

/** Compares a result with a test's expectations; returns what differs. */
export function compareExpectation(tc: TestCase, result: EvaluationResult): string[] {
  const e = tc.expect;
  const out: string[] = [];
  const show = (v: unknown): string => escapeControl(JSON.stringify(v) ?? 'undefined');
  if (e.outcome !== undefined && result.outcome !== e.outcome) out.push(`outcome: expected ${e.outcome}, got ${result.outcome}`);
  if (e.total !== undefined && result.total !== e.total) out.push(`total: expected ${e.total}, got ${show(result.total)}`);
  if (e.passMark !== undefined && result.passMark !== e.passMark) out.push(`pass mark: expected ${e.passMark}, got ${show(result.passMark)}`);
  for (const [id, points] of Object.entries(e.indicators ?? {})) {
    if (result.indicators[id] !== points) out.push(`indicator ${id}: expected ${points}, got ${show(result.indicators[id])}`);
  }
  const keys = new Set(result.reasons.map((r) => r.key));
  for (const key of e.reasons ?? []) if (!keys.has(key)) out.push(`reason ${key}: expected, not given (got ${show([...keys])})`);
  if (result.outcome === 'invalid' && e.outcome !== 'invalid') {
    for (const err of result.errors) out.push(`error ${err.path || '(record)'}: ${escapeControl(err.message)}`);
  }
  return out;
}

/** Every rule branch of the rubric's indicators, as `indicator: branch`. */
function allBranches(rubric: Rubric): string[] {
  const out: string[] = [];
  for (const s of rubric.sections) {
    for (const ind of s.indicators) {
      if (ind.rule.kind === 'cases') {
        ind.rule.cases.forEach((_, i) => out.push(`${ind.id}: case ${i + 1}`));
        out.push(`${ind.id}: otherwise`);
      } else out.push(`${ind.id}: ${ind.rule.kind === 'expression' ? 'expression' : `checklist (${ind.rule.mode})`}`);
    }
  }
  return out;
}

/** Runs one rubric's kept tests. */
export function runRubricTests(file: string, rubric: Rubric, evaluate: (tc: TestCase) => EvaluationResult): FileTestReport {
  const reached = new Set<string>();
  const tests = rubric.tests.map((tc) => {
    const result = evaluate(tc);
    for (const [id, x] of Object.entries(result.explanation?.indicators ?? {})) reached.add(`${id}: ${x.branch}`);
    const failures = compareExpectation(tc, result);
    return { name: tc.name, ok: failures.length === 0, failures };
  });
  const branches = allBranches(rubric);
  const uncovered = branches.filter((b) => !reached.has(b));
  return { file, tests, uncovered, coverage: { reached: branches.length - uncovered.length, total: branches.length } };
}

/** Runs `rubric test` and returns the exit code. */
export async function runTest(files: readonly string[], options: TestOptions, io: Io): Promise<number> {
  const out = new Sink(io.stdout);
  const err = new Sink(io.stderr);
  const c = colorsFor(io.isTTY, io.env ?? process.env);
  const reports: FileTestReport[] = [];
  let broken = false;
  try {
    for (const file of files) {
      const loaded = await loadRubricAt(file, io.cwd);
      for (const d of loaded.diagnostics) await err.write(`${formatDiagnostic(d, sourceOf(loaded))}\n\n`);
      if (!loaded.rubric || hasErrors(loaded.diagnostics)) {
        broken = true;
        continue;
      }
      const rubric = loaded.rubric;
      const compiled = compileRubric(rubric);
      const report = runRubricTests(file, rubric, (tc) => compiled.evaluate(tc.subject, { asOf: tc.asOf ?? rubric.effective.from, explain: true }));
      reports.push(report);
      if (options.format === 'text') {
        let text = `${c.bold(escapeControl(file))}\n`;
        for (const t of report.tests) {
          text += `  ${t.ok ? c.green('✓') : c.red('✗')} ${escapeControl(t.name)}\n`;
          for (const f of t.failures) text += `      ${f}\n`;
        }
        const passed = report.tests.filter((t) => t.ok).length;
        text += `  ${plural(report.tests.length, 'test')}: ${passed} passed, ${report.tests.length - passed} failed`;
        text += `; branches reached ${report.coverage.reached}/${report.coverage.total}\n`;
        if (report.uncovered.length > 0) text += `  ${c.dim(`not reached: ${report.uncovered.map(escapeControl).join(', ')}`)}\n`;
        await out.write(text);
      }
    }
    if (options.format === 'json') await out.write(`${safeJson(reports, 2)}\n`);
  } finally {
    out.detach();
    err.detach();
  }
  if (broken) return 2;
  return reports.every((r) => r.tests.every((t) => t.ok)) ? 0 : 1;
}
