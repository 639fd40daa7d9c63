/**
 * What the command needs from the outside world, passed in so `main` can run in-process
 * in tests: output streams, standard input, the working directory and the environment.
 */
import pc from 'picocolors';

/** The part of a writable stream the command uses (`process.stdout` is one). */
export interface OutStream {
  /** Text, or UTF-8 bytes (`rubric eval --jobs N` writes its workers' output as bytes). */
  write(chunk: string | Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
  on?(event: 'error', listener: (err: Error) => void): unknown;
  off?(event: 'error', listener: (err: Error) => void): unknown;
}

/** The command's view of its process. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  /** Standard input, read for `--data -`. */
  stdin?: NodeJS.ReadableStream;
  /** Whether standard output is a terminal (colour, escaping of machine formats). */
  isTTY: boolean;
  /** Whether standard error is a terminal (progress of long runs); default false. */
  stderrIsTTY?: boolean;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Environment variables (`NO_COLOR`, `RUBRIC_DEBUG`); default `process.env`. */
  env?: Record<string, string | undefined>;
  /** The current time, for the `--as-of` default; default `new Date()`. */
  now?: () => Date;
}

/** The real process's streams, directory and environment. */
export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  };
}

/** The colour functions the command uses. */
export type Colors = Pick<typeof pc, 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'magenta' | 'cyan'>;

/** Colours when writing to a terminal with `NO_COLOR` unset (any value, even empty, turns colour off), else identity functions. */
export function colorsFor(isTTY: boolean, env: Record<string, string | undefined>): Colors {
  return pc.createColors(isTTY && env['NO_COLOR'] === undefined);
}

/** Writing to the output stream failed (a closed pipe, a full disk). */
export class OutputError extends Error {
  constructor(override readonly cause: Error) {
    super(`cannot write the output: ${cause.message}`);
    this.name = 'OutputError';
  }
  /** Whether the reader went away (`rubric eval … | head`): stop quietly. */
  get brokenPipe(): boolean {
    return (this.cause as NodeJS.ErrnoException).code === 'EPIPE';
  }
}

/**
 * Writes text to a stream, waiting for `drain` when the stream's buffer is full, so
 * a large batch keeps memory flat. Write errors surface as {@link OutputError}.
 */
export class Sink {
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private readonly onError = (err: Error): void => {
    this.failure ??= err;
    this.wake?.();
  };

  constructor(readonly stream: OutStream) {
    stream.on?.('error', this.onError);
  }

  /** Writes `text` (or UTF-8 bytes), resolving once the stream can take more. */
  async write(text: string | Uint8Array): Promise<void> {
    if (this.failure) throw new OutputError(this.failure);
    if (text.length === 0) return;
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.stream.once('drain', resolve);
      });
      this.wake = undefined;
    }
    if (this.failure) throw new OutputError(this.failure);
  }

  /** Stops listening for errors on the stream. */
  detach(): void {
    this.stream.off?.('error', this.onError);
  }
}
