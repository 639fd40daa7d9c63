/** `rubric check` end to end. Needs the YAML front end and the checker. */
import { afterAll, describe, expect, it } from 'vitest';
import { BROKEN_RUBRIC, TINY_RUBRIC, rubric, workdir, removeWorkdirs } from './helpers.js';

afterAll(removeWorkdirs);

describe('rubric check', () => {
  it('exit 0 and a summary for a valid rubric', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC });
    const r = rubric(['check', 'tiny.yaml'], { cwd });
    expect(r.stderr).toContain('1 file checked: 0 errors');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('exit 1 with file:line:col, code, hint and caret for a rubric with errors', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'broken.yaml': BROKEN_RUBRIC });
    const r = rubric(['check', 'tiny.yaml', 'broken.yaml'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^broken\.yaml:9:\d+ error yaml\/unknown-key: /m);
    expect(r.stderr).toContain('hint:');
    expect(r.stderr).toMatch(/\n\s+9 \| .*lable.*\n\s+\^+/);
    expect(r.stderr).toMatch(/2 files checked: [1-9]\d* errors?, 0 warnings\n$/);
  });

  it('--format json: one entry per file with ok and diagnostics', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'broken.yaml': BROKEN_RUBRIC });
    const r = rubric(['check', 'tiny.yaml', 'broken.yaml', '--format', 'json'], { cwd });
    expect(r.status).toBe(1);
    const reports = JSON.parse(r.stdout) as { file: string; ok: boolean; diagnostics: { code: string; span: { start: { line: number } } }[] }[];
    expect(reports.map((x) => [x.file, x.ok])).toEqual([
      ['tiny.yaml', true],
      ['broken.yaml', false],
    ]);
    expect(reports[1]!.diagnostics.some((d) => d.code === 'yaml/unknown-key' && d.span.start.line === 9)).toBe(true);
  });

  it('exit 2 for a file that cannot be read, even beside one with errors', () => {
    const cwd = workdir({ 'broken.yaml': BROKEN_RUBRIC });
    const r = rubric(['check', 'broken.yaml', 'missing.yaml'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing.yaml:1:1 error io/unreadable');
  });
});
