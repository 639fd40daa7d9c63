/**
 * The entry point of one `rubric eval --jobs N` worker thread: compiles the rubric once from
 * `workerData`, then answers every chunk message with its scored records.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ChunkMessage, FailureReply, WorkerReply, WorkerSetup } from './protocol.js';
import { ChunkScorer } from './score-chunk.js';

const port = parentPort;
if (!port) throw new Error('batch/worker.js runs only as a worker thread');

function fail(e: unknown): void {
  const err = e instanceof Error ? e : new Error(String(e));
  const reply: FailureReply = { kind: 'failed', message: err.message };
  if (err.stack !== undefined) reply.stack = err.stack;
  port!.postMessage(reply);
}

let scorer: ChunkScorer | undefined;
try {
  scorer = new ChunkScorer(workerData as WorkerSetup);
} catch (e) {
  fail(e);
}

port.on('message', (chunk: ChunkMessage) => {
  if (!scorer) return;
  try {
    const reply: WorkerReply = scorer.score(chunk);
    // The output bytes are moved to the main thread, not copied.
    port.postMessage(reply, reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : []);
  } catch (e) {
    // Records never throw (resultFor catches); this is a bug in the batch code itself.
    fail(e);
  }
});
