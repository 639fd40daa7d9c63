/**
 * The progress bar of long `rubric eval` runs, drawn with cli-progress on a terminal's stderr:
 * how far through the data file (by bytes read), records done, records per second and the
 * time left. It appears only after the first second, so short runs print nothing, and is
 * cleared at the end. The caller shows it only when stderr is a terminal, never when piped.
 */
import cliProgress from 'cli-progress';
import type { OutStream } from '../io.js';

/** A progress display for a batch. */
export interface Progress {
  /** Records done so far; cheap enough to call after every record. */
  update(done: number): void;
  /** Removes the bar (if shown). Safe to call more than once. */
  stop(): void;
}

/** Options of {@link progressBar}. */
export interface ProgressOptions {
  /** Size of the data in bytes, when known (a file, not standard input): then a bar with a percentage and time left. */
  totalBytes?: number;
  /** Bytes of the data read so far. */
  bytesRead?: () => number;
  /** Milliseconds since some fixed time; default `Date.now`. */
  now?: () => number;
  /** How long a run must last before the bar appears (default 1000 ms). */
  delayMs?: number;
  /** Terminal width in columns (default: the stream's, else 80). */
  columns?: number;
}

/** Redraws at most this often (the bar also redraws itself ten times a second). */
const UPDATE_MS = 100;

/** `1,234,567`. */
export function groupDigits(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `42s`, `3m05s`, `1h02m`: time left, for people. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A progress bar on `stream`, which the caller knows to be a terminal. */
export function progressBar(stream: OutStream & { columns?: number }, options: ProgressOptions = {}): Progress {
  const now = options.now ?? Date.now;
  const start = now();
  const delay = options.delayMs ?? 1000;
  const total = options.totalBytes !== undefined && options.totalBytes > 0 ? options.totalBytes : undefined;
  let bar: cliProgress.SingleBar | undefined;
  let last = -Infinity;
  let stopped = false;
  // cli-progress draws only on a stream that says it is a terminal; ours may be a wrapper.
  const terminal = {
    isTTY: true,
    columns: options.columns ?? stream.columns ?? 80,
    write: (s: string) => stream.write(s),
  };
  const value = () => Math.min(options.bytesRead?.() ?? 0, total ?? 0);
  const payload = (done: number, t: number) => {
    const seconds = Math.max((t - start) / 1000, 0.001);
    const read = value();
    // Time left from the average speed so far (by bytes: records vary in length).
    const left = total && read > 0 ? formatSeconds(((total - read) * seconds) / read) : '?';
    return { records: groupDigits(done), rate: groupDigits(done / seconds), left };
  };
  return {
    update(done: number): void {
      if (stopped) return;
      const t = now();
      if (t - last < UPDATE_MS || t - start < delay) return;
      last = t;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: terminal as unknown as NodeJS.WritableStream,
            format: total
              ? 'rubric eval {bar} {percentage}% | {records} records | {rate}/s | {left} left'
              : 'rubric eval {records} records | {rate}/s',
            barCompleteChar: '\u2588',
            barIncompleteChar: '\u2591',
            barsize: 30,
            clearOnComplete: true,
            // Leave the terminal's settings alone: a run stopped with Ctrl-C must not leave
            // the cursor hidden or line wrapping off, and the bar must not catch SIGINT.
            hideCursor: false,
            linewrap: true,
            gracefulExit: false,
            fps: 10,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total ?? 1, value(), payload(done, t));
        return;
      }
      bar.update(value(), payload(done, t));
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}
