import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import type { EvaluationResult } from '@rubric/rubric';
import { colorsFor } from '../src/io.js';
import { csvWriter } from '../src/output/csv.js';
import { jsonWriter } from '../src/output/json.js';
import { jsonlWriter } from '../src/output/jsonl.js';
import { safeJson } from '../src/output/json-text.js';
import { escapeMarkdownCell, mdWriter } from '../src/output/md.js';
import { tableWriter } from '../src/output/table.js';
import { emptyCounts, formatCounts, type Counts, type ResultWriter, type RunInfo } from '../src/output/writer.js';
import { displayWidth } from '@rubric/rubric';
import { RUBRIC, fakeCompiled, resultOf } from './fake-rubric.js';

const INFO: RunInfo = { rubric: RUBRIC, hash: fakeCompiled().hash, asOf: '2022-06-20' };
const plain = colorsFor(false, {});

function run(writer: ResultWriter, results: EvaluationResult[]): string {
  const counts: Counts = emptyCounts();
  let out = writer.begin(INFO);
  results.forEach((r, i) => {
    counts[r.outcome]++;
    counts.total++;
    out += writer.write(r, { index: i + 1, line: i + 2 });
  });
  return out + writer.end(counts);
}

const invalid = (id: string | null, message: string): EvaluationResult =>
  fakeCompiled().invalid(id, [{ path: '', code: 'data/bad-row', message }], { asOf: '2022-06-20' });

const RESULTS = [
  resultOf({ id: 'c1', a: 10, b: 10 }),
  resultOf({ id: '社区二', a: 5, b: 5 }),
  invalid('c3', 'line 4: 2 cells where the header has 3'),
  resultOf({ id: 'c4', a: 10, b: 10, media: true }),
];

describe('jsonl writer', () => {
  it('writes one result per line, as the engine built it', () => {
    const out = run(jsonlWriter(), RESULTS);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => JSON.parse(l))).toEqual(RESULTS);
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual(Object.keys(RESULTS[0]!));
  });
});

