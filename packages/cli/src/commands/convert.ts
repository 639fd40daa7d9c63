/**
 * `rubric convert FILE --to dsl|yaml|json [--out FILE]`: reads a rubric in any format and
 * prints it in another. The rubric (its IR, and so its content hash) is the same on both
 * sides. Comments of a `.rubric` source are kept when the target is the DSL too; other
 * conversions cannot carry comments, and say so.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Option, type Command } from 'commander';
import { escapeControl, formatDiagnostic, hasErrors, parseDslRubric, printDslRubric, printYamlRubric, type Rubric } from '@rubric/rubric';
import { InputError, UsageError } from '../errors.js';
import { Sink, type Io } from '../io.js';
import type { CommandContext } from './register.js';
import { isUnreadable, loadRubricAt, plural, sourceOf } from './load.js';
import { yamlHasComments } from './fmt.js';

/** The formats `rubric convert` writes. */
export type ConvertTarget = 'dsl' | 'yaml' | 'json';

/** Options of `rubric convert`. */
export interface ConvertOptions {
  to: ConvertTarget;
  out?: string;
}

/** A JSON value with object keys in sorted order, so equal rubrics give equal text. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    Object.defineProperty(out, k, { value: sortKeys((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The canonical IR (keys sorted, as the content hash sees it), pretty-printed. */
export function printJsonRubric(rubric: Rubric): string {
  return `${JSON.stringify(sortKeys(rubric), null, 2)}\n`;
}

/** Runs `rubric convert` and returns the exit code. */
export async function runConvert(file: string, options: ConvertOptions, io: Io): Promise<number> {
  if (options.out === '-') throw new UsageError('--out needs a file name (leave it out to write to standard output)', 'convert');
  const err = new Sink(io.stderr);
  try {
    const loaded = await loadRubricAt(file, io.cwd);
    for (const d of loaded.diagnostics) await err.write(`${formatDiagnostic(d, sourceOf(loaded))}\n\n`);
    if (isUnreadable(loaded)) throw new InputError(`cannot read the rubric ${file}`);
    if (!loaded.rubric || hasErrors(loaded.diagnostics)) {
      const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
      throw new InputError(`the rubric ${file} has ${plural(n, 'error')}; nothing was converted`);
    }
    const rubric = loaded.rubric;
    let text: string;
    let dropped = false;
    if (options.to === 'dsl') {
      const comments = loaded.format === 'dsl' ? parseDslRubric(loaded.source, file).comments : [];
      text = printDslRubric(rubric, { comments });
      dropped = loaded.format === 'yaml' && yamlHasComments(loaded.source);
    } else {
      text = options.to === 'yaml' ? printYamlRubric(rubric) : printJsonRubric(rubric);
      dropped = loaded.format === 'dsl' ? parseDslRubric(loaded.source, file).comments.length > 0 : loaded.format === 'yaml' && yamlHasComments(loaded.source);
    }
    if (dropped) await err.write(`note: the comments of ${escapeControl(file)} are not carried over to ${options.to === 'dsl' ? 'the rubric language' : options.to.toUpperCase()}\n`);
    if (options.out === undefined) {
      const out = new Sink(io.stdout);
      try {
        await out.write(text);
      } finally {
        out.detach();
      }
      return 0;
    }
    const target = resolve(io.cwd, options.out);
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw new InputError(`cannot write ${escapeControl(options.out)}: ${(e as Error).message}`);
    }
    await err.write(`wrote ${escapeControl(options.out)}\n`);
    return 0;
  } finally {
    err.detach();
  }
}

const CONVERT_HELP = `
Reads a rubric (.rubric, .yaml/.yml or IR .json), checks it, and writes it in another
format. The conversion is lossless: both files hold the same rubric, with the same content
hash. --to json writes the canonical IR (keys sorted), pretty-printed.

Comments of a .rubric file are kept when converting to the rubric language (which also
formats the file); YAML and JSON cannot take them, and YAML comments are never read, so
such conversions leave comments behind (a note on stderr says so).

Examples:
  $ rubric convert rubric.yaml --to dsl --out rubric.rubric
  $ rubric convert rubric.rubric --to yaml
  $ rubric convert rubric.rubric --to json --out rubric.ir.json

Exit codes: 0 converted; 2 bad usage, or a rubric that cannot be read or has errors.
`;

/** Adds `rubric convert` to the program. */
export function registerConvert(program: Command, ctx: CommandContext): void {
  program
    .command('convert')
    .description('convert a rubric between the rubric language, YAML and IR JSON (lossless)')
    .argument('<file>', 'rubric file (.rubric, .yaml, .yml or .json)')
    .addOption(new Option('--to <format>', 'the format to write').choices(['dsl', 'yaml', 'json']).makeOptionMandatory())
    .option('--out <file>', 'write to this file instead of standard output')
    .showHelpAfterError('(see `rubric convert --help`)')
    .addHelpText('after', CONVERT_HELP)
    .action(async (file: string, opts: ConvertOptions) => {
      ctx.setCode(await runConvert(file, opts, ctx.io));
    });
}
