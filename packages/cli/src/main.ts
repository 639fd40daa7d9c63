/**
 * The `rubric` command line: parses argv with commander and runs a command. `main` returns
 * the exit code instead of exiting, and takes its streams and directory as an {@link Io},
 * so tests run it in-process.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { escapeControl } from '@rubric/rubric';
import { registerCheck } from './commands/check.js';
import { registerConvert } from './commands/convert.js';
import { registerFmt } from './commands/fmt.js';
import { registerCompile } from './commands/compile.js';
import { registerEval } from './commands/eval.js';
import type { CommandRegistration } from './commands/register.js';
import { registerTest } from './commands/test.js';
import { registerTemplate } from './commands/template.js';
import { registerTui } from './commands/tui.js';
import { registerDiff } from './commands/diff.js';
import { registerVerify } from './commands/verify.js';
import { InputError, UsageError } from './errors.js';
import { OutputError, type Io } from './io.js';

/** Every command, in the order `rubric --help` lists them. A new command adds one line here. */
const COMMANDS: readonly CommandRegistration[] = [registerCheck, registerFmt, registerConvert, registerTest, registerEval, registerTemplate, registerTui, registerDiff, registerVerify, registerCompile];

/** The process's streams, and the types `main` takes. */
export { processIo, type Io, type OutStream } from './io.js';

/** The CLI package's version, from its package.json. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const PROGRAM_HELP = `
Examples:
  $ rubric check rubrics/beijing-epidemic-free-community/2022-06.yaml
  $ rubric test rubrics/beijing-epidemic-free-community/2022-06.yaml
  $ rubric eval rubric.yaml --data subjects.csv --as-of 2022-06-20
  $ rubric eval rubric.yaml --data subjects.jsonl --format jsonl --out results.jsonl

Exit codes: 0 ok; 1 the checked thing failed (rubric errors, a failing test, an invalid record);
2 bad usage or unreadable input. Set NO_COLOR to turn colour off, RUBRIC_DEBUG=1 for
stack traces of internal errors. Documentation: docs/cli.md.
`;

/** Runs the `rubric` command with `argv` (without the node and script paths) and returns its exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    return reportError(e, io);
  }
}

/** Prints an error the way users should see it and returns the exit code (always 2). */
export function reportError(e: unknown, io: Io): number {
  // Messages may quote user input (file names, data): escape control characters.
  if (e instanceof UsageError) {
    io.stderr.write(`error: ${escapeControl(e.message)}\n(see \`rubric${e.command ? ` ${e.command}` : ''} --help\`)\n`);
  } else if (e instanceof InputError) {
    io.stderr.write(`error: ${escapeControl(e.message)}\n`);
  } else if (e instanceof OutputError) {
    if (!e.brokenPipe) io.stderr.write(`error: ${escapeControl(e.message)}\n`);
  } else {
    const err = e instanceof Error ? e : new Error(String(e));
    const debug = (io.env ?? process.env)['RUBRIC_DEBUG'] === '1';
    io.stderr.write(`internal error: ${escapeControl(err.message)}\n`);
    if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
    else io.stderr.write('(set RUBRIC_DEBUG=1 to see where it happened)\n');
  }
  return 2;
}

function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command('rubric');
  program
    .description('Check scoring rubrics (量表) and evaluate subjects against them, with an explanation of every score.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      getOutHelpWidth: () => 80,
      getErrHelpWidth: () => 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError('(see `rubric --help`)')
    .addHelpText('after', PROGRAM_HELP);

  for (const register of COMMANDS) register(program, { io, setCode });
  return program;
}
