/**
 * `rubric check FILE...`: reads and checks each rubric file and reports every diagnostic,
 * as `file:line:col severity code: message` with a hint and the source line (text), or as
 * JSON. Exit 0 when no file has errors, 1 when one has, 2 when one cannot be read.
 */
import { Option, type Command } from 'commander';
import type { CommandContext } from './register.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '@rubric/rubric';
import type { Io } from '../io.js';
import { Sink } from '../io.js';
import { safeJson } from '../output/json-text.js';
import { isUnreadable, loadRubricAt, plural, sourceOf } from './load.js';

/** Output formats of `rubric check`. */
export type CheckFormat = 'text' | 'json';

/** Options of `rubric check`. */
export interface CheckOptions {
  format: CheckFormat;
}

/** One file's entry in `rubric check --format json`. */
export interface CheckReport {
  file: string;
  /** No errors (warnings allowed). */
  ok: boolean;
  diagnostics: Diagnostic[];
}

/** Runs `rubric check` and returns the exit code. */
export async function runCheck(files: readonly string[], options: CheckOptions, io: Io): Promise<number> {
  const reports: CheckReport[] = [];
  let errors = 0;
  let warnings = 0;
  let unreadable = false;
  const err = new Sink(io.stderr);
  try {
    for (const file of files) {
      const loaded = await loadRubricAt(file, io.cwd);
      unreadable ||= isUnreadable(loaded);
      for (const d of loaded.diagnostics) {
        if (d.severity === 'error') errors++;
        else if (d.severity === 'warning') warnings++;
        if (options.format === 'text') await err.write(`${formatDiagnostic(d, sourceOf(loaded))}\n\n`);
      }
      reports.push({ file, ok: !hasErrors(loaded.diagnostics), diagnostics: loaded.diagnostics });
    }
    if (options.format === 'json') {
      const out = new Sink(io.stdout);
      try {
        await out.write(`${safeJson(reports, 2)}\n`);
      } finally {
        out.detach();
      }
    } else {
      await err.write(`${plural(files.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
    }
  } finally {
    err.detach();
  }
  if (unreadable) return 2;
  return reports.every((r) => r.ok) ? 0 : 1;
}

const CHECK_HELP = `
Reads each rubric file (the rubric language .rubric, YAML, or IR JSON) and checks it: syntax, unknown keys, names,
types, totals. Every problem is printed to stderr as \`file:line:col severity code: message\`
with a hint and the source line, then a one-line summary. Warnings do not fail the check.

Examples:
  $ rubric check rubric.yaml
  $ rubric check rubrics/*/*.yaml
  $ rubric check rubric.yaml --format json

Exit codes: 0 no errors (warnings allowed); 1 some file has errors; 2 bad usage or a file
that cannot be read.
`;

/** Adds `rubric check` to the program. */
export function registerCheck(program: Command, ctx: CommandContext): void {
  program
    .command('check')
    .description('check rubric files and report every problem with its file, line and column')
    .argument('<file...>', 'rubric files (.rubric, .yaml, .yml or .json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .showHelpAfterError('(see `rubric check --help`)')
    .addHelpText('after', CHECK_HELP)
    .action(async (files: string[], opts: { format: CheckFormat }) => {
      ctx.setCode(await runCheck(files, { format: opts.format }, ctx.io));
    });
}
