/**
 * `rubric tui RUBRIC|DIR … [--data FILE]`: the terminal UI. This command builds the
 * services the TUI runs on (reading and checking rubric files, reading the dataset,
 * watching files) and hands them to `runTui`; the TUI itself never touches the disk.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { coerceTextRecord, compileRubric, escapeControl, isDirectory, loadRubricFolder, type Rubric } from '@rubric/rubric';
// Types only: Ink and React are loaded when `rubric tui` runs, not by every other command.
import type { LoadedVersion, SubjectRecord, TuiServices } from '@rubric/tui';
import { InputError, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { DATA_FORMATS, type DataFormat } from '../data/data-item.js';
import { dataFormatOf, openData, readRecords } from '../data/read-records.js';
import { checkedAsOf } from './rubric-arg.js';
import { loadRubricAt } from './load.js';
import type { CommandContext } from './register.js';

/** Options of `rubric tui`, as parsed from the command line. */
export interface TuiCommandOptions {
  data?: string;
  dataFormat?: DataFormat;
  asOf?: string;
  watch: boolean;
}

/** One version to show: its file, and other files of its folder holding the same rubric (a YAML file and its DSL twin). */
export interface VersionFiles {
  file: string;
  twins: string[];
}

/**
 * The versions the arguments name: a file as it is; a folder's rubric files in the order
 * they come into force (files with errors after them, so they can be fixed live), twins
 * counted once. Throws {@link UsageError} for a folder without a rubric file.
 */
export async function versionsOf(args: readonly string[], cwd: string, dataFile?: string): Promise<VersionFiles[]> {
  const out: VersionFiles[] = [];
  const seen = new Set<string>();
  const add = (file: string, twins: string[] = []): void => {
    if (seen.has(file) || (dataFile !== undefined && resolve(cwd, file) === resolve(cwd, dataFile))) return;
    seen.add(file);
    for (const t of twins) seen.add(t);
    out.push({ file, twins });
  };
  for (const arg of args) {
    const path = resolve(cwd, arg);
    if (!(await isDirectory(path))) {
      add(arg);
      continue;
    }
    const folder = await loadRubricFolder(path, { display: arg });
    const before = out.length;
    for (const v of folder.versions) add(v.file, v.twins);
    for (const f of folder.files) add(f.file);
    if (out.length === before) throw new UsageError(`the folder ${escapeControl(arg)} holds no rubric file (*.rubric, *.yaml with a top-level \`rubric:\` key, or IR *.json)`, 'tui');
  }
  return out;
}

/** The rubric files the arguments name, one per version (see {@link versionsOf}). */
export async function rubricFilesOf(args: readonly string[], cwd: string, dataFile?: string): Promise<string[]> {
  return (await versionsOf(args, cwd, dataFile)).map((v) => v.file);
}

/** Reads, checks and compiles one rubric file (never throws). */
export async function loadVersionAt(file: string, cwd: string): Promise<LoadedVersion> {
  const loaded = await loadRubricAt(file, cwd);
  const version: LoadedVersion = { file, source: loaded.source, diagnostics: loaded.diagnostics };
  if (loaded.rubric) {
    try {
      version.compiled = compileRubric(loaded.rubric);
      version.rubric = loaded.rubric;
    } catch (e) {
      version.diagnostics = [
        ...loaded.diagnostics,
        { severity: 'error', code: 'internal/compile-failed', message: `the rubric could not be compiled: ${(e as Error).message}`, file, span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } },
      ];
    }
  }
  return version;
}

/**
 * Calls `onChange(name)` shortly after a named file changes. Watches the files' folders, not
 * the files: editors often save by writing a new file and renaming it over the old one,
 * which ends a watch on the file itself. Several events for one save come out as one call.
 */
export function watchFiles(names: readonly string[], cwd: string, onChange: (name: string) => void, debounceMs = 120): () => void {
  const byDir = new Map<string, Map<string, string>>();
  for (const name of names) {
    const path = resolve(cwd, name);
    const dir = dirname(path);
    if (!byDir.has(dir)) byDir.set(dir, new Map());
    byDir.get(dir)!.set(basename(path), name);
  }
  const timers = new Map<string, NodeJS.Timeout>();
  const watchers: FSWatcher[] = [];
  for (const [dir, files] of byDir) {
    try {
      const w = watch(dir, (_event, filename) => {
        const name = filename === null ? undefined : files.get(filename.toString());
        if (name === undefined) return;
        clearTimeout(timers.get(name));
        timers.set(
          name,
          setTimeout(() => {
            timers.delete(name);
            onChange(name);
          }, debounceMs),
        );
      });
      // A folder that goes away ends its watch; the TUI keeps its last good results.
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // A folder that cannot be watched: no live reload for its files.
    }
  }
  return () => {
    for (const w of watchers) w.close();
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  };
}

/**
 * The services `rubric tui` gives the TUI. A version with twins is shown once and read from
 * whichever of its files was saved last: the one being edited.
 */
