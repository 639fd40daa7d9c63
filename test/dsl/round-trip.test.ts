import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDslRubric, printDslRubric } from '@rubric/dsl';
import { parseYamlRubric, printYamlRubric } from '@rubric/yaml';
import { contentHash, validateIr } from '@rubric/model';
import { fullRubricArb, rubricArb } from '../support/arbitrary-rubric.js';

describe('DSL → IR → YAML → IR → DSL', () => {
  it('is lossless on the YAML printer\'s generated rubrics (tricky text)', () => {
    fc.assert(
      fc.property(rubricArb, (ir) => {
        const a = parseDslRubric(printDslRubric(ir), 'a.rubric');
        expect(a.rubric).toStrictEqual(ir);
        const b = parseYamlRubric(printYamlRubric(a.rubric!), 'b.yaml');
        expect(contentHash(b.rubric!)).toBe(contentHash(ir));
      }),
      { seed: 20220614, numRuns: 100 },
    );
  });

  it('is lossless on generated rubrics using every construct', () => {
    fc.assert(
      fc.property(fullRubricArb, (ir) => {
        expect(validateIr(ir)).toEqual([]);
        const dsl = printDslRubric(ir);
        const a = parseDslRubric(dsl, 'a.rubric');
        expect(a.diagnostics, dsl).toEqual([]);
        expect(a.rubric, dsl).toStrictEqual(ir);
        const yaml = printYamlRubric(a.rubric!);
        const b = parseYamlRubric(yaml, 'b.yaml');
        expect(b.diagnostics, yaml).toEqual([]);
        expect(contentHash(b.rubric!)).toBe(contentHash(ir));
        expect(printDslRubric(b.rubric!)).toBe(dsl);
      }),
      { seed: Number(process.env.SEED ?? 20220618), numRuns: Number(process.env.RUNS ?? 200) },
    );
  }, 600_000);
});

// ---------------------------------------------------------------- every rubric file of the repository

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The rubric files under rubrics/: `.rubric` files, YAML files with a top-level `rubric:` key (not `*.test.yaml`). */
function rubricFiles(dir = join(ROOT, 'rubrics')): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...rubricFiles(p));
    else if (e.name.endsWith('.rubric')) out.push(p);
    else if (/\.ya?ml$/.test(e.name) && !/\.test\.ya?ml$/.test(e.name) && /^rubric:/m.test(readFileSync(p, 'utf8'))) out.push(p);
  }
  return out.sort();
}

describe('every rubric file in rubrics/', () => {
  const files = rubricFiles();

  it('includes the Beijing rubric in both formats', () => {
    const names = files.map((f) => relative(ROOT, f));
    expect(names).toContain('rubrics/beijing-epidemic-free-community/2022-06.rubric');
    expect(names).toContain('rubrics/beijing-epidemic-free-community/2022-06.yaml');
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s: DSL → IR → YAML → IR → DSL keeps the IR and its hash', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const front = file.endsWith('.rubric') ? parseDslRubric(text, file) : parseYamlRubric(text, file);
    expect(front.diagnostics).toEqual([]);
    const ir = front.rubric!;
    const dsl = printDslRubric(ir);
    const a = parseDslRubric(dsl, 'a.rubric');
    expect(a.diagnostics).toEqual([]);
    expect(a.rubric).toStrictEqual(ir);
    const b = parseYamlRubric(printYamlRubric(a.rubric!), 'b.yaml');
    expect(b.diagnostics).toEqual([]);
    expect(b.rubric).toStrictEqual(ir);
    expect(contentHash(b.rubric!)).toBe(contentHash(ir));
    expect(printDslRubric(b.rubric!)).toBe(dsl);
  });
});
