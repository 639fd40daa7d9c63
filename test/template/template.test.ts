/**
 * `rubric template` end to end (built CLI): each form format for the Beijing rubric and for a
 * rubric with every fact type, filled in programmatically and evaluated with `rubric eval`;
 * what an unfilled form gives; user text that tries to break out of comments and cells;
 * usage and rubric errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { CsvParser } from '../../packages/cli/src/data/csv-parser.js';
import { BROKEN_RUBRIC, ROOT, jsonLines, removeWorkdirs, rubric, workdir } from '../cli/helpers.js';

afterAll(removeWorkdirs);

// yaml is a dependency of the CLI, not of the root: resolve it from there.
const { isMap, isSeq, parse, parseDocument } = createRequire(new URL('../../packages/cli/package.json', import.meta.url))('yaml') as typeof import('yaml');

const BEIJING = join(ROOT, 'rubrics/beijing-epidemic-free-community/2022-06.yaml');
/** The sample's subjects (its first lines are all valid). */
const SAMPLE = jsonLines(readFileSync(join(ROOT, 'rubrics/beijing-epidemic-free-community/sample.jsonl'), 'utf8').split('\n').slice(0, 5).join('\n'));
const AS_OF = ['--as-of', '2022-06-20'];

/** A rubric with every fact type, optional facts, lists, a discretionary range, and hostile text in labels. */
const ALL_TYPES = `rubric: all-types
title: "各类事实 — \\"quoted\\" */ \${x}"
version: "1.10"
effective: { from: 2022-01-01 }
total: 20
facts:
  flag:
    label: "开关\\n# not a comment: injected: true"
    description: "line one\\nline two, with a comma\\u2028and a separator \\u001b[2J"
    type: boolean
  visits: { label: 次数, type: integer, min: 0, max: 9 }
  amount: { label: 金额, type: decimal, required: false, default: 0 }
  rate: { label: 比率, type: ratio }
  level: { label: 等级, type: level, levels: { full: 完全, "true": 真, "1": 一 } }
  since: { label: 日期, type: date }
  note: { label: 备注, type: text, required: false, default: "" }
  gates:
    label: 卡口
    type: list
    fields:
      name: { label: 名称, type: text }
      staffed: { label: 值守, type: boolean }
  cases:
    label: 案例
    type: list
    required: false
    default: []
    fields:
      penalty: { label: 扣分, type: decimal }
pass_mark: 10
sections:
  - id: s1
    title: 部分
    indicators:
      - id: i_flag
        title: 开关
        points: 10
        score: if flag then 10 else 0
      - id: i_rate
        title: 比率
        points: 10
        score: round(10 * rate, 0.5)
deductions:
  - id: cases
    reason: 视情扣分
    fact: cases
    field: penalty
    range: [0.5, 2]
`;

function template(args: string[], cwd?: string) {
  return rubric(['template', ...args], cwd === undefined ? {} : { cwd });
}

/** Sets every `key: value` of `values` on the form's first subject, keeping its comments. */
function fillYaml(form: string, values: Record<string, unknown>): string {
  const doc = parseDocument(form);
  const subjects = doc.get('subjects');
  if (!isSeq(subjects)) throw new Error('no subjects list');
  const first = subjects.items[0] as import('yaml').YAMLMap;
  for (const [k, v] of Object.entries(values)) first.set(k, doc.createNode(v));
  return doc.toString();
}

function csvRows(text: string): string[][] {
  const p = new CsvParser();
  return [...p.push(text), ...p.end()].map((r) => r.cells ?? []);
}

