/**
 * Determinism and safe output (issue 7, item 5). The same rubric and data give the same
 * bytes across runs, time zones and locales (with an explicit --as-of); across `--jobs`
 * values that is test/batch/cli-jobs.test.ts. `--out FILE` never leaves a partial FILE: a
 * run killed mid-write (SIGKILL) leaves FILE as it was, and Ctrl-C (SIGINT) or SIGTERM also
 * remove the temporary file and exit 130 / 143.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BEIJING_FILE } from '../batch/helpers.js';
import { BIN, ROOT, removeWorkdirs, rubric, workdir } from '../cli/helpers.js';

afterAll(removeWorkdirs);

const AS_OF = ['--as-of', '2022-06-20'];
const SAMPLE = join(ROOT, 'rubrics/beijing-epidemic-free-community');

describe('the same input gives the same bytes', () => {
  const environments: Record<string, string>[] = [
    { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
    { TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' },
    { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
  ];
  for (const [data, format] of [
    ['sample.csv', 'jsonl'],
    ['sample.jsonl', 'csv'],
    ['sample.csv', 'table'],
    ['sample.jsonl', 'md'],
  ] as const) {
    it(`${data} → ${format}: two runs, and across time zones and locales`, () => {
      const run = (env: Record<string, string>) =>
        rubric(['eval', BEIJING_FILE, '--data', join(SAMPLE, data), ...AS_OF, '--format', format, '--explain', 'BJ-DC-002'], { env });
      const first = run(environments[0]!);
      expect(first.stdout.length).toBeGreaterThan(1000);
      expect(run(environments[0]!).stdout === first.stdout).toBe(true);
      for (const env of environments.slice(1)) {
        const r = run(env);
        expect(r.status, JSON.stringify(env)).toBe(first.status);
        expect(r.stdout === first.stdout, JSON.stringify(env)).toBe(true);
        expect(r.stderr, JSON.stringify(env)).toBe(first.stderr);
      }
    });
  }
});

/** A data file big enough that a run is still writing when it is stopped (~50 MB, 100,000 subjects). */
function bigData(dir: string): string {
  const lines = readFileSync(join(SAMPLE, 'sample.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{"id":"BJ-'));
  const block = `${lines.join('\n')}\n`;
  const path = join(dir, 'big.jsonl');
  writeFileSync(path, block.repeat(Math.ceil(100_000 / lines.length)));
  return path;
}

/** The temporary files `--out` leaves beside the target (hidden, `.NAME.*.tmp`). */
function temps(dir: string, name: string): string[] {
  return readdirSync(dir).filter((f) => f.startsWith(`.${name}.`) && f.endsWith('.tmp'));
}

/**
 * Starts `rubric eval … --out out.jsonl`, waits until the first bytes reach the temporary
 * file, sends `signal`, and resolves with how the process ended.
 */
async function stopMidWrite(dir: string, signal: NodeJS.Signals, extra: string[] = []): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; tempSeen: string }> {
  const data = bigData(dir);
  const child = spawn(process.execPath, [BIN, 'eval', BEIJING_FILE, '--data', data, ...AS_OF, '--format', 'jsonl', '--out', 'out.jsonl', ...extra], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, sig) => res({ code, signal: sig })));
  let exited = false;
  void ended.then(() => (exited = true));
  let tempSeen = '';
  while (!exited) {
    const t = temps(dir, 'out.jsonl')[0];
    if (t !== undefined && statSync(join(dir, t), { throwIfNoEntry: false })?.size) {
      tempSeen = t;
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(exited, 'the run ended before anything was written: make the data bigger').toBe(false);
  child.kill(signal);
  return { ...(await ended), stderr, tempSeen };
}

describe('--out: an interrupted run leaves no partial file', () => {
  it('SIGKILL mid-write: an existing file keeps its old content; the temporary file is all that is left', { timeout: 120_000 }, async () => {
    const dir = workdir({ 'out.jsonl': 'OLD RESULTS\n' });
    const r = await stopMidWrite(dir, 'SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    expect(readFileSync(join(dir, 'out.jsonl'), 'utf8')).toBe('OLD RESULTS\n');
    // SIGKILL cannot be caught: the temporary file stays (hidden, never at the target path).
    expect(temps(dir, 'out.jsonl')).toEqual([r.tempSeen]);
  });

  it('SIGKILL mid-write with no file before: no file at the target path', { timeout: 120_000 }, async () => {
    const dir = workdir();
    await stopMidWrite(dir, 'SIGKILL', ['--jobs', '2']);
    expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} mid-write: exit ${code}, the old file untouched, no temporary file left`, { timeout: 120_000 }, async () => {
      const dir = workdir({ 'out.jsonl': 'OLD RESULTS\n' });
      const r = await stopMidWrite(dir, signal);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toContain(`interrupted (${signal}): out.jsonl was not written`);
      expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      expect(readFileSync(join(dir, 'out.jsonl'), 'utf8')).toBe('OLD RESULTS\n');
      expect(temps(dir, 'out.jsonl')).toEqual([]);
    });
  }

  it('SIGINT with --jobs 2: the workers stop too, no file and no temporary file', { timeout: 120_000 }, async () => {
    const dir = workdir();
    const r = await stopMidWrite(dir, 'SIGINT', ['--jobs', '2']);
    expect(r.code, r.stderr).toBe(130);
    expect(readdirSync(dir)).toEqual(['big.jsonl']);
  });
});
