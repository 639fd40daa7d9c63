/**
 * Hostile data (issue 7, item 3): one batch of records built to break a reader or pollute a
 * prototype. Each gives a per-record error or a correct value, the batch goes on, and records
 * out = records in, in order — through the built CLI, with one job and two, and in-process
 * (where a polluted `Object.prototype` would show).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/cli/src/main.js';
import { MemoryStream } from '../batch/helpers.js';
import { TINY_RUBRIC, jsonLines, removeWorkdirs, rubric, workdir } from '../cli/helpers.js';

afterAll(removeWorkdirs);

const AS_OF = ['--as-of', '2022-06-20'];

/** JSON Lines: a byte order mark, CRLF on some lines; each line's expected id, outcome and first error. */
const JSONL_CASES: [line: string, id: string | null, outcome: string, error?: [path: string, code: string]][] = [
  ['{"id":"proto","rate":1,"level":"full","__proto__":{"polluted":true}}', 'proto', 'invalid', ['/__proto__', 'data/unknown-field']],
  ['{"id":"ctor","rate":1,"level":"full","constructor":{"prototype":{"polluted":true}}}', 'ctor', 'invalid', ['/constructor', 'data/unknown-field']],
  ['{"id":"dup","rate":1,"level":"full","rate":0}', 'dup', 'invalid', ['/rate', 'data/duplicate-key']],
  ['{"id":"dup-escaped","rate":1,"level":"full","r\\u0061te":1}', 'dup-escaped', 'invalid', ['/rate', 'data/duplicate-key']],
  ['{"id":"same-text-in-value","rate":1,"level":"full","exposed":false}', 'same-text-in-value', 'pass'],
  ['{"id":"big","rate":1e308,"level":"full"}', 'big', 'invalid', ['/rate', 'data/out-of-range']],
  ['{"id":"tiny","rate":5e-324,"level":"partial"}', 'tiny', 'fail'],
  ['{"id":"inf","rate":1e400,"level":"full"}', 'inf', 'invalid', ['/rate', 'data/out-of-range']],
  ['{"id":"numeric-string","rate":"0.5","level":"full"}', 'numeric-string', 'invalid', ['/rate', 'data/wrong-type']],
  ['{"id":"empty-number","rate":"","level":"full"}', 'empty-number', 'invalid', ['/rate', 'data/wrong-type']],
  ['{"id":"empty-level","rate":1,"level":""}', 'empty-level', 'invalid', ['/level', 'data/unknown-level']],
  ['{"id":"nan", "rate":NaN,"level":"full"}', null, 'invalid', ['', 'data/bad-json']],
  ['{"id":"ok","rate":1,"level":"full"}', 'ok', 'pass'],
];

function hostileJsonl(): string {
  return `\ufeff${JSONL_CASES.map(([line], i) => (i % 3 === 0 ? `${line}\r` : line)).join('\n')}\n`;
}

/** CSV: a byte order mark, CRLF, a `__proto__` and a `constructor` column, a quoted newline, ragged rows. */
const CSV = [
  '\ufeffid,rate,level,__proto__,constructor',
  'proto,1,full,"{""polluted"":true}",',
  'ctor,1,full,,x',
  'empty-rate,,full,,',
  '"two\nlines",1,full,,',
  'short,1',
  'long,1,full,,,extra',
  'inf,1e400,full,,',
  'tiny,5e-324,partial,,',
  '"ok",0.5,partial,,',
].join('\r\n');

const CSV_EXPECTED: [id: string, outcome: string, line: number, error?: [path: string, code: string]][] = [
  ['proto', 'invalid', 2, ['/__proto__', 'data/unknown-field']],
  ['ctor', 'invalid', 3, ['/constructor', 'data/unknown-field']],
  ['empty-rate', 'invalid', 4, ['/rate', 'data/missing']],
  ['two\nlines', 'pass', 5],
  ['short', 'invalid', 7, ['', 'data/bad-row']],
  ['long', 'invalid', 8, ['', 'data/bad-row']],
  ['inf', 'invalid', 9, ['/rate', 'data/not-a-number']],
  ['tiny', 'fail', 10],
  ['ok', 'fail', 11],
];

function dir(): string {
  return workdir({ 'tiny.yaml': TINY_RUBRIC, 'hostile.jsonl': hostileJsonl(), 'hostile.csv': CSV });
}

