import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateIr } from '@rubric/model';
import { parseDslRubric, printDslRubric } from '../src/index.js';
import { FULL_DSL, MINI_DSL, SMALL_DSL } from './fixtures.js';

/**
 * Random input never makes the front end throw or hang: random strings, and random
 * mutations of valid rubrics (fixed seeds, a bounded number of runs). Every diagnostic is
 * located inside the text and has a hint, and what is accepted is valid IR that prints and
 * reads back.
 */

const PIECES = [
  '"', "'", '“', '{', '}', '[', ']', '(', ')', ',', ':', '.', '|', '->', '=>', '=', '-', '#', '# c\n', '\n', '\r\n', ' ', '\t', 'x', '9', '-1', '.5', '1e5',
  '2022-02-30', '2022-6-1', 'fact', 'fact f "F" ratio\n', 'section', 'section s "S"\n', 'indicator', 'indicator i "I" 1 points\n', 'when', 'otherwise',
  'score', 'points', 'default', 'level', 'field', 'value', 'pass mark', 'test "t"\n', 'subject {a: 1}', 'expect', 'if', 'then', 'and', 'null', 'none',
  '\u2028', '\u0000', '\ufeff', '，', '（', '：', '＝', '…', '\\', '"\\u12"', '${', '*/', '__proto__', 'round(', 'count(x where', 'date("',
];

type Mutation =
  | { op: 'insert'; at: number; piece: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate-line'; line: number }
  | { op: 'swap-lines'; line: number }
  | { op: 'truncate'; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...PIECES) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  switch (m.op) {
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.piece + text.slice(at);
    }
    case 'delete': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'duplicate-line':
    case 'swap-lines': {
      const lines = text.split('\n');
      const i = m.line % lines.length;
      if (m.op === 'duplicate-line') lines.splice(i, 0, lines[i]!);
      else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
      return lines.join('\n');
    }
  }
}

/** What must hold for any input. */
function checkResult(text: string): boolean {
  const result = parseDslRubric(text, 'fuzz.rubric');
  for (const d of result.diagnostics) {
    expect(d.code, d.message).not.toMatch(/internal/);
    expect(d.file).toBe('fuzz.rubric');
    expect(d.span.start.line).toBeGreaterThanOrEqual(1);
    expect(d.span.start.column).toBeGreaterThanOrEqual(1);
    expect(d.span.end.offset).toBeGreaterThanOrEqual(d.span.start.offset);
    expect(d.span.end.offset).toBeLessThanOrEqual(text.length);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.hint, `${d.code}: ${d.message}`).toBeTruthy();
    expect(d.message).not.toMatch(/\b(RBrace|LBrace|Identifier|NumberLiteral|DoubleQuotedText|DateLiteral|EOF)\b/);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(result.rubric === undefined).toBe(errors.length > 0);
  if (!result.rubric) return false;
  expect(validateIr(result.rubric), text).toEqual([]);
  const printed = printDslRubric(result.rubric, { comments: result.comments });
  const back = parseDslRubric(printed, 'again.rubric');
  expect(back.diagnostics, printed).toEqual([]);
  expect(back.rubric).toStrictEqual(result.rubric);
  return true;
}

describe('the DSL front end under random input', () => {
  it('survives random mutations of valid rubrics', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(FULL_DSL, MINI_DSL, SMALL_DSL), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (source, mutations) => {
        if (checkResult(mutations.reduce(mutate, source))) accepted++;
      }),
      { seed: 42, numRuns: 1500 },
    );
    // Some mutations (in comments, or of a digit) leave a valid rubric.
    expect(accepted).toBeGreaterThan(0);
  });

  it('survives arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checkResult(text);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('survives arbitrary sequences of its own words and punctuation', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES, ' ', ' ', '\n'), { maxLength: 60 }), (parts) => {
        checkResult(`rubric r "R"\n${parts.join(' ')}`);
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('survives deep nesting and long input', () => {
    const deep = SMALL_DSL.replace('score 10 * rate', `score ${'('.repeat(5000)}1${')'.repeat(5000)}`);
    expect(() => checkResult(deep)).not.toThrow();
    const deepRecord = `${SMALL_DSL}\ntest "t"\n  subject ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`;
    expect(() => checkResult(deepRecord)).not.toThrow();
    const longChain = SMALL_DSL.replace('score 10 * rate', `score ${Array.from({ length: 3000 }, () => 'rate').join(' + ')}`);
    expect(() => checkResult(longChain)).not.toThrow();
    const unclosed = `${SMALL_DSL.replace('score 10 * rate', 'score round(10 * rate')}${'fact x "X" ratio\n'.repeat(2000)}`;
    const r = parseDslRubric(unclosed, 'u.rubric');
    // The unclosed parenthesis does not swallow the statements after it.
    expect(r.diagnostics.map((d) => d.code)).toEqual(['expr/unexpected-end']);
  });
});
