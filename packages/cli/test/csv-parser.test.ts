import { describe, expect, it } from 'vitest';
import { CsvParser, type CsvRow } from '../src/data/csv-parser.js';

function parse(text: string, chunk = Infinity, max?: number): CsvRow[] {
  const p = new CsvParser(max);
  const rows: CsvRow[] = [];
  const size = Number.isFinite(chunk) ? chunk : Math.max(1, text.length);
  for (let i = 0; i < text.length; i += size) rows.push(...p.push(text.slice(i, i + size)));
  rows.push(...p.end());
  return rows;
}

describe('CsvParser', () => {
  it('reads plain rows with their line numbers', () => {
    expect(parse('id,a\n1,2\n3,4\n')).toEqual([
      { line: 1, cells: ['id', 'a'] },
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
    ]);
  });

  it('keeps a quoted line break inside its cell and numbers the next record after it', () => {
    expect(parse('id,a\n1,"two\nlines"\n2,x\n')).toEqual([
      { line: 1, cells: ['id', 'a'] },
      { line: 2, cells: ['1', 'two\nlines'] },
      { line: 4, cells: ['2', 'x'] },
    ]);
  });

  it('reads CRLF files, with CRLF inside quotes counted as one line', () => {
    expect(parse('id,a\r\n1,"x\r\ny"\r\n2,z\r\n')).toEqual([
      { line: 1, cells: ['id', 'a'] },
      { line: 2, cells: ['1', 'x\r\ny'] },
      { line: 4, cells: ['2', 'z'] },
    ]);
  });

  it('drops a byte order mark', () => {
    expect(parse('\ufeffid,a\n1,2\n')[0]).toEqual({ line: 1, cells: ['id', 'a'] });
  });

  it('skips # comment lines, blank lines and rows of bare commas, but keeps # inside cells', () => {
    expect(parse('id,a\n# 说明: the description row\n\n , \n,,\n1,#x\n"#2",y\n')).toEqual([
      { line: 1, cells: ['id', 'a'] },
      { line: 6, cells: ['1', '#x'] },
      { line: 7, cells: ['#2', 'y'] },
    ]);
  });

  it('unescapes doubled quotes and keeps a stray quote in an unquoted cell', () => {
    expect(parse('a,b\n"say ""hi""",x"y\n')[1]).toEqual({ line: 2, cells: ['say "hi"', 'x"y'] });
  });

  it('reads a last record without a line end, and empty trailing cells', () => {
    expect(parse('a,b\n1,')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', ''] },
    ]);
  });

  it('reports text after a closing quote and goes on with the next line', () => {
    const rows = parse('a,b\n"x"y,1\n2,3\n');
    expect(rows[1]).toEqual({ line: 2, error: expect.stringContaining('line 2: unexpected text after the closing quote'), partial: ['x'] });
    expect(rows[2]).toEqual({ line: 3, cells: ['2', '3'] });
    expect(rows).toHaveLength(3);
  });

  it('reports a quote never closed and reads the lines it swallowed as records', () => {
    const rows = parse('a,b\n1,"open\n2,3\n4,5\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, error: 'line 2: a quoted cell is never closed', partial: ['1'] },
      { line: 3, cells: ['2', '3'] },
      { line: 4, cells: ['4', '5'] },
    ]);
  });

  it('reports an overlong record and recovers after its first line', () => {
    const rows = parse(`a,b\n1,"${'x'.repeat(50)}\n2,3\n`, Infinity, 40);
    expect(rows[1]).toEqual({ line: 2, error: expect.stringContaining('longer than 40 characters'), partial: ['1'] });
    expect(rows[2]).toEqual({ line: 3, cells: ['2', '3'] });
  });

  it('gives the same rows whatever the chunk size', () => {
    const text = '\ufeffid,a,b\r\n# c\r\n1,"x\r\n""y""",z\r\n\r\n2,"w"q,3\r\n3,4,5\r\n4,"open\r\n5,6,7';
    const whole = parse(text);
    for (const size of [1, 2, 3, 5, 7]) expect(parse(text, size)).toEqual(whole);
    expect(whole.map((r) => r.line)).toEqual([1, 3, 6, 7, 8, 9]);
  });
});
