/**
 * `rubric eval RUBRIC --data FILE`: evaluates every record of a data file and writes one
 * result per record, in input order, in the chosen format. Records that cannot be read come
 * out `invalid` in their place; the batch always goes on.
 */
import { Option, type Command } from 'commander';
import type { CommandContext } from './register.js';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { coerceTextRecord, compileRubric, escapeControl, formatDiagnostic, hasErrors, type CompiledRubric } from '@rubric/rubric';
import { InputError, UsageError } from '../errors.js';
import { colorsFor, Sink, type Io } from '../io.js';
import { DATA_FORMATS, type DataFormat, type DataItem } from '../data/data-item.js';
import { dataFormatOf, openData, readRecords, reasonOf } from '../data/read-records.js';
import { DATA_ENCODINGS, type DataEncoding, type DecodeNotes } from '../data/encoding.js';
import { createWriter, isMachineFormat } from '../output/create-writer.js';
import { renderExplanation } from '../output/explain.js';
import { openOutFile, type OutFile } from '../output/out-file.js';
import { removeOnSignal } from '../output/remove-on-signal.js';
import { OUTPUT_FORMATS, emptyCounts, type Counts, type OutputFormat, type RecordPosition, type ResultWriter, type RunInfo } from '../output/writer.js';
import { isUnreadable, plural, sourceOf } from './load.js';
import type { BatchOutcome, Explained } from '../batch/outcome.js';
import { idOf, positionOf, resultFor } from '../batch/score.js';
import { runParallelBatch } from '../batch/run-parallel.js';
import { progressBar, type Progress } from '../output/progress.js';
import { Utf8Builder } from '../output/utf8-builder.js';
import { asOfOption, loadRubricArg } from './rubric-arg.js';
import { recordFacts } from './record-facts.js';

export { resultFor } from '../batch/score.js';
export type { BatchOutcome, Explained } from '../batch/outcome.js';

