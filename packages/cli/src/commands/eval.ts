/**
 * `rubric eval RUBRIC --data FILE`: evaluates every record of a data file and writes one
 * result per record, in input order, in the chosen format. Records that cannot be read come
 * out `invalid` in their place; the batch always goes on.
 */
import { Option, type Command } from 'commander';
import type { CommandContext } from './register.js';
import {
  coerceTextRecord,
  compileRubric,
  escapeControl,
  formatDiagnostic,
  hasErrors,
  type CompiledRubric,
  type EvaluateOptions,
  type EvaluationResult,
} from '@rubric/rubric';
import { InputError, UsageError } from '../errors.js';
import { colorsFor, Sink, type Io } from '../io.js';
import { DATA_FORMATS, type DataFormat, type DataItem } from '../data/data-item.js';
import { dataFormatOf, openData, readRecords, reasonOf } from '../data/read-records.js';
import { createWriter, isMachineFormat } from '../output/create-writer.js';
import { renderExplanation } from '../output/explain.js';
import { openOutFile, type OutFile } from '../output/out-file.js';
import { OUTPUT_FORMATS, emptyCounts, type Counts, type OutputFormat, type RecordPosition, type ResultWriter, type RunInfo } from '../output/writer.js';
import { isUnreadable, loadRubricAt, plural, sourceOf } from './load.js';