describe('rubric template: the Beijing rubric', () => {
  const subject = SAMPLE[3]!; // BJ-XC-001: fails at 84.5
  const direct = () => {
    const cwd = workdir({ 'one.jsonl': `${JSON.stringify(subject)}\n` });
    return jsonLines(rubric(['eval', BEIJING, '--data', 'one.jsonl', ...AS_OF, '--format', 'jsonl'], { cwd }).stdout)[0]!;
  };

  it('YAML: a comment for every fact, blank values; filled in, it scores as the data it holds', () => {
    const r = template([BEIJING]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('# 24小时卡口值守情况\n');
    expect(r.stdout).toContain('# one of: full (完全落实) | partial (部分落实) | none (未落实); required\n    checkpoint_24h:\n');
    expect(r.stdout).toContain('# a whole number ≥ 0; required\n    hotline_bad_count:\n');
    const data = parse(r.stdout) as { rubric: Record<string, string>; subjects: Record<string, unknown>[] };
    expect(data.rubric).toMatchObject({ id: 'beijing-epidemic-free-community', version: '2022-06', hash: expect.stringMatching(/^sha256:/) });
    expect(Object.keys(data.subjects[0]!)).toEqual(['id', 'name', ...Object.keys(subject).filter((k) => k !== 'id')]);
    expect(Object.values(data.subjects[0]!).slice(2).every((v) => v === null)).toBe(true);

    const cwd = workdir({ 'form.yaml': fillYaml(r.stdout, subject) });
    const e = rubric(['eval', BEIJING, '--data', 'form.yaml', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(e.status, e.stderr).toBe(0);
    expect(jsonLines(e.stdout)).toEqual([direct()]);
  });

  it('YAML left blank: the subject is invalid, with every required fact named', () => {
    const cwd = workdir();
    expect(template([BEIJING, '--out', 'form.yaml'], cwd).status).toBe(0);
    const e = rubric(['eval', BEIJING, '--data', 'form.yaml', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(e.status).toBe(1);
    const [result] = jsonLines(e.stdout);
    expect(result).toMatchObject({ id: null, outcome: 'invalid' });
    const paths = (result!['errors'] as { path: string }[]).map((x) => x.path);
    for (const k of Object.keys(subject).filter((k) => k !== 'id')) expect(paths).toContain(`/${k}`);
  });

  it('CSV: a header of fact ids, a # description row the reader skips; rows added below are scored', () => {
    const r = template([BEIJING, '--format', 'csv']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.startsWith('\ufeffid,name,checkpoint_24h,four_piece_check_rate,')).toBe(true);
    const lines = r.stdout.slice(1).split('\n');
    expect(lines).toHaveLength(3); // header, description, and the final line end
    expect(lines[1]!.startsWith("# the subject's id,")).toBe(true);
    const [header, descriptions] = csvRows(r.stdout.slice(1).replace(/^#/m, ''));
    expect(descriptions).toHaveLength(header!.length);
    expect(descriptions![header!.indexOf('district_risk')]).toBe(
      '所在区风险等级 — one of: low (低风险) | medium (中风险) | high (高风险); required — 社区（村）所在区的疫情风险等级，决定达标分数线（低风险区80分，其余85分；示例性设定）',
    );
    // A row in the header's order; booleans the way a spreadsheet user writes them.
    const row = header!.map((h) => (h === 'name' ? '西城某社区' : typeof subject[h] === 'boolean' ? (subject[h] ? '是' : '否') : String(subject[h])));
    const cwd = workdir({ 'form.csv': `${r.stdout}${row.join(',')}\n` });
    const e = rubric(['eval', BEIJING, '--data', 'form.csv', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(e.status, e.stderr).toBe(0);
    expect(jsonLines(e.stdout)).toEqual([direct()]);
  });

  it('JSON: an example subject that is valid as it stands; filled in, it scores as the data it holds', () => {
    const r = template([BEIJING, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const form = JSON.parse(r.stdout) as { rubric: Record<string, string>; subjects: Record<string, unknown>[] };
    expect(form.rubric).toMatchObject({ id: 'beijing-epidemic-free-community', title: '北京市无疫社区（村）创建工作量表', version: '2022-06' });
    expect(form.subjects[0]).toMatchObject({ id: '', name: '', checkpoint_24h: 'full', four_piece_check_rate: 0, checkpoint_facilities_ok: false, hotline_bad_count: 0, district_risk: 'low' });
    const cwd = workdir({ 'as-is.json': r.stdout, 'filled.json': JSON.stringify({ ...form, subjects: [{ ...form.subjects[0], ...subject }] }) });
    const asIs = rubric(['eval', BEIJING, '--data', 'as-is.json', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(asIs.status, asIs.stderr).toBe(0);
    expect(jsonLines(asIs.stdout)[0]).toMatchObject({ id: null, outcome: 'fail' });
    const filled = rubric(['eval', BEIJING, '--data', 'filled.json', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(filled.status, filled.stderr).toBe(0);
    expect(jsonLines(filled.stdout)).toEqual([direct()]);
  });

  it('--out writes the file, its format taken from the extension; --format wins over it', () => {
    const cwd = workdir();
    expect(template([BEIJING, '--out', 'form.csv'], cwd)).toMatchObject({ status: 0, stdout: '' });
    expect(readFileSync(join(cwd, 'form.csv'), 'utf8').startsWith('\ufeffid,name,')).toBe(true);
    expect(template([BEIJING, '--out', 'form.json'], cwd).status).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'form.json'), 'utf8'))).toHaveProperty('subjects');
    expect(template([BEIJING, '--out', 'form.txt', '--format', 'json'], cwd).status).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'form.txt'), 'utf8'))).toHaveProperty('subjects');
    expect(template([BEIJING, '--out', 'form.txt'], cwd).status).toBe(0);
    expect(readFileSync(join(cwd, 'form.txt'), 'utf8').startsWith('# Self-assessment form')).toBe(true);
  });
});

describe('rubric template: every fact type, and text that tries to escape', () => {
  const cwd = workdir({ 'all.yaml': ALL_TYPES });
  const filled = {
    id: 'A-1',
    name: '某社区',
    flag: true,
    visits: 3,
    amount: 1.5,
    rate: 0.575,
    level: 'true',
    since: '2022-03-01',
    note: 'ok',
    gates: [{ name: '北门', staffed: true }],
    cases: [{ penalty: 0.5 }, { penalty: 2 }],
  };

  it('the rubric itself is valid', () => {
    const r = rubric(['check', 'all.yaml'], { cwd });
    expect(r.status, r.stderr).toBe(0);
  });

  it('YAML: hostile labels stay inside comments; ranges, levels and defaults are stated; filled in, it scores', () => {
    const r = template(['all.yaml'], cwd);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b|\u2028/);
    // Every line is a comment, a key, or part of the rubric/subjects skeleton.
    const doc = parseDocument(r.stdout);
    expect(doc.errors).toEqual([]);
    const form = doc.toJS() as { rubric: Record<string, string>; subjects: Record<string, unknown>[] };
    expect(form.rubric).toMatchObject({ title: '各类事实 — "quoted" */ ${x}', version: '1.10' });
    expect(form.subjects[0]).toEqual({ id: '', name: '', flag: null, visits: null, amount: 0, rate: null, level: null, since: null, note: '', gates: [{ name: null, staffed: null }], cases: [] });
    expect(r.stdout).toContain('# 开关\n    # # not a comment: injected: true\n    # line one\n    # line two, with a comma\n    # and a separator \\u001b[2J\n');
    expect(r.stdout).toContain('# a whole number from 0 to 9; required\n    visits:');
    expect(r.stdout).toContain('# one of: full (完全) | "true" (真) | "1" (一); required\n    level:');
    expect(r.stdout).toContain('# a number; optional, default: 0\n    amount: 0');
    expect(r.stdout).toContain('# field penalty (扣分): a number from 0.5 to 2; required');
    expect(r.stdout).toContain('# e.g. [ { penalty: 0.5 } ]\n    cases: []');

    const dir = workdir({ 'all.yaml': ALL_TYPES, 'form.yaml': fillYaml(r.stdout, filled) });
    const e = rubric(['eval', 'all.yaml', '--data', 'form.yaml', ...AS_OF, '--format', 'jsonl'], { cwd: dir });
    expect(e.status, e.stderr).toBe(0);
    expect(jsonLines(e.stdout)[0]).toMatchObject({ id: 'A-1', outcome: 'pass', total: 13.5, indicators: { i_flag: 10, i_rate: 6 }, deductionTotal: 2.5 });
  });

  it('CSV: the description row stays one comment line; list facts are JSON cells', () => {
    const r = template(['all.yaml', '--format', 'csv'], cwd);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b|\u2028/);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]!.startsWith('#')).toBe(true);
    expect(lines[1]).toContain('a JSON list of records with name, staffed, e.g. [{""name"":"""",""staffed"":false}]');
    const header = lines[0]!.slice(1).split(',');
    const cell = (k: string): string => {
      const v = (filled as Record<string, unknown>)[k];
      return typeof v === 'object' ? `"${JSON.stringify(v).replace(/"/g, '""')}"` : String(v);
    };
    const dir = workdir({ 'all.yaml': ALL_TYPES, 'form.csv': `${r.stdout}${header.map(cell).join(',')}\n` });
    const e = rubric(['eval', 'all.yaml', '--data', 'form.csv', ...AS_OF, '--format', 'jsonl'], { cwd: dir });
    expect(e.status, e.stderr).toBe(0);
    expect(jsonLines(e.stdout)[0]).toMatchObject({ id: 'A-1', outcome: 'pass', total: 13.5 });
  });

  it('JSON: the example is valid as it stands', () => {
    const r = template(['all.yaml', '--format', 'json'], cwd);
    expect(r.status, r.stderr).toBe(0);
    const form = JSON.parse(r.stdout) as { subjects: Record<string, unknown>[] };
    expect(form.subjects[0]).toEqual({ id: '', name: '', flag: false, visits: 0, amount: 0, rate: 0, level: 'full', since: '2022-01-01', note: '', gates: [{ name: '', staffed: false }], cases: [] });
    const e = rubric(['eval', 'all.yaml', '--data', '-', '--data-format', 'json', ...AS_OF, '--format', 'jsonl'], { cwd, input: r.stdout });
    expect(e.status, e.stderr).toBe(0);
    expect(isMap(parseDocument(r.stdout).contents)).toBe(true);
  });
});

describe('rubric template DIR: the version in force on --as-of', () => {
  const DIR = join(ROOT, 'rubrics/beijing-epidemic-free-community');

  it('gives the form of the version in force, the same as for its file', () => {
    for (const [date, file] of [
      ['2022-06-01', '2022-05.yaml'],
      ['2022-06-20', '2022-06.yaml'],
      ['2022-07-02', '2022-07.yaml'],
    ] as const) {
      const fromDir = template([DIR, '--as-of', date, '--format', 'csv']);
      expect(fromDir.status, fromDir.stderr).toBe(0);
      expect(fromDir.stdout).toBe(template([join(DIR, file), '--format', 'csv']).stdout);
    }
  });

  it('says which versions there are when none is in force; rejects a date that is no date', () => {
    const none = template([DIR, '--as-of', '2021-01-01']);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('no version of beijing-epidemic-free-community is in force on 2021-01-01');
    const bad = template([DIR, '--as-of', '2022-13-01']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--as-of must be a date written YYYY-MM-DD');
  });

  it('a folder with errors: its diagnostics, no form', () => {
    const cwd = workdir({ 'a.yaml': BROKEN_RUBRIC });
    const r = template(['.'], cwd);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no form was written');
  });
});

describe('rubric template: errors', () => {
  it('a rubric with errors: its diagnostics, no form, exit 2', () => {
    const cwd = workdir({ 'broken.yaml': BROKEN_RUBRIC });
    const r = template(['broken.yaml'], cwd);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^broken\.yaml:9:\d+ error /m);
    expect(r.stderr).toContain('no form was written');
  });

  it('a missing rubric file, exit 2', () => {
    const r = template(['no-such.yaml'], workdir());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no-such\.yaml/);
  });

  it('bad usage: an unknown format, --out -, no rubric', () => {
    const bad = template([BEIJING, '--format', 'xml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/xml/);
    const dash = template([BEIJING, '--out', '-']);
    expect(dash.status).toBe(2);
    expect(dash.stderr).toContain('--out needs a file name');
    expect(template([]).status).toBe(2);
  });

  it('an output file that cannot be created, exit 2, nothing written', () => {
    const r = template([BEIJING, '--out', 'no/such/dir/form.yaml'], workdir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot write the output file');
  });

  it('--help describes the formats', () => {
    const r = template(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--format <format>');
    expect(r.stdout).toContain('description row');
  });
});
