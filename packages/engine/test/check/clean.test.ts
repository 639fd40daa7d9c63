import { describe, expect, it } from 'vitest';
import { validateIr } from '@rubric/model';
import { checkRubric } from '../../src/check/check-rubric.js';
import { beijingRubric } from './beijing.js';
import { rubric } from './helpers.js';

describe('clean rubrics', () => {
  it('the fixtures are schema-valid IR', () => {
    expect(validateIr(beijingRubric())).toEqual([]);
    expect(validateIr(rubric())).toEqual([]);
  });

  it('the Beijing-like rubric (14 indicators, 3 sections) gives no issues', () => {
    expect(checkRubric(beijingRubric())).toEqual([]);
  });

  it('the minimal rubric gives no issues', () => {
    expect(checkRubric(rubric())).toEqual([]);
  });
});
