/** `rubric diff` end to end: formats, the published schema, escaping, usage errors, exit codes. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { DIFF_SCHEMA } from '@rubric/rubric';
import { TINY_RUBRIC, BROKEN_RUBRIC, DATA_JSONL, rubric, workdir, removeWorkdirs } from '../cli/helpers.js';

afterAll(removeWorkdirs);

const DIR = 'rubrics/beijing-epidemic-free-community';

// ajv is the engine's dependency; resolve it as the engine does.
const Ajv = createRequire(new URL('../../packages/engine/package.json', import.meta.url))('ajv') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };

describe('the published diff schema', () => {
  it('docs/schema/diff.v1.json is the code’s schema (run scripts/write-schemas.mjs after a change)', () => {
    const published = JSON.parse(readFileSync(new URL('../../docs/schema/diff.v1.json', import.meta.url), 'utf8'));
    expect(published).toEqual(DIFF_SCHEMA);
  });

  it('validates real output, with and without impact', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(DIFF_SCHEMA);
    for (const args of [
      ['diff', `${DIR}/2022-05.yaml`, `${DIR}/2022-06.yaml`, '--data', `${DIR}/sample.csv`, '--format', 'json'],
      ['diff', `${DIR}/2022-07.yaml`, `${DIR}/2022-06.yaml`, '--format', 'json'],
    ]) {
      const r = rubric(args);
      expect(r.status, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('rejects output that breaks it (so the check can fail)', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(DIFF_SCHEMA);
    const r = rubric(['diff', `${DIR}/2022-06.yaml`, `${DIR}/2022-07.yaml`, '--format', 'json']);
    const json = JSON.parse(r.stdout);
    json.changes[0].kind = 'reworded';
    expect(validate(json)).toBe(false);
  });
});

describe('rubric diff output', () => {
  it('text: the changes, then the impact with flips first and the counts', () => {
    const r = rubric(['diff', `${DIR}/2022-06.yaml`, `${DIR}/2022-07.yaml`, '--data', `${DIR}/sample.csv`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('  pass_mark from 2022-07-01: 85; 80 where district_risk is low → 80\n');
    expect(r.stdout).toContain('Impact on rubrics/beijing-epidemic-free-community/sample.csv (old as of 2022-06-14, new as of 2022-07-01)\n');
    expect(r.stdout).toMatch(/ {2}67 subjects: 5 flipped, \d+ with another total, \d+ unchanged\n/);
    expect(r.stdout).toMatch(/ {2}fail → pass +5\n/);
    expect(r.stdout.indexOf('Flipped\n')).toBeLessThan(r.stdout.indexOf('Same outcome, another total\n'));
    expect(r.stdout).toContain('  BJ-XC-001  fail 84.5 (pass mark 85) → pass 86.5 (pass mark 80)\n');
  });

  it('md: fit for a review, with the impact as tables', () => {
    const r = rubric(['diff', `${DIR}/2022-06.yaml`, `${DIR}/2022-07.yaml`, '--data', `${DIR}/sample.jsonl`, '--format', 'md']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^## 北京市无疫社区（村）创建工作量表: 2022-06 → 2022-07\n\n\| \| version \| file \| content hash \| in force \|\n/);
    expect(r.stdout).toContain('| old | 2022-06 | <code>rubrics/beijing-epidemic-free-community/2022-06.yaml</code> | <code>sha256:');
    expect(r.stdout).toContain('### Impact on <code>rubrics/beijing-epidemic-free-community/sample.jsonl</code>\n');
    expect(r.stdout).toContain('| fail | pass | 5 |\n');
    expect(r.stdout).toContain('- **BJ-XC-001**: fail 84.5 (pass mark 85) → pass 86.5 (pass mark 80)\n');
    expect(r.stdout).toContain('  - no longer: <code>below-pass-mark</code> — total 84.5 is below the pass mark 85\n');
  });

  it('md: user text cannot break the Markdown', () => {
    const evil = TINY_RUBRIC.replace('title: 小测试量表', 'title: "A | B <script>alert(1)</script> *x* [l](http://e) `c`"');
    const cwd = workdir({ 'a.yaml': TINY_RUBRIC, 'b.yaml': evil.replace('level_points\n        title: 等级指标', 'level_points\n        title: "x|y"') });
    const r = rubric(['diff', 'a.yaml', 'b.yaml', '--format', 'md'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('<script>');
    expect(r.stdout).toContain('&lt;script&gt;');
    expect(r.stdout).toContain('A \\| B');
    expect(r.stdout).toContain('\\*x\\*');
    expect(r.stdout).toContain('\\[l\\]');
    expect(r.stdout).toContain('\\`c\\`');
  });

  it('text: control characters in user text are escaped', () => {
    const cwd = workdir({ 'a.yaml': TINY_RUBRIC, 'b.yaml': TINY_RUBRIC.replace('title: 小测试量表', 'title: "x\\u001b[31my"') });
    const r = rubric(['diff', 'a.yaml', 'b.yaml'], { cwd });
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('x\\u001b[31my');
  });

  it('reads data from standard input', () => {
    const cwd = workdir({ 'a.yaml': TINY_RUBRIC, 'b.yaml': TINY_RUBRIC.replace('pass_mark: 15', 'pass_mark: 10') });
    const r = rubric(['diff', 'a.yaml', 'b.yaml', '--data', '-', '--data-format', 'jsonl', '--format', 'json'], { cwd, input: DATA_JSONL });
    expect(r.status, r.stderr).toBe(0);
    const impact = JSON.parse(r.stdout).impact;
    expect(impact.subjects).toBe(5);
    expect(impact.counts).toEqual([
      { from: 'fail', to: 'pass', count: 1 },
      { from: 'pass', to: 'pass', count: 1 },
      { from: 'vetoed', to: 'vetoed', count: 1 },
      { from: 'invalid', to: 'invalid', count: 2 },
    ]);
    expect(impact.results[0]).toMatchObject({ id: 'c2', flipped: true, causes: [{ kind: 'pass-mark', before: 15, after: 10 }, { kind: 'reason', change: 'removed', key: 'below-pass-mark' }] });
  });
});

describe('rubric diff exit codes and errors', () => {
  it('0 for a diff, 1 with --exit-code when there are changes, 0 with it when there are none', () => {
    expect(rubric(['diff', `${DIR}/2022-06.yaml`, `${DIR}/2022-07.yaml`]).status).toBe(0);
    expect(rubric(['diff', `${DIR}/2022-06.yaml`, `${DIR}/2022-07.yaml`, '--exit-code']).status).toBe(1);
    const same = rubric(['diff', `${DIR}/2022-06.yaml`, `${DIR}/2022-06.yaml`, '--exit-code']);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('no changes of meaning\n');
  });

  it('2 for a rubric with errors (located), or one that cannot be read', () => {
    const cwd = workdir({ 'ok.yaml': TINY_RUBRIC, 'broken.yaml': BROKEN_RUBRIC });
    const broken = rubric(['diff', 'ok.yaml', 'broken.yaml'], { cwd });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('broken.yaml:9:');
    expect(broken.stderr).toContain('error: the rubric broken.yaml has 2 errors; nothing was compared');
    expect(broken.stdout).toBe('');
    const missing = rubric(['diff', 'ok.yaml', 'nope.yaml'], { cwd });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('error: cannot read the rubric nope.yaml');
  });

  it('2 for a folder, naming two version files to compare instead', () => {
    const r = rubric(['diff', DIR, `${DIR}/2022-06.yaml`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`error: ${DIR} is a folder; name the two version files to compare, e.g. \`rubric diff ${DIR}/2022-06`);
  });

  it('2 for bad usage: a bad date, --as-of without --data, a data file of unknown format, missing data', () => {
    const cwd = workdir({ 'a.yaml': TINY_RUBRIC, 'data.txt': 'x' });
    const cases: [string[], string][] = [
      [['--data', 'data.txt'], 'cannot tell the format of the data file `data.txt`'],
      [['--data', 'x.jsonl', '--as-of', '2022-02-30'], '--as-of must be a date written YYYY-MM-DD, not `2022-02-30`'],
      [['--as-of', '2022-02-01'], '--as-of is the date to evaluate --data on; give --data too'],
      [['--data', '-'], 'reading data from standard input needs --data-format'],
      [['--data', 'missing.csv'], 'cannot read the data file missing.csv: no such file'],
      [['--format', 'html'], "argument 'html' is invalid"],
    ];
    for (const [extra, message] of cases) {
      const r = rubric(['diff', 'a.yaml', 'a.yaml', ...extra], { cwd });
      expect(r.status, extra.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });
});
