import { describe, expect, it } from 'vitest';
import { EXPRESSION_ISSUE_CODES, MAX_NESTING, MAX_TREE_DEPTH, parseExpression } from '../src/index.js';
import type { ExpressionIssue } from '../src/index.js';

/** Chevrotain's names for tokens and rules must never reach people. */
const INTERNAL_NAMES =
  /\b(LParen|RParen|LBracket|RBracket|Identifier|NumberLiteral|DoubleQuotedText|CompareOp|AdditiveOp|MultiplicativeOp|EOF|Comma|orExpression|comparisonTail|nameOrCall|callArgument)\b|-->|<--/;

const seen = new Set<string>();

/** All issues of a text that must not parse; checks the invariants every issue keeps. */
function issuesOf(text: string): ExpressionIssue[] {
  const r = parseExpression(text);
  expect(r.expr, text).toBeUndefined();
  expect(r.issues.length, text).toBeGreaterThan(0);
  expect(r.spans.size).toBe(0);
  for (const i of r.issues) {
    seen.add(i.code);
    expect(EXPRESSION_ISSUE_CODES).toContain(i.code);
    expect(i.message).not.toMatch(INTERNAL_NAMES);
    expect(i.hint ?? '').not.toMatch(INTERNAL_NAMES);
    expect(i.start).toBeGreaterThanOrEqual(0);
    expect(i.end).toBeGreaterThanOrEqual(i.start);
    expect(i.end).toBeLessThanOrEqual(text.length);
  }
  return r.issues;
}

/** Asserts that a text has exactly one issue and returns it. */
function oneIssue(text: string): ExpressionIssue {
  const issues = issuesOf(text);
  expect(issues, text).toHaveLength(1);
  return issues[0]!;
}

