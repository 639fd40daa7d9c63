/**
 * `rubric eval --jobs N`: the batch spread over N worker threads. The main thread reads the
 * data (for JSON Lines it only cuts the text at line ends; workers split and parse the lines),
 * cuts it into chunks, and
 * writes the workers' output back in input order; the bytes out are the same as with
 * `--jobs 1`. Memory stays flat: at most four chunks per worker are held at any time, and
 * reading waits while the output is slow.
 */
import type { CompiledRubric, CompileOptions } from '@rubric/rubric/evaluate';
import type { Sink } from '../io.js';
import type { DataItem } from '../data/data-item.js';
import { textBlocks, type TextBlock } from './blocks.js';
import { emptyCounts, type OutputFormat, type ResultWriter } from '../output/writer.js';
import { OrderedPool, type StartWorker } from './ordered-pool.js';
import type { ChunkReply, ItemsChunk, WorkerSetup } from './protocol.js';
import type { BatchOutcome, Explained } from './outcome.js';
import { threadWorkers } from './threads.js';

/** Where the records come from: JSON Lines text (parsed in the workers) or records already read. */
export type BatchSource =
  | { kind: 'lines'; chunks: AsyncIterable<string> | Iterable<string> }
  | { kind: 'items'; items: AsyncIterable<DataItem> };

/** Options of {@link runParallelBatch}. */
export interface ParallelBatchOptions {
  /** The main thread's compiled rubric (its IR goes to the workers, which compile their own). */
  compiled: CompiledRubric;
  /** How each worker compiles the rubric: pass what the main thread used (the evaluator). */
  compileOptions?: CompileOptions;
  source: BatchSource;
  format: OutputFormat;
  /** Whether the output goes to a terminal. */
  tty: boolean;
  writer: ResultWriter;
  /**
   * Whether `writer` is the plain writer of `format`, so workers may write the text of each
   * result themselves (default true). False when it adds to each result (`--record-facts`):
   * then every result comes back to be written here.
   */
  plainWriter?: boolean;
  sink: Sink;
  asOf: string;
  explainId?: string;
  /** Called after each chunk is written with the number of records done. */
  onProgress?: (done: number) => void;
  /** Worker threads to use (≥ 1). */
  jobs: number;
  /** How workers are started; default: real worker threads running `batch/worker.js`. */
  startWorkers?: (setup: WorkerSetup) => StartWorker;
  /** Records per chunk of records already read (default 500). */
  chunkRecords?: number;
  /** Characters per block of JSON Lines text, about (default 64 Ki: a hundred-odd records; a longer line makes a longer block). Smaller blocks keep less in memory at once; the messages cost little. */
  chunkChars?: number;
}

/** Evaluates every record on worker threads and writes each result in input order. */
export async function runParallelBatch(o: ParallelBatchOptions): Promise<BatchOutcome> {
  const counts = emptyCounts();
  let explained: Explained | undefined;
  let matches = 0;
  const setup: WorkerSetup = { rubric: o.compiled.rubric, asOf: o.asOf, format: o.format, tty: o.tty, formatText: o.plainWriter ?? true };
  if (o.compileOptions !== undefined) setup.compileOptions = o.compileOptions;
  if (o.explainId !== undefined) setup.explainId = o.explainId;

  const emit = async (reply: ChunkReply): Promise<void> => {
    const { texts, results, positions } = reply;
    for (const c of reply.candidates) {
      matches++;
      if (explained) continue;
      explained = { result: c.result, at: c.at, matches: 0 };
      if (texts && c.text !== undefined) texts[c.offset] = c.text;
      if (results) results[c.offset] = c.result;
    }
    let text = '';
    if (texts) text = texts.join('');
    else if (results && positions) for (let i = 0; i < results.length; i++) text += o.writer.write(results[i]!, positions[i]!);
    for (const k of ['pass', 'fail', 'vetoed', 'invalid', 'total'] as const) counts[k] += reply.counts[k];
    await o.sink.write(reply.bytes ?? text);
    o.onProgress?.(counts.total);
  };

  const units = o.source.kind === 'lines' ? blockUnits(o.source.chunks, o.chunkChars ?? 1 << 16) : itemUnits(o.source.items);
  const it: AsyncIterator<Unit> = units[Symbol.asyncIterator]();
  let next: IteratorResult<Unit> | undefined;
  const pool = new OrderedPool({ workers: o.jobs, start: (o.startWorkers ?? threadWorkers)(setup), emit });
  try {
    // The first record is read before anything is written, as with one job: a data file
    // that cannot be read at all fails before any output.
    next = await it.next();
    await o.sink.write(o.writer.begin({ rubric: o.compiled.rubric, hash: o.compiled.hash, asOf: o.asOf }));
    const maxRecords = o.chunkRecords ?? 500;
    let items: ItemsChunk | undefined;
    while (!next.done) {
      const unit = next.value;
      if (unit.kind === 'block') {
        await pool.submit({ kind: 'text', seq: -1, ...unit.block });
      } else {
        items ??= { kind: 'items', seq: -1, items: [] };
        items.items.push(unit.item);
        if (items.items.length >= maxRecords) {
          await pool.submit(items);
          items = undefined;
        }
      }
      next = await it.next();
    }
    if (items) await pool.submit(items);
    await pool.finish();
  } finally {
    // Stopped early (a write or a worker failed): let the reader close its file.
    if (next?.done !== true) await it.return?.();
    await pool.close();
  }
  await o.sink.write(o.writer.end(counts));
  if (explained) explained.matches = matches;
  return explained ? { counts, explained } : { counts };
}

type Unit = { kind: 'block'; block: TextBlock } | { kind: 'item'; item: DataItem };

async function* blockUnits(chunks: AsyncIterable<string> | Iterable<string>, size: number): AsyncGenerator<Unit> {
  for await (const block of textBlocks(chunks, size)) yield { kind: 'block', block };
}

async function* itemUnits(items: AsyncIterable<DataItem>): AsyncGenerator<Unit> {
  for await (const item of items) yield { kind: 'item', item };
}