/** Options of `rubric eval`, as parsed from the command line. */
export interface EvalOptions {
  data: string;
  dataFormat?: DataFormat;
  /** The data's character encoding (default `auto`: UTF-8, else GB18030). */
  encoding?: DataEncoding;
  asOf?: string;
  format: OutputFormat;
  explain?: string;
  out?: string;
  /** Worker threads to evaluate with (default 1: on the main thread). */
  jobs?: number;
  /** Put each subject's data in its result (`subject`), for `rubric verify`; json and jsonl only. */
  recordFacts?: boolean;
  /** Which evaluator scores: the generated one (default) or the reference interpreter, for auditors. */
  evaluator?: 'generated' | 'reference';
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
  // A writer that makes bytes faster than text (JSON Lines) writes bytes.
  const bytes = o.writer.writeBytes ? new Utf8Builder(1 << 12) : undefined;
  try {
    next = await it.next();
    await o.sink.write(o.writer.begin(info));
    while (!next.done) {
      const item = next.value;
      const wanted = o.explainId !== undefined && idOf(item) === o.explainId;
      if (wanted) matches++;
      const result = resultFor(o.compiled, item, o.asOf, wanted && !explained);
      const at: RecordPosition = positionOf(item);
      if (wanted && !explained) explained = { result, at, matches: 0 };
      counts[result.outcome]++;
      counts.total++;
      if (bytes) {
        // Each record still goes out on its own (a slow source, `tail -f`, shows each result as it comes).
        o.writer.writeBytes!(result, at, bytes);
        await o.sink.write(bytes.take());
      } else {
        await o.sink.write(o.writer.write(result, at));
      }
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

/** The most worker threads `--jobs` takes. */
export const MAX_JOBS = 64;

/** Reads `--jobs`: a whole number from 1 to {@link MAX_JOBS}. */
export function parseJobs(text: string): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_JOBS) {
    throw new UsageError(`--jobs must be a whole number from 1 to ${MAX_JOBS}, not \`${escapeControl(text)}\``, 'eval');
  }
  return n;
}

/** The size of the data file in bytes, or undefined for standard input or when it cannot be told. */
async function dataSize(file: string, cwd: string): Promise<number | undefined> {
  if (file === '-') return undefined;
  try {
    const s = await stat(resolve(cwd, file));
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/** What stderr says when the data's encoding was guessed, or has bytes that do not belong to it. */
function encodingNote(n: DecodeNotes): string {
  if (n.firstBadByte !== undefined) {
    return `warning: the data is not valid UTF-8 (from about byte ${n.firstBadByte}); those bytes read as \ufffd and records holding them may come out invalid (a GBK export? use --encoding gb18030)\n`;
  }
  if (n.chosen === 'utf16') return 'note: the data starts with a UTF-16 byte order mark; it is read as UTF-16\n';
  return 'note: the data is not UTF-8; it is read as GB18030 (GBK), as Chinese office software exports it (--encoding chooses)\n';
}

/** Runs `rubric eval` and returns the exit code. */
export async function runEval(rubricFile: string, options: EvalOptions, io: Io): Promise<number> {
  const env = io.env ?? process.env;
  const asOf = asOfOption(options.asOf, 'eval', io.now?.());
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
  if (options.recordFacts && options.format !== 'json' && options.format !== 'jsonl') throw new UsageError('--record-facts needs --format json or jsonl', 'eval');

  const err = new Sink(io.stderr);
  let out: OutFile | undefined;
  let sink: Sink | undefined;
  let progress: Progress | undefined;
  let releaseSignals: (() => void) | undefined;
  try {
    // The rubric: any error means no evaluation.
    // A folder of versions gives the one in force on the as-of date (rubric-arg.ts).
    const loaded = await loadRubricArg(rubricFile, asOf, io.cwd, err);
    for (const d of loaded.diagnostics) await err.write(`${formatDiagnostic(d, sourceOf(loaded))}\n\n`);
    if (!loaded.rubric || hasErrors(loaded.diagnostics)) {
      const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
      if (!isUnreadable(loaded)) {
        await err.write(n > 0 ? `error: the rubric has ${plural(n, 'error')}; nothing was evaluated\n` : 'error: the rubric could not be loaded; nothing was evaluated\n');
      }
      return 2;
    }
    const compileOptions = options.evaluator !== undefined ? { evaluator: options.evaluator } : {};
    const compiled = compileRubric(loaded.rubric, compileOptions);
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
      // Only when the process is the real one: an in-process caller keeps its own signals.
      if (io.stderr === process.stderr) releaseSignals = removeOnSignal(out.tempPath, escapeControl(options.out), io.stderr);
    }
    // Bytes as read, before decoding: a GBK file's text is longer in UTF-8 than the file.
    let bytes = 0;
    const chunks = await openData(options.data, io.cwd, io.stdin, options.encoding ?? 'auto', {
      onNote: (n) => void io.stderr.write(encodingNote(n)),
      onBytes: (n) => (bytes += n),
    });
    const rubric = compiled.rubric;
    const toTerminal = out === undefined && io.isTTY;
    // The bar goes to stderr when it is a terminal, and not when the results themselves go
    // to the same terminal (the table), where it would be drawn over them.
    if (io.stderrIsTTY === true && !toTerminal) {
      const totalBytes = await dataSize(options.data, io.cwd);
      const now = io.now;
      progress = progressBar(io.stderr, {
        bytesRead: () => bytes,
        ...(totalBytes !== undefined ? { totalBytes } : {}),
        ...(now ? { now: () => now().getTime() } : {}),
      });
    }
    const coerce = (cells: Record<string, string>) => coerceTextRecord(rubric, cells);
    sink = new Sink(out ? out.stream : io.stdout);
    const colors = colorsFor(toTerminal, env);
    const plainWriter = createWriter(options.format, { colors, tty: toTerminal });
    // --record-facts: records are read on this thread and carried over to their results.
    const recording = options.recordFacts ? recordFacts(readRecords(chunks, dataFormat, { coerce }), plainWriter) : undefined;
    const writer = recording?.writer ?? plainWriter;
    const explainId = options.explain !== undefined ? { explainId: options.explain } : {};
    const onProgress = progress ? { onProgress: progress.update } : {};
    const jobs = options.jobs ?? 1;
    const batch =
      jobs > 1
        ? await runParallelBatch({
            compiled,
            compileOptions,
            source: recording ? { kind: 'items', items: recording.items } : dataFormat === 'jsonl' ? { kind: 'lines', chunks } : { kind: 'items', items: readRecords(chunks, dataFormat, { coerce }) },
            format: options.format,
            tty: toTerminal,
            writer,
            plainWriter: writer === plainWriter,
            sink,
            asOf,
            jobs,
            ...explainId,
            ...onProgress,
          })
        : await runBatch({ compiled, items: recording?.items ?? readRecords(chunks, dataFormat, { coerce }), writer, sink, asOf, ...explainId, ...onProgress });
    progress?.stop();
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
    progress?.stop();
    sink?.detach();
    err.detach();
    if (out) await out.abort();
    releaseSignals?.();
  }
}

const EVAL_HELP = `
Evaluates every record of a data file against a rubric and writes one result per record,
in input order. The data format comes from the file name: .csv (a header row of fact ids
and \`id\`; lines starting with # are comments), .jsonl / .ndjson (one JSON object per line),
.json (an array, or an object with a \`subjects\` array), .yaml / .yml (a list). CSV and
JSON Lines are streamed. A record that cannot be read (a ragged CSV row, a line that is
not JSON, a key written twice) comes out \`invalid\` in its place and the batch goes on.
Data in GBK / GB18030 (Chinese office software) is detected (a note says so on stderr);
--encoding utf8|gbk|gb18030 chooses. Ctrl-C during --out leaves the old file as it was.

Formats: table (default: aligned, for people), json (an array), jsonl (one result per
line), csv (one row per subject, a column per section and indicator), md (a Markdown table).

Large files: --jobs N evaluates on N worker threads with the same output, byte for byte
and in the same order; on a terminal a progress bar shows on stderr after the first
second (never when stderr is piped).

Examples:
  $ rubric eval rubric.yaml --data subjects.csv --as-of 2022-06-20
  $ rubric eval rubric.yaml --data subjects.jsonl --format jsonl --out results.jsonl
  $ rubric eval rubric.yaml --data big.jsonl --format jsonl --out results.jsonl --jobs 2
  $ rubric eval rubric.yaml --data subjects.csv --explain BJ-DC-002
  $ cat subjects.csv | rubric eval rubric.yaml --data - --data-format csv --format csv

RUBRIC may be a folder holding several versions of one rubric: the version in force on the
--as-of date is used (docs/versions.md). --record-facts puts each subject's data in its json
or jsonl result, so that \`rubric verify\` can recompute the results later.

Exit codes: 0 every record was scored (pass, fail or vetoed); 1 some record is invalid;
2 bad usage, an unreadable rubric or data file, or a rubric with errors.
`;

/** Adds `rubric eval` to the program. */
export function registerEval(program: Command, ctx: CommandContext): void {
  program
    .command('eval')
    .description('evaluate every record of a data file against a rubric')
    .argument('<rubric>', 'the rubric file, or a folder of its versions (the one in force on --as-of is used)')
    .requiredOption('--data <file>', 'the data file, or - for standard input (with --data-format)')
    .addOption(new Option('--data-format <format>', 'the data format, when the file name does not tell').choices([...DATA_FORMATS]))
    .addOption(new Option('--encoding <encoding>', 'the data\'s character encoding (auto: UTF-8, else GB18030)').choices([...DATA_ENCODINGS]).default('auto'))
    .option('--as-of <date>', 'evaluation date, YYYY-MM-DD (default: today, UTC)')
    .addOption(new Option('--format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('table'))
    .option('--explain <id>', 'also explain the subject with this id, indicator by indicator')
    .option('--out <file>', 'write the output to this file (replaced only when the run completes)')
    .option('--jobs <n>', 'evaluate on n worker threads (output order and bytes unchanged)', '1')
    .option('--record-facts', "put each subject's data in its result, so `rubric verify` can recompute it (json, jsonl)")
    .addOption(new Option('--evaluator <kind>', 'generated code (fast) or the reference interpreter (for audits); same results').choices(['generated', 'reference']).default('generated'))
    .showHelpAfterError('(see `rubric eval --help`)')
    .addHelpText('after', EVAL_HELP)
    .action(async (rubric: string, opts: { data: string; dataFormat?: DataFormat; encoding: DataEncoding; asOf?: string; format: OutputFormat; explain?: string; out?: string; jobs: string; recordFacts?: boolean; evaluator: 'generated' | 'reference' }) => {
      const options: EvalOptions = { data: opts.data, format: opts.format, jobs: parseJobs(opts.jobs), encoding: opts.encoding };
      if (opts.dataFormat !== undefined) options.dataFormat = opts.dataFormat;
      if (opts.asOf !== undefined) options.asOf = opts.asOf;
      if (opts.explain !== undefined) options.explain = opts.explain;
      if (opts.out !== undefined) options.out = opts.out;
      if (opts.recordFacts) options.recordFacts = true;
      options.evaluator = opts.evaluator;
      ctx.setCode(await runEval(rubric, options, ctx.io));
    });
}
