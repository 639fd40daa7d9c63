/**
 * `rubric test` with test files beside a rubric, folders, coverage in rubric terms,
 * `--min-coverage`, failures with their explanation, JSON and JUnit output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_RUBRIC, rubric, workdir, removeWorkdirs } from '../cli/helpers.js';

afterAll(removeWorkdirs);

const DIR = 'rubrics/beijing-epidemic-free-community';

/** Tiny rubric cases: c1 reaches case 1 and fires nothing; c2 reaches case 2 and fails. */
const CASES = `tests:
  - name: full marks pass
    subject: { id: t1, rate: 1, level: full }
    expect: { outcome: pass, total: 20, indicators: { rate_points: 10 } }
  - name: partial fails
    subject: { id: t2, rate: 0.5, level: partial }
    expect: { outcome: fail, total: 10, reasons: [below-pass-mark] }
`;

function version(v: string, from: string, until?: string, replaces?: string): string {
  let text = TINY_RUBRIC.replace('version: "1"', `version: "${v}"`).replace('effective:\n  from: 2022-01-01\n  until: 2022-12-31\n', `effective:\n  from: ${from}\n${until ? `  until: ${until}\n` : ''}`);
  if (replaces) text = text.replace('total: 20\n', `replaces:\n  version: "${replaces}"\n  mapping: []\ntotal: 20\n`);
  return text;
}

