/**
 * `rubric fmt FILE... [--check | --write] [--force]`: formats rubric files in their format's
 * canonical layout. A `.rubric` file keeps its comments; a YAML file is printed by the YAML
 * printer, which cannot keep comments, so `--write` refuses a YAML file with comments unless
 * `--force`. Without `--check` or `--write` the formatted text goes to stdout.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Lexer } from 'yaml';
import type { Command } from 'commander';
import {
  contentHash,
  escapeControl,
  formatDiagnostic,
  hasErrors,
  parseDslRubric,
  parseYamlRubric,
  printDslRubric,
  printYamlRubric,
  sourceFormatOf,
  type Diagnostic,
} from '@rubric/rubric';
import { UsageError } from '../errors.js';
import { Sink, type Io } from '../io.js';
import type { CommandContext } from './register.js';
import { plural } from './load.js';

/** Options of `rubric fmt`. */
export interface FmtOptions {
  check?: boolean;
  write?: boolean;
  force?: boolean;
}

/** What formatting one file gave. */
type Formatted =
  | { ok: true; text: string; source: string; yamlComments: boolean }
  | { ok: false; problem: string; diagnostics?: Diagnostic[]; source?: string };

/** Whether YAML text has comments (the YAML printer cannot keep them). */
export function yamlHasComments(text: string): boolean {
  for (const token of new Lexer().lex(text)) if (token.startsWith('#')) return true;
  return false;
}

/** Reads and formats one file; never throws on user input. */
export async function formatFile(file: string, cwd: string): Promise<Formatted> {
  const format = sourceFormatOf(file);
  if (format !== 'dsl' && format !== 'yaml') {
    return {
      ok: false,
      problem:
        format === 'json'
          ? `${file}: fmt formats .rubric and .yaml files; IR JSON is printed canonically by \`rubric convert ${file} --to json\``
          : `${file}: cannot tell the rubric's format from its name (fmt formats *.rubric, *.yaml and *.yml files)`,
    };
  }
  let raw: string;
  try {
    raw = await readFile(resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, problem: `${file}: cannot read it: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}` };
  }
  const source = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (format === 'dsl') {
    const parsed = parseDslRubric(source, file);
    if (!parsed.rubric || hasErrors(parsed.diagnostics)) return { ok: false, problem: `${file}: not formatted, it has errors`, diagnostics: parsed.diagnostics, source };
    const text = printDslRubric(parsed.rubric, { comments: parsed.comments });
    // The printer's output must mean the same rubric; never write a file that does not.
    const again = parseDslRubric(text, file);
    if (!again.rubric || contentHash(again.rubric) !== contentHash(parsed.rubric)) {
      return { ok: false, problem: `${file}: internal error: the formatted text does not read back as the same rubric; the file is left as it is` };
    }
    return { ok: true, text, source: raw, yamlComments: false };
  }
  const parsed = parseYamlRubric(source, file);
  if (!parsed.rubric || hasErrors(parsed.diagnostics)) return { ok: false, problem: `${file}: not formatted, it has errors`, diagnostics: parsed.diagnostics, source };
  return { ok: true, text: printYamlRubric(parsed.rubric), source: raw, yamlComments: yamlHasComments(source) };
}

/** Writes `text` to `path` through a temporary file, so the file is never seen half-written. */
async function replaceFile(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** Runs `rubric fmt` and returns the exit code. */
export async function runFmt(files: readonly string[], options: FmtOptions, io: Io): Promise<number> {
  if (options.check && options.write) throw new UsageError('give --check or --write, not both', 'fmt');
  if (options.force && !options.write) throw new UsageError('--force only applies to --write', 'fmt');
  if (!options.check && !options.write && files.length > 1) {
    throw new UsageError('to format several files, give --write (rewrite them) or --check (list those not formatted)', 'fmt');
  }
  const out = new Sink(io.stdout);
  const err = new Sink(io.stderr);
  let failed = false;
  let unformatted = 0;
  let written = 0;
  try {
    for (const file of files) {
      const r = await formatFile(file, io.cwd);
      if (!r.ok) {
        failed = true;
        for (const d of r.diagnostics ?? []) await err.write(`${formatDiagnostic(d, r.source)}\n\n`);
        await err.write(`${escapeControl(r.problem)}\n`);
        continue;
      }
      const changed = r.text !== r.source;
      const note = r.yamlComments ? ' (its comments would be lost: YAML comments are not kept)' : '';
      if (options.check) {
        if (changed) {
          unformatted++;
          await err.write(`${escapeControl(file)}: not formatted${note}\n`);
        }
      } else if (options.write) {
        if (!changed) continue;
        if (r.yamlComments && !options.force) {
          failed = true;
          await err.write(
            `${escapeControl(file)}: not rewritten: it has comments, and formatting YAML drops them; add --force to rewrite it anyway, or keep the rubric as a .rubric file (\`rubric convert ${escapeControl(file)} --to dsl\`), whose comments fmt keeps\n`,
          );
          continue;
        }
        try {
          await replaceFile(resolve(io.cwd, file), r.text);
        } catch (e) {
          failed = true;
          await err.write(`${escapeControl(file)}: cannot write it: ${(e as Error).message}\n`);
          continue;
        }
        written++;
        await err.write(`formatted ${escapeControl(file)}${r.yamlComments ? ' (its comments were dropped)' : ''}\n`);
      } else {
        if (r.yamlComments) await err.write(`note: ${escapeControl(file)} has comments, which formatted YAML does not keep\n`);
        await out.write(r.text);
      }
    }
    if (options.check) await err.write(`${plural(files.length, 'file')} checked: ${unformatted} not formatted\n`);
    else if (options.write) await err.write(`${plural(written, 'file')} rewritten\n`);
  } finally {
    out.detach();
    err.detach();
  }
  if (failed) return 2;
  return options.check && unformatted > 0 ? 1 : 0;
}

const FMT_HELP = `
Prints each rubric file in its format's canonical layout: the same rubric, written one
way, so that reviews show real changes only.

A .rubric file keeps its comments: each stays with the statement or clause it precedes or
ends. A YAML file is printed by the YAML printer, which does NOT keep comments: --write
refuses to rewrite a YAML file that has comments unless --force is given (its comments
are then lost); convert it to the rubric language to keep them (rubric convert FILE --to dsl).

Examples:
  $ rubric fmt rubric.rubric                  # the formatted text on stdout
  $ rubric fmt --check rubrics/*/*.rubric     # exit 1 when a file is not formatted
  $ rubric fmt --write rubric.rubric          # rewrite it in place

Exit codes: 0 done (with --check: every file is formatted); 1 with --check, some file is not
formatted; 2 bad usage, a file that cannot be read or has errors, or a YAML file with
comments refused by --write.
`;

/** Adds `rubric fmt` to the program. */
export function registerFmt(program: Command, ctx: CommandContext): void {
  program
    .command('fmt')
    .description('format rubric files in their canonical layout (.rubric files keep their comments)')
    .argument('<file...>', 'rubric files (.rubric, .yaml or .yml)')
    .option('--check', 'change nothing; exit 1 when a file is not formatted')
    .option('--write', 'rewrite the files that are not formatted')
    .option('--force', 'with --write, also rewrite YAML files that have comments (the comments are lost)')
    .showHelpAfterError('(see `rubric fmt --help`)')
    .addHelpText('after', FMT_HELP)
    .action(async (files: string[], opts: FmtOptions) => {
      ctx.setCode(await runFmt(files, opts, ctx.io));
    });
}