describe('each error code', () => {
  it('expr/empty', () => {
    expect(oneIssue('')).toMatchObject({ code: 'expr/empty', start: 0, end: 0 });
    expect(oneIssue(' \n\t\u3000')).toMatchObject({ code: 'expr/empty', start: 0, end: 4, hint: expect.stringContaining('x is full') });
  });

  it('expr/unexpected-token', () => {
    expect(oneIssue('a + * b')).toMatchObject({
      code: 'expr/unexpected-token',
      start: 4,
      end: 5,
      message: 'expected a value after the operator `+`, found the operator `*`',
      hint: 'a value is missing before the operator `*`',
    });
    expect(oneIssue('a b')).toMatchObject({ code: 'expr/unexpected-token', start: 2, end: 3, hint: expect.stringContaining('operator') });
    expect(oneIssue('a + b)')).toMatchObject({ code: 'expr/unexpected-token', start: 5, end: 6, hint: 'this `)` has no matching `(`' });
    expect(oneIssue('x AND y')).toMatchObject({ code: 'expr/unexpected-token', start: 2, end: 5, hint: 'keywords are written in lowercase: `and`' });
    expect(oneIssue('1 + if a then 1 else 2')).toMatchObject({ code: 'expr/unexpected-token', start: 4, end: 6, hint: expect.stringContaining('parentheses') });
    expect(oneIssue('if a b else c')).toMatchObject({ code: 'expr/unexpected-token', start: 5, end: 6, message: expect.stringContaining('`then`') });
    expect(oneIssue('x is 3')).toMatchObject({ code: 'expr/unexpected-token', start: 5, end: 6, hint: expect.stringContaining('x is not full') });
    expect(oneIssue('a where b')).toMatchObject({ code: 'expr/unexpected-token', start: 2, end: 7, hint: expect.stringContaining('count(list where condition)') });
  });

  it('expr/unexpected-end, at the end of the last token', () => {
    expect(oneIssue('a +')).toMatchObject({
      code: 'expr/unexpected-end',
      start: 3,
      end: 3,
      message: 'the expression ends where a value is expected after the operator `+`',
    });
    expect(oneIssue('a +   ')).toMatchObject({ code: 'expr/unexpected-end', start: 3, end: 3 });
    expect(oneIssue('if a then b')).toMatchObject({
      code: 'expr/unexpected-end',
      start: 11,
      end: 11,
      message: 'expected `else` after the `then` value, found the end of the expression',
      hint: expect.stringContaining('if condition then value else other'),
    });
    expect(oneIssue('if a')).toMatchObject({ code: 'expr/unexpected-end', start: 4, end: 4, message: expect.stringContaining('`then`') });
    expect(oneIssue('(a + b')).toMatchObject({
      code: 'expr/unexpected-end',
      start: 6,
      end: 6,
      message: 'expected a closing parenthesis `)`, found the end of the expression',
      hint: 'add the missing `)`',
    });
  });

  it('expr/unknown-character, without follow-on errors', () => {
    expect(oneIssue('a § b')).toMatchObject({ code: 'expr/unknown-character', start: 2, end: 3 });
    expect(oneIssue('score >= 85%')).toMatchObject({ code: 'expr/unknown-character', start: 11, end: 12, hint: expect.stringContaining('0.85') });
    expect(oneIssue('人数 > 3')).toMatchObject({ code: 'expr/unknown-character', start: 0, end: 2, hint: expect.stringContaining('double quotes') });
    expect(oneIssue('x == 1 # note')).toMatchObject({ code: 'expr/unknown-character', start: 7, end: 8, hint: expect.stringContaining('comments') });
  });

  it('expr/full-width, naming the ASCII character', () => {
    const issues = issuesOf('（a + b）');
    expect(issues).toMatchObject([
      { code: 'expr/full-width', start: 0, end: 1, hint: 'use the ASCII `(` instead' },
      { code: 'expr/full-width', start: 6, end: 7, hint: 'use the ASCII `)` instead' },
    ]);
    expect(issues).toHaveLength(2);
    expect(oneIssue('min(a，b)')).toMatchObject({ code: 'expr/full-width', start: 5, end: 6, hint: 'use the ASCII `,` instead' });
    expect(oneIssue('a ＝＝ b')).toMatchObject({ code: 'expr/full-width', start: 2, end: 4, hint: 'use the ASCII `==` instead' });
    expect(oneIssue('１０ * a')).toMatchObject({ code: 'expr/full-width', start: 0, end: 2, hint: 'use the ASCII `10` instead' });
    expect(issuesOf('x in 【a、b】')).toMatchObject([
      { code: 'expr/full-width', start: 5, end: 6, hint: 'use the ASCII `[` instead' },
      { code: 'expr/full-width', start: 7, end: 8, hint: 'use the ASCII `,` instead' },
      { code: 'expr/full-width', start: 9, end: 10, hint: 'use the ASCII `]` instead' },
    ]);
  });

  it('expr/unterminated-text', () => {
    expect(oneIssue('x is "full')).toMatchObject({ code: 'expr/unterminated-text', start: 5, end: 10, hint: expect.stringContaining('"') });
    expect(issuesOf('x == "a\nb"')[0]).toMatchObject({ code: 'expr/unterminated-text', start: 5, end: 7 });
  });

  it('expr/bad-escape', () => {
    expect(oneIssue('"a\\qb"')).toMatchObject({ code: 'expr/bad-escape', start: 2, end: 4, hint: expect.stringContaining('\\\\') });
    expect(oneIssue('"\\u12g"')).toMatchObject({ code: 'expr/bad-escape', start: 1, end: 5 });
  });

  it('expr/wrong-quotes', () => {
    expect(oneIssue("x == 'low'")).toMatchObject({ code: 'expr/wrong-quotes', start: 5, end: 10, hint: 'text goes in straight double quotes: "low"' });
    expect(oneIssue('x == “low”')).toMatchObject({ code: 'expr/wrong-quotes', start: 5, end: 10, hint: expect.stringContaining('double quotes') });
  });

  it('expr/wrong-operator, with what to write instead', () => {
    expect(oneIssue('x = 1')).toMatchObject({ code: 'expr/wrong-operator', start: 2, end: 3, hint: 'use `==` to compare' });
    expect(oneIssue('x = full')).toMatchObject({ code: 'expr/wrong-operator', start: 2, end: 3, hint: expect.stringContaining('`x is full`') });
    expect(oneIssue('a && b')).toMatchObject({ code: 'expr/wrong-operator', start: 2, end: 4, hint: 'use `and`' });
    expect(oneIssue('a || b')).toMatchObject({ code: 'expr/wrong-operator', start: 2, end: 4, hint: 'use `or`' });
    expect(oneIssue('!a')).toMatchObject({ code: 'expr/wrong-operator', start: 0, end: 1, hint: 'use `not`' });
    expect(oneIssue('a <> b')).toMatchObject({ code: 'expr/wrong-operator', start: 2, end: 4, hint: 'use `!=`' });
    expect(oneIssue('a === b')).toMatchObject({ code: 'expr/wrong-operator', start: 2, end: 5, hint: 'use `==`' });
    expect(oneIssue('a => b')).toMatchObject({ code: 'expr/wrong-operator', start: 2, end: 4, hint: 'use `>=`' });
  });

  it('expr/bad-number', () => {
    expect(oneIssue('.5')).toMatchObject({ code: 'expr/bad-number', start: 0, end: 2, hint: 'write 0.5' });
    expect(oneIssue('round(x, .5)')).toMatchObject({ code: 'expr/bad-number', start: 9, end: 11, hint: 'write 0.5' });
    expect(oneIssue('5.')).toMatchObject({ code: 'expr/bad-number', start: 0, end: 2 });
    expect(oneIssue('1.2.3')).toMatchObject({ code: 'expr/bad-number', start: 0, end: 5 });
    expect(oneIssue('3x')).toMatchObject({ code: 'expr/bad-number', start: 0, end: 2, hint: expect.stringContaining('3 * x') });
    expect(oneIssue('1e5')).toMatchObject({ code: 'expr/bad-number', start: 0, end: 3 });
    expect(oneIssue(`0.${'1'.repeat(20_000)}`)).toMatchObject({ code: 'expr/bad-number', start: 0, end: 20_002 });
  });

  it('expr/bad-date', () => {
    expect(oneIssue('date("2022-02-30")')).toMatchObject({ code: 'expr/bad-date', start: 5, end: 17, message: '`2022-02-30` is not a real calendar date' });
    expect(oneIssue('date("2023-02-29")')).toMatchObject({ code: 'expr/bad-date', start: 5, end: 17 });
    expect(oneIssue('date("2022-6-1")')).toMatchObject({ code: 'expr/bad-date', start: 5, end: 15, hint: 'write date("2022-06-01")' });
    expect(oneIssue('date(2022-06-01)')).toMatchObject({ code: 'expr/bad-date', start: 5, end: 15, hint: 'write date("2022-06-01")' });
    expect(oneIssue('date()')).toMatchObject({ code: 'expr/bad-date', start: 0, end: 6 });
  });

  it('expr/reserved-word', () => {
    expect(oneIssue('min + 1')).toMatchObject({ code: 'expr/reserved-word', start: 0, end: 3, hint: expect.stringContaining('min(a, b') });
    expect(oneIssue('x > date')).toMatchObject({ code: 'expr/reserved-word', start: 4, end: 8, hint: expect.stringContaining('date("2022-06-01")') });
  });

  it('expr/unknown-function, with a suggestion', () => {
    expect(oneIssue('Min(a, b)')).toMatchObject({ code: 'expr/unknown-function', start: 0, end: 3, hint: 'did you mean `min`?' });
    expect(oneIssue('rond(x, 1)')).toMatchObject({ code: 'expr/unknown-function', start: 0, end: 4, hint: 'did you mean `round`?' });
    expect(oneIssue('score(1)')).toMatchObject({ code: 'expr/unknown-function', start: 0, end: 5, hint: expect.stringContaining('`*`') });
  });

  it('expr/arity, located at the call', () => {
    expect(oneIssue('round(x)')).toMatchObject({ code: 'expr/arity', start: 0, end: 8, message: '`round` takes 2 arguments, not 1', hint: 'write round(x, step)' });
    expect(oneIssue('1 + abs(1, 2)')).toMatchObject({ code: 'expr/arity', start: 4, end: 13 });
    expect(oneIssue('min(1)')).toMatchObject({ code: 'expr/arity', start: 0, end: 6, message: '`min` takes at least 2 arguments, not 1' });
    expect(oneIssue('clamp(x, 1)')).toMatchObject({ code: 'expr/arity', start: 0, end: 11 });
    expect(oneIssue('count()')).toMatchObject({ code: 'expr/arity', start: 0, end: 7 });
    expect(oneIssue('sum(a, b, c)')).toMatchObject({ code: 'expr/arity', start: 0, end: 12 });
  });

  it('expr/aggregate-list', () => {
    expect(oneIssue('sum(1, x)')).toMatchObject({ code: 'expr/aggregate-list', start: 4, end: 5, hint: expect.stringContaining('sum(list, value)') });
  });

  it('expr/aggregate-value', () => {
    expect(oneIssue('count(items, x)')).toMatchObject({ code: 'expr/aggregate-value', start: 13, end: 14, message: '`count` takes no value: it counts the records' });
    expect(oneIssue('sum(items)')).toMatchObject({ code: 'expr/aggregate-value', start: 0, end: 10, hint: expect.stringContaining('sum(list, value)') });
    expect(oneIssue('all(items where x)')).toMatchObject({ code: 'expr/aggregate-value', start: 0, end: 18 });
  });

  it('expr/misplaced-where', () => {
    expect(oneIssue('min(a where b, c)')).toMatchObject({ code: 'expr/misplaced-where', start: 6, end: 11 });
    expect(oneIssue('sum(items, x where y)')).toMatchObject({ code: 'expr/misplaced-where', start: 13, end: 18 });
  });

  it('expr/chained-comparison', () => {
    expect(oneIssue('a < b < c')).toMatchObject({ code: 'expr/chained-comparison', start: 6, end: 7, hint: expect.stringContaining('`a < b and b < c`') });
    expect(oneIssue('x is full is y')).toMatchObject({ code: 'expr/chained-comparison', start: 10, end: 12 });
  });

  it('expr/list-item and expr/in-list', () => {
    expect(oneIssue('x in [a + 1]')).toMatchObject({ code: 'expr/list-item', start: 6, end: 11 });
    expect(oneIssue('x in a')).toMatchObject({ code: 'expr/in-list', start: 5, end: 6, hint: expect.stringContaining('[a]') });
  });

  it('expr/too-deep, without a stack overflow', () => {
    const t0 = Date.now();
    expect(oneIssue('('.repeat(10_000))).toMatchObject({ code: 'expr/too-deep', start: MAX_NESTING, end: MAX_NESTING + 1 });
    expect(oneIssue(`${'('.repeat(10_000)}a${')'.repeat(10_000)}`)).toMatchObject({ code: 'expr/too-deep' });
    expect(oneIssue(`${'min(1, '.repeat(5_000)}a${')'.repeat(5_000)}`)).toMatchObject({ code: 'expr/too-deep' });
    expect(oneIssue(`${'not '.repeat(10_000)}a`)).toMatchObject({ code: 'expr/too-deep' });
    expect(oneIssue(Array.from({ length: MAX_TREE_DEPTH + 5 }, (_, i) => `a${i}`).join(' + '))).toMatchObject({ code: 'expr/too-deep' });
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('accepts nesting up to the limit', () => {
    const src = `${'('.repeat(MAX_NESTING)}a${')'.repeat(MAX_NESTING)}`;
    expect(parseExpression(src).expr).toEqual({ kind: 'ref', name: 'a' });
    const nested = `${'-('.repeat(MAX_NESTING)}a${')'.repeat(MAX_NESTING)}`;
    expect(parseExpression(nested).issues).toEqual([]);
  });

  it('expr/internal-error instead of throwing', () => {
    const hostile = { toString: (): string => { throw new Error('boom'); } } as unknown as string;
    const r = parseExpression(hostile);
    expect(r.expr).toBeUndefined();
    expect(r.issues).toMatchObject([{ code: 'expr/internal-error', message: expect.stringContaining('boom') }]);
    seen.add('expr/internal-error');
  });
});

describe('several errors in one run', () => {
  it('reports every error, in source order', () => {
    const src = 'min(1) + foo(2) * (3 && .5';
    expect(issuesOf(src)).toMatchObject([
      { code: 'expr/arity', start: 0, end: 6 },
      { code: 'expr/unknown-function', start: 9, end: 12 },
      { code: 'expr/wrong-operator', start: 21, end: 23, hint: 'use `and`' },
      { code: 'expr/bad-number', start: 24, end: 26, hint: 'write 0.5' },
      { code: 'expr/unexpected-end', start: 26, end: 26 },
    ]);
  });

  it('recovers inside calls and lists to find later errors', () => {
    const issues = issuesOf('max(a +, b) + round(x) + y in [1 2] or "open');
    expect(issues.map((i) => i.code)).toEqual(['expr/unexpected-token', 'expr/arity', 'expr/unexpected-token', 'expr/unterminated-text']);
    expect(issues.map((i) => i.start)).toEqual([7, 14, 33, 39]);
  });

  it('reports lexer errors together with syntax errors', () => {
    const issues = issuesOf("（x = 'a'");
    expect(issues.map((i) => i.code)).toEqual(['expr/full-width', 'expr/wrong-operator', 'expr/wrong-quotes', 'expr/unexpected-end']);
  });
});

describe('coverage of the code list', () => {
  it('has a test for every code', () => {
    expect([...seen].sort()).toEqual([...EXPRESSION_ISSUE_CODES].sort());
  });
});