describe('hostile data: a per-record error or a correct value, records out = records in', () => {
  it('JSON Lines, with one job and two: the same bytes, every record in order', () => {
    const cwd = dir();
    const one = rubric(['eval', 'tiny.yaml', '--data', 'hostile.jsonl', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(one.status, one.stderr).toBe(1);
    const results = jsonLines(one.stdout);
    expect(results).toHaveLength(JSONL_CASES.length);
    results.forEach((r, i) => {
      const [, id, outcome, error] = JSONL_CASES[i]!;
      expect([r['id'], r['outcome']], `record ${i + 1}`).toEqual([id, outcome]);
      const errors = r['errors'] as { path: string; code: string; message: string }[];
      if (error) expect(errors[0], `record ${i + 1}`).toMatchObject({ path: error[0], code: error[1] });
      else expect(errors).toEqual([]);
    });
    expect(results[2]!['errors']).toEqual([{ path: '/rate', code: 'data/duplicate-key', message: expect.stringContaining('line 3: the key "rate" is written twice') }]);
    expect(results[6]).toMatchObject({ total: 5, indicators: { rate_points: 0, level_points: 5 } });
    const two = rubric(['eval', 'tiny.yaml', '--data', 'hostile.jsonl', ...AS_OF, '--format', 'jsonl', '--jobs', '2'], { cwd });
    expect(two.status).toBe(1);
    expect(two.stdout === one.stdout).toBe(true);
  });

  it('CSV: the same, with lines counted through the quoted newline', () => {
    const r = rubric(['eval', 'tiny.yaml', '--data', 'hostile.csv', ...AS_OF, '--format', 'jsonl'], { cwd: dir() });
    expect(r.status, r.stderr).toBe(1);
    const results = jsonLines(r.stdout);
    expect(results.map((x) => [x['id'], x['outcome']])).toEqual(CSV_EXPECTED.map(([id, outcome]) => [id, outcome]));
    results.forEach((x, i) => {
      const [, , line, error] = CSV_EXPECTED[i]!;
      const errors = x['errors'] as { path: string; code: string; message: string }[];
      if (error) {
        expect(errors[0], `row ${i + 1}`).toMatchObject({ path: error[0], code: error[1] });
        if (error[1] !== 'data/missing' && error[1] !== 'data/not-a-number' && error[0] !== '/constructor') expect(errors[0]!.message).toMatch(new RegExp(`^line ${line}: `));
      } else expect(errors).toEqual([]);
    });
    expect(results[3]).toMatchObject({ total: 20 });
    expect(results[7]).toMatchObject({ total: 5 });
  });

  // The same records in JSON and in YAML (read whole): the YAML message names the record's line.
  it.each([
    {
      format: 'json',
      inRecord: '{"subjects": [{"id":"a","rate":1,"level":"full"}, {"id":"b","rate":1,"level":"full","level":"none"}, {"id":"c","rate":0,"level":"full"}]}',
      outside: '{"subjects": [], "subjects": [{"id":"a","rate":1,"level":"full"}]}',
      where: 'record 2',
    },
    {
      format: 'yaml',
      inRecord: 'subjects:\n  - { id: a, rate: 1, level: full }\n  - id: b\n    rate: 1\n    level: full\n    level: none\n  - { id: c, rate: 0, level: full }\n',
      outside: 'subjects: []\nsubjects:\n  - { id: a, rate: 1, level: full }\n',
      where: 'line 3',
    },
  ])('$format read whole: a duplicate key inside a record makes that record invalid; outside the records, the file', ({ format, inRecord, outside, where }) => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, [`a.${format}`]: inRecord, [`b.${format}`]: outside });
    const a = rubric(['eval', 'tiny.yaml', '--data', `a.${format}`, ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(a.status).toBe(1);
    const results = jsonLines(a.stdout);
    expect(results.map((x) => [x['id'], x['outcome']])).toEqual([
      ['a', 'pass'],
      ['b', 'invalid'],
      ['c', 'fail'],
    ]);
    expect(results[1]!['errors']).toEqual([{ path: '/level', code: 'data/duplicate-key', message: expect.stringContaining(`${where}: the key "level"`) }]);
    const b = rubric(['eval', 'tiny.yaml', '--data', `b.${format}`, ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(b.status).toBe(2);
    expect(b.stdout).toBe('');
    expect(b.stderr).toContain('the key "subjects" twice');
  });

  it('in-process: no prototype is polluted by `__proto__` / `constructor` keys or columns', async () => {
    const cwd = dir();
    for (const data of ['hostile.jsonl', 'hostile.csv']) {
      const stdout = new MemoryStream();
      const stderr = new MemoryStream();
      const code = await main(['eval', 'tiny.yaml', '--data', data, ...AS_OF, '--format', 'jsonl', '--record-facts'], { stdout, stderr, isTTY: false, cwd, env: {} });
      expect(code, stderr.text).toBe(1);
      expect(jsonLines(stdout.text)[0]).toMatchObject({ id: 'proto', outcome: 'invalid' });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('hostile data: the committed GBK fixture', () => {
  it('is really GBK (not UTF-8) and reads like its UTF-8 twin', () => {
    const bytes = readFileSync(join(__dirname, 'fixtures/gbk.csv'));
    expect(bytes.toString('utf8')).toContain('\ufffd');
    const twin = readFileSync(join(__dirname, 'fixtures/utf8.csv'), 'utf8');
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC });
    const gbk = rubric(['eval', 'tiny.yaml', '--data', join(__dirname, 'fixtures/gbk.csv'), ...AS_OF, '--format', 'jsonl'], { cwd });
    const utf8 = rubric(['eval', 'tiny.yaml', '--data', 'twin.csv', ...AS_OF, '--format', 'jsonl'], { cwd: workdir({ 'tiny.yaml': TINY_RUBRIC, 'twin.csv': twin }) });
    expect(gbk.status).toBe(utf8.status);
    expect(gbk.stdout).toBe(utf8.stdout);
    expect(jsonLines(gbk.stdout).map((x) => x['id'])).toEqual(['东城区安定门街道', '西城区德胜街道', '朝阳区望京街道']);
    expect(gbk.stderr).toContain('read as GB18030');
    expect(utf8.stderr).not.toContain('GB18030');
  });
});
