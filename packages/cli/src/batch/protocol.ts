/**
 * Messages between `rubric eval --jobs N` and its worker threads. Each worker compiles the
 * rubric once (from {@link WorkerSetup}), then scores chunks of records and sends back, per
 * chunk, the output text of each record (or the result objects, for formats whose writer
 * keeps state across records) and the outcome counts. Chunks carry a sequence number so the
 * main thread can write them in input order whatever order they finish in.
 */
import type { CompileOptions, EvaluationResult, Rubric } from '@rubric/rubric/evaluate';
import type { DataItem } from '../data/data-item.js';
import type { Counts, OutputFormat, RecordPosition } from '../output/writer.js';

/** What a worker needs to start: the checked IR and how to score and format. */
export interface WorkerSetup {
  rubric: Rubric;
  /** How to compile (which evaluator): the same as the main thread's. */
  compileOptions?: CompileOptions;
  asOf: string;
  format: OutputFormat;
  /** Whether the output goes to a terminal (the CSV writer escapes control characters then). */
  tty: boolean;
  /** Whether the worker may write the output text itself (else it sends result objects). */
  formatText: boolean;
  /** Evaluate subjects with this id with explanation too. */
  explainId?: string;
}

/** A block of whole JSON Lines lines, not yet split or parsed: the main thread only cuts the text. */
export interface TextChunk {
  kind: 'text';
  seq: number;
  text: string;
  /** Line number of the block's first line. */
  firstLine: number;
  /** Record index (1-based) of the block's first non-blank line. */
  firstIndex: number;
}

/** Records already read by the main thread (CSV, JSON, YAML). */
export interface ItemsChunk {
  kind: 'items';
  seq: number;
  items: DataItem[];
}

/** Main thread → worker. */
export type ChunkMessage = TextChunk | ItemsChunk;

/** A record of the chunk whose id is the `--explain` id, scored with its explanation. */
export interface ExplainCandidate {
  /** Position of the record within the chunk. */
  offset: number;
  at: RecordPosition;
  result: EvaluationResult;
  /** Its output text with the explanation (text replies only). */
  text?: string;
}

/** Worker → main thread: one chunk scored. Exactly one of `bytes`, `texts` and `results` is set. */
export interface ChunkReply {
  kind: 'done';
  seq: number;
  /**
   * Output of the whole chunk as UTF-8, for writers that keep no state between records. Bytes,
   * moved (not copied) to the main thread, which writes them as they are: no string on the
   * main thread's heap, no conversion there.
   */
  bytes?: Uint8Array;
  /** Output text record by record, instead: when a record may be replaced by its explained version. */
  texts?: string[];
  /** Result objects, for the main thread's writer. */
  results?: EvaluationResult[];
  /** Where each result's record was (with `results`). */
  positions?: RecordPosition[];
  counts: Counts;
  candidates: ExplainCandidate[];
}

/** Worker → main thread: the worker cannot go on (the rubric did not compile, a bug). */
export interface FailureReply {
  kind: 'failed';
  message: string;
  stack?: string;
}

/** Any message a worker sends. */
export type WorkerReply = ChunkReply | FailureReply;
