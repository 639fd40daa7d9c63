import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { readCsv } from '../src/data/read-csv.js';
import { readJson } from '../src/data/read-json.js';
import { readJsonl } from '../src/data/read-jsonl.js';
import { readYaml } from '../src/data/read-yaml.js';
import { dataFormatOf, openData, readRecords } from '../src/data/read-records.js';
import { splitLines } from '../src/data/lines.js';
import { collect } from './fake-rubric.js';

describe('readCsv', () => {
  it('makes a record per row keyed by the header, with line numbers', async () => {
    const items = await collect(readCsv(['\ufeffid, a ,b\n# 说明\n', 'c1,1,2\nc2,3,4\n']));
    expect(items).toEqual([
      { line: 3, record: { id: 'c1', a: '1', b: '2' } },
      { line: 4, record: { id: 'c2', a: '3', b: '4' } },
    ]);
  });

  it('turns a ragged row into a bad-row error in place, keeping its id, and goes on', async () => {
    const items = await collect(readCsv('id,a,b\nc1,1,2\nc2,1\nc3,1,2,3\nc4,5,6\n'));
    expect(items.map((i) => i.record?.['id'] ?? i.id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(items[1]).toEqual({ line: 3, id: 'c2', error: { path: '', code: 'data/bad-row', message: 'line 3: 2 cells where the header has 3' } });
    expect(items[2]!.error!.message).toBe('line 4: 4 cells where the header has 3');
  });

  it('turns an unparseable record into a bad-row error', async () => {
    const items = await collect(readCsv('id,a\nc1,"x"y\nc2,3\n"c3",4,"open\nc5,5\n'));
    expect(items[0]).toMatchObject({ line: 2, id: 'c1', error: { code: 'data/bad-row' } });
    expect(items[1]).toEqual({ line: 3, record: { id: 'c2', a: '3' } });
    expect(items[2]).toMatchObject({ line: 4, id: 'c3', error: { code: 'data/bad-row', message: 'line 4: a quoted cell is never closed' } });
    expect(items[3]).toEqual({ line: 5, record: { id: 'c5', a: '5' } });
  });

  it('keeps a quoted line break in a cell', async () => {
    const items = await collect(readCsv('id,note\nc1,"第一行\n第二行"\nc2,x\n'));
    expect(items).toEqual([
      { line: 2, record: { id: 'c1', note: '第一行\n第二行' } },
      { line: 4, record: { id: 'c2', note: 'x' } },
    ]);
  });

  it('passes cells through the coercer and hands on its errors', async () => {
    const coerce = (cells: Record<string, string>) => ({
      subject: { id: cells['id'], a: Number(cells['a']) },
      errors: Number.isNaN(Number(cells['a'])) ? [{ path: '/a', code: 'data/not-a-number', message: 'not a number' }] : [],
    });
    const items = await collect(readCsv('id,a\nc1,1\nc2,x\n', { coerce }));
    expect(items[0]).toEqual({ line: 2, record: { id: 'c1', a: 1 } });
    expect(items[1]!.inputErrors).toEqual([{ path: '/a', code: 'data/not-a-number', message: 'not a number' }]);
  });

  it('rejects a header with a repeated column', async () => {
    await expect(collect(readCsv('id,a,a\n1,2,3\n'))).rejects.toThrow(InputError);
  });

  it('reports a value under a column with no name', async () => {
    const items = await collect(readCsv('id,a,\nc1,1,\nc2,1,x\n'));
    expect(items[0]).toEqual({ line: 2, record: { id: 'c1', a: '1' } });
    expect(items[1]!.inputErrors?.[0]).toMatchObject({ code: 'data/unknown-field' });
  });

  it('yields nothing for an empty file or a header alone', async () => {
    expect(await collect(readCsv(''))).toEqual([]);
    expect(await collect(readCsv('id,a\n'))).toEqual([]);
  });
});

describe('readJsonl', () => {
  it('reads one object per line, skipping blank lines, with CRLF and a BOM', async () => {
    const items = await collect(readJsonl(['\ufeff{"id":"a"}\r\n\r\n  \n{"id":', '"b"}\n']));
    expect(items).toEqual([
      { line: 1, record: { id: 'a' } },
      { line: 4, record: { id: 'b' } },
    ]);
  });

  it('turns a line that is not JSON into a bad-json error with its line number, and goes on', async () => {
    const items = await collect(readJsonl('{"id":"a"}\n{oops\n{"id":"c"}'));
    expect(items).toHaveLength(3);
    expect(items[1]).toMatchObject({ line: 2, id: null, error: { path: '', code: 'data/bad-json' } });
    expect(items[1]!.error!.message).toMatch(/^line 2: not valid JSON/);
    expect(items[2]).toEqual({ line: 3, record: { id: 'c' } });
  });

  it('turns a value that is not an object into a not-an-object error', async () => {
    const items = await collect(readJsonl('[1,2]\nnull\n42\n"x"\n'));
    expect(items.map((i) => i.error?.code)).toEqual(['data/not-an-object', 'data/not-an-object', 'data/not-an-object', 'data/not-an-object']);
    expect(items[0]!.error!.message).toBe('line 1: an array where a record (an object of facts) belongs');
  });
});

describe('readJson', () => {
  it('reads an array of records, or an object with a subjects array', async () => {
    expect(await collect(readJson('[{"id":1},{"id":2}]'))).toEqual([{ record: { id: 1 } }, { record: { id: 2 } }]);
    expect(await collect(readJson('{"subjects":[{"id":1}]}'))).toEqual([{ record: { id: 1 } }]);
  });

  it('keeps an element that is not an object as an error in its place', async () => {
    const items = await collect(readJson('[{"id":1}, 7, {"id":3}]'));
    expect(items[1]).toEqual({ id: null, error: { path: '', code: 'data/not-an-object', message: 'record 2: a number where a record (an object of facts) belongs' } });
    expect(items[2]).toEqual({ record: { id: 3 } });
  });

  it('fails on text that is not JSON, or holds no list', async () => {
    await expect(collect(readJson('[{'))).rejects.toThrow(/not valid JSON/);
    await expect(collect(readJson('{"a":1}'))).rejects.toThrow(/holds no records/);
  });
});

describe('readYaml', () => {
  it('reads a list of records with the line each starts on; dates stay text', async () => {
    const items = await collect(readYaml('# data\n- id: a\n  on: 2022-06-14\n- { id: b }\n'));
    expect(items).toEqual([
      { line: 2, record: { id: 'a', on: '2022-06-14' } },
      { line: 4, record: { id: 'b' } },
    ]);
  });

  it('reads a map with a subjects list, and keeps a non-map entry as an error', async () => {
    const items = await collect(readYaml('subjects:\n  - id: a\n  - just text\n'));
    expect(items[1]).toMatchObject({ line: 3, error: { code: 'data/not-an-object', message: 'line 3: a string where a record (an object of facts) belongs' } });
  });

  it('fails on YAML that does not parse, with its position', async () => {
    await expect(collect(readYaml('- id: a\n  x: [1, 2\n'))).rejects.toThrow(/line \d+, column \d+: not valid YAML/);
    await expect(collect(readYaml('id: a\n'))).rejects.toThrow(/holds no records/);
  });
});

describe('readRecords', () => {
  it('numbers records from 1 in file order', async () => {
    const items = await collect(readRecords('{"id":"a"}\nbad\n{"id":"c"}\n', 'jsonl'));
    expect(items.map((i) => i.index)).toEqual([1, 2, 3]);
  });

  it('tells the format from the file name', () => {
    expect(dataFormatOf('x.JSONL')).toBe('jsonl');
    expect(dataFormatOf('x.ndjson')).toBe('jsonl');
    expect(dataFormatOf('dir/x.csv')).toBe('csv');
    expect(dataFormatOf('x.json')).toBe('json');
    expect(dataFormatOf('x.yml')).toBe('yaml');
    expect(dataFormatOf('x.txt')).toBeUndefined();
  });

  it('fails to open a missing file or a directory with an input error', async () => {
    await expect(openData('no-such-file.csv', __dirname)).rejects.toThrow(/cannot read the data file no-such-file.csv: no such file/);
    await expect(openData('.', __dirname)).rejects.toThrow(/it is a directory/);
  });
});

describe('splitLines', () => {
  it('splits across chunk boundaries, including a CRLF split in two', async () => {
    const lines = await collect(splitLines(['a\r', '\nb', 'c\n', 'd']));
    expect(lines).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'bc' },
      { line: 3, text: 'd' },
    ]);
  });
});
