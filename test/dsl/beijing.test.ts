import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentHash, loadRubric, parseDslRubric, parseYamlRubric, printDslRubric, printYamlRubric } from '@rubric/rubric';

/**
 * The Beijing rubric's primary source is 2022-06.rubric; 2022-06.yaml is its twin, kept
 * because other tests and `npm start` read it. They must hold the same rubric.
 */
const DIR = fileURLToPath(new URL('../../rubrics/beijing-epidemic-free-community/', import.meta.url));

describe('the Beijing rubric in the rubric language', () => {
  it('loads and checks clean', async () => {
    const loaded = await loadRubric(`${DIR}2022-06.rubric`);
    expect(loaded.format).toBe('dsl');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.rubric?.sections.flatMap((s) => s.indicators)).toHaveLength(14);
  });

  it('holds the same rubric as its YAML twin (same IR, same content hash)', async () => {
    const dsl = await loadRubric(`${DIR}2022-06.rubric`);
    const yaml = await loadRubric(`${DIR}2022-06.yaml`);
    expect(yaml.diagnostics).toEqual([]);
    expect(dsl.rubric).toStrictEqual(yaml.rubric);
    expect(contentHash(dsl.rubric!)).toBe(contentHash(yaml.rubric!));
  });

  it('is formatted (rubric fmt --check passes) and keeps its comments', () => {
    const text = readFileSync(`${DIR}2022-06.rubric`, 'utf8');
    const parsed = parseDslRubric(text, '2022-06.rubric');
    expect(parsed.comments.length).toBeGreaterThan(10);
    expect(printDslRubric(parsed.rubric!, { comments: parsed.comments })).toBe(text);
  });

  it('converts to YAML that reads back to the same rubric', async () => {
    const dsl = await loadRubric(`${DIR}2022-06.rubric`);
    const back = parseYamlRubric(printYamlRubric(dsl.rubric!), 'converted.yaml');
    expect(back.diagnostics).toEqual([]);
    expect(contentHash(back.rubric!)).toBe(contentHash(dsl.rubric!));
  });
});
