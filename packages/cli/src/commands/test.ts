/**
 * `rubric test FILE...`: runs the test cases kept in each rubric file (`tests:`) and reports
 * which pass, what differs for those that fail, and which indicator branches no test reaches.
 * Exit 0 when every test passes, 1 when one fails, 2 when a rubric cannot be read or has errors.
 */
import { Option, type Command } from 'commander';
import type { CommandContext } from './register.js';
import {
  compileRubric,
  escapeControl,
  formatDiagnostic,
  hasErrors,
  runRubricTests,
  type CompiledRubric,
  type TestCaseResult,
} from '@rubric/rubric';
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

/** Words for one test case's mismatches, plus the data errors of an unexpectedly invalid result. */
export function describeFailures(tc: TestCaseResult): string[] {
  const show = (v: unknown): string => escapeControl(JSON.stringify(v) ?? 'undefined');
  const out = tc.mismatches.map((m) => `${m.field}: expected ${show(m.expected)}, got ${show(m.actual)}`);
  if (!tc.passed && tc.result.outcome === 'invalid') {
    for (const err of tc.result.errors) out.push(`error ${err.path || '(record)'}: ${escapeControl(err.message)}`);
  }
  return out;
}

/** Runs one rubric's kept tests through the library and words the results. */
export function reportRubricTests(file: string, compiled: CompiledRubric): FileTestReport {
  const run = runRubricTests(compiled);
  return {
    file,
    tests: run.cases.map((tc) => ({ name: tc.name, ok: tc.passed, failures: describeFailures(tc) })),
    uncovered: run.branches.uncovered,
    coverage: { reached: run.branches.reached, total: run.branches.total },
  };
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
      const report = reportRubricTests(file, compileRubric(loaded.rubric));
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

const TEST_HELP = `
Runs the test cases kept in each rubric file (its \`tests:\` list: a subject, an as-of date,
and the expected outcome, total, pass mark, indicator points and reasons), prints each test
with what differs when it fails, and the indicator rule branches no test reaches.

Examples:
  $ rubric test rubrics/beijing-epidemic-free-community/2022-06.yaml
  $ rubric test rubric.yaml --format json

Exit codes: 0 every test passes; 1 some test fails; 2 bad usage, or a rubric that cannot be
read or has errors.
`;

/** Adds `rubric test` to the program. */
export function registerTest(program: Command, ctx: CommandContext): void {
  program
    .command('test')
    .description("run the test cases kept in rubric files and report branch coverage")
    .argument('<file...>', 'rubric files (.yaml, .yml or .json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .showHelpAfterError('(see `rubric test --help`)')
    .addHelpText('after', TEST_HELP)
    .action(async (files: string[], opts: { format: TestFormat }) => {
      ctx.setCode(await runTest(files, { format: opts.format }, ctx.io));
    });
}
