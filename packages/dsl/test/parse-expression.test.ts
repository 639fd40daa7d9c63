import { describe, expect, it } from 'vitest';
import { formatExpr } from '@rubric/model';
import type { Expr } from '@rubric/model';
import { parseExpression } from '../src/index.js';

/** Parses text that must be valid and returns its tree. */
function parse(text: string): Expr {
  const r = parseExpression(text);
  expect(r.issues).toEqual([]);
  expect(r.expr).toBeDefined();
  return r.expr!;
}

const num = (value: string): Expr => ({ kind: 'number', value });
const ref = (name: string): Expr => ({ kind: 'ref', name });
const text = (value: string): Expr => ({ kind: 'text', value });
const bin = (op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
const neg = (operand: Expr): Expr => ({ kind: 'unary', op: 'neg', operand });
const not = (operand: Expr): Expr => ({ kind: 'unary', op: 'not', operand });

describe('literals', () => {
  it('reads numbers as canonical decimal text', () => {
    expect(parse('10')).toEqual(num('10'));
    expect(parse('0.5')).toEqual(num('0.5'));
    expect(parse('10.50')).toEqual(num('10.5'));
    expect(parse('1.000')).toEqual(num('1'));
    expect(parse('007')).toEqual(num('7'));
    expect(parse('0.0')).toEqual(num('0'));
    expect(parse('123456789012345678901234567890.25')).toEqual(num('123456789012345678901234567890.25'));
  });

  it('never makes negative number literals: -3 is negation', () => {
    expect(parse('-3')).toEqual(neg(num('3')));
    expect(parse('-0.5')).toEqual(neg(num('0.5')));
  });

  it('reads booleans', () => {
    expect(parse('true')).toEqual({ kind: 'boolean', value: true });
    expect(parse('false')).toEqual({ kind: 'boolean', value: false });
  });

  it('reads text with JSON escapes', () => {
    expect(parse('"low"')).toEqual(text('low'));
    expect(parse('"a\\"b"')).toEqual(text('a"b'));
    expect(parse('"\\u2028"')).toEqual(text('\u2028'));
    expect(parse('"tab\\there\\\\ \\/ \\n"')).toEqual(text('tab\there\\ / \n'));
    expect(parse('""')).toEqual(text(''));
  });

  it('keeps Chinese and full-width characters inside text as they are', () => {
    expect(parse('"合格"')).toEqual(text('合格'));
    expect(parse('"（一），＝"')).toEqual(text('（一），＝'));
    expect(parse('"a\u2028b"')).toEqual(text('a\u2028b'));
  });

  it('reads dates and checks the calendar', () => {
    expect(parse('date("2022-06-01")')).toEqual({ kind: 'date', value: '2022-06-01' });
    expect(parse('date("2024-02-29")')).toEqual({ kind: 'date', value: '2024-02-29' });
    expect(parse('date( "2000-02-29" )')).toEqual({ kind: 'date', value: '2000-02-29' });
  });

  it('reads names, including ones that start with a keyword or differ in case', () => {
    for (const name of ['score', '_x', 'x1', 'iff', 'notice', 'index', 'is_full', 'In', 'AND', 'date_from', 'min_score', 'counts', 'true_', 'where_']) {
      expect(parse(name)).toEqual(ref(name));
    }
  });
});

describe('precedence and associativity', () => {
  it('multiplies before adding', () => {
    expect(parse('1 + 2 * 3')).toEqual(bin('+', num('1'), bin('*', num('2'), num('3'))));
    expect(parse('(1 + 2) * 3')).toEqual(bin('*', bin('+', num('1'), num('2')), num('3')));
  });

  it('is left-associative for arithmetic and logic', () => {
    expect(parse('a - b - c')).toEqual(bin('-', bin('-', ref('a'), ref('b')), ref('c')));
    expect(parse('a / b * c')).toEqual(bin('*', bin('/', ref('a'), ref('b')), ref('c')));
    expect(parse('a or b or c')).toEqual(bin('or', bin('or', ref('a'), ref('b')), ref('c')));
    expect(parse('a - (b - c)')).toEqual(bin('-', ref('a'), bin('-', ref('b'), ref('c'))));
  });

  it('binds unary minus tightest', () => {
    expect(parse('-a * b')).toEqual(bin('*', neg(ref('a')), ref('b')));
    expect(parse('a - -b')).toEqual(bin('-', ref('a'), neg(ref('b'))));
    expect(parse('- -a')).toEqual(neg(neg(ref('a'))));
    expect(parse('-(a * b)')).toEqual(neg(bin('*', ref('a'), ref('b'))));
  });

  it('puts comparisons between arithmetic and not', () => {
    expect(parse('a + 1 > b * 2')).toEqual(bin('>', bin('+', ref('a'), num('1')), bin('*', ref('b'), num('2'))));
    expect(parse('not a == b')).toEqual(not(bin('==', ref('a'), ref('b'))));
    expect(parse('not not a')).toEqual(not(not(ref('a'))));
    expect(parse('not -a < 0')).toEqual(not(bin('<', neg(ref('a')), num('0'))));
  });

  it('binds and tighter than or, not tighter than and', () => {
    expect(parse('a or b and c')).toEqual(bin('or', ref('a'), bin('and', ref('b'), ref('c'))));
    expect(parse('a and b or c and d')).toEqual(bin('or', bin('and', ref('a'), ref('b')), bin('and', ref('c'), ref('d'))));
    expect(parse('not a and b')).toEqual(bin('and', not(ref('a')), ref('b')));
    expect(parse('a and not b')).toEqual(bin('and', ref('a'), not(ref('b'))));
  });

  it('reads each comparison operator', () => {
    for (const op of ['==', '!=', '<', '<=', '>', '>='] as const) {
      expect(parse(`a ${op} b`)).toEqual(bin(op, ref('a'), ref('b')));
    }
  });

  it('lets if bind loosest, with else-if chains', () => {
    expect(parse('if a then 1 else 2')).toEqual({ kind: 'if', cond: ref('a'), then: num('1'), else: num('2') });
    expect(parse('if a or b then x + 1 else y')).toEqual({
      kind: 'if',
      cond: bin('or', ref('a'), ref('b')),
      then: bin('+', ref('x'), num('1')),
      else: ref('y'),
    });
    expect(parse('if a then 1 else if b then 2 else 3')).toEqual({
      kind: 'if',
      cond: ref('a'),
      then: num('1'),
      else: { kind: 'if', cond: ref('b'), then: num('2'), else: num('3') },
    });
    expect(parse('if a then 1 else x + 2 * 3')).toEqual({ kind: 'if', cond: ref('a'), then: num('1'), else: bin('+', ref('x'), bin('*', num('2'), num('3'))) });
    expect(parse('(if a then 1 else 2) + 3')).toEqual(bin('+', { kind: 'if', cond: ref('a'), then: num('1'), else: num('2') }, num('3')));
  });
});

describe('is and in', () => {
  it('reads `is` and `is not` as == / != with a text on the right', () => {
    expect(parse('x is full')).toEqual(bin('==', ref('x'), text('full')));
    expect(parse('x is not full')).toEqual(bin('!=', ref('x'), text('full')));
    expect(parse('x is "full marks"')).toEqual(bin('==', ref('x'), text('full marks')));
    expect(parse('x is not "合格"')).toEqual(bin('!=', ref('x'), text('合格')));
  });

  it('reads a reserved word after `is` as a word, and true/false as booleans', () => {
    expect(parse('x is count')).toEqual(bin('==', ref('x'), text('count')));
    expect(parse('x is true')).toEqual(bin('==', ref('x'), { kind: 'boolean', value: true }));
    expect(parse('x is not false')).toEqual(bin('!=', ref('x'), { kind: 'boolean', value: false }));
  });

  it('compares a whole sum with `is`, and joins `is` with and/or', () => {
    expect(parse('a + b is full')).toEqual(bin('==', bin('+', ref('a'), ref('b')), text('full')));
    expect(parse('x is full and y is not none')).toEqual(
      bin('and', bin('==', ref('x'), text('full')), bin('!=', ref('y'), text('none'))),
    );
  });

  it('reads `in` lists, with bare words as text', () => {
    expect(parse('x in [low, "medium", 3]')).toEqual({ kind: 'in', value: ref('x'), options: [text('low'), text('medium'), num('3')] });
    expect(parse('x in []')).toEqual({ kind: 'in', value: ref('x'), options: [] });
    expect(parse('x in [-1, 2.50, true, date("2022-01-01"), min]')).toEqual({
      kind: 'in',
      value: ref('x'),
      options: [neg(num('1')), num('2.5'), { kind: 'boolean', value: true }, { kind: 'date', value: '2022-01-01' }, text('min')],
    });
    expect(parse('not x in [a] or y')).toEqual(bin('or', not({ kind: 'in', value: ref('x'), options: [text('a')] }), ref('y')));
    expect(parse('a + 1 in [2]')).toEqual({ kind: 'in', value: bin('+', ref('a'), num('1')), options: [num('2')] });
  });
});

describe('Unicode operators and whitespace', () => {
  it('accepts × ÷ − ≤ ≥ ≠ as synonyms', () => {
    expect(parse('a × b ÷ c − d')).toEqual(bin('-', bin('/', bin('*', ref('a'), ref('b')), ref('c')), ref('d')));
    expect(parse('a ≤ b')).toEqual(bin('<=', ref('a'), ref('b')));
    expect(parse('a ≥ b')).toEqual(bin('>=', ref('a'), ref('b')));
    expect(parse('a ≠ b')).toEqual(bin('!=', ref('a'), ref('b')));
    expect(parse('−a')).toEqual(neg(ref('a')));
    expect(parse('10 × four_piece_rate')).toEqual(bin('*', num('10'), ref('four_piece_rate')));
  });

  it('ignores spaces, tabs, newlines and the ideographic space', () => {
    expect(parse('\t a\n+\r\n b\u3000*\u3000c  ')).toEqual(bin('+', ref('a'), bin('*', ref('b'), ref('c'))));
    expect(parse('a+b*c')).toEqual(bin('+', ref('a'), bin('*', ref('b'), ref('c'))));
  });
});

describe('calls and aggregates', () => {
  it('reads each function', () => {
    expect(parse('min(a, b)')).toEqual({ kind: 'call', fn: 'min', args: [ref('a'), ref('b')] });
    expect(parse('max(a, b, 3, 4)')).toEqual({ kind: 'call', fn: 'max', args: [ref('a'), ref('b'), num('3'), num('4')] });
    expect(parse('round(x, 0.5)')).toEqual({ kind: 'call', fn: 'round', args: [ref('x'), num('0.5')] });
    expect(parse('round_down(x, 1)')).toEqual({ kind: 'call', fn: 'round_down', args: [ref('x'), num('1')] });
    expect(parse('round_up(x, 1)')).toEqual({ kind: 'call', fn: 'round_up', args: [ref('x'), num('1')] });
    expect(parse('clamp(x, 0, 10)')).toEqual({ kind: 'call', fn: 'clamp', args: [ref('x'), num('0'), num('10')] });
    expect(parse('abs(-x)')).toEqual({ kind: 'call', fn: 'abs', args: [neg(ref('x'))] });
    expect(parse('min(if a then 1 else 2, 3)')).toEqual({
      kind: 'call',
      fn: 'min',
      args: [{ kind: 'if', cond: ref('a'), then: num('1'), else: num('2') }, num('3')],
    });
  });

  it('reads each aggregate form', () => {
    expect(parse('count(checkpoints)')).toEqual({ kind: 'aggregate', fn: 'count', list: 'checkpoints' });
    expect(parse('count(checkpoints where staffed)')).toEqual({ kind: 'aggregate', fn: 'count', list: 'checkpoints', where: ref('staffed') });
    expect(parse('sum(items, points)')).toEqual({ kind: 'aggregate', fn: 'sum', list: 'items', value: ref('points') });
    expect(parse('sum(items where kind is major, points * 2)')).toEqual({
      kind: 'aggregate',
      fn: 'sum',
      list: 'items',
      where: bin('==', ref('kind'), text('major')),
      value: bin('*', ref('points'), num('2')),
    });
    expect(parse('all(checkpoints, staffed_24h)')).toEqual({ kind: 'aggregate', fn: 'all', list: 'checkpoints', value: ref('staffed_24h') });
    expect(parse('any(checkpoints where open, hours < 24)')).toEqual({
      kind: 'aggregate',
      fn: 'any',
      list: 'checkpoints',
      where: ref('open'),
      value: bin('<', ref('hours'), num('24')),
    });
  });
});

describe('spans', () => {
  it('maps every node pointer to its source range', () => {
    const src = '(a + b) * round(c, 0.5)';
    const r = parseExpression(src);
    const slice = (p: string): string => {
      const s = r.spans.get(p);
      expect(s, p).toBeDefined();
      return src.slice(s!.start, s!.end);
    };
    expect(slice('')).toBe(src);
    expect(slice('/left')).toBe('(a + b)');
    expect(slice('/left/left')).toBe('a');
    expect(slice('/right')).toBe('round(c, 0.5)');
    expect(slice('/right/args/1')).toBe('0.5');
    expect([...r.spans.keys()].sort()).toEqual(['', '/left', '/left/left', '/left/right', '/right', '/right/args/0', '/right/args/1'].sort());
  });

  it('covers sugar, lists, aggregates and if', () => {
    const src = 'if x is not full then sum(items where ok, pts) else y in [low, -1]';
    const r = parseExpression(src);
    const slice = (p: string): string => {
      const s = r.spans.get(p);
      expect(s, p).toBeDefined();
      return src.slice(s!.start, s!.end);
    };
    expect(slice('')).toBe(src);
    expect(slice('/cond')).toBe('x is not full');
    expect(slice('/cond/right')).toBe('full');
    expect(slice('/then')).toBe('sum(items where ok, pts)');
    expect(slice('/then/where')).toBe('ok');
    expect(slice('/then/value')).toBe('pts');
    expect(slice('/else')).toBe('y in [low, -1]');
    expect(slice('/else/options/0')).toBe('low');
    expect(slice('/else/options/1')).toBe('-1');
    expect(slice('/else/options/1/operand')).toBe('1');
  });

  it('uses UTF-16 offsets', () => {
    const src = '"𝒳" == x';
    const r = parseExpression(src);
    expect(r.spans.get('/left')).toEqual({ start: 0, end: 4 });
    expect(r.spans.get('/right')).toEqual({ start: 8, end: 9 });
  });

  it('is empty when there are errors', () => {
    const r = parseExpression('a +');
    expect(r.expr).toBeUndefined();
    expect(r.spans.size).toBe(0);
  });
});

describe('formatExpr round trip on hand-picked trees', () => {
  it('parses printed text back to the same tree', () => {
    for (const src of [
      'x is full',
      'x == "a b"',
      'not (a and b)',
      '-(-a)',
      '(a < b) == c',
      'if (if a then b else c) then (if d then e else f) else if g then h else i',
      'x in [low, "and", "true", true, -3, date("2022-06-01")]',
      'count(l where if a then b else c)',
      'a - (b - c) * -d / (e + f)',
      '(not a) == "full"',
    ]) {
      const e = parse(src);
      expect(parse(formatExpr(e))).toEqual(e);
    }
  });
});
