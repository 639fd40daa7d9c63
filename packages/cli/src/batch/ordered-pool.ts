/**
 * Hands chunks of records to workers and gives their replies back strictly in the order the
 * chunks were submitted, whatever order the workers finish in. At most `maxInFlight` chunks
 * are between submission and being written out; `submit` waits for room, so a batch holds a
 * bounded number of records in memory however large its file is and however slow the output.
 */
import type { ChunkMessage, ChunkReply, WorkerReply } from './protocol.js';

/** One worker, as the pool sees it: it takes chunks and answers each with one reply. */
export interface ChunkWorker {
  send(chunk: ChunkMessage): void;
  /** Stops the worker; pending chunks are dropped. */
  terminate(): Promise<void>;
}

/** Starts a worker that calls `onReply` for each reply and `onError` if it dies. */
export type StartWorker = (onReply: (reply: WorkerReply) => void, onError: (error: Error) => void) => ChunkWorker;

/** A worker failed (threw, exited, could not compile the rubric): the batch cannot go on. */
export class WorkerError extends Error {
  constructor(message: string, readonly detail?: string) {
    super(message);
    this.name = 'WorkerError';
  }
}

interface Slot {
  worker: ChunkWorker;
  /** Chunks sent to it and not answered yet. */
  outstanding: number;
}

/** Options of {@link OrderedPool}. */
export interface OrderedPoolOptions {
  /** How many workers to start. */
  workers: number;
  start: StartWorker;
  /**
   * Chunks allowed between `submit` and being emitted (default: 4 per worker). Replies are
   * emitted in order, so a worker that finished ahead waits on a slower one's chunk; with only
   * 2 per worker that wait left each worker idle about a tenth of a batch.
   */
  maxInFlight?: number;
  /** Called with each reply in submission order; the next waits until it resolves. */
  emit: (reply: ChunkReply) => Promise<void>;
}

/** A pool of workers whose replies come out in submission order. */
export class OrderedPool {
  private readonly slots: Slot[] = [];
  private readonly maxInFlight: number;
  private readonly ready = new Map<number, ChunkReply>();
  private readonly waiters: (() => void)[] = [];
  private nextSeq = 0;
  private submitted = 0;
  private inFlight = 0;
  private emitting = false;
  private failure: Error | undefined;
  private closed = false;

  constructor(private readonly options: OrderedPoolOptions) {
    this.maxInFlight = Math.max(1, options.maxInFlight ?? options.workers * 4);
    for (let i = 0; i < options.workers; i++) {
      const slot: Slot = { worker: undefined as unknown as ChunkWorker, outstanding: 0 };
      slot.worker = options.start(
        (reply) => this.onReply(slot, reply),
        (error) => this.fail(error),
      );
      this.slots.push(slot);
    }
  }

  /** Sends a chunk to the least busy worker once there is room; its `seq` is set here. Rejects if the pool failed. */
  async submit(chunk: ChunkMessage): Promise<void> {
    while (this.inFlight >= this.maxInFlight && !this.failure) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
    chunk.seq = this.submitted++;
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.outstanding < slot.outstanding) slot = s;
    slot.outstanding++;
    this.inFlight++;
    slot.worker.send(chunk);
  }

  /** Resolves once every submitted chunk has been emitted; rejects if the pool failed. */
  async finish(): Promise<void> {
    while (this.inFlight > 0 && !this.failure) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    if (reply.kind === 'failed') {
      this.fail(new WorkerError(`a worker thread failed: ${reply.message}`, reply.stack));
      return;
    }
    slot.outstanding--;
    this.ready.set(reply.seq, reply);
    void this.drain();
  }

  /** Emits ready replies in order, one at a time. */
  private async drain(): Promise<void> {
    if (this.emitting || this.failure) return;
    this.emitting = true;
    try {
      for (let reply = this.ready.get(this.nextSeq); reply && !this.failure; reply = this.ready.get(this.nextSeq)) {
        this.ready.delete(this.nextSeq);
        await this.options.emit(reply);
        this.nextSeq++;
        this.inFlight--;
        this.wake();
      }
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    } finally {
      this.emitting = false;
    }
  }

  private fail(error: Error): void {
    if (this.closed && !this.failure) return; // workers stopped on purpose
    this.failure ??= error;
    this.ready.clear();
    this.wake();
  }

  /** Wakes whoever waits (for room, or for the end); each checks again what it waits for. */
  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
