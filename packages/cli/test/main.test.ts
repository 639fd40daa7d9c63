import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { VERSION } from '../src/main.js';
import type { Io } from '../src/io.js';
import { MemoryStream } from './fake-rubric.js';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new MemoryStream();
  const stderr = new MemoryStream();
  const io: Io = { stdout, stderr, isTTY: false, cwd: __dirname, env: {} };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('main', () => {
  it('shows help for the program and each command, with examples, exit 0', async () => {
    for (const argv of [['--help'], ['check', '--help'], ['eval', '--help'], ['test', '--help']]) {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: rubric');
      expect(r.stdout).toContain('Examples:');
      expect(r.stderr).toBe('');
    }
  });

  it('prints the version', async () => {
    const r = await run('--version');
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('exits 2 on an unknown command, an unknown option, a missing argument, a bad choice', async () => {
    expect(await run('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'frobnicate'") });
    expect(await run('eval', 'r.yaml', '--data', 'd.csv', '--bogus')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown option '--bogus'") });
    expect(await run('eval', 'r.yaml')).toMatchObject({ code: 2, stderr: expect.stringContaining('--data') });
    expect(await run('check')).toMatchObject({ code: 2 });
    expect(await run('eval', 'r.yaml', '--data', 'd.csv', '--format', 'xml')).toMatchObject({ code: 2, stderr: expect.stringContaining('see `rubric eval --help`') });
    expect(await run()).toMatchObject({ code: 2 });
  });

  it('exits 2 with a pointer to help on a bad --as-of, an unknown data format, stdin without --data-format', async () => {
    for (const argv of [
      ['eval', 'r.yaml', '--data', 'd.csv', '--as-of', '2022-13-01'],
      ['eval', 'r.yaml', '--data', 'd.txt'],
      ['eval', 'r.yaml', '--data', '-'],
    ]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: .+\n\(see `rubric eval --help`\)\n$/);
      expect(r.stdout).toBe('');
    }
  });

  it('exits 2 when a rubric file cannot be read', async () => {
    const check = await run('check', 'missing.yaml');
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('missing.yaml:1:1 error io/unreadable');
    expect(check.stderr).toContain('1 file checked: 1 error, 0 warnings');
    const ev = await run('eval', 'missing.yaml', '--data', 'd.csv');
    expect(ev.code).toBe(2);
    expect(ev.stdout).toBe('');
  });

  it('reports check results as JSON', async () => {
    const r = await run('check', 'missing.yaml', '--format', 'json');
    expect(r.code).toBe(2);
    const reports = JSON.parse(r.stdout);
    expect(reports).toEqual([{ file: 'missing.yaml', ok: false, diagnostics: [expect.objectContaining({ code: 'io/unreadable', file: 'missing.yaml' })] }]);
  });
});

describe('reportError', () => {
  it('prints an internal error without a stack unless RUBRIC_DEBUG=1, exit 2', async () => {
    const { reportError } = await import('../src/main.js');
    const quiet = new MemoryStream();
    expect(reportError(new Error('boom\u001b[2J'), { stdout: new MemoryStream(), stderr: quiet, isTTY: false, cwd: '.', env: {} })).toBe(2);
    expect(quiet.text).toBe('internal error: boom\\u001b[2J\n(set RUBRIC_DEBUG=1 to see where it happened)\n');
    const debug = new MemoryStream();
    reportError(new Error('boom'), { stdout: new MemoryStream(), stderr: debug, isTTY: false, cwd: '.', env: { RUBRIC_DEBUG: '1' } });
    expect(debug.text).toMatch(/^internal error: boom\nError: boom\n\s+at /);
  });
});
