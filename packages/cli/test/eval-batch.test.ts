import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch } from '../src/commands/eval.js';
import { isIsoDate, todayUtc } from '../src/commands/rubric-arg.js';
import { readRecords } from '../src/data/read-records.js';
import type { DataItem } from '../src/data/data-item.js';
import { InputError } from '../src/errors.js';
import { Sink, colorsFor } from '../src/io.js';
import { jsonlWriter } from '../src/output/jsonl.js';
import { renderExplanation } from '../src/output/explain.js';
import { openOutFile } from '../src/output/out-file.js';
import { MemoryStream, fakeCompiled } from './fake-rubric.js';

const numbers = (cells: Record<string, string>) => {
  const subject: Record<string, unknown> = { ...cells };
  const errors = [];
  for (const k of ['a', 'b']) {
    const n = Number(cells[k]);
    if (cells[k] === undefined || cells[k] === '' || Number.isNaN(n)) errors.push({ path: `/${k}`, code: 'data/not-a-number', message: `\`${cells[k]}\` is not a number` });
    else subject[k] = n;
  }
  if (cells['media'] !== undefined) subject['media'] = cells['media'] === 'true';
  return { subject, errors };
};

async function batch(text: string, format: 'csv' | 'jsonl', explainId?: string) {
  const compiled = fakeCompiled();
  const out = new MemoryStream();
  const outcome = await runBatch({
    compiled,
    items: readRecords(text, format, { coerce: numbers }),
    writer: jsonlWriter(),
    sink: new Sink(out),
    asOf: '2022-06-20',
    ...(explainId ? { explainId } : {}),
  });
  const results = out.text.trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { compiled, outcome, results };
}

