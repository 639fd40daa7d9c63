/**
 * `rubric template RUBRIC|DIR`: writes a blank self-assessment form for the rubric — YAML with
 * every fact described in comments, CSV with a header row and a `#` description row, or JSON
 * with an example subject — that `rubric eval` reads once it is filled in. For a folder of
 * versions, the form is the version's in force on `--as-of` (default today), as `rubric eval
 * DIR` would score it.
 */
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { compileRubric, escapeControl, formatDiagnostic, hasErrors } from '@rubric/rubric';
import { InputError, UsageError } from '../errors.js';
import { Sink, type Io } from '../io.js';
import { openOutFile, type OutFile } from '../output/out-file.js';
import { reasonOf } from '../data/read-records.js';
import { renderTemplate, TEMPLATE_FORMATS, type TemplateFormat } from '../template/forms.js';
import type { CommandContext } from './register.js';
import { isUnreadable, plural, sourceOf } from './load.js';
import { asOfOption, loadRubricArg } from './rubric-arg.js';

/** Options of `rubric template`. */
export interface TemplateOptions {
  /** Default: from the `--out` file's extension, else `yaml`. */
  format?: TemplateFormat;
  out?: string;
  /** For a folder: the version in force on this date (default: today, UTC). */
  asOf?: string;
}

/** The form format a file name implies (`.yaml`/`.yml`, `.csv`, `.json`), if any. */
export function templateFormatOf(file: string): TemplateFormat | undefined {
  switch (extname(file).toLowerCase()) {
    case '.yaml':
    case '.yml':
      return 'yaml';
    case '.csv':
      return 'csv';
    case '.json':
      return 'json';
    default:
      return undefined;
  }
}

/** Runs `rubric template` and returns the exit code. */
export async function runTemplate(rubricFile: string, options: TemplateOptions, io: Io): Promise<number> {
  if (options.out === '-') throw new UsageError('--out needs a file name (leave it out to write to standard output)', 'template');
  const format = options.format ?? (options.out !== undefined ? templateFormatOf(options.out) : undefined) ?? 'yaml';
  const asOf = asOfOption(options.asOf, 'template', io.now?.());
  const err = new Sink(io.stderr);
  let out: OutFile | undefined;
  let sink: Sink | undefined;
  try {
    const loaded = await loadRubricArg(rubricFile, asOf, io.cwd, err, 'no form was written');
    for (const d of loaded.diagnostics) await err.write(`${formatDiagnostic(d, sourceOf(loaded))}\n\n`);
    if (!loaded.rubric || hasErrors(loaded.diagnostics)) {
      const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
      if (!isUnreadable(loaded)) {
        await err.write(n > 0 ? `error: the rubric has ${plural(n, 'error')}; no form was written\n` : 'error: the rubric could not be loaded; no form was written\n');
      }
      return 2;
    }
    // Compiled for its content hash, which the YAML and JSON forms name.
    const compiled = compileRubric(loaded.rubric);
    const text = renderTemplate(compiled.rubric, compiled.hash, format);
    if (options.out !== undefined) {
      try {
        out = await openOutFile(options.out, io.cwd);
      } catch (e) {
        throw new InputError(`cannot write the output file ${escapeControl(options.out)}: ${reasonOf(e)}`);
      }
    }
    sink = new Sink(out ? out.stream : io.stdout);
    await sink.write(text);
    if (out) await out.commit();
    return 0;
  } finally {
    sink?.detach();
    err.detach();
    if (out) await out.abort();
  }
}

const TEMPLATE_HELP = `
Writes a blank self-assessment form (自评表) for the rubric, to fill in and evaluate with
\`rubric eval\`:

  yaml  every fact with its label, description, type, allowed values and whether it is
        required, as comments; values blank (optional facts start at their default)
  csv   a header row of fact ids (with \`id\` and \`name\`) and a description row starting
        with # (the CSV reader skips it); one row per subject below; with a byte order mark
        so spreadsheets read it as UTF-8
  json  an example subject, every fact set to a placeholder of its type

The format defaults to the --out file's extension, else yaml. For a folder of versions, the
form is the one of the version in force on --as-of (default today), as \`rubric eval DIR\` scores.

Examples:
  $ rubric template rubric.yaml > form.yaml
  $ rubric template rubric.yaml --format csv --out form.csv
  $ rubric template rubrics/beijing-epidemic-free-community --as-of 2022-06-20 --format csv
  $ rubric eval rubric.yaml --data form.csv --explain BJ-DC-001

Exit codes: 0 the form was written; 2 bad usage, a rubric that cannot be read or has errors.
`;

/** Adds `rubric template` to the program. */
export function registerTemplate(program: Command, ctx: CommandContext): void {
  program
    .command('template')
    .description('write a blank self-assessment form for a rubric (YAML, CSV or JSON)')
    .argument('<rubric>', 'the rubric file (.rubric, .yaml, .yml or .json) or a folder of its versions')
    .addOption(new Option('--format <format>', 'form format (default: from the --out extension, else yaml)').choices([...TEMPLATE_FORMATS]))
    .option('--out <file>', 'write the form to this file (replaced only when complete)')
    .option('--as-of <date>', 'for a folder: the version in force on this date, YYYY-MM-DD (default: today, UTC)')
    .showHelpAfterError('(see `rubric template --help`)')
    .addHelpText('after', TEMPLATE_HELP)
    .action(async (rubric: string, opts: { format?: TemplateFormat; out?: string; asOf?: string }) => {
      const options: TemplateOptions = {};
      if (opts.asOf !== undefined) options.asOf = opts.asOf;
      if (opts.format !== undefined) options.format = opts.format;
      if (opts.out !== undefined) options.out = opts.out;
      ctx.setCode(await runTemplate(rubric, options, ctx.io));
    });
}
