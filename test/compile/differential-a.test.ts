/** The generated evaluator = the reference on 100,000 subjects of each sample rubric (first half; see sample-rubrics.ts). */
import { describe, expect, it } from 'vitest';
import { SAMPLE_RUBRICS, differentialOnSample } from './sample-rubrics.js';

describe('generated evaluator = reference on the sample rubrics (100,000 subjects each)', () => {
  it('finds the sample rubrics', () => {
    expect(SAMPLE_RUBRICS).toContain('beijing-epidemic-free-community/2022-06.yaml');
  });
  for (const file of SAMPLE_RUBRICS.filter((_, i) => i % 2 === 0)) it(file, () => differentialOnSample(file));
});
