/**
 * `rubric compile RUBRIC --target js|schema|types|all --out DIR`: writes the artifacts other
 * apps need from a rubric — a standalone ES module that evaluates subjects (no dependency on
 * this project; with `--validate` it also names every data error), TypeScript declarations of
 * its subject and result, and JSON Schemas of the subject data and of the result.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import {
  CodegenError,
  RESULT_SCHEMA,
  emitStandaloneModule,
  emitTypeDeclarations,
  escapeControl,
  formatDiagnostic,
  hasErrors,
  inputSchema,
  type Rubric,
} from '@rubric/rubric';
import { InputError, UsageError } from '../errors.js';
import { Sink, type Io } from '../io.js';
import type { CommandContext } from './register.js';
import { isUnreadable, loadRubricAt, plural, sourceOf } from './load.js';

/** What `rubric compile` can write. */
export const COMPILE_TARGETS = ['js', 'schema', 'types', 'all'] as const;
export type CompileTarget = (typeof COMPILE_TARGETS)[number];

/** Options of `rubric compile`. */
export interface CompileCommandOptions {
  target: CompileTarget;
  out: string;
  /** Include ajv's standalone validator in the module. */
  validate?: boolean;
  /** Base name of the files (default: the rubric id). */
  name?: string;
}

const BASE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The files a target writes, as [file name, contents]. Throws CodegenError when no module can be generated. */
export function compileArtifacts(rubric: Rubric, options: { target: CompileTarget; validate?: boolean; name?: string }): [string, string][] {
  const base = options.name ?? rubric.id;
  const all = options.target === 'all';
  const files: [string, string][] = [];
  if (all || options.target === 'js') files.push([`${base}.js`, emitStandaloneModule(rubric, { validate: options.validate === true })]);
  if (all || options.target === 'types') files.push([`${base}.d.ts`, emitTypeDeclarations(rubric)]);
  if (all || options.target === 'schema') {
    files.push([`${base}.subject.schema.json`, `${JSON.stringify(inputSchema(rubric), null, 2)}\n`]);
    files.push([`${base}.result.schema.json`, `${JSON.stringify(RESULT_SCHEMA, null, 2)}\n`]);
  }
  return files;
}

/** Runs `rubric compile` and returns the exit code. */
export async function runCompile(rubricFile: string, options: CompileCommandOptions, io: Io): Promise<number> {
  if (options.name !== undefined && !BASE_NAME.test(options.name)) {
    throw new UsageError(`--name must be a plain file name (letters, digits, \`_\`, \`.\`, \`-\`), not \`${escapeControl(options.name)}\``, 'compile');
  }
  if (options.validate === true && options.target !== 'js' && options.target !== 'all') {
    throw new UsageError('--validate applies to the JavaScript module: use it with --target js or all', 'compile');
  }
  const err = new Sink(io.stderr);
  const out = new Sink(io.stdout);
  try {
    const loaded = await loadRubricAt(rubricFile, io.cwd);
    for (const d of loaded.diagnostics) await err.write(`${formatDiagnostic(d, sourceOf(loaded))}\n\n`);
    if (!loaded.rubric || hasErrors(loaded.diagnostics)) {
      const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
      if (!isUnreadable(loaded)) {
        await err.write(n > 0 ? `error: the rubric has ${plural(n, 'error')}; nothing was written\n` : 'error: the rubric could not be loaded; nothing was written\n');
      }
      return 2;
    }
    let files: [string, string][];
    try {
      files = compileArtifacts(loaded.rubric, options);
    } catch (e) {
      if (!(e instanceof CodegenError)) throw e;
      await err.write(`error: cannot generate code for this rubric: ${escapeControl(e.message)}\n(run \`rubric check\` on it; nothing was written)\n`);
      return 1;
    }
    const dir = resolve(io.cwd, options.out);
    try {
      await mkdir(dir, { recursive: true });
      for (const [name, text] of files) await writeFile(join(dir, name), text);
    } catch (e) {
      throw new InputError(`cannot write to ${escapeControl(options.out)}: ${(e as NodeJS.ErrnoException).code === 'EEXIST' || (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'it is not a folder' : (e as Error).message}`);
    }
    for (const [name, text] of files) await out.write(`wrote ${escapeControl(join(options.out, name))} (${plural(Buffer.byteLength(text), 'byte')})\n`);
    return 0;
  } finally {
    out.detach();
    err.detach();
  }
}

const COMPILE_HELP = `
Writes what other apps need from a rubric into the --out folder (created if missing), as
files named after the rubric id (or --name):

  js      <name>.js: a standalone ES module with no dependency on this project. It exports
          evaluate(subject, {asOf, explain}) giving the same results as \`rubric eval\`,
          invalid(id, errors) and rubric ({id, version, title, hash}). A subject that does
          not match the rubric's facts comes out invalid; with --validate the module also
          holds ajv's standalone validator and names every error, as \`rubric eval\` does
          (and exports it as validateSubject).
  types   <name>.d.ts: TypeScript declarations of the module: Subject (each fact, with level
          names as string unions and labels as doc comments) and Result.
  schema  <name>.subject.schema.json: JSON Schema of one subject's data (labels and
          descriptions as title and description); <name>.result.schema.json: JSON Schema
          of a result.
  all     all of the above.

Examples:
  $ rubric compile rubric.yaml --target all --out dist/rubric
  $ rubric compile rubric.yaml --target js --validate --out dist --name beijing
  $ node -e "import('./dist/beijing.js').then((m) => console.log(m.evaluate(subject, { asOf: '2022-06-20' })))"

Exit codes: 0 written; 1 no code could be generated for the rubric; 2 bad usage, a rubric
that cannot be read or has errors, or a folder that cannot be written.
`;

/** Adds `rubric compile` to the program. */
export function registerCompile(program: Command, ctx: CommandContext): void {
  program
    .command('compile')
    .description('write a standalone JS module, TypeScript types and JSON Schemas for a rubric')
    .argument('<rubric>', 'the rubric file (.yaml, .yml or .json)')
    .addOption(new Option('--target <target>', 'what to write').choices([...COMPILE_TARGETS]).default('all'))
    .requiredOption('--out <dir>', 'the folder to write into (created if missing)')
    .option('--validate', 'include a standalone input validator in the JS module (names every data error)')
    .option('--name <name>', 'base name of the files (default: the rubric id)')
    .showHelpAfterError('(see `rubric compile --help`)')
    .addHelpText('after', COMPILE_HELP)
    .action(async (rubric: string, opts: { target: CompileTarget; out: string; validate?: boolean; name?: string }) => {
      const options: CompileCommandOptions = { target: opts.target, out: opts.out };
      if (opts.validate === true) options.validate = true;
      if (opts.name !== undefined) options.name = opts.name;
      ctx.setCode(await runCompile(rubric, options, ctx.io));
    });
}
