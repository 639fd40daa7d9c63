/** Real worker threads for the {@link OrderedPool}: one `batch/worker.js` per worker. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkerError, type StartWorker } from './ordered-pool.js';
import type { WorkerReply, WorkerSetup } from './protocol.js';

/** The worker module beside this one (in `dist/batch/`). */
export const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * A smaller young generation than V8's default (up to 48 MB a thread): a worker's garbage is
 * short-lived (one record's parse, result and text), so frequent small scavenges cost little
 * CPU and keep each thread's memory, and so the batch's, low.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** Starts workers running `url` with `setup` as their `workerData`. */
export function threadWorkers(setup: WorkerSetup, url: URL = WORKER_URL): StartWorker {
  if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
    // Running from the TypeScript sources (tests): the worker needs the built JavaScript.
    throw new WorkerError(`the worker module ${fileURLToPath(url)} is missing; build the CLI first (npm run build)`);
  }
  return (onReply, onError) => {
    const worker = new Worker(url, { workerData: setup, resourceLimits: WORKER_LIMITS });
    let stopping = false;
    worker.on('message', (reply: WorkerReply) => onReply(reply));
    worker.on('error', (e) => onError(new WorkerError(`a worker thread failed: ${e.message}`, e.stack)));
    worker.on('exit', (code) => {
      if (!stopping) onError(new WorkerError(`a worker thread stopped unexpectedly (exit code ${code})`));
    });
    return {
      send: (chunk) => worker.postMessage(chunk),
      terminate: async () => {
        stopping = true;
        await worker.terminate();
      },
    };
  };
}
