/** The generated evaluator = the reference on 100,000 subjects of each sample rubric (second half; see sample-rubrics.ts). */
import { describe, it } from 'vitest';
import { SAMPLE_RUBRICS, differentialOnSample } from './sample-rubrics.js';

describe('generated evaluator = reference on the sample rubrics (100,000 subjects each, continued)', () => {
  for (const file of SAMPLE_RUBRICS.filter((_, i) => i % 2 === 1)) it(file, () => differentialOnSample(file));
});