describe('rubric test on the Beijing folder', () => {
  it('runs every version with its own cases and its test files, each at 100% coverage', () => {
    const r = rubric(['test', DIR, '--format', 'json', '--min-coverage', '100']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ format: 'rubric-test/1', ok: true, minCoverage: 100, broken: [] });
    expect(run.rubrics.map((x: { version: string; tests: unknown[]; coverage: { percent: number } }) => [x.version, x.tests.length, x.coverage.percent])).toEqual([
      ['2022-05', 9, 100],
      ['2022-06', 22, 100],
      ['2022-07', 9, 100],
    ]);
    // A case without a version runs against the version in force on its date.
    const names = (v: number) => run.rubrics[v].tests.map((t: { name: string }) => t.name);
    expect(names(2)).toContain('July: 84 points (facilities now weigh 4) pass the new mark of 80');
    expect(run.rubrics[2].tests.find((t: { name: string }) => t.name.startsWith('July')).at).toMatch(/^rubrics\/beijing-epidemic-free-community\/across-versions\.test\.yaml:\d+:5$/);
  });

  it('a file gets its own cases and the test files for its version only', () => {
    const r = rubric(['test', `${DIR}/2022-07.yaml`, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const [one] = JSON.parse(r.stdout).rubrics;
    expect(one.version).toBe('2022-07');
    expect(one.tests).toHaveLength(9);
    expect(one.coverage.byKind).toEqual({
      indicator: { covered: 14, total: 14 },
      branch: { covered: 26, total: 26 },
      'hard-requirement': { covered: 1, total: 1 },
      veto: { covered: 2, total: 2 },
      deduction: { covered: 1, total: 1 },
      'pass-mark': { covered: 1, total: 1 },
    });
  });
});

describe('coverage', () => {
  it('names what no case reaches, and --min-coverage fails below it (exit 1)', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC + CASES });
    const r = rubric(['test', 'tiny.yaml'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    // indicators 1/2, branches 3/4, veto 0/1, pass mark 1/1: 5 of 8.
    expect(r.stdout).toContain('  coverage 62.5% (5/8): indicators pinned 1/2, branches 3/4, vetoes fired 0/1, pass marks used 1/1\n');
    expect(r.stdout).toContain('  not reached: level_points: otherwise\n');
    expect(r.stdout).toContain('  not covered: indicator level_points, veto media\n');
    const low = rubric(['test', 'tiny.yaml', '--min-coverage', '62.6'], { cwd });
    expect(low.status).toBe(1);
    expect(low.stdout).toContain('coverage 62.5% (5/8) (below the minimum 62.6%)');
    expect(rubric(['test', 'tiny.yaml', '--min-coverage', '62.5'], { cwd }).status).toBe(0);
  });

  it('counts checklist items, deductions and pass-mark overrides', () => {
    const rich = TINY_RUBRIC.replace('pass_mark: 15\n', `parameters:
  pass_mark:
    value: 15
    overrides:
      - { when: exposed, value: 12 }
pass_mark: pass_mark
`).replace(
      '      - id: level_points',
      `      - id: docs
        title: 台账
        points: 0
        checklist:
          mode: award
          items:
            - { id: a, title: A, points: 0, when: exposed }
      - id: level_points`,
    ) + `deductions:
  - { id: late, reason: 迟报, when: exposed, amount: 1 }
tests:
  - name: plain
    subject: { rate: 1, level: full }
    expect: { outcome: pass }
`;
    const cwd = workdir({ 'rich.yaml': rich });
    const r = rubric(['test', 'rich.yaml', '--format', 'json'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    const cov = JSON.parse(r.stdout).rubrics[0].coverage;
    expect(cov.uncovered).toEqual([
      { kind: 'indicator', key: 'rate_points' },
      { kind: 'indicator', key: 'docs' },
      { kind: 'indicator', key: 'level_points' },
      { kind: 'branch', key: 'docs: item a' },
      { kind: 'branch', key: 'level_points: case 2' },
      { kind: 'branch', key: 'level_points: otherwise' },
      { kind: 'veto', key: 'media' },
      { kind: 'deduction', key: 'late' },
      { kind: 'pass-mark', key: 'pass_mark: 12 where exposed' },
    ]);
  });
});

describe('failures', () => {
  it('show where the case is written, what differs and how the result came about', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC + CASES.replace('total: 10', 'total: 9') });
    const r = rubric(['test', 'tiny.yaml'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('  ✗ partial fails  (tiny.yaml:36:5)\n');
    expect(r.stdout).toContain('      total: expected 9, got 10\n');
    expect(r.stdout).toContain('      · rate_points = 5: expression: round(10 * rate, 0.5) [rate = 0.5]\n');
    expect(r.stdout).toContain('      · level_points = 5: case 2: level is partial -> 5 [level = "partial"]\n');
    expect(r.stdout).toContain('      · pass mark 15 (pass_mark)\n');
    expect(r.stdout).toContain('      · reasons: below-pass-mark\n');
  });

  it('JUnit XML: a suite per version, failures with their details, the coverage minimum, escaped text', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC + CASES.replace('total: 10', 'total: 9').replace('name: full marks pass', 'name: "a <b> & \\"c\\" \\u0001"') });
    const r = rubric(['test', 'tiny.yaml', '--format', 'junit', '--min-coverage', '90'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="rubric test" tests="3" failures="2" errors="0">\n/);
    expect(r.stdout).toContain('<testsuite name="tiny 1" file="tiny.yaml" tests="3" failures="2" errors="0" skipped="0">');
    expect(r.stdout).toContain('<property name="coverage" value="62.5"/>');
    expect(r.stdout).toContain('<testcase classname="tiny.1" name="a &lt;b&gt; &amp; &quot;c&quot; \\u0001" file="tiny.yaml" line="33"/>');
    expect(r.stdout).toContain('<failure message="total: expected 9, got 10" type="mismatch">total: expected 9, got 10\n· rate_points = 5');
    expect(r.stdout).toContain('<testcase classname="tiny.1" name="coverage ≥ 90%" file="tiny.yaml">\n      <failure message="coverage 62.5% is below 90%" type="coverage">indicator level_points');
    expect(r.stdout.trimEnd().endsWith('</testsuites>')).toBe(true);
  });

  it('a rubric that cannot be tested is an error case in JUnit, exit 2', () => {
    const cwd = workdir({});
    const r = rubric(['test', 'missing.yaml', '--format', 'junit'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('<testsuites name="rubric test" tests="1" failures="0" errors="1">');
    expect(r.stdout).toContain('<error message="cannot read the rubric: no such file" type="load">');
  });
});

describe('test files', () => {
  it('are routed by version or by date; problems are located in the test file (exit 2)', () => {
    const files = {
      'a.yaml': version('1', '2022-01-01', '2022-06-30'),
      'b.yaml': version('2', '2022-07-01', undefined, '1'),
      'dated.test.yaml': `tests:
  - { name: in v1, as_of: 2022-03-01, subject: { rate: 1, level: full }, expect: { outcome: pass } }
  - { name: in v2, as_of: 2022-08-01, subject: { rate: 1, level: full }, expect: { outcome: pass } }
`,
      'v2.test.yaml': `version: "2"
tests:
  - { name: v2 case, subject: { rate: 0, level: none }, expect: { total: 0 } }
`,
    };
    const cwd = workdir(files);
    const ok = rubric(['test', '.', '--format', 'json'], { cwd });
    expect(ok.status, ok.stderr).toBe(0);
    const run = JSON.parse(ok.stdout);
    expect(run.rubrics.map((x: { version: string; tests: { name: string }[] }) => [x.version, x.tests.map((t) => t.name)])).toEqual([
      ['1', ['in v1']],
      ['2', ['in v2', 'v2 case']],
    ]);
    // One file of the folder: only the cases for its version.
    const one = JSON.parse(rubric(['test', 'a.yaml', '--format', 'json'], { cwd }).stdout);
    expect(one.rubrics[0].tests.map((t: { name: string }) => t.name)).toEqual(['in v1']);

    const bad = workdir({
      ...files,
      'bad.test.yaml': `version: "3"
tests: []
`,
      'undated.test.yaml': `tests:
  - { name: no date, subject: { rate: 1, level: full }, expect: { indicators: { rate_point: 10 } } }
  - { name: wrong indicator, as_of: 2022-03-01, subject: { rate: 1, level: full }, expect: { indicators: { rate_point: 10 } } }
  - { name: too early, as_of: 2021-03-01, subject: { rate: 1, level: full }, expect: { outcome: pass } }
`,
    });
    const r = rubric(['test', '.'], { cwd: bad });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.test.yaml:1:10 error tests/unknown-version: the tests are for version 3, which the folder does not have\n  hint: the folder has versions "1", "2"');
    expect(r.stderr).toContain('undated.test.yaml:2:5 error tests/no-version: test `no date` has no date, and the file names no version');
    expect(r.stderr).toContain("undated.test.yaml:3:120 error rubric/unknown-indicator: test `wrong indicator` expects points for indicator `rate_point`, which this rubric does not have (version 1)\n  hint: did you mean `rate_points`?");
    expect(r.stderr).toContain('undated.test.yaml:4:31 error tests/no-version-in-force: no version is in force on 2021-03-01, the date of test `too early`');
    expect(r.stderr).toContain('error: . has errors; its tests were not run\n');
  });

  it('a test file that is not valid is reported with its line (exit 2)', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'x.test.yaml': 'tests:\n  - name: x\n    subjekt: {}\n' });
    const r = rubric(['test', 'tiny.yaml'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('x.test.yaml:3:5 error yaml/unknown-key: unknown key `subjekt` in the 1st test');
  });
});

describe('usage', () => {
  it('--min-coverage takes a percentage', () => {
    for (const bad of ['abc', '101', '-1']) {
      const r = rubric(['test', `${DIR}/2022-06.yaml`, '--min-coverage', bad]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain('--min-coverage must be a percentage from 0 to 100');
    }
  });
});
