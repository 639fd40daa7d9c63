/**
 * `npm test` runs the test cases kept with every rubric under rubrics/ (each folder, every
 * version, with its test files), and holds the Beijing 2022-06 rubric at 100% coverage.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, rubric } from '../cli/helpers.js';

const folders = readdirSync(join(ROOT, 'rubrics'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => `rubrics/${e.name}`);

describe('the tests kept with every rubric', () => {
  it('there are rubric folders to test', () => {
    expect(folders).toContain('rubrics/beijing-epidemic-free-community');
  });

  for (const dir of folders) {
    it(`${dir}: every case passes`, () => {
      const r = rubric(['test', dir, '--format', 'json']);
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      const run = JSON.parse(r.stdout);
      expect(run.rubrics.length).toBeGreaterThan(0);
      for (const v of run.rubrics) expect(v.tests.length, `${v.file} has no test cases`).toBeGreaterThan(0);
    });
  }

  it('Beijing 2022-06 covers 100% of indicators, branches, gates, deductions and pass marks', () => {
    const r = rubric(['test', 'rubrics/beijing-epidemic-free-community/2022-06.yaml', '--min-coverage', '100', '--format', 'json']);
    expect(r.status, r.stdout).toBe(0);
    const [june] = JSON.parse(r.stdout).rubrics;
    expect(june.coverage).toMatchObject({ percent: 100, ok: true, uncovered: [] });
    expect(Object.keys(june.coverage.byKind)).toEqual(['indicator', 'branch', 'hard-requirement', 'veto', 'deduction', 'pass-mark']);
  });
});
