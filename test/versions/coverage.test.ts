/** Coverage through the library: exact percentages, the minimum, pass-mark values in force, test files. */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRubric, diffRubrics, loadRubric, loadTestFile, meetsCoverage, passMarkChoices, percentOf, routeTestFiles, runRubricTests, loadRubricFolder } from '@rubric/rubric';

const DIR = 'rubrics/beijing-epidemic-free-community';

describe('percentages', () => {
  it('are exact to two decimals, and the minimum is compared exactly', () => {
    expect(percentOf(1, 3)).toBe(33.33);
    expect(percentOf(2, 3)).toBe(66.67);
    expect(percentOf(0, 0)).toBe(100);
    expect(meetsCoverage({ covered: 1, total: 3 }, 33.33)).toBe(true);
    expect(meetsCoverage({ covered: 1, total: 3 }, 33.34)).toBe(false);
    expect(meetsCoverage({ covered: 7, total: 10 }, 70)).toBe(true);
    expect(meetsCoverage({ covered: 7, total: 10 }, 70.01)).toBe(false);
  });
});

describe('pass-mark values', () => {
  it('count only the periods that overlap the version’s own period', async () => {
    const { versions } = await loadRubricFolder(DIR);
    expect(passMarkChoices(versions[1]!.rubric).map((c) => c.key)).toEqual(['pass_mark: 85', 'pass_mark: 80 where district_risk is low']);
    // 2022-07 keeps the June history (until 2022-06-30) but is in force only from 2022-07-01.
    expect(passMarkChoices(versions[2]!.rubric).map((c) => c.key)).toEqual(['pass_mark: 80 (from 2022-07-01)']);
  });
});

describe('runRubricTests', () => {
  it('runs the rubric’s own cases by default, with branch and rubric-term coverage', async () => {
    const compiled = compileRubric((await loadRubric(`${DIR}/2022-06.yaml`)).rubric!);
    const report = runRubricTests(compiled);
    expect(report.cases).toHaveLength(19);
    expect(report.branches).toEqual({ total: 26, reached: 26, uncovered: [] });
    // The rubric's own cases leave three yes/no indicators unpinned; 2022-06.test.yaml pins them.
    expect(report.coverage.items.filter((i) => !i.covered).map((i) => i.key)).toEqual(['guard_protection', 'public_disinfection', 'party_coordination']);
    const file = await loadTestFile(`${DIR}/2022-06.test.yaml`);
    expect(file.diagnostics).toEqual([]);
    const routed = routeTestFiles([file], [{ file: `${DIR}/2022-06.yaml`, rubric: compiled.rubric, hash: compiled.hash, sourceMap: new Map(), twins: [] }], { wholeFolder: false });
    const all = runRubricTests(compiled, { cases: [...compiled.rubric.tests, ...routed.cases.get('2022-06')!] });
    expect(all.coverage.percent).toBe(100);
    expect(all.cases.slice(-2).map((c) => [c.name, c.passed, c.file, c.span?.start.line])).toEqual([
      ['yes/no indicators give their full 6 points', true, `${DIR}/2022-06.test.yaml`, 6],
      ['yes/no indicators give nothing when not in place (100 − 18 = 82 fails)', true, `${DIR}/2022-06.test.yaml`, 20],
    ]);
  });

  it('a test file that cannot be read is a diagnostic', async () => {
    const f = await loadTestFile(join(tmpdir(), 'no-such.test.yaml'));
    expect(f.diagnostics[0]).toMatchObject({ code: 'io/unreadable', message: 'cannot read the test file: no such file' });
    const dir = mkdtempSync(join(tmpdir(), 'rubric-tests-'));
    writeFileSync(join(dir, 'list.test.yaml'), '- 1\n');
    const g = await loadTestFile(join(dir, 'list.test.yaml'));
    expect(g.diagnostics[0]).toMatchObject({ code: 'yaml/wrong-type', message: 'a test file is a map with a `tests:` list' });
    writeFileSync(join(dir, 'extra.test.yaml'), 'tests: []\nversoin: "1"\n');
    const h = await loadTestFile(join(dir, 'extra.test.yaml'));
    expect(h.diagnostics[0]).toMatchObject({ code: 'yaml/unknown-key', hint: 'did you mean `version`?' });
  });
});

describe('rubrics in other formats', () => {
  it('the IR JSON of a version diffs empty against its YAML', async () => {
    const { rubric } = await loadRubric(`${DIR}/2022-06.yaml`);
    const dir = mkdtempSync(join(tmpdir(), 'rubric-json-'));
    writeFileSync(join(dir, '2022-06.json'), JSON.stringify(rubric, null, 1));
    const json = await loadRubric(join(dir, '2022-06.json'));
    expect(diffRubrics(rubric!, json.rubric!).changes).toEqual([]);
  });
});
