import { describe, expect, it } from 'vitest';
import { parseDslRubric, printDslRubric } from '@rubric/dsl';
import { parseYamlRubric } from '@rubric/yaml';
import { contentHash } from '@rubric/model';
import { FULL_DSL, SMALL_DSL } from '../../packages/dsl/test/fixtures.js';
import { FULL_YAML, SMALL_YAML } from '../../packages/yaml/test/fixtures.js';

/**
 * The two front ends are two spellings of one IR: the DSL fixtures say what the YAML
 * fixtures say, construct for construct.
 */
describe('the DSL and YAML front ends', () => {
  it.each([
    ['every construct', FULL_DSL, FULL_YAML],
    ['a small rubric', SMALL_DSL, SMALL_YAML],
  ])('give the same IR for %s', (_name, dsl, yaml) => {
    const d = parseDslRubric(dsl, 'x.rubric');
    const y = parseYamlRubric(yaml, 'x.yaml');
    expect(d.diagnostics).toEqual([]);
    expect(y.diagnostics).toEqual([]);
    expect(d.rubric).toStrictEqual(y.rubric);
    expect(contentHash(d.rubric!)).toBe(contentHash(y.rubric!));
  });

  it('prints the YAML rubric as DSL that reads back to it', () => {
    const y = parseYamlRubric(FULL_YAML, 'x.yaml');
    const text = printDslRubric(y.rubric!);
    const back = parseDslRubric(text, 'x.rubric');
    expect(back.diagnostics).toEqual([]);
    expect(back.rubric).toStrictEqual(y.rubric);
  });
});
