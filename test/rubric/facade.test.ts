import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRubric, evaluate, loadRubric, loadRubricText, runRubricTests } from '@rubric/rubric';

const BEIJING = 'rubrics/beijing-epidemic-free-community/2022-06.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'rubric-facade-'));

describe('loadRubric', () => {
  it('loads the Beijing rubric from YAML with no diagnostics', async () => {
    const loaded = await loadRubric(BEIJING);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.rubric?.id).toBe('beijing-epidemic-free-community');
    expect(loaded.rubric?.sections.flatMap((s) => s.indicators)).toHaveLength(14);
  });

  it('loads the same rubric from IR JSON, with the same content hash', async () => {
    const yaml = (await loadRubric(BEIJING)).rubric!;
    const file = join(tmp, 'beijing.json');
    writeFileSync(file, JSON.stringify(yaml, null, 2));
    const json = await loadRubric(file);
    expect(json.diagnostics).toEqual([]);
    expect(compileRubric(json.rubric!).hash).toBe(compileRubric(yaml).hash);
  });

  it('reports IR JSON that breaks the schema, and JSON that does not parse', () => {
    const bad = loadRubricText('{"format": "rubric-ir/1", "id": "x"}', 'x.json', 'json');
    expect(bad.rubric).toBeUndefined();
    expect(bad.diagnostics[0]).toMatchObject({ code: 'ir/schema', file: 'x.json' });
    const broken = loadRubricText('{', 'y.json', 'json');
    expect(broken.diagnostics[0]?.code).toBe('json/syntax');
  });

  it('reports a missing file and an unknown extension as diagnostics, never throws', async () => {
    const missing = await loadRubric(join(tmp, 'nope.yaml'));
    expect(missing.diagnostics[0]).toMatchObject({ code: 'io/unreadable', message: 'cannot read the rubric: no such file' });
    const txt = join(tmp, 'rubric.txt');
    writeFileSync(txt, 'x');
    const unknown = await loadRubric(txt);
    expect(unknown.diagnostics[0]).toMatchObject({ code: 'io/unknown-format', hint: 'name it *.rubric, *.yaml, *.yml or *.json' });
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const text = (await import('node:fs')).readFileSync(BEIJING, 'utf8');
    const loaded = loadRubricText(`\uFEFF${text}`, 'bom.yaml', 'yaml');
    expect(loaded.diagnostics).toEqual([]);
  });
});

describe('the Beijing rubric', () => {
  it('passes every test case kept in the file', async () => {
    const compiled = compileRubric((await loadRubric(BEIJING)).rubric!);
    const report = runRubricTests(compiled);
    expect(report.cases.length).toBeGreaterThanOrEqual(8);
    for (const r of report.cases) expect({ name: r.name, mismatches: r.mismatches }).toEqual({ name: r.name, mismatches: [] });
    expect(report.branches.uncovered).toEqual([]);
  });

  it('runRubricTests reports a wrong expectation with expected and actual values', async () => {
    const rubric = (await loadRubric(BEIJING)).rubric!;
    const first = rubric.tests[0]!;
    const changed = { ...rubric, tests: [{ ...first, expect: { ...first.expect, total: 1 } }] };
    const [r] = runRubricTests(compileRubric(changed)).cases;
    expect(r?.passed).toBe(false);
    expect(r?.mismatches).toContainEqual({ field: 'total', expected: 1, actual: r?.result.total });
  });

  it('evaluate() is the compiled evaluator', async () => {
    const compiled = compileRubric((await loadRubric(BEIJING)).rubric!);
    const subject = compiled.rubric.tests[0]!.subject;
    expect(evaluate(compiled, subject, { asOf: '2022-06-20' })).toEqual(compiled.evaluate(subject, { asOf: '2022-06-20' }));
  });
});
