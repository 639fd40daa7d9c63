/**
 * The sample rubrics under `rubrics/` and the differential run over one of them, shared by
 * the two halves of the differential test (two files, so vitest runs them side by side).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { compileRubric, loadRubric, loadTestFile } from '@rubric/rubric';
import { differential } from '../../packages/engine/test/codegen/differential.js';

export const RUBRICS = new URL('../../rubrics/', import.meta.url).pathname;

/** Every rubric file under `rubrics/` (YAML; test files excluded), relative to it, sorted. */
export const SAMPLE_RUBRICS: string[] = readdirSync(RUBRICS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(RUBRICS, d.name))
      .filter((f) => /\.ya?ml$/.test(f) && !/\.test\.ya?ml$/.test(f))
      .map((f) => join(d.name, f)),
  )
  .sort();

/**
 * Reference vs generated on 100,000 subjects of one sample rubric: mostly its test cases (from
 * the rubric and its `.test.yaml`) with a few facts changed, 1% broken, explanations on every
 * third; the same JSON bytes every time, the same data every eighth.
 */
export async function differentialOnSample(file: string): Promise<void> {
  const loaded = await loadRubric(join(RUBRICS, file));
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const rubric = loaded.rubric!;
  const testFile = join(RUBRICS, file.replace(/\.ya?ml$/, '.test.yaml'));
  const seeds = [...rubric.tests, ...(existsSync(testFile) ? (await loadTestFile(testFile)).tests : [])].map((t) => t.subject);
  expect(seeds.length).toBeGreaterThan(0);
  const reference = compileRubric(rubric, { evaluator: 'reference' });
  const generated = compileRubric(rubric, { evaluator: 'generated' });
  const stats = differential(rubric, reference, [generated], 100_000, 20220614, { seeds, deepEvery: 8, explainEvery: 3, brokenShare: 0.01, noise: 0.3 });
  expect(stats.subjects).toBe(100_000);
  const outcomes = ['pass', 'fail', 'invalid', ...(rubric.vetoes.length > 0 ? ['vetoed'] : [])];
  for (const outcome of outcomes) expect(stats.outcomes[outcome] ?? 0).toBeGreaterThan(500);
}