/** Options of `rubric eval`, as parsed from the command line. */
export interface EvalOptions {
  data: string;
  dataFormat?: DataFormat;
  asOf?: string;
  format: OutputFormat;
  explain?: string;
  out?: string;
}

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A subject's id as `--explain` compares it: ids may be text or integers in the data. */
function idOf(item: DataItem): string | undefined {
  const id = item.record ? item.record['id'] : item.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** What {@link runBatch} needs: a compiled rubric, the records, and where results go. */
export interface BatchOptions {
  compiled: CompiledRubric;
  items: AsyncIterable<DataItem>;
  writer: ResultWriter;
  sink: Sink;
  asOf: string;
  /** Evaluate the subject with this id with `explain: true` and hand its result back. */
  explainId?: string;
  /** Called after each record with the number done so far. */
  onProgress?: (done: number) => void;
}

/** The explained subject, if any. */
export interface Explained {
  result: EvaluationResult;
  at: RecordPosition;
  /** How many records had the id (only the first is explained). */
  matches: number;
}

/** What a batch produced besides its output. */
export interface BatchOutcome {
  counts: Counts;
  explained?: Explained;
}

/** Scores one item; an engine failure on one record becomes that record's error, not the batch's. */
export function resultFor(compiled: CompiledRubric, item: DataItem, asOf: string, explain: boolean): EvaluationResult {
  if (item.error || !item.record) {
    const error = item.error ?? { path: '', code: 'data/unreadable', message: `record ${item.index}: unreadable` };
    return compiled.invalid(item.id ?? null, [error], { asOf });
  }
  const options: EvaluateOptions = { asOf };
  if (explain) options.explain = true;
  if (item.inputErrors && item.inputErrors.length > 0) options.inputErrors = item.inputErrors;
  try {
    return compiled.evaluate(item.record, options);
  } catch (e) {
    const id = idOf(item) ?? null;
    return compiled.invalid(id, [{ path: '', code: 'internal/evaluate-failed', message: `the evaluator failed on this record: ${(e as Error).message}` }], { asOf });
  }
}

/**
 * Evaluates every item in order and writes each result as it comes. The first record is
 * read before anything is written, so a data file that cannot be read at all (bad JSON,
 * an unreadable CSV header) fails before any output.
 */
export async function runBatch(o: BatchOptions): Promise<BatchOutcome> {
  const counts = emptyCounts();
  const info: RunInfo = { rubric: o.compiled.rubric, hash: o.compiled.hash, asOf: o.asOf };
  const it = o.items[Symbol.asyncIterator]();
  let explained: Explained | undefined;
  let matches = 0;
  let next: IteratorResult<DataItem> | undefined;
  try {
    next = await it.next();
    await o.sink.write(o.writer.begin(info));
    while (!next.done) {
      const item = next.value;
      const wanted = o.explainId !== undefined && idOf(item) === o.explainId;
      if (wanted) matches++;
      const result = resultFor(o.compiled, item, o.asOf, wanted && !explained);
      const at: RecordPosition = item.line === undefined ? { index: item.index } : { index: item.index, line: item.line };
      if (wanted && !explained) explained = { result, at, matches: 0 };
      counts[result.outcome]++;
      counts.total++;
      await o.sink.write(o.writer.write(result, at));
      o.onProgress?.(counts.total);
      next = await it.next();
    }
  } finally {
    // Stopped early (a write failed): let the reader close its file.
    if (next?.done !== true) await it.return?.();
  }
  await o.sink.write(o.writer.end(counts));
  if (explained) explained.matches = matches;
  return explained ? { counts, explained } : { counts };
}

/**
 * A progress line on a terminal's stderr for long runs (`… 120000 records`): shown after the
 * first second, redrawn at most four times a second, cleared at the end.
 */
export function progressLine(io: Io, now: () => number = Date.now): { update: (done: number) => void; clear: () => void } {
  const start = now();
  let last = 0;
  let shown = false;
  return {
    update(done: number) {
      const t = now();
      if (t - start < 1000 || t - last < 250) return;
      last = t;
      shown = true;
      io.stderr.write(`\r… ${done} records`);
    },
    clear() {
      if (shown) io.stderr.write('\r\u001b[K');
    },
  };
}

/** Runs `rubric eval` and returns the exit code. */
export async function runEval(rubricFile: string, options: EvalOptions, io: Io): Promise<number> {
  const env = io.env ?? process.env;
  const asOf = options.asOf ?? todayUtc(io.now?.() ?? new Date());
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD, not \`${escapeControl(asOf)}\``, 'eval');
  const dataFormat = options.dataFormat ?? (options.data === '-' ? undefined : dataFormatOf(options.data));
  if (!dataFormat) {
    throw new UsageError(
      options.data === '-'
        ? 'reading data from standard input needs --data-format jsonl|csv|json|yaml'
        : `cannot tell the format of the data file \`${escapeControl(options.data)}\` from its name; name it *.jsonl, *.csv, *.json or *.yaml, or use --data-format`,
      'eval',
    );
  }
  if (options.out === '-') throw new UsageError('--out needs a file name (leave it out to write to standard output)', 'eval');

  const err = new Sink(io.stderr);
  let out: OutFile | undefined;
  let sink: Sink | undefined;
  let progress: ReturnType<typeof progressLine> | undefined;
  try {
    // The rubric: any error means no evaluation.
    const loaded = await loadRubricAt(rubricFile, io.cwd);
    for (const d of loaded.diagnostics) await err.write(`${formatDiagnostic(d, sourceOf(loaded))}\n\n`);
    if (!loaded.rubric || hasErrors(loaded.diagnostics)) {
      const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
      if (!isUnreadable(loaded)) {
        await err.write(n > 0 ? `error: the rubric has ${plural(n, 'error')}; nothing was evaluated\n` : 'error: the rubric could not be loaded; nothing was evaluated\n');
      }
      return 2;
    }
    const compiled = compileRubric(loaded.rubric);
    const { from, until } = compiled.rubric.effective;
    if (asOf < from || (until !== undefined && asOf > until)) {
      await err.write(`note: as of ${asOf} is outside the rubric's effective period ${from} … ${until ?? 'open-ended'}\n`);
    }

    if (options.out !== undefined) {
      try {
        out = await openOutFile(options.out, io.cwd);
      } catch (e) {
        throw new InputError(`cannot write the output file ${escapeControl(options.out)}: ${reasonOf(e)}`);
      }
    }
    const chunks = await openData(options.data, io.cwd, io.stdin);
    const rubric = compiled.rubric;
    const items = readRecords(chunks, dataFormat, { coerce: (cells) => coerceTextRecord(rubric, cells) });
    const toTerminal = out === undefined && io.isTTY;
    sink = new Sink(out ? out.stream : io.stdout);
    const colors = colorsFor(toTerminal, env);
    const writer = createWriter(options.format, { colors, tty: toTerminal });
    progress = io.stderrIsTTY === true && !toTerminal ? progressLine(io) : undefined;
    const batch = await runBatch({
      compiled,
      items,
      writer,
      sink,
      asOf,
      ...(options.explain !== undefined ? { explainId: options.explain } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
    });
    progress?.clear();
    progress = undefined;

    let code = batch.counts.invalid > 0 ? 1 : 0;
    if (options.explain !== undefined) {
      if (batch.explained) {
        const { result, at, matches } = batch.explained;
        const machine = isMachineFormat(options.format);
        const text = renderExplanation(result, rubric, at, machine ? colorsFor(false, env) : colors);
        const target = machine ? err : sink;
        await target.write(`\n${text}`);
        if (matches > 1) await err.write(`note: ${matches} records have the id ${escapeControl(options.explain)}; the first is explained\n`);
      } else {
        await err.write(`error: --explain: no record has the id ${escapeControl(options.explain)}\n`);
        code = 2;
      }
    }
    if (out) await out.commit();
    return code;
  } finally {
    progress?.clear();
    sink?.detach();
    err.detach();
    if (out) await out.abort();
  }
}

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

/** Adds `rubric eval` to the program. */
export function registerEval(program: Command, ctx: CommandContext): void {
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
      ctx.setCode(await runEval(rubric, options, ctx.io));
    });
}
