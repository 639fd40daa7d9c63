/**
 * Helpers for the batch tests: the Beijing rubric compiled in-process, its sample data with
 * unreadable records mixed in, in-thread stand-ins for worker threads that answer out of
 * order, and output streams that keep what is written (or refuse to drain until told).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRubric, loadRubric, type CompiledRubric } from '@rubric/rubric';
import type { ChunkWorker, StartWorker } from '../../packages/cli/src/batch/ordered-pool.js';
import type { WorkerSetup } from '../../packages/cli/src/batch/protocol.js';
import { ChunkScorer } from '../../packages/cli/src/batch/score-chunk.js';
import { ROOT } from '../cli/helpers.js';

export const BEIJING_FILE = join(ROOT, 'rubrics/beijing-epidemic-free-community/2022-06.yaml');

/** The Beijing rubric, compiled. */
export async function beijing(): Promise<CompiledRubric> {
  const loaded = await loadRubric(BEIJING_FILE);
  if (!loaded.rubric) throw new Error('the Beijing rubric does not load');
  return compileRubric(loaded.rubric);
}

const SAMPLE_JSONL = readFileSync(join(ROOT, 'rubrics/beijing-epidemic-free-community/sample.jsonl'), 'utf8');
const SAMPLE_CSV = readFileSync(join(ROOT, 'rubrics/beijing-epidemic-free-community/sample.csv'), 'utf8');

/**
 * The sample JSON Lines with a byte order mark, CRLF line ends on some lines, blank lines, a
 * line that is not JSON, one that is not an object, a subject with a bad value, a duplicated
 * id (for --explain), and no line end after the last line.
 */
export function messyJsonl(): string {
  const lines = SAMPLE_JSONL.trimEnd().split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(i % 7 === 3 ? `${line}\r` : line);
    if (i === 5) out.push('', '   ', '{"id": "BAD-JSON", oops');
    if (i === 20) out.push('[1, 2, 3]', JSON.stringify({ ...JSON.parse(line), id: 'BAD-VALUE', four_piece_check_rate: 'abc' }));
    if (i === 40) out.push(lines[1]!); // BJ-DC-002 again
  });
  return `\ufeff${out.join('\n')}`;
}

/** The sample's subjects that are all valid (it also holds a line that is not JSON and three bad subjects, BJ-YQ-90x). */
export function validJsonl(): string {
  return `${SAMPLE_JSONL.split('\n')
    .filter((l) => l.startsWith('{"id":"BJ-') && !l.includes('BJ-YQ-90'))
    .join('\n')}\n`;
}

/** The sample CSV with a ragged row, a cell that is not a number, a comment and a blank line. */
export function messyCsv(): string {
  const lines = SAMPLE_CSV.trimEnd().split('\n');
  const bad = lines[3]!.split(',');
  bad[2] = 'abc';
  return [lines[0], '# a comment row', ...lines.slice(1, 10), 'RAGGED,full', '', bad.join(','), ...lines.slice(10), lines[2]].join('\r\n') + '\r\n';
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Workers that score on this thread (the real {@link ChunkScorer}) and answer after a random
 * number of event-loop turns, so replies come back out of order. Messages are cloned both
 * ways, as between threads.
 */
export function inThreadWorkers(seed = 1, log?: { sent: number[]; terminated: number }, breakId?: string): (setup: WorkerSetup) => StartWorker {
  const rand = prng(seed);
  return (setup) => (onReply) => {
    const scorer = new ChunkScorer(structuredClone(setup));
    if (breakId !== undefined) breakOn(scorer.compiled, breakId);
    const worker: ChunkWorker = {
      send(chunk) {
        log?.sent.push(chunk.seq);
        const reply = structuredClone(scorer.score(structuredClone(chunk)));
        let turns = Math.floor(rand() * 4);
        const later = (): void => {
          if (turns-- > 0) setImmediate(later);
          else onReply(reply);
        };
        setImmediate(later);
      },
      terminate: async () => {
        if (log) log.terminated++;
      },
    };
    return worker;
  };
}

/** Makes `compiled.evaluate` throw for the subject with this id (an evaluator bug met by one record). */
export function breakOn(compiled: CompiledRubric, id: string): void {
  const evaluate = compiled.evaluate.bind(compiled);
  compiled.evaluate = (subject, options) => {
    if ((subject as { id?: unknown }).id === id) throw new Error('kaput');
    return evaluate(subject, options);
  };
}

/** Text of what a stream was given: text, or UTF-8 bytes (whole characters: each chunk's output is encoded whole). */
function textOf(chunk: string | Uint8Array): string {
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
}

/** An output stream that keeps what is written. */
export class MemoryStream {
  text = '';
  write(chunk: string | Uint8Array): boolean {
    this.text += textOf(chunk);
    return true;
  }
  once(): this {
    return this;
  }
}

/** An output stream that is always full: each write waits for {@link release}. */
export class StuckStream {
  text = '';
  private drains: (() => void)[] = [];
  released = false;
  write(chunk: string | Uint8Array): boolean {
    this.text += textOf(chunk);
    return this.released;
  }
  once(_event: 'drain', listener: () => void): this {
    this.drains.push(listener);
    return this;
  }
  release(): void {
    this.released = true;
    for (const f of this.drains.splice(0)) f();
  }
}
