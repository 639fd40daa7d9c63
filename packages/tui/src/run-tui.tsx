/**
 * Starting the TUI on a terminal: the alternate screen (so quitting restores what was
 * there), the app, and a promise that settles when the user quits.
 */
import { render } from 'ink';
import { App } from './app/app.js';
import type { TuiServices } from './services.js';

/** Options of {@link runTui}. */
export interface TuiOptions {
  /** Evaluate every version as of this date (YYYY-MM-DD); default: each version's own `effective.from`. */
  asOf?: string;
  /** Streams (default: the process's). */
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** Draw on the terminal's alternate screen (default: when stdout is a terminal). */
  alternateScreen?: boolean;
}

const ENTER_ALT = '\u001b[?1049h\u001b[H';
const LEAVE_ALT = '\u001b[?1049l';

/** Runs the TUI until the user quits (q or Ctrl+C). */
export async function runTui(services: TuiServices, options: TuiOptions = {}): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const alt = options.alternateScreen ?? stdout.isTTY === true;
  if (alt) stdout.write(ENTER_ALT);
  const instance = render(<App services={services} session={options.asOf !== undefined ? { asOf: options.asOf } : {}} />, {
    stdout,
    stdin: options.stdin ?? process.stdin,
    stderr: options.stderr ?? process.stderr,
    exitOnCtrlC: true,
    patchConsole: false,
    maxFps: 60,
  });
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    if (alt) stdout.write(LEAVE_ALT);
  }
}
