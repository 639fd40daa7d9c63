import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRubricText, type Diagnostic } from '@rubric/rubric';

/**
 * Broken rubrics end to end: a valid YAML rubric with one mistake put in, through the
 * YAML front end and the checker, located back in the file (code, line, column, hint).
 */
const BASE = readFileSync(new URL('./fixtures/mini.yaml', import.meta.url), 'utf8');

function load(from: string, to: string): Diagnostic[] {
  expect(BASE.includes(from), `fixture contains ${JSON.stringify(from)}`).toBe(true);
  return loadRubricText(BASE.replace(from, to), 'mini.yaml', 'yaml').diagnostics;
}

type Case = { name: string; from: string; to: string; code: string; line: number; column: number; hint?: RegExp; severity?: string };

const CASES: Case[] = [
  { name: 'declared total differs from the indicators', from: 'total: 20', to: 'total: 25', code: 'rubric/total-mismatch', line: 5, column: 8 },
  { name: 'misspelt fact in a score', from: 'round(10 * rate, 0.5)', to: 'round(10 * rat, 0.5)', code: 'rubric/unknown-name', line: 34, column: 27, hint: /did you mean `rate`/ },
  { name: 'misspelt level', from: 'duty is partial', to: 'duty is parital', code: 'rubric/unknown-level', line: 29, column: 29, hint: /did you mean `partial`/ },
  { name: 'a rule that can exceed its maximum', from: 'round(10 * rate, 0.5)', to: 'round(12 * rate, 0.5)', code: 'rubric/points-out-of-range', line: 34, column: 16 },
  { name: 'arithmetic on a boolean', from: 'when: exposed }', to: 'when: exposed + 1 }', code: 'rubric/type-error', line: 38, column: 53 },
  { name: 'unreachable pass mark', from: 'value: 15', to: 'value: 25', code: 'rubric/unreachable-pass-mark', line: 14, column: 12, hint: /lower the pass mark/ },
  { name: 'hard requirement on an unknown indicator', from: 'indicator: duty', to: 'indicator: dutty', code: 'rubric/unknown-indicator', line: 36, column: 60, hint: /did you mean `duty`/ },
  { name: 'pass mark names an unknown parameter', from: 'pass_mark: pass_mark', to: 'pass_mark: passmark', code: 'rubric/unknown-parameter', line: 18, column: 12, hint: /did you mean `pass_mark`/ },
  { name: 'section total differs', from: '    points: 20\n', to: '    points: 18\n', code: 'rubric/section-total-mismatch', line: 22, column: 13 },
  { name: 'duplicate indicator id', from: '- id: rate\n', to: '- id: duty\n', code: 'rubric/duplicate-id', line: 31, column: 13 },
  { name: 'a case above the maximum', from: '{ when: duty is full, score: 10 }', to: '{ when: duty is full, score: 12 }', code: 'rubric/points-out-of-range', line: 28, column: 42 },
  { name: 'a count that is a boolean', from: 'per: complaints', to: 'per: exposed', code: 'rubric/type-error', line: 40, column: 45 },
  { name: 'level compared with a number', from: 'when: risk is low', to: 'when: risk == 3', code: 'rubric/type-error', line: 16, column: 23 },
  { name: 'rounding step zero', from: 'round(10 * rate, 0.5)', to: 'round(10 * rate, 0)', code: 'rubric/bad-step', line: 34, column: 33 },
  { name: 'a veto that can never fire', from: 'when: exposed }', to: 'when: rate > 1 }', code: 'rubric/veto-never-fires', line: 38, column: 53, severity: 'warning' },
  { name: 'a fact named like a keyword', from: '  exposed: { label: Exposed, type: boolean }\n', to: '  exposed: { label: Exposed, type: boolean }\n  and: { label: x, type: boolean }\n', code: 'rubric/reserved-name', line: 12, column: 3 },
  { name: 'count over a fact that is not a list', from: 'when: risk is low', to: 'when: count(risk) > 1', code: 'rubric/unknown-list', line: 16, column: 15 },
  { name: 'unknown key', from: '        points: 10\n        cases:', to: '        pionts: 10\n        cases:', code: 'yaml/unknown-key', line: 26, column: 9, hint: /did you mean `points`/ },
  { name: 'misspelt fact type', from: 'type: ratio', to: 'type: ration', code: 'yaml/bad-value', line: 8, column: 30, hint: /did you mean `ratio`/ },
  { name: 'expression syntax: = for ==', from: 'when: risk is low', to: 'when: risk = low', code: 'expr/wrong-operator', line: 16, column: 20, hint: /==/ },
  { name: 'expression syntax: unclosed parenthesis', from: 'round(10 * rate, 0.5)', to: 'round(10 * rate, 0.5', code: 'expr/unexpected-end', line: 34, column: 36 },
  { name: 'YAML syntax error', from: 'title: Mini scale', to: 'title: [Mini scale', code: 'yaml/syntax', line: 3, column: 1 },
  { name: 'a missing required key', from: 'title: Mini scale\n', to: '', code: 'yaml/missing-key', line: 1, column: 1 },
  { name: 'a date that does not exist', from: '2022-06-14', to: '2022-02-30', code: 'yaml/bad-value', line: 4, column: 20 },
];

describe('a broken rubric reports its mistake where it is', () => {
  it.each(CASES)('$name → $code at $line:$column', (c) => {
    const ds = load(c.from, c.to);
    const d = ds.find((x) => x.code === c.code);
    expect(d, JSON.stringify(ds, null, 1)).toBeDefined();
    expect([d!.span.start.line, d!.span.start.column]).toEqual([c.line, c.column]);
    expect(d!.severity).toBe(c.severity ?? 'error');
    expect(d!.file).toBe('mini.yaml');
    if (c.hint) expect(d!.hint).toMatch(c.hint);
  });

  it('reports every mistake of a file in one run, in source order', () => {
    const text = BASE.replace('total: 20', 'total: 25')
      .replace('round(10 * rate, 0.5)', 'round(10 * rat, 0.5)')
      .replace('duty is partial', 'duty is parital')
      .replace('indicator: duty', 'indicator: dutty');
    const ds = loadRubricText(text, 'mini.yaml', 'yaml').diagnostics;
    expect(ds.map((d) => `${d.span.start.line}:${d.code}`)).toEqual([
      '5:rubric/total-mismatch',
      '29:rubric/unknown-level',
      '34:rubric/unknown-name',
      '36:rubric/unknown-indicator',
    ]);
  });

  it('the unmodified fixture is clean', () => {
    expect(loadRubricText(BASE, 'mini.yaml', 'yaml').diagnostics).toEqual([]);
  });
});