describe('runBatch', () => {
  it('keeps every record, in order, with invalid ones in the middle (CSV)', async () => {
    const csv = 'id,a,b,media\n# 说明行\nc1,10,10,false\nc2,1\nc3,x,1,false\nc4,"bad"q,1,false\nc5,10,10,true\nc6,1,1,false\n';
    const { outcome, results } = await batch(csv, 'csv');
    expect(results.map((r) => r.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(results.map((r) => r.outcome)).toEqual(['pass', 'invalid', 'invalid', 'invalid', 'vetoed', 'fail']);
    expect(results[1].errors).toEqual([{ path: '', code: 'data/bad-row', message: 'line 4: 2 cells where the header has 4' }]);
    expect(results[2].errors[0]).toMatchObject({ path: '/a', code: 'data/not-a-number' });
    expect(results[3].errors[0]).toMatchObject({ code: 'data/bad-row' });
    expect(outcome.counts).toEqual({ pass: 1, fail: 1, vetoed: 1, invalid: 3, total: 6 });
  });

  it('keeps every record, in order, with bad lines in the middle (JSONL)', async () => {
    const jsonl = '{"id":"a","a":10,"b":10}\n\nnot json\n[1]\n{"id":"d","a":1,"b":1}\n';
    const { results, compiled } = await batch(jsonl, 'jsonl');
    expect(results.map((r) => [r.id, r.outcome])).toEqual([
      ['a', 'pass'],
      [null, 'invalid'],
      [null, 'invalid'],
      ['d', 'fail'],
    ]);
    expect(results[1].errors[0]).toMatchObject({ code: 'data/bad-json', message: expect.stringMatching(/^line 3: /) });
    expect(results[2].errors[0]).toMatchObject({ code: 'data/not-an-object', message: expect.stringMatching(/^line 4: /) });
    expect(compiled.calls.invalid).toHaveLength(2);
    expect(compiled.calls.evaluate.every((c) => c.options?.asOf === '2022-06-20')).toBe(true);
  });

  it('evaluates only the explained subject with explain, and hands it back', async () => {
    const jsonl = '{"id":"a","a":10,"b":10}\n{"id":7,"a":1,"b":1}\n{"id":"c","a":1,"b":1}\n';
    const { outcome, results, compiled } = await batch(jsonl, 'jsonl', '7');
    expect(compiled.calls.evaluate.map((c) => c.options?.explain === true)).toEqual([false, true, false]);
    expect(results[1].explanation).toBeDefined();
    expect(results[0].explanation).toBeUndefined();
    expect(outcome.explained).toMatchObject({ at: { index: 2, line: 2 }, matches: 1 });
  });

  it('reads the first record before writing anything, so unreadable data fails with no output', async () => {
    const out = new MemoryStream();
    await expect(
      runBatch({ compiled: fakeCompiled(), items: readRecords('[{', 'json'), writer: jsonlWriter(), sink: new Sink(out), asOf: '2022-06-20' }),
    ).rejects.toThrow(InputError);
    expect(out.text).toBe('');
  });

  it('turns an engine failure on one record into that record being invalid', async () => {
    const compiled = fakeCompiled();
    const evaluate = compiled.evaluate.bind(compiled);
    compiled.evaluate = (s, o) => {
      if ((s as { id: string }).id === 'boom') throw new Error('kaput');
      return evaluate(s, o);
    };
    const out = new MemoryStream();
    async function* items(): AsyncGenerator<DataItem> {
      yield { index: 1, record: { id: 'boom', a: 1, b: 1 } };
      yield { index: 2, record: { id: 'ok', a: 10, b: 10 } };
    }
    const { counts } = await runBatch({ compiled, items: items(), writer: jsonlWriter(), sink: new Sink(out), asOf: '2022-06-20' });
    expect(counts).toMatchObject({ invalid: 1, pass: 1 });
    expect(out.text).toContain('internal/evaluate-failed');
  });
});

describe('renderExplanation', () => {
  it('shows indicators with points, branch, rule and reads; vetoes; the pass mark and its source', () => {
    const compiled = fakeCompiled();
    const result = compiled.evaluate({ id: 'c2', a: 4, b: 5.5, media: false }, { asOf: '2022-06-20', explain: true });
    const text = renderExplanation(result, compiled.rubric, { index: 2, line: 3 }, colorsFor(false, {}));
    expect(text).toContain('Explanation for c2: ✗ fail, as of 2022-06-20');
    expect(text).toContain('total 9.5 (indicators 9.5 − deductions 0)');
    expect(text).toContain('pass mark 15 (parameter pass_mark; period always … open-ended; base value)');
    expect(text).toMatch(/ia {2}指标A {2}4\/10\n\s+expression: a\n\s+read: a = 4/);
    expect(text).toMatch(/media_veto {2}not fired {2}媒体曝光\n\s+when: media\n\s+read: media = false/);
    expect(text).toContain('below-pass-mark  total 9.5 is below the pass mark 15');
  });

  it('escapes control characters in values and titles', () => {
    const compiled = fakeCompiled();
    const result = compiled.evaluate({ id: 'x\u001b[2J', a: 1, b: 1 }, { explain: true });
    const text = renderExplanation(result, compiled.rubric, { index: 1 }, colorsFor(false, {}));
    expect(text).not.toMatch(/\u001b/);
  });
});

describe('openOutFile', () => {
  const dirs: string[] = [];
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'rubric-out-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes beside the target and renames at the end, leaving no temporary file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'out.txt'), 'old');
    const f = await openOutFile('out.txt', dir);
    expect(f.tempPath.startsWith(join(dir, '.out.txt.'))).toBe(true);
    f.stream.write('new');
    expect(await readFile(join(dir, 'out.txt'), 'utf8')).toBe('old');
    await f.commit();
    expect(await readFile(join(dir, 'out.txt'), 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['out.txt']);
  });

  it('discards the temporary file on abort and leaves the target alone', async () => {
    const dir = await tempDir();
    const f = await openOutFile('out.txt', dir);
    f.stream.write('partial');
    await f.abort();
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects when the directory does not exist', async () => {
    await expect(openOutFile('no/such/dir/out.txt', tmpdir())).rejects.toThrow();
  });
});

describe('dates', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(isIsoDate('2022-06-20')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2022-6-20')).toBe(false);
    expect(isIsoDate('20220620')).toBe(false);
    expect(todayUtc(new Date('2022-06-20T23:30:00-05:00'))).toBe('2022-06-21');
  });
});
