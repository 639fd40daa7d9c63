/**
 * The progress bar of `rubric eval`: drawn with cli-progress on stderr only when stderr is a
 * terminal (and the results do not go to that same terminal), after the first second, and
 * cleared at the end; never when piped. Time is a fake clock, never the wall clock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../packages/cli/src/main.js';
import { formatSeconds, groupDigits, progressBar } from '../../packages/cli/src/output/progress.js';
import { ROOT } from '../cli/helpers.js';
import { BEIJING_FILE, MemoryStream } from './helpers.js';

/** A clock that moves `step` ms each time it is read. */
function clock(step: number): () => number {
  let t = 0;
  return () => (t += step);
}

describe('progressBar', () => {
  it('shows nothing before the delay, then a bar with percentage, records and rate; clears it on stop', () => {
    const stream = new MemoryStream();
    let bytes = 0;
    const now = clock(400);
    const bar = progressBar(stream, { totalBytes: 1000, bytesRead: () => bytes, now, columns: 120 });
    bar.update(1); // 400 ms after start
    expect(stream.text).toBe('');
    bytes = 400;
    bar.update(40_000); // 800 ms
    expect(stream.text).toBe('');
    bar.update(41_000); // 1200 ms: shown
    expect(stream.text).toContain('rubric eval ');
    // 400 of 1000 bytes in 1.2 s: 1.8 s left.
    expect(stream.text).toContain('\u2588'.repeat(12) + '\u2591'.repeat(18) + ' 40% | 41,000 records | 34,167/s | 2s left');
    bytes = 1000;
    bar.update(100_000);
    bar.stop();
    bar.stop();
    expect(stream.text.endsWith('\u001b[2K')).toBe(true); // the line is cleared at the end
  });

  it('without a known size (standard input): records and rate, no bar', () => {
    const stream = new MemoryStream();
    const bar = progressBar(stream, { now: clock(2000) });
    bar.update(5000);
    bar.stop();
    expect(stream.text).toMatch(/rubric eval 5,000 records \| 2,500\/s/);
    expect(stream.text).not.toMatch(/%/);
  });

  it('never draws after stop, and a run shorter than the delay leaves nothing', () => {
    const stream = new MemoryStream();
    const bar = progressBar(stream, { now: clock(10) });
    bar.update(1);
    bar.stop();
    bar.update(2);
    expect(stream.text).toBe('');
  });

  it('groups digits; words time left', () => {
    expect(groupDigits(1234567)).toBe('1,234,567');
    expect(groupDigits(0)).toBe('0');
    expect([formatSeconds(0.4), formatSeconds(42), formatSeconds(185), formatSeconds(3725)]).toEqual(['0s', '42s', '3m05s', '1h02m']);
  });
});

describe('rubric eval shows the bar only on a terminal', () => {
  const data = join(ROOT, 'rubrics/beijing-epidemic-free-community/sample.jsonl');
  async function run(stderrIsTTY: boolean, isTTY = false) {
    const stdout = new MemoryStream();
    const stderr = new MemoryStream();
    let t = Date.parse('2022-06-20T00:00:00Z');
    // Each reading of the clock moves it 400 ms: a long run, without waiting for one.
    const io: Io = { stdout, stderr, isTTY, stderrIsTTY, cwd: ROOT, env: { NO_COLOR: '1' }, now: () => new Date((t += 400)) };
    const code = await main(['eval', BEIJING_FILE, '--data', data, '--as-of', '2022-06-20', '--format', 'jsonl'], io);
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it('stderr a terminal: the bar is drawn and cleared; the results are unchanged', async () => {
    const piped = await run(false);
    const tty = await run(true);
    expect(tty.code).toBe(piped.code);
    expect(tty.stderr).toMatch(/^\u001b7\u001b\[1Grubric eval \u2588+ 100% \| \d+ records \| \d+\/s \| 0s left/);
    expect(tty.stderr.endsWith('\u001b[2K')).toBe(true);
    expect(tty.stdout).toBe(piped.stdout);
    expect(tty.stdout.trimEnd().split('\n')).toHaveLength(readFileSync(data, 'utf8').trimEnd().split('\n').length);
  });

  it('stderr piped: no bar', async () => {
    expect((await run(false)).stderr).toBe('');
  });

  it('results to the same terminal: no bar', async () => {
    expect((await run(true, true)).stderr).toBe('');
  });
});
