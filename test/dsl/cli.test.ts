/** `rubric fmt` and `rubric convert` end to end, and `.rubric` files in `check`, `test` and `eval`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_CSV, TINY_RUBRIC, rubric, workdir, removeWorkdirs } from '../cli/helpers.js';

afterAll(removeWorkdirs);

/** TINY_RUBRIC with comments. */
const TINY_YAML = TINY_RUBRIC.replace('total: 20\n', 'total: 20   # the sum of the points\n');

/** TINY_RUBRIC (test/cli/helpers.ts) in the rubric language, formatted, with comments. */
const TINY_DSL = `# A small test scale.
rubric tiny "小测试量表"
  version "1"
  effective from 2022-01-01 until 2022-12-31
  total 20 points

fact rate "比率" ratio
fact level "等级" level full | partial | none
fact exposed "媒体曝光" boolean, default false  # optional

pass mark 15

section s1 "第一部分"

  indicator rate_points "比率指标" 10 points
    score round(10 * rate, 0.5)

  # the level decides
  indicator level_points "等级指标" 10 points
    when level is full -> 10
    when level is partial -> 5
    otherwise -> 0

veto media "媒体曝光" when exposed
`;

/** The same, written loosely: odd indentation and spacing, statements in another order. */
const LOOSE_DSL = `# A small test scale.
rubric tiny "小测试量表" version "1"
effective from 2022-01-01 until 2022-12-31 total 20 points
veto media "媒体曝光" when exposed
fact rate "比率" ratio
    fact level "等级" level full|partial|none
fact exposed "媒体曝光" boolean default false  # optional
pass mark 15
section s1 "第一部分"
indicator rate_points "比率指标" 10 points score round(10*rate,0.5)
# the level decides
indicator level_points "等级指标" 10 points
when level is full->10 when level is partial->5
otherwise->0
`;

const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');