export function tuiServices(versions: readonly (VersionFiles | string)[], options: TuiCommandOptions, cwd: string): TuiServices {
  const slots = versions.map((v) => (typeof v === 'string' ? { file: v, twins: [] } : v));
  const edited = new Map<string, string>();
  const services: TuiServices = {
    rubricFiles: slots.map((v) => v.file),
    loadVersion: (file) => loadVersionAt(edited.get(file) ?? file, cwd),
  };
  const data = options.data;
  if (data !== undefined) {
    const format = options.dataFormat ?? dataFormatOf(data)!;
    Object.assign(services, {
      dataFile: data,
      async *readRecords(rubric: Rubric): AsyncGenerator<SubjectRecord> {
        let chunks: AsyncIterable<string>;
        try {
          chunks = await openData(data, cwd);
        } catch (e) {
          throw new Error(e instanceof InputError ? e.message : `cannot read the data file ${data}: ${(e as Error).message}`);
        }
        yield* readRecords(chunks, format, { coerce: (cells) => coerceTextRecord(rubric, cells) });
      },
    });
  }
  if (options.watch) {
    const slotOf = new Map<string, string>();
    for (const v of slots) for (const f of [v.file, ...v.twins]) slotOf.set(f, v.file);
    const names = [...slotOf.keys(), ...(data !== undefined ? [data] : [])];
    services.watch = (onChange) =>
      watchFiles(names, cwd, (name) => {
        const slot = slotOf.get(name);
        if (slot === undefined) return onChange(name);
        edited.set(slot, name);
        onChange(slot, name);
      });
  }
  return services;
}

/** Runs `rubric tui` and returns the exit code. */
export async function runTuiCommand(args: readonly string[], options: TuiCommandOptions, io: Io): Promise<number> {
  if (options.asOf !== undefined) checkedAsOf(options.asOf, 'tui');
  if (options.data === '-') throw new UsageError('the TUI reads keys from standard input, so --data - is not possible; name a data file', 'tui');
  if (options.data !== undefined && options.dataFormat === undefined && !dataFormatOf(options.data)) {
    throw new UsageError(`cannot tell the format of the data file \`${escapeControl(options.data)}\` from its name; name it *.jsonl, *.csv, *.json or *.yaml, or use --data-format`, 'tui');
  }
  const stdin = io.stdin as NodeJS.ReadStream | undefined;
  if (!io.isTTY || stdin?.isTTY !== true) {
    throw new UsageError('rubric tui needs an interactive terminal (standard input and output); to print results, use `rubric eval RUBRIC --data FILE`', 'tui');
  }
  const versions = await versionsOf(args, io.cwd, options.data);
  // An unreadable dataset is better said now, in plain words, than inside the TUI.
  if (options.data !== undefined) {
    const chunks = await openData(options.data, io.cwd);
    (chunks as { destroy?: () => void }).destroy?.();
  }
  const tuiOptions = options.asOf !== undefined ? { asOf: options.asOf } : {};
  const { runTui } = await import('@rubric/tui');
  await runTui(tuiServices(versions, options, io.cwd), { ...tuiOptions, stdin, stdout: io.stdout as NodeJS.WriteStream, stderr: io.stderr as NodeJS.WriteStream });
  return 0;
}

const TUI_HELP = `
Opens the rubric versions with a dataset in the terminal: a table of subjects with total,
outcome, pass mark and first reason; a subject's explanation indicator by indicator; A/B
comparison of two versions with the subjects whose outcome flips first; a what-if pass
mark (+/-); live reload when a rubric or the data changes on disk. Press ? for every key.

A folder stands for all of its rubric versions, in the order they come into force. Each
version is evaluated as of its own effective date unless --as-of says otherwise. Without
--data, the rubrics' own test cases are the subjects.

Examples:
  $ rubric tui rubrics/beijing-epidemic-free-community --data rubrics/beijing-epidemic-free-community/sample.csv
  $ rubric tui old.yaml new.yaml --data subjects.jsonl --as-of 2022-07-01
  $ rubric tui rubric.yaml

Exit codes: 0 after quitting; 2 bad usage (no terminal, a bad date), or a data file that
cannot be read.
`;

/** Adds `rubric tui` to the program. */
export function registerTui(program: Command, ctx: CommandContext): void {
  program
    .command('tui')
    .description('explore rubric versions against a dataset in the terminal')
    .argument('<rubric...>', 'rubric files or folders of versions')
    .option('--data <file>', 'the dataset (.csv, .jsonl, .json or .yaml)')
    .addOption(new Option('--data-format <format>', 'the data format, when the file name does not tell').choices([...DATA_FORMATS]))
    .option('--as-of <date>', 'evaluate every version as of this date, YYYY-MM-DD (default: each version’s own effective date)')
    .option('--no-watch', 'do not reload when files change on disk')
    .showHelpAfterError('(see `rubric tui --help`)')
    .addHelpText('after', TUI_HELP)
    .action(async (rubrics: string[], opts: { data?: string; dataFormat?: DataFormat; asOf?: string; watch: boolean }) => {
      const options: TuiCommandOptions = { watch: opts.watch };
      if (opts.data !== undefined) options.data = opts.data;
      if (opts.dataFormat !== undefined) options.dataFormat = opts.dataFormat;
      if (opts.asOf !== undefined) options.asOf = opts.asOf;
      ctx.setCode(await runTuiCommand(rubrics, options, ctx.io));
    });
}
