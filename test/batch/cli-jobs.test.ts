/**
 * `rubric eval --jobs N` end to end (built CLI, real worker threads): the same bytes out as
 * with one job for every output format and data format, with unreadable records and
 * --explain; the same exit codes; bad --jobs values are usage errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLines, removeWorkdirs, rubric, workdir } from '../cli/helpers.js';
import { BEIJING_FILE, messyCsv, messyJsonl, validJsonl } from './helpers.js';

afterAll(removeWorkdirs);

const AS_OF = ['--as-of', '2022-06-20'];

/** The messy sample repeated to a few thousand records, so each worker gets many chunks. */
function files(): string {
  const jsonl = messyJsonl();
  const body = jsonl.slice(1);
  const csv = messyCsv();
  const [head, ...rows] = csv.split('\r\n');
  const json = JSON.stringify(
    jsonLines(
      body
        .split('\n')
        .filter((l) => l.startsWith('{"id":"BJ-'))
        .join('\n'),
    )
      .slice(0, 30)
      .map((r, i) => ({ ...r, id: `J-${i}` })),
  );
  return workdir({
    'data.jsonl': `\ufeff${Array.from({ length: 40 }, () => body).join('\n')}\n`,
    'data.csv': [head, ...Array.from({ length: 40 }, () => rows.filter(Boolean)).flat()].join('\r\n'),
    'data.json': json,
  });
}

describe('rubric eval --jobs N: the same bytes as one job', () => {
  const cwd = files();
  const run = (data: string, format: string, jobs: number, extra: string[] = []) =>
    rubric(['eval', BEIJING_FILE, '--data', data, ...AS_OF, '--format', format, '--jobs', String(jobs), ...extra], { cwd });

  // Each run starts a process, so not every combination: every output format for JSON Lines
  // (the data the workers read themselves), the streamed and whole-file formats for the rest.
  const cases: [string, string[], number[]][] = [
    ['data.jsonl', ['jsonl', 'csv', 'json', 'table', 'md'], [2]],
    ['data.jsonl', ['jsonl'], [3]],
    ['data.csv', ['csv', 'md'], [2]],
    ['data.json', ['jsonl', 'table'], [2]],
  ];
  for (const [data, formats, jobsList] of cases) {
    it(`${data} → ${formats.join(', ')}: 1 vs ${jobsList.join(', ')} jobs`, () => {
      for (const format of formats) {
        const one = run(data, format, 1);
        expect(one.status, one.stderr).toBe(1); // the data holds invalid records
        expect(one.stdout.length).toBeGreaterThan(1000);
        for (const jobs of jobsList) {
          const many = run(data, format, jobs);
          expect(many.status, many.stderr).toBe(1);
          expect(many.stdout === one.stdout, `${data} ${format} --jobs ${jobs}`).toBe(true);
          expect(many.stderr).toBe(one.stderr);
        }
      }
    }, 180_000);
  }

  it('--out gives the same file; --explain the same explanation and note about duplicates', { timeout: 120_000 }, () => {
    const one = run('data.jsonl', 'jsonl', 1, ['--out', 'one.jsonl', '--explain', 'BJ-DC-002']);
    const two = run('data.jsonl', 'jsonl', 2, ['--out', 'two.jsonl', '--explain', 'BJ-DC-002']);
    expect(two.status).toBe(one.status);
    expect(two.stderr).toBe(one.stderr);
    expect(one.stderr).toContain('Explanation for BJ-DC-002');
    expect(one.stderr).toMatch(/note: \d+ records have the id BJ-DC-002; the first is explained/);
    const a = readFileSync(join(cwd, 'one.jsonl'), 'utf8');
    expect(a.length).toBeGreaterThan(1000);
    expect(readFileSync(join(cwd, 'two.jsonl'), 'utf8') === a).toBe(true);
    expect(a.split('\n').filter((l) => l.includes('"explanation":'))).toHaveLength(1);
  });

  it('--record-facts: each result carries its subject, as with one job', { timeout: 120_000 }, () => {
    const one = run('data.jsonl', 'jsonl', 1, ['--record-facts']);
    const two = run('data.jsonl', 'jsonl', 2, ['--record-facts']);
    expect(two.status).toBe(one.status);
    expect(two.stdout === one.stdout).toBe(true);
    expect(jsonLines(one.stdout).filter((r) => r['subject'] !== undefined).length).toBeGreaterThan(1000);
  });

  it('standard input', { timeout: 120_000 }, () => {
    const input = messyJsonl();
    const one = rubric(['eval', BEIJING_FILE, '--data', '-', '--data-format', 'jsonl', ...AS_OF, '--format', 'jsonl'], { cwd, input });
    const two = rubric(['eval', BEIJING_FILE, '--data', '-', '--data-format', 'jsonl', ...AS_OF, '--format', 'jsonl', '--jobs', '2'], { cwd, input });
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
  });

  it('every record valid: exit 0 with more jobs too; an empty file gives empty output', { timeout: 120_000 }, () => {
    const dir = workdir({ 'ok.jsonl': validJsonl(), 'empty.jsonl': '' });
    const one = rubric(['eval', BEIJING_FILE, '--data', 'ok.jsonl', ...AS_OF, '--format', 'csv'], { cwd: dir });
    const two = rubric(['eval', BEIJING_FILE, '--data', 'ok.jsonl', ...AS_OF, '--format', 'csv', '--jobs', '2'], { cwd: dir });
    expect([one.status, two.status]).toEqual([0, 0]);
    expect(two.stdout).toBe(one.stdout);
    for (const jobs of ['1', '2']) {
      const e = rubric(['eval', BEIJING_FILE, '--data', 'empty.jsonl', ...AS_OF, '--format', 'json', '--jobs', jobs], { cwd: dir });
      expect(e).toMatchObject({ status: 0, stdout: '[]\n' });
    }
  });

  it('data that cannot be read at all: exit 2 and no output, as with one job', { timeout: 120_000 }, () => {
    writeFileSync(join(cwd, 'bad.json'), '[{');
    for (const jobs of ['1', '2']) {
      const r = run('bad.json', 'jsonl', Number(jobs));
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('not valid JSON');
    }
  });
});

describe('rubric eval --jobs: bad values', () => {
  for (const bad of ['0', '-1', '1.5', 'two', '65', '']) {
    it(`--jobs ${JSON.stringify(bad)} is a usage error`, () => {
      const r = rubric(['eval', BEIJING_FILE, '--data', 'x.jsonl', '--jobs', bad], { cwd: workdir({ 'x.jsonl': '{}\n' }) });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--jobs must be a whole number from 1 to 64');
      expect(r.stdout).toBe('');
    });
  }
});