describe('rubric fmt', () => {
  it('prints the canonical layout on stdout, keeping comments, and changes nothing', () => {
    const cwd = workdir({ 'tiny.rubric': LOOSE_DSL });
    const r = rubric(['fmt', 'tiny.rubric'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(TINY_DSL);
    expect(read(cwd, 'tiny.rubric')).toBe(LOOSE_DSL);
  });

  it('--check exits 1 for a file that is not formatted, 0 for one that is', () => {
    const cwd = workdir({ 'loose.rubric': LOOSE_DSL, 'tiny.rubric': TINY_DSL });
    const r = rubric(['fmt', '--check', 'loose.rubric', 'tiny.rubric'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('loose.rubric: not formatted\n2 files checked: 1 not formatted\n');
    expect(r.stdout).toBe('');
    expect(rubric(['fmt', '--check', 'tiny.rubric'], { cwd }).status).toBe(0);
    expect(read(cwd, 'loose.rubric')).toBe(LOOSE_DSL);
  });

  it('--write rewrites the file in place; then --check passes', () => {
    const cwd = workdir({ 'loose.rubric': LOOSE_DSL });
    const r = rubric(['fmt', '--write', 'loose.rubric'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('formatted loose.rubric\n1 file rewritten\n');
    expect(read(cwd, 'loose.rubric')).toContain('# the level decides\n  indicator level_points');
    expect(read(cwd, 'loose.rubric')).toContain('fact exposed "媒体曝光" boolean, default false  # optional\n');
    expect(rubric(['fmt', '--check', 'loose.rubric'], { cwd }).status).toBe(0);
  });

  it('formats YAML, and will not drop the comments of a YAML file without --force', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_YAML, 'plain.yaml': TINY_RUBRIC });
    const refused = rubric(['fmt', '--write', 'tiny.yaml'], { cwd });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('tiny.yaml: not rewritten: it has comments, and formatting YAML drops them; add --force');
    expect(read(cwd, 'tiny.yaml')).toBe(TINY_YAML);
    const forced = rubric(['fmt', '--write', '--force', 'tiny.yaml'], { cwd });
    expect(forced.status).toBe(0);
    expect(forced.stderr).toContain('formatted tiny.yaml (its comments were dropped)');
    expect(read(cwd, 'tiny.yaml')).not.toContain('#');
    const plain = rubric(['fmt', '--write', 'plain.yaml'], { cwd });
    expect(plain.status).toBe(0);
    expect(rubric(['fmt', '--check', 'plain.yaml'], { cwd }).status).toBe(0);
  });

  it('says on stdout-formatting a YAML file that its comments are not kept', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_YAML });
    const r = rubric(['fmt', 'tiny.yaml'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('note: tiny.yaml has comments, which formatted YAML does not keep\n');
    expect(r.stdout).toContain('rubric: tiny\n');
  });

  it('exit 2 with located diagnostics for a file with errors, which it leaves alone', () => {
    const broken = TINY_DSL.replace('total 20 points', 'total 20 pionts');
    const cwd = workdir({ 'broken.rubric': broken });
    const r = rubric(['fmt', '--write', 'broken.rubric'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^broken\.rubric:5:12 error dsl\/unexpected-token: did not expect the name `pionts` in the `rubric` statement\n  hint: did you mean `points`\?/);
    expect(r.stderr).toContain('broken.rubric: not formatted, it has errors');
    expect(read(cwd, 'broken.rubric')).toBe(broken);
  });

  it('exit 2 for bad usage and for files it cannot format', () => {
    const cwd = workdir({ 'a.rubric': TINY_DSL, 'b.rubric': TINY_DSL, 'ir.json': '{}' });
    expect(rubric(['fmt', '--check', '--write', 'a.rubric'], { cwd })).toMatchObject({ status: 2, stderr: expect.stringContaining('give --check or --write, not both') });
    expect(rubric(['fmt', 'a.rubric', 'b.rubric'], { cwd })).toMatchObject({ status: 2, stderr: expect.stringContaining('give --write') });
    expect(rubric(['fmt', '--force', 'a.rubric'], { cwd })).toMatchObject({ status: 2, stderr: expect.stringContaining('--force only applies to --write') });
    expect(rubric(['fmt', 'ir.json'], { cwd })).toMatchObject({ status: 2, stderr: expect.stringContaining('rubric convert ir.json --to json') });
    expect(rubric(['fmt', 'missing.rubric'], { cwd })).toMatchObject({ status: 2, stderr: 'missing.rubric: cannot read it: no such file\n' });
  });

  it('--help says that YAML comments are not kept', () => {
    const r = rubric(['fmt', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('does NOT keep comments');
  });
});

describe('rubric convert', () => {
  it('YAML → DSL → YAML → JSON keeps the rubric: the canonical JSON is the same all the way', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_YAML });
    const json = rubric(['convert', 'tiny.yaml', '--to', 'json'], { cwd });
    expect(json.status).toBe(0);
    const toDsl = rubric(['convert', 'tiny.yaml', '--to', 'dsl', '--out', 'tiny.rubric'], { cwd });
    expect(toDsl.status).toBe(0);
    expect(toDsl.stderr).toContain('note: the comments of tiny.yaml are not carried over to the rubric language');
    expect(toDsl.stderr).toContain('wrote tiny.rubric');
    expect(rubric(['convert', 'tiny.rubric', '--to', 'yaml', '--out', 'back.yaml'], { cwd }).status).toBe(0);
    const again = rubric(['convert', 'back.yaml', '--to', 'json'], { cwd });
    expect(again.stdout).toBe(json.stdout);
    expect(rubric(['convert', 'tiny.rubric', '--to', 'json'], { cwd }).stdout).toBe(json.stdout);
    // Canonical: keys sorted, pretty-printed.
    const ir = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(ir)).toEqual([...Object.keys(ir)].sort());
    expect(json.stdout).toMatch(/^\{\n {2}"deductions": \[\],\n/);
  });

  it('DSL → DSL keeps the comments (and formats)', () => {
    const cwd = workdir({ 'loose.rubric': LOOSE_DSL });
    const r = rubric(['convert', 'loose.rubric', '--to', 'dsl'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('# the level decides\n  indicator level_points');
  });

  it('says when comments are left behind', () => {
    const cwd = workdir({ 'tiny.rubric': TINY_DSL });
    const r = rubric(['convert', 'tiny.rubric', '--to', 'yaml'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('note: the comments of tiny.rubric are not carried over to YAML\n');
    expect(r.stdout).toContain('rubric: tiny\n');
  });

  it('exit 2 for a rubric with errors, and for bad usage', () => {
    const cwd = workdir({ 'broken.rubric': TINY_DSL.replace('total 20 points', 'total 25 points') });
    const r = rubric(['convert', 'broken.rubric', '--to', 'yaml'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^broken\.rubric:5:9 error rubric\/total-mismatch: /m);
    expect(r.stderr).toContain('the rubric broken.rubric has 1 error; nothing was converted');
    expect(r.stdout).toBe('');
    expect(rubric(['convert', 'broken.rubric'], { cwd }).status).toBe(2);
    expect(rubric(['convert', 'broken.rubric', '--to', 'toml'], { cwd }).status).toBe(2);
    expect(rubric(['convert', 'missing.rubric', '--to', 'json'], { cwd })).toMatchObject({ status: 2, stderr: expect.stringContaining('cannot read the rubric missing.rubric') });
  });
});

describe('.rubric files in check, test and eval', () => {
  it('check locates the checker\'s findings in the DSL', () => {
    const cwd = workdir({ 'tiny.rubric': TINY_DSL.replace('round(10 * rate, 0.5)', 'round(10 * rat, 0.5)') });
    const r = rubric(['check', 'tiny.rubric'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^tiny\.rubric:16:22 error rubric\/unknown-name: .*\n  hint: did you mean `rate`\?\n\s+16 \| {5}score round\(10 \* rat, 0\.5\)\n\s+\^{3}\n/m);
  });

  it('eval scores subjects with a .rubric file as with its YAML twin', () => {
    const cwd = workdir({ 'tiny.rubric': TINY_DSL, 'tiny.yaml': TINY_RUBRIC, 'data.csv': DATA_CSV });
    const a = rubric(['eval', 'tiny.rubric', '--data', 'data.csv', '--as-of', '2022-06-01', '--format', 'jsonl'], { cwd });
    const b = rubric(['eval', 'tiny.yaml', '--data', 'data.csv', '--as-of', '2022-06-01', '--format', 'jsonl'], { cwd });
    expect(a.status).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('"outcome":"vetoed"');
  });

  it('test runs the tests kept in a .rubric file', () => {
    const withTest = `${TINY_DSL}\ntest "full marks pass"\n  subject {rate: 1, level: full}\n  expect outcome pass, total 20\n`;
    const cwd = workdir({ 'tiny.rubric': withTest });
    const r = rubric(['test', 'tiny.rubric'], { cwd });
    expect(r.stdout).toContain('✓ full marks pass');
    expect(r.status).toBe(0);
  });
});