describe('json writer', () => {
  it('writes a JSON array as results come', () => {
    expect(JSON.parse(run(jsonWriter(), RESULTS))).toEqual(RESULTS);
    const w = jsonWriter();
    expect(w.begin(INFO)).toBe('[');
    expect(w.write(RESULTS[0]!, { index: 1 })).toMatch(/^\n {2}\{/);
  });

  it('writes [] for no records', () => {
    expect(JSON.parse(run(jsonWriter(), []))).toEqual([]);
  });
});

describe('safeJson', () => {
  it('escapes C1 controls, line separators and bidi overrides, keeping the value', () => {
    const value = { s: 'a\u009b31mb\u202ec\u2028d\u0007' };
    const text = safeJson(value);
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u202e]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('csv writer', () => {
  it('writes a header with a column per section and indicator, then a row per result', () => {
    const rows = parseCsv(run(csvWriter(), RESULTS)) as string[][];
    expect(rows[0]).toEqual([
      'id', 'outcome', 'total', 'passMark', 'grade', 's1', 'ia', 'ib',
      'deductionTotal', 'vetoes', 'hardRequirementsFailed', 'reasons', 'errors',
    ]);
    expect(rows[1]).toEqual(['c1', 'pass', '20', '15', '', '20', '10', '10', '0', '', '', '', '']);
    expect(rows[3]).toEqual(['c3', 'invalid', '', '', '', '', '', '', '0', '', '', '', 'line 4: 2 cells where the header has 3']);
    expect(rows[4]!.slice(0, 2)).toEqual(['c4', 'vetoed']);
    expect(rows[4]![9]).toBe('media_veto');
    expect(rows[4]![11]).toBe('媒体曝光');
  });

  it('quotes commas, quotes, line breaks and a leading #', () => {
    const r = { ...invalid('#1, "x"', 'first\nsecond'), errors: [{ path: '/a', code: 'c', message: 'm1' }, { path: '', code: 'c', message: 'm2, "q"' }] };
    const out = run(csvWriter(), [r]);
    const row = out.split('\n').slice(1).join('\n');
    expect(row.startsWith('"#1, ""x"""')).toBe(true);
    const rows = parseCsv(out) as string[][];
    expect(rows[1]![0]).toBe('#1, "x"');
    expect(rows[1]![12]).toBe('/a: m1; m2, "q"');
  });

  it('escapes control characters only for a terminal', () => {
    const r = invalid('x\u001b[31m', 'm');
    expect(run(csvWriter({ escape: true }), [r])).toContain('x\\u001b[31m');
    expect(run(csvWriter(), [r])).toContain('x\u001b[31m');
  });
});

describe('md writer', () => {
  it('escapes pipes, line breaks, HTML and control characters in cells', () => {
    expect(escapeMarkdownCell('a|b\nc<i>&\u001b')).toBe('a\\|b<br>c&lt;i&gt;&amp;\\u001b');
  });

  it('writes a table with one row per result and a counts line', () => {
    const r = invalid('x|y', 'bad | row\nnext');
    const out = run(mdWriter(), [RESULTS[0]!, r]);
    const lines = out.split('\n');
    expect(lines).toContain('| id | outcome | total | pass mark | reason |');
    expect(lines).toContain('| c1 | pass | 20 | 15 |  |');
    expect(lines).toContain('| x\\|y | invalid | — | — | bad \\| row<br>next |');
    expect(out.trimEnd().endsWith('2 subjects: 1 pass, 0 fail, 0 vetoed, 1 invalid')).toBe(true);
  });
});

describe('table writer', () => {
  it('aligns columns with Chinese text counted two columns wide', () => {
    const out = run(tableWriter({ colors: plain }), RESULTS);
    const lines = out.split('\n');
    const head = lines.findIndex((l) => l.startsWith('id'));
    const body = lines.slice(head, head + 5);
    // Every row's outcome column starts at the same display column.
    const starts = body.map((l) => {
      const m = /(outcome|[✓✗⊘!] )/.exec(l)!;
      return displayWidth(l.slice(0, m.index));
    });
    expect(new Set(starts).size).toBe(1);
    expect(body[2]).toMatch(/^社区二 {2}✗ fail/);
    expect(lines[0]).toContain('小测试量表');
    expect(lines[0]).toContain('sha256:0123456789ab ');
    expect(lines[0]).toContain('as of 2022-06-20');
  });

  it('shows outcomes with symbols, the first reason or error, and the counts', () => {
    const out = run(tableWriter({ colors: plain }), RESULTS);
    expect(out).toMatch(/c1\s+✓ pass\s+20\s+15\n/);
    expect(out).toMatch(/✗ fail\s+10\s+15 {2}total 10 is below the pass mark 15/);
    expect(out).toMatch(/c3\s+! invalid\s+—\s+— {2}line 4: 2 cells where the header has 3/);
    expect(out).toMatch(/c4\s+⊘ vetoed\s+20\s+15 {2}媒体曝光/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('4 subjects: 1 pass, 1 fail, 1 vetoed, 1 invalid');
  });

  it('names a record without an id by its line', () => {
    const out = run(tableWriter({ colors: plain }), [invalid(null, 'line 2: not valid JSON')]);
    expect(out).toContain('(line 2)');
  });

  it('escapes control characters and keeps each row on one line', () => {
    const out = run(tableWriter({ colors: plain }), [invalid('\u001b[2Jevil', 'two\nlines\u0007')]);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(out).toContain('\\u001b[2Jevil');
    expect(out).toContain('two\\nlines\\u0007');
  });

  it('colours outcomes only when asked', () => {
    expect(run(tableWriter({ colors: plain }), RESULTS)).not.toContain('\u001b[');
    expect(run(tableWriter({ colors: colorsFor(true, {}) }), RESULTS)).toContain('\u001b[32m');
    expect(run(tableWriter({ colors: colorsFor(true, { NO_COLOR: '' }) }), RESULTS)).not.toContain('\u001b[');
  });
});

describe('formatCounts', () => {
  it('counts every outcome', () => {
    expect(formatCounts({ pass: 1, fail: 0, vetoed: 0, invalid: 0, total: 1 })).toBe('1 subject: 1 pass, 0 fail, 0 vetoed, 0 invalid');
  });
});
