/**
 * The pool behind `rubric eval --jobs N`: replies come out in submission order whatever order
 * workers finish in; no more than `maxInFlight` chunks are ever between submission and being
 * written; a failing worker or write stops the batch with its error.
 */
import { describe, expect, it } from 'vitest';
import { OrderedPool, WorkerError, type StartWorker } from '../../packages/cli/src/batch/ordered-pool.js';
import type { ChunkMessage, ChunkReply, WorkerReply } from '../../packages/cli/src/batch/protocol.js';
import { prng } from './helpers.js';

const counts = { pass: 1, fail: 0, vetoed: 0, invalid: 0, total: 1 };

/** Workers that answer each chunk with its seq as text, after a random number of event-loop turns. */
function echoWorkers(seed: number, started: { n: number; terminated: number }, fail?: (chunk: ChunkMessage) => WorkerReply | undefined): StartWorker {
  const rand = prng(seed);
  return (onReply) => {
    started.n++;
    return {
      send(chunk) {
        const reply: WorkerReply = fail?.(chunk) ?? { kind: 'done', seq: chunk.seq, texts: [`${chunk.seq};`], counts, candidates: [] };
        let turns = Math.floor(rand() * 6);
        const later = (): void => (turns-- > 0 ? void setImmediate(later) : onReply(reply));
        setImmediate(later);
      },
      terminate: async () => {
        started.terminated++;
      },
    };
  };
}

const chunk = (): ChunkMessage => ({ kind: 'items', seq: -1, items: [] });

describe('OrderedPool', () => {
  it('emits replies in submission order, with bounded chunks in flight, and stops its workers', async () => {
    for (const seed of [1, 2, 3]) {
      const started = { n: 0, terminated: 0 };
      const out: string[] = [];
      let inFlight = 0;
      let most = 0;
      const pool = new OrderedPool({
        workers: 3,
        maxInFlight: 5,
        start: echoWorkers(seed, started),
        emit: async (r: ChunkReply) => {
          out.push(r.texts!.join(''));
          inFlight--;
        },
      });
      for (let i = 0; i < 200; i++) {
        await pool.submit(chunk());
        inFlight++;
        most = Math.max(most, inFlight);
      }
      await pool.finish();
      await pool.close();
      expect(out.join('')).toBe(Array.from({ length: 200 }, (_, i) => `${i};`).join(''));
      expect(most).toBeLessThanOrEqual(5);
      expect(started).toEqual({ n: 3, terminated: 3 });
    }
  });

  it('waits for a slow writer before taking more chunks (backpressure)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const emitted: number[] = [];
    const pool = new OrderedPool({
      workers: 2,
      start: echoWorkers(7, { n: 0, terminated: 0 }),
      emit: async (r) => {
        await gate;
        emitted.push(r.seq);
      },
    });
    let submitted = 0;
    const feeding = (async () => {
      for (let i = 0; i < 50; i++) {
        await pool.submit(chunk());
        submitted++;
      }
    })();
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(submitted).toBe(8); // 4 per worker, and no more while nothing is written
    release();
    await feeding;
    await pool.finish();
    await pool.close();
    expect(emitted).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('a worker that fails stops the batch with its message', async () => {
    const pool = new OrderedPool({
      workers: 2,
      start: echoWorkers(3, { n: 0, terminated: 0 }, (c) => (c.seq === 5 ? { kind: 'failed', message: 'kaput' } : undefined)),
      emit: async () => undefined,
    });
    const run = async () => {
      for (let i = 0; i < 100; i++) await pool.submit(chunk());
      await pool.finish();
    };
    await expect(run()).rejects.toThrow(new WorkerError('a worker thread failed: kaput'));
    await pool.close();
  });

  it('a worker that dies (an error event) stops the batch', async () => {
    const pool = new OrderedPool({
      workers: 1,
      start: (_onReply, onError) => ({
        send: () => setImmediate(() => onError(new WorkerError('a worker thread stopped unexpectedly (exit code 1)'))),
        terminate: async () => undefined,
      }),
      emit: async () => undefined,
    });
    await pool.submit(chunk());
    await expect(pool.finish()).rejects.toThrow('stopped unexpectedly');
    await expect(pool.submit(chunk())).rejects.toThrow('stopped unexpectedly');
  });

  it('a write that fails stops the batch with the write error', async () => {
    const pool = new OrderedPool({
      workers: 2,
      start: echoWorkers(4, { n: 0, terminated: 0 }),
      emit: async (r) => {
        if (r.seq === 3) throw new Error('disk full');
      },
    });
    const run = async () => {
      for (let i = 0; i < 100; i++) await pool.submit(chunk());
      await pool.finish();
    };
    await expect(run()).rejects.toThrow('disk full');
    await pool.close();
  });
});
