/**
 * `rubric eval` end to end: every format, order preservation with invalid records in the
 * middle, exit codes, --explain, --out, standard input and streaming. Needs the YAML front end,
 * the checker and the evaluator.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser } from '../../packages/cli/src/data/csv-parser.js';
import { displayWidth } from '@rubric/rubric';
import { BIN, BROKEN_RUBRIC, DATA_CSV, DATA_JSONL, EXPECTED, TINY_RUBRIC, VALID_JSON, jsonLines, rubric, workdir, removeWorkdirs } from './helpers.js';

afterAll(removeWorkdirs);

const AS_OF = ['--as-of', '2022-06-20'];

function files(): string {
  return workdir({ 'tiny.yaml': TINY_RUBRIC, 'data.csv': DATA_CSV, 'data.jsonl': DATA_JSONL, 'valid.json': VALID_JSON });
}

function parseCsv(text: string): string[][] {
  const p = new CsvParser();
  return [...p.push(text), ...p.end()].map((r) => r.cells ?? []);
}

describe('rubric eval: records out = records in, same order', () => {
  it('CSV with a ragged row and a bad cell in the middle → jsonl, exit 1', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', 'data.csv', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(r.status, r.stderr).toBe(1);
    const results = jsonLines(r.stdout);
    expect(results.map((x) => [x['id'], x['outcome']])).toEqual(EXPECTED);
    expect(results[0]).toMatchObject({ total: 20, passMark: 15, indicators: { rate_points: 10, level_points: 10 }, asOf: '2022-06-20' });
    expect(results[1]).toMatchObject({ total: 10, reasons: [expect.objectContaining({ key: 'below-pass-mark' })] });
    expect(results[2]!['errors']).toEqual([{ path: '', code: 'data/bad-row', message: 'line 5: 2 cells where the header has 4' }]);
    expect(results[3]!['errors']).toEqual([expect.objectContaining({ path: '/rate' })]);
    expect(results[4]).toMatchObject({ vetoes: ['media'] });
    for (const x of results) expect(x['rubric']).toMatchObject({ id: 'tiny', version: '1', hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
  });

  it('JSONL with a line that is not JSON in the middle, exit 1', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', 'data.jsonl', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(r.status, r.stderr).toBe(1);
    const results = jsonLines(r.stdout);
    expect(results.map((x) => x['outcome'])).toEqual(['pass', 'fail', 'invalid', 'invalid', 'vetoed']);
    expect(results.map((x) => x['id'])).toEqual(['c1', 'c2', null, 'c4', 'c5']);
    expect(results[2]!['errors']).toEqual([expect.objectContaining({ path: '', code: 'data/bad-json', message: expect.stringMatching(/^line 3: /) })]);
  });

  it('every record scored → exit 0 (JSON data, json format)', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', 'valid.json', ...AS_OF, '--format', 'json'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(results.map((x) => [x['id'], x['outcome']])).toEqual([
      ['c1', 'pass'],
      ['c2', 'fail'],
      ['c5', 'vetoed'],
    ]);
  });

  it('YAML data, and JSON with a subjects list', () => {
    const cwd = workdir({
      'tiny.yaml': TINY_RUBRIC,
      'data.yaml': '- { id: c1, rate: 1, level: full }\n- just text\n- id: c2\n  rate: 0.5\n  level: partial\n',
      'wrapped.json': JSON.stringify({ subjects: [{ id: 'c1', rate: 1, level: 'full' }] }),
    });
    const y = rubric(['eval', 'tiny.yaml', '--data', 'data.yaml', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(y.status, y.stderr).toBe(1);
    const ry = jsonLines(y.stdout);
    expect(ry.map((x) => x['outcome'])).toEqual(['pass', 'invalid', 'fail']);
    expect(ry[1]!['errors']).toEqual([expect.objectContaining({ code: 'data/not-an-object', message: expect.stringMatching(/^line 2: /) })]);
    const w = rubric(['eval', 'tiny.yaml', '--data', 'wrapped.json', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(w.status, w.stderr).toBe(0);
    expect(jsonLines(w.stdout)).toHaveLength(1);
  });

  it('thousands of CSV records come out complete and in order', () => {
    const rows = ['id,rate,level'];
    for (let i = 0; i < 3000; i++) rows.push(i % 500 === 7 ? `r${i},1` : `r${i},${(i % 11) / 10},${['full', 'partial', 'none'][i % 3]}`);
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'big.csv': `${rows.join('\n')}\n` });
    const r = rubric(['eval', 'tiny.yaml', '--data', 'big.csv', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(r.status, r.stderr).toBe(1);
    const results = jsonLines(r.stdout);
    expect(results.map((x) => x['id'])).toEqual(Array.from({ length: 3000 }, (_, i) => `r${i}`));
    expect(results.filter((x) => x['outcome'] === 'invalid')).toHaveLength(6);
  });

  it('results are streamed: the first JSONL result is written before the input ends', async () => {
    const cwd = files();
    const child = spawn(process.execPath, [BIN, 'eval', 'tiny.yaml', '--data', '-', '--data-format', 'jsonl', ...AS_OF, '--format', 'jsonl'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    const first = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('\n')) resolve();
      });
    });
    child.stdin.write('{"id":"c1","rate":1,"level":"full"}\n');
    await first;
    expect(jsonLines(out)[0]).toMatchObject({ id: 'c1', outcome: 'pass' });
    child.stdin.end('{"id":"c2","rate":0.5,"level":"partial"}\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(jsonLines(out).map((x) => x['id'])).toEqual(['c1', 'c2']);
  });
});

describe('rubric eval: formats', () => {
  it('table (default): rubric line, aligned rows with outcome symbols, counts', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', 'data.csv', ...AS_OF], { cwd });
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^小测试量表 {2}tiny 1 {2}sha256:[0-9a-f]{12} {2}as of 2022-06-20$/);
    expect(r.stdout).toMatch(/^id\s+outcome\s+total\s+pass mark\s+reason$/m);
    expect(r.stdout).toMatch(/^c1\s+✓ pass\s+20\s+15$/m);
    expect(r.stdout).toMatch(/^c2\s+✗ fail\s+10\s+15 {2}\S/m);
    expect(r.stdout).toMatch(/^c3\s+! invalid\s+—\s+— {2}line 5: 2 cells where the header has 4$/m);
    expect(r.stdout).toMatch(/^c4\s+! invalid\s+—\s+— {2}\/rate: /m);
    expect(r.stdout).toMatch(/^c5\s+⊘ vetoed\s+20\s+15 {2}.*媒体曝光/m);
    expect(r.stdout).toContain('5 subjects: 1 pass, 1 fail, 1 vetoed, 2 invalid\n');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('table: colour only on a terminal, never with NO_COLOR, and control characters escaped', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'd.csv': 'id,rate,level\n"\u001b[31mevil\u0007",1,full\n北京市东城区,1,full\n' });
    const r = rubric(['eval', 'tiny.yaml', '--data', 'd.csv', ...AS_OF], { cwd, env: { FORCE_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(r.stdout).toContain('\\u001b[31mevil\\u0007');
    // Both rows' outcomes start at the same terminal column: 北京市东城区 is 12 columns wide, not 6.
    const row = r.stdout.split('\n').find((l) => l.startsWith('北京市东城区'))!;
    const evil = r.stdout.split('\n').find((l) => l.startsWith('\\u001b'))!;
    const column = (line: string) => displayWidth(line.slice(0, line.indexOf('✓')));
    expect(column(evil)).toBe('\\u001b[31mevil\\u0007'.length + 2);
    expect(column(row)).toBe(column(evil));
  });

  it('csv: a column per section and indicator, reasons and errors joined', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', 'data.csv', ...AS_OF, '--format', 'csv'], { cwd });
    expect(r.status, r.stderr).toBe(1);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual([
      'id', 'outcome', 'total', 'passMark', 'grade', 's1', 'rate_points', 'level_points',
      'deductionTotal', 'vetoes', 'hardRequirementsFailed', 'reasons', 'errors',
    ]);
    expect(rows).toHaveLength(6);
    expect(rows[1]).toEqual(['c1', 'pass', '20', '15', '', '20', '10', '10', '0', '', '', '', '']);
    expect(rows[3]![12]).toBe('line 5: 2 cells where the header has 4');
    expect(rows[5]!.slice(0, 2)).toEqual(['c5', 'vetoed']);
    expect(rows[5]![9]).toBe('media');
    expect(rows[5]![11]).toContain('媒体曝光');
  });

  it('md: a Markdown table and a counts line', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', 'data.csv', ...AS_OF, '--format', 'md'], { cwd });
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('| id | outcome | total | pass mark | reason |');
    expect(lines).toContain('|---|---|---:|---:|---|');
    expect(lines).toContain('| c1 | pass | 20 | 15 |  |');
    expect(lines).toContain('| c3 | invalid | — | — | line 5: 2 cells where the header has 4 |');
    expect(lines).toContain('5 subjects: 1 pass, 1 fail, 1 vetoed, 2 invalid');
  });
});

describe('rubric eval: --explain', () => {
  it('table: the explanation follows the table on stdout', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', 'valid.json', ...AS_OF, '--explain', 'c2'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    const at = r.stdout.indexOf('Explanation for c2: ✗ fail, as of 2022-06-20');
    expect(at).toBeGreaterThan(r.stdout.indexOf('3 subjects:'));
    const text = r.stdout.slice(at);
    expect(text).toMatch(/rate_points {2}比率指标 {2}5\/10\n/);
    expect(text).toMatch(/level_points {2}等级指标 {2}5\/10\n\s+case 2/);
    expect(text).toMatch(/read: .*rate = 0\.5/);
    expect(text).toContain('pass mark 15');
    expect(text).toMatch(/media {2}not fired {2}媒体曝光/);
    expect(text).toContain('below-pass-mark');
  });

  it('jsonl: the explained subject carries `explanation`; the text goes to stderr', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', 'data.csv', ...AS_OF, '--format', 'jsonl', '--explain', 'c2'], { cwd });
    expect(r.status, r.stderr).toBe(1);
    const results = jsonLines(r.stdout);
    expect(results.map((x) => 'explanation' in x)).toEqual([false, true, false, false, false]);
    expect(results[1]!['explanation']).toMatchObject({ indicators: { rate_points: expect.any(Object), level_points: { branch: 'case 2' } } });
    expect(r.stderr).toContain('Explanation for c2');
  });

  it('an id that is not in the data: exit 2', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', 'valid.json', ...AS_OF, '--explain', 'nobody'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no record has the id nobody');
  });
});

describe('rubric eval: --out', () => {
  it('writes the file (same as stdout would be), leaves no temporary file, prints nothing', () => {
    const cwd = files();
    const direct = rubric(['eval', 'tiny.yaml', '--data', 'data.csv', ...AS_OF, '--format', 'jsonl'], { cwd });
    const r = rubric(['eval', 'tiny.yaml', '--data', 'data.csv', ...AS_OF, '--format', 'jsonl', '--out', 'results.jsonl'], { cwd });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(cwd, 'results.jsonl'), 'utf8')).toBe(direct.stdout);
    expect(readdirSync(cwd).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a failed run leaves an existing file untouched and no temporary file', () => {
    const cwd = workdir({ 'broken.yaml': BROKEN_RUBRIC, 'tiny.yaml': TINY_RUBRIC, 'bad.json': '[{"id":', 'data.csv': DATA_CSV });
    writeFileSync(join(cwd, 'out.jsonl'), 'previous\n');
    for (const argv of [
      ['eval', 'broken.yaml', '--data', 'data.csv', '--out', 'out.jsonl'],
      ['eval', 'tiny.yaml', '--data', 'bad.json', '--out', 'out.jsonl'],
      ['eval', 'tiny.yaml', '--data', 'missing.csv', '--out', 'out.jsonl'],
    ]) {
      const r = rubric([...argv, ...AS_OF], { cwd });
      expect(r.status, argv.join(' ')).toBe(2);
      expect(readFileSync(join(cwd, 'out.jsonl'), 'utf8')).toBe('previous\n');
      expect(readdirSync(cwd).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
    expect(existsSync(join(cwd, 'new.jsonl'))).toBe(false);
  });

  it('a directory that does not exist: exit 2', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', 'data.csv', ...AS_OF, '--out', 'no/such/dir/out.csv'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot write the output file');
  });
});

describe('rubric eval: inputs and errors', () => {
  it('reads standard input with --data - --data-format', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', '-', '--data-format', 'csv', ...AS_OF, '--format', 'jsonl'], { cwd, input: DATA_CSV });
    expect(r.status, r.stderr).toBe(1);
    expect(jsonLines(r.stdout).map((x) => [x['id'], x['outcome']])).toEqual(EXPECTED);
  });

  it('--data-format overrides the file name', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'data.txt': DATA_JSONL });
    const r = rubric(['eval', 'tiny.yaml', '--data', 'data.txt', '--data-format', 'jsonl', ...AS_OF, '--format', 'jsonl'], { cwd });
    expect(r.status, r.stderr).toBe(1);
    expect(jsonLines(r.stdout)).toHaveLength(5);
  });

  it('a rubric with errors: its diagnostics, exit 2, nothing on stdout', () => {
    const cwd = workdir({ 'broken.yaml': BROKEN_RUBRIC, 'data.csv': DATA_CSV });
    const r = rubric(['eval', 'broken.yaml', '--data', 'data.csv', ...AS_OF], { cwd });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^broken\.yaml:9:\d+ error yaml\/unknown-key/m);
  });

  it('a missing rubric, a missing data file, data that is not JSON: exit 2, no stack trace', () => {
    const cwd = workdir({ 'tiny.yaml': TINY_RUBRIC, 'bad.json': '{"subjects": [' });
    for (const [argv, message] of [
      [['eval', 'missing.yaml', '--data', 'bad.json'], 'missing.yaml:1:1 error io/unreadable'],
      [['eval', 'tiny.yaml', '--data', 'missing.csv'], 'cannot read the data file missing.csv: no such file'],
      [['eval', 'tiny.yaml', '--data', 'bad.json'], 'not valid JSON'],
    ] as const) {
      const r = rubric([...argv, ...AS_OF], { cwd });
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });

  it('--as-of defaults to today (UTC); a date outside the effective period is noted', () => {
    const cwd = files();
    const r = rubric(['eval', 'tiny.yaml', '--data', 'valid.json', '--format', 'jsonl'], { cwd });
    const today = new Date().toISOString().slice(0, 10);
    expect(jsonLines(r.stdout).every((x) => x['asOf'] === today)).toBe(true);
    expect(r.stderr).toContain(`note: as of ${today} is outside the rubric's effective period 2022-01-01 … 2022-12-31`);
  });
});
