import { describe, expect, it } from 'vitest';
import { loadRubricText, type Diagnostic } from '@rubric/rubric';
import { MINI_DSL } from '../../packages/dsl/test/fixtures.js';

/**
 * Semantic mistakes in a `.rubric` file, found by the checker (which speaks IR paths) and
 * located back in the DSL through the front end's source map: code, line, column, hint.
 */

function load(from: string, to: string): { text: string; ds: Diagnostic[] } {
  expect(MINI_DSL.includes(from), `fixture contains ${JSON.stringify(from)}`).toBe(true);
  const text = MINI_DSL.replace(from, to);
  return { text, ds: loadRubricText(text, 'mini.rubric', 'dsl').diagnostics };
}

/** Line and column of the n-th occurrence of `needle`. */
function at(text: string, needle: string, nth = 1): [number, number] {
  let i = -1;
  for (let k = 0; k < nth; k++) i = text.indexOf(needle, i + 1);
  expect(i).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, i).split('\n');
  return [before.length, before[before.length - 1]!.length + 1];
}

type Case = { name: string; from: string; to: string; code: string; where: string; nth?: number; hint?: RegExp; severity?: string };

const CASES: Case[] = [
  { name: 'declared total differs from the indicators', from: 'total 20 points', to: 'total 25 points', code: 'rubric/total-mismatch', where: '25' },
  { name: 'misspelt fact in a score', from: 'round(10 * rate, 0.5)', to: 'round(10 * rat, 0.5)', code: 'rubric/unknown-name', where: 'rat,', hint: /did you mean `rate`/ },
  { name: 'misspelt level', from: 'duty is partial', to: 'duty is parital', code: 'rubric/unknown-level', where: 'parital', hint: /did you mean `partial`/ },
  { name: 'a rule that can exceed its maximum', from: 'round(10 * rate, 0.5)', to: 'round(12 * rate, 0.5)', code: 'rubric/points-out-of-range', where: 'round(12' },
  { name: 'arithmetic on a boolean', from: 'when exposed\n', to: 'when exposed + 1\n', code: 'rubric/type-error', where: 'exposed + 1' },
  { name: 'unreachable pass mark', from: 'value 15', to: 'value 25', code: 'rubric/unreachable-pass-mark', where: '25', hint: /lower the pass mark/ },
  { name: 'hard requirement on an unknown indicator', from: 'full marks on duty', to: 'full marks on dutty', code: 'rubric/unknown-indicator', where: 'dutty', hint: /did you mean `duty`/ },
  { name: 'pass mark names an unknown parameter', from: 'pass mark pass_mark', to: 'pass mark passmark', code: 'rubric/unknown-parameter', where: 'passmark', hint: /did you mean `pass_mark`/ },
  { name: 'section total differs', from: '"Part one" 20 points', to: '"Part one" 18 points', code: 'rubric/section-total-mismatch', where: '18' },
  { name: 'duplicate indicator id', from: 'indicator rate', to: 'indicator duty', code: 'rubric/duplicate-id', where: 'duty "Rate"' },
  { name: 'a case above the maximum', from: 'full -> 10', to: 'full -> 12', code: 'rubric/points-out-of-range', where: '12\n    when duty is partial' },
  { name: 'a count that is a boolean', from: 'per complaints', to: 'per exposed', code: 'rubric/type-error', where: 'exposed,' },
  { name: 'level compared with a number', from: 'when risk is low', to: 'when risk == 3', code: 'rubric/type-error', where: '3 -> 12' },
  { name: 'rounding step zero', from: 'round(10 * rate, 0.5)', to: 'round(10 * rate, 0)', code: 'rubric/bad-step', where: '0)' },
  { name: 'a veto that can never fire', from: 'when exposed\n', to: 'when rate > 1\n', code: 'rubric/veto-never-fires', where: 'rate > 1', severity: 'warning' },
  { name: 'a fact named like a keyword', from: 'fact exposed "Exposed" boolean\n', to: 'fact exposed "Exposed" boolean\nfact count "x" boolean\n', code: 'rubric/reserved-name', where: 'count "x"' },
  { name: 'count over a fact that is not a list', from: 'when risk is low', to: 'when count(risk) > 1', code: 'rubric/unknown-list', where: 'count(risk)' },
];

describe('a broken .rubric file reports the checker\'s findings where they are', () => {
  it.each(CASES)('$name → $code', (c) => {
    const { text, ds } = load(c.from, c.to);
    const d = ds.find((x) => x.code === c.code);
    expect(d, JSON.stringify(ds, null, 1)).toBeDefined();
    expect([d!.span.start.line, d!.span.start.column]).toEqual(at(text, c.where, c.nth));
    expect(d!.severity).toBe(c.severity ?? 'error');
    expect(d!.file).toBe('mini.rubric');
    if (c.hint) expect(d!.hint).toMatch(c.hint);
  });

  it('reports a name that is reserved in expressions already in the DSL', () => {
    const { text, ds } = load('fact exposed "Exposed" boolean\n', 'fact exposed "Exposed" boolean\nfact where "x" boolean\n');
    expect(ds.map((d) => [d.code, d.span.start.line, d.span.start.column])).toEqual([['dsl/unexpected-token', ...at(text, 'where "x"')]]);
  });

  it('reports every mistake of a file in one run, in source order', () => {
    const text = MINI_DSL.replace('total 20 points', 'total 25 points')
      .replace('round(10 * rate, 0.5)', 'round(10 * rat, 0.5)')
      .replace('duty is partial', 'duty is parital')
      .replace('full marks on duty', 'full marks on dutty');
    const ds = loadRubricText(text, 'mini.rubric', 'dsl').diagnostics;
    expect(ds.map((d) => `${d.span.start.line}:${d.code}`)).toEqual(['5:rubric/total-mismatch', '23:rubric/unknown-level', '27:rubric/unknown-name', '29:rubric/unknown-indicator']);
  });

  it('the unmodified fixture is clean', () => {
    expect(loadRubricText(MINI_DSL, 'mini.rubric', 'dsl').diagnostics).toEqual([]);
  });
});
