/**
 * `rubric eval --evaluator reference|generated`: auditors can score with the reference
 * interpreter; both give the same bytes, on one thread or several.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, removeWorkdirs, rubric } from '../cli/helpers.js';

const BEIJING = join(ROOT, 'rubrics/beijing-epidemic-free-community/2022-06.yaml');
const DATA = join(ROOT, 'rubrics/beijing-epidemic-free-community/sample.jsonl');

afterAll(removeWorkdirs);

describe('rubric eval --evaluator', () => {
  it('the reference interpreter and the generated evaluator write the same bytes', () => {
    const base = ['eval', BEIJING, '--data', DATA, '--as-of', '2022-06-20', '--format', 'jsonl'];
    const generated = rubric([...base, '--explain', 'BJ-DC-002']);
    const reference = rubric([...base, '--explain', 'BJ-DC-002', '--evaluator', 'reference']);
    const referenceJobs = rubric([...base, '--explain', 'BJ-DC-002', '--evaluator', 'reference', '--jobs', '2']);
    expect(generated.status).toBe(1); // the sample holds invalid records on purpose
    expect(generated.stdout.split('\n').length).toBeGreaterThan(60);
    expect(generated.stderr).toContain('BJ-DC-002');
    for (const r of [reference, referenceJobs]) {
      expect(r.status).toBe(generated.status);
      expect(r.stdout).toBe(generated.stdout);
    }
    expect(reference.stderr).toBe(generated.stderr);
  });

  it('knows only those two', () => {
    const r = rubric(['eval', BEIJING, '--data', DATA, '--evaluator', 'fast']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are generated, reference/);
  });
});
