/**
 * `--out FILE`: the output is written to a temporary file beside FILE and renamed over it
 * at the end, so FILE is never seen half-written and a failed run leaves it untouched.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** An output file being written. */
export interface OutFile {
  /** The stream to write to (the temporary file). */
  readonly stream: WriteStream;
  /** The temporary file's path. */
  readonly tempPath: string;
  /** Finishes writing and renames the temporary file to the target. */
  commit(): Promise<void>;
  /** Discards the temporary file. */
  abort(): Promise<void>;
}

/** The temporary file name used for `target`: hidden, in the same directory, unique per run. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Creates the temporary file for `file` (relative to `cwd`); rejects when it cannot be created. */
export async function openOutFile(file: string, cwd: string): Promise<OutFile> {
  const target = resolve(cwd, file);
  const tempPath = tempPathFor(target);
  // A 1 MiB buffer rather than 16 KiB: a batch writes one small result at a time, and waiting
  // for the disk every 16 KiB left the evaluator idle for a quarter of a run.
  const stream = createWriteStream(tempPath, { flags: 'wx', encoding: 'utf8', highWaterMark: 1 << 20 });
  await once(stream, 'open');
  let done = false;
  return {
    stream,
    tempPath,
    async commit() {
      if (done) return;
      done = true;
      await new Promise<void>((res, rej) => {
        stream.once('error', rej);
        stream.end(() => res());
      });
      try {
        await rename(tempPath, target);
      } catch (e) {
        await rm(tempPath, { force: true });
        throw e;
      }
    },
    async abort() {
      if (done) return;
      done = true;
      // A write still pending fails when the stream is destroyed; that is expected here.
      stream.on('error', () => undefined);
      if (!stream.closed) {
        await new Promise<void>((res) => {
          stream.once('close', () => res());
          stream.destroy();
        });
      }
      await rm(tempPath, { force: true });
    },
  };
}
