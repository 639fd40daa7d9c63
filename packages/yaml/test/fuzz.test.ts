import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateIr } from '@rubric/model';
import { parseYamlRubric, printYamlRubric } from '../src/index.js';
import { FULL_YAML, SMALL_YAML } from './fixtures.js';

const PIECES = [':', ': ', '-', '- ', ' ', '  ', '\t', '"', "'", '{', '}', '[', ']', ',', '*', '&a ', '*a', '!', '|', '>', '#', '\n', '\r\n', 'x', '9', '-1', '.5', '~', 'null', 'true', '1e999', '0x10', '2022-02-30', '\u2028', '\u0000', '？', '（', '…', '---\n', '? ', '<<: '];

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

describe('random mutations', () => {
  it('never throw, always locate their diagnostics, and accepted results are valid IR that round-trips', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(FULL_YAML, SMALL_YAML), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (source, mutations) => {
        const text = mutations.reduce(mutate, source);
        const result = parseYamlRubric(text, 'fuzz.yaml');
        for (const d of result.diagnostics) {
          expect(d.code).not.toMatch(/^internal\//);
          expect(d.file).toBe('fuzz.yaml');
          expect(d.span.start.line).toBeGreaterThanOrEqual(1);
          expect(d.span.start.column).toBeGreaterThanOrEqual(1);
          expect(d.span.end.offset).toBeGreaterThanOrEqual(d.span.start.offset);
          expect(d.span.end.offset).toBeLessThanOrEqual(text.length);
          expect(d.message.length).toBeGreaterThan(0);
        }
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        expect(result.rubric === undefined).toBe(errors.length > 0);
        if (result.rubric) {
          accepted++;
          expect(validateIr(result.rubric), text).toEqual([]);
          const back = parseYamlRubric(printYamlRubric(result.rubric), 'again.yaml');
          expect(back.diagnostics).toEqual([]);
          expect(back.rubric).toStrictEqual(result.rubric);
        }
      }),
      { seed: 42, numRuns: 1500 },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('survives arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const result = parseYamlRubric(text, 'any.yaml');
        expect(result.diagnostics.every((d) => !d.code.startsWith('internal/'))).toBe(true);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('survives deep nesting', () => {
    const deep = `${SMALL_YAML}tests:\n  - name: t\n    subject: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(() => parseYamlRubric(deep, 'deep.yaml')).not.toThrow();
    const expr = SMALL_YAML.replace('score: 10 * rate', `score: ${'('.repeat(3000)}1${')'.repeat(3000)}`);
    const r = parseYamlRubric(expr, 'deep.yaml');
    expect(r.diagnostics.every((d) => !d.code.startsWith('internal/'))).toBe(true);
  });
});
