/**
 * The `rubric` command line: parses argv with commander and runs a command. `main` returns
 * the exit code instead of exiting, and takes its streams and directory as an {@link Io},
 * so tests run it in-process.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { escapeControl } from '@rubric/rubric';
import { runCheck, type CheckFormat } from './commands/check.js';
import { runEval, type EvalOptions } from './commands/eval.js';
import { runTest, type TestFormat } from './commands/test.js';
import { DATA_FORMATS, type DataFormat } from './data/data-item.js';
import { InputError, UsageError } from './errors.js';
import { OutputError, type Io } from './io.js';
import { OUTPUT_FORMATS, type OutputFormat } from './output/writer.js';

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

const CHECK_HELP = `
Reads each rubric file (YAML, or IR JSON) and checks it: syntax, unknown keys, names,
types, totals. Every problem is printed to stderr as \`file:line:col severity code: message\`
with a hint and the source line, then a one-line summary. Warnings do not fail the check.

Examples:
  $ rubric check rubric.yaml
  $ rubric check rubrics/*/*.yaml
  $ rubric check rubric.yaml --format json

Exit codes: 0 no errors (warnings allowed); 1 some file has errors; 2 bad usage or a file
that cannot be read.
`;

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

const EVAL_HELP = `
Evaluates every record of a data file against a rubric and writes one result per record,
in input order. The data format comes from the file name: .csv (a header row of fact ids
and \`id\`; lines starting with # are comments), .jsonl / .ndjson (one JSON object per line),
.json (an array, or an object with a \`subjects\` array), .yaml / .yml (a list). CSV and
JSON Lines are streamed. A record that cannot be read (a ragged CSV row, a line that is
not JSON) comes out \`invalid\` in its place and the batch goes on.

Formats: table (default: aligned, for people), json (an array), jsonl (one result per
line), csv (one row per subject, a column per section and indicator), md (a Markdown table).

Examples:
  $ rubric eval rubric.yaml --data subjects.csv --as-of 2022-06-20
  $ rubric eval rubric.yaml --data subjects.jsonl --format jsonl --out results.jsonl
  $ rubric eval rubric.yaml --data subjects.csv --explain BJ-DC-002
  $ cat subjects.csv | rubric eval rubric.yaml --data - --data-format csv --format csv

Exit codes: 0 every record was scored (pass, fail or vetoed); 1 some record is invalid;
2 bad usage, an unreadable rubric or data file, or a rubric with errors.
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

  program
    .command('check')
    .description('check rubric files and report every problem with its file, line and column')
    .argument('<file...>', 'rubric files (.yaml, .yml or .json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .showHelpAfterError('(see `rubric check --help`)')
    .addHelpText('after', CHECK_HELP)
    .action(async (files: string[], opts: { format: CheckFormat }) => {
      setCode(await runCheck(files, { format: opts.format }, io));
    });

  program
    .command('test')
    .description("run the test cases kept in rubric files and report branch coverage")
    .argument('<file...>', 'rubric files (.yaml, .yml or .json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .showHelpAfterError('(see `rubric test --help`)')
    .addHelpText('after', TEST_HELP)
    .action(async (files: string[], opts: { format: TestFormat }) => {
      setCode(await runTest(files, { format: opts.format }, io));
    });

  program
    .command('eval')
    .description('evaluate every record of a data file against a rubric')
    .argument('<rubric>', 'the rubric file (.yaml, .yml or .json)')
    .requiredOption('--data <file>', 'the data file, or - for standard input (with --data-format)')
    .addOption(new Option('--data-format <format>', 'the data format, when the file name does not tell').choices([...DATA_FORMATS]))
    .option('--as-of <date>', 'evaluation date, YYYY-MM-DD (default: today, UTC)')
    .addOption(new Option('--format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('table'))
    .option('--explain <id>', 'also explain the subject with this id, indicator by indicator')
    .option('--out <file>', 'write the output to this file (replaced only when the run completes)')
    .showHelpAfterError('(see `rubric eval --help`)')
    .addHelpText('after', EVAL_HELP)
    .action(async (rubric: string, opts: { data: string; dataFormat?: DataFormat; asOf?: string; format: OutputFormat; explain?: string; out?: string }) => {
      const options: EvalOptions = { data: opts.data, format: opts.format };
      if (opts.dataFormat !== undefined) options.dataFormat = opts.dataFormat;
      if (opts.asOf !== undefined) options.asOf = opts.asOf;
      if (opts.explain !== undefined) options.explain = opts.explain;
      if (opts.out !== undefined) options.out = opts.out;
      setCode(await runEval(rubric, options, io));
    });

  return program;
}
