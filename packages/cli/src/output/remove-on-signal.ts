/**
 * Ctrl-C (SIGINT) or a polite kill (SIGTERM) during `rubric eval --out FILE`: the temporary
 * file is removed before the process ends, so an interrupted run leaves neither a
 * half-written FILE (it is only ever renamed into place whole) nor a stray temporary file.
 * The exit codes are the shell's for those signals, 130 and 143. SIGKILL cannot be caught:
 * then the temporary file stays, but FILE is still untouched.
 */
import { rmSync } from 'node:fs';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Until the returned function is called, SIGINT and SIGTERM remove `tempPath`, say so on
 * `stderr` and exit the process with 130 / 143.
 */
export function removeOnSignal(tempPath: string, target: string, stderr: { write(text: string): unknown }): () => void {
  const handlers = (Object.keys(EXIT_CODES) as (keyof typeof EXIT_CODES)[]).map((signal) => {
    const handler = (): void => {
      // Synchronous on purpose: the process ends right after, with no turn of the event loop.
      rmSync(tempPath, { force: true });
      stderr.write(`\ninterrupted (${signal}): ${target} was not written\n`);
      process.exit(EXIT_CODES[signal]);
    };
    process.once(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => {
    for (const off of handlers) off();
  };
}
