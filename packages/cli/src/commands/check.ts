/**
 * `rubric check FILE|DIR...`: reads and checks each rubric file and reports every diagnostic,
 * as `file:line:col severity code: message` with a hint and the source line (text), or as
 * JSON. A folder is checked as the versions of one rubric: each of its rubric files, then the
 * versions against each other (`versions/*`). Exit 0 when no file has errors, 1 when one
 * has, 2 when one cannot be read.
 */
import { Option, type Command } from 'commander';
import type { CommandContext } from './register.js';
import { formatDiagnostic, hasErrors, type Diagnostic, type LoadedRubric } from '@rubric/rubric';
import type { Io } from '../io.js';
import { Sink } from '../io.js';
import { safeJson } from '../output/json-text.js';
import { UNREADABLE_CODES, loadRubricAt, plural, sourceOf } from './load.js';
import { isFolderArg, loadFolderAt } from './rubric-arg.js';

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
  const report = async (file: string, diagnostics: readonly Diagnostic[], sourceFor: (d: Diagnostic) => string | undefined): Promise<void> => {
    for (const d of diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      if (UNREADABLE_CODES.has(d.code)) unreadable = true;
      if (options.format === 'text') await err.write(`${formatDiagnostic(d, sourceFor(d))}\n\n`);
    }
    reports.push({ file, ok: !hasErrors(diagnostics), diagnostics: [...diagnostics] });
  };
  try {
    for (const arg of files) {
      if (!(await isFolderArg(arg, io.cwd))) {
        const loaded = await loadRubricAt(arg, io.cwd);
        await report(arg, loaded.diagnostics, () => sourceOf(loaded));
        continue;
      }
      // A folder: each rubric file as on its own, then what is wrong between its versions,
      // reported with the file it concerns (or the folder, for what concerns none).
      const folder = await loadFolderAt(arg, io.cwd);
      const byFile = new Map<string, LoadedRubric>(folder.files.map((f) => [f.file, f]));
      const between = new Map<string, Diagnostic[]>();
      for (const d of folder.diagnostics) {
        const at = byFile.has(d.file) ? d.file : arg;
        between.set(at, [...(between.get(at) ?? []), d]);
      }
      const sourceFor = (d: Diagnostic): string | undefined => {
        const f = byFile.get(d.file);
        return f ? sourceOf(f) : undefined;
      };
      for (const f of folder.files) await report(f.file, [...f.diagnostics, ...(between.get(f.file) ?? [])], sourceFor);
      if (between.has(arg) || folder.files.length === 0) await report(arg, between.get(arg) ?? [], sourceFor);
    }
    if (options.format === 'json') {
      const out = new Sink(io.stdout);
      try {
        await out.write(`${safeJson(reports, 2)}\n`);
      } finally {
        out.detach();
      }
    } else {
      await err.write(`${plural(reports.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
    }
  } finally {
    err.detach();
  }
  if (unreadable) return 2;
  return reports.every((r) => r.ok) ? 0 : 1;
}

const CHECK_HELP = `
Reads each rubric file (the rubric language .rubric, YAML, or IR JSON) and checks it: syntax, unknown keys, names,
types, totals. A folder is read as the versions of one rubric: every rubric file in it is checked, then the
versions against each other (one id, periods that follow on without overlap or gap, \`replaces\`). Every problem is printed to stderr as \`file:line:col severity code: message\`
with a hint and the source line, then a one-line summary. Warnings do not fail the check.

Examples:
  $ rubric check rubric.yaml
  $ rubric check rubrics/*/*.yaml
  $ rubric check rubrics/beijing-epidemic-free-community/
  $ rubric check rubric.yaml --format json

Exit codes: 0 no errors (warnings allowed); 1 some file has errors; 2 bad usage or a file
that cannot be read.
`;

/** Adds `rubric check` to the program. */
export function registerCheck(program: Command, ctx: CommandContext): void {
  program
    .command('check')
    .description('check rubric files and report every problem with its file, line and column')
    .argument('<file...>', 'rubric files (.rubric, .yaml, .yml or .json) or folders of versions')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .showHelpAfterError('(see `rubric check --help`)')
    .addHelpText('after', CHECK_HELP)
    .action(async (files: string[], opts: { format: CheckFormat }) => {
      ctx.setCode(await runCheck(files, { format: opts.format }, ctx.io));
    });
}
