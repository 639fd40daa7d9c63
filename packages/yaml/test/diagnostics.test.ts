import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@rubric/model';
import { parseYamlRubric } from '../src/index.js';
import { SMALL_YAML } from './fixtures.js';

// SMALL_YAML, by line:
//  1 rubric: small                         9 sections:
//  2 title: Small                         10   - id: s1
//  3 version: "1"                         11     title: Only
//  4 effective: { from: 2022-01-01 }      12     indicators:
//  5 total: 10                            13       - id: i1
//  6 facts:                               14         title: One
//  7   rate: { label: Rate, type: ratio } 15         points: 10
//  8 pass_mark: 6                         16         score: 10 * rate

const small = (from: string, to: string): string => {
  expect(SMALL_YAML).toContain(from);
  return SMALL_YAML.replace(from, to);
};

interface Case {
  name: string;
  text: string;
  code: string;
  line: number;
  column: number;
  hint?: string | RegExp;
}

const CASES: Case[] = [
  { name: 'unclosed flow map', text: small('facts:', 'facts: {'), code: 'yaml/syntax', line: 8, column: 1 },
  { name: 'tab indentation', text: small('  rate:', '\trate:'), code: 'yaml/syntax', line: 7, column: 1, hint: 'indent with spaces, not tabs' },
  {
    name: 'duplicate fact id',
    text: small('  rate: { label: Rate, type: ratio }', '  rate: { label: Rate, type: ratio }\n  rate: { label: Again, type: ratio }'),
    code: 'yaml/duplicate-key',
    line: 8,
    column: 3,
    hint: /only once/,
  },
  { name: 'misspelt top-level key', text: small('title: Small', 'titel: Small'), code: 'yaml/unknown-key', line: 2, column: 1, hint: 'did you mean `title`?' },
  { name: 'misspelt indicator key', text: small('points: 10', 'pionts: 10'), code: 'yaml/unknown-key', line: 15, column: 9, hint: 'did you mean `points`?' },
  { name: 'misspelt fact type', text: small('type: ratio', 'type: levle'), code: 'yaml/bad-value', line: 7, column: 30, hint: 'did you mean `level`?' },
  {
    name: 'level fact without levels',
    text: small('type: ratio', 'type: level'),
    code: 'yaml/missing-key',
    line: 7,
    column: 3,
    hint: 'list the values, e.g. levels: [full, partial, none]',
  },
  { name: 'missing version', text: small('version: "1"\n', ''), code: 'yaml/missing-key', line: 1, column: 1, hint: /version: "2022-06"/ },
  { name: 'sections as a map', text: `${SMALL_YAML.split('sections:')[0]}sections: { a: 1 }\n`, code: 'yaml/wrong-type', line: 9, column: 11 },
  { name: 'text where a number belongs', text: small('points: 10', 'points: ten'), code: 'yaml/wrong-type', line: 15, column: 17 },
  { name: 'quoted number', text: small('points: 10', 'points: "10"'), code: 'yaml/wrong-type', line: 15, column: 17, hint: 'remove the quotes around the number' },
  { name: 'malformed date', text: small('2022-01-01', '2022-1-1'), code: 'yaml/bad-value', line: 4, column: 20, hint: /e\.g\. 2022-06-14/ },
  { name: 'date not in the calendar', text: small('2022-01-01', '2022-02-30'), code: 'yaml/bad-value', line: 4, column: 20 },
  { name: 'score and cases', text: small('score: 10 * rate', 'score: 10 * rate\n        cases: []'), code: 'yaml/conflicting-keys', line: 17, column: 9 },
  { name: 'no scoring rule', text: small('        score: 10 * rate\n', ''), code: 'yaml/missing-key', line: 13, column: 9, hint: /score/ },
  {
    name: 'optional fact without default',
    text: small('type: ratio }', 'type: ratio, required: false }'),
    code: 'yaml/missing-default',
    line: 7,
    column: 47,
    hint: 'add the value to use when a subject omits it, e.g. `default: 0`',
  },
  { name: 'fact id starting with a digit', text: small('  rate:', '  4rate:'), code: 'yaml/bad-id', line: 7, column: 3, hint: /`_4rate`/ },
  { name: 'field id with a dash', text: small('rate: { label: Rate, type: ratio }', 'cps: { label: C, type: list, fields: { on-duty: { label: D, type: boolean } } }'), code: 'yaml/bad-id', line: 7, column: 42, hint: /`on_duty`/ },
  { name: 'rubric id with a space', text: small('rubric: small', 'rubric: small one'), code: 'yaml/bad-id', line: 1, column: 9 },
  { name: 'expression error', text: small('score: 10 * rate', 'score: 10 * * rate'), code: 'expr/unexpected-token', line: 16, column: 21 },
  { name: 'expression error with CRLF line ends', text: small('score: 10 * rate', 'score: 10 * * rate').replace(/\n/g, '\r\n'), code: 'expr/unexpected-token', line: 16, column: 21 },
  { name: 'expression error in double quotes', text: small('score: 10 * rate', 'score: "10 * * rate"'), code: 'expr/unexpected-token', line: 16, column: 22 },
  {
    name: 'expression error after escapes',
    text: small('score: 10 * rate', 'score: "10 * \\"a\\" + + 1"'),
    code: 'expr/unexpected-token',
    line: 16,
    column: 30,
  },
  { name: 'expression error in single quotes', text: small('score: 10 * rate', "score: 'rate is ''x'' and'"), code: 'expr/unexpected-end', line: 16, column: 34 },
  { name: 'expression error in a block scalar', text: small('score: 10 * rate', 'score: |\n          10 *\n          * rate'), code: 'expr/unexpected-token', line: 18, column: 11 },
  {
    name: 'numeric pass_mark and a pass_mark parameter',
    text: small('pass_mark: 6', 'parameters:\n  pass_mark: { value: 5 }\npass_mark: 6'),
    code: 'yaml/conflicting-keys',
    line: 10,
    column: 12,
  },
  { name: 'too many digits', text: small('points: 10', 'points: 12345678901234567'), code: 'yaml/bad-value', line: 15, column: 17, hint: /15 significant digits/ },
  { name: 'infinite number', text: small('total: 10', 'total: .inf'), code: 'yaml/bad-value', line: 5, column: 8 },
  { name: 'negative points', text: small('points: 10', 'points: -1'), code: 'yaml/bad-value', line: 15, column: 17 },
  {
    name: 'deduction with per and when',
    text: `${SMALL_YAML}deductions:\n  - { id: d, reason: r, per: rate, when: rate > 0, amount: 1 }\n`,
    code: 'yaml/conflicting-keys',
    line: 18,
    column: 36,
  },
  {
    name: 'deduction range of three',
    text: `${SMALL_YAML}deductions:\n  - { id: d, reason: r, fact: rate, range: [1, 2, 3] }\n`,
    code: 'yaml/wrong-type',
    line: 18,
    column: 44,
    hint: 'e.g. `range: [0.5, 2]`',
  },
  { name: 'deduction of no shape', text: `${SMALL_YAML}deductions:\n  - { id: d, reason: r, amount: 1 }\n`, code: 'yaml/missing-key', line: 18, column: 5 },
  { name: 'bad floor', text: `${SMALL_YAML}floor: nothing\n`, code: 'yaml/bad-value', line: 17, column: 8, hint: /floor: none/ },
  {
    name: 'misspelt checklist mode',
    text: small('score: 10 * rate', 'checklist: { mode: deduce, items: [{ id: a, title: A, points: 1, when: true }] }'),
    code: 'yaml/bad-value',
    line: 16,
    column: 28,
    hint: 'did you mean `deduct`?',
  },
  {
    name: 'misspelt outcome',
    text: `${SMALL_YAML}tests:\n  - name: t\n    subject: {}\n    expect: { outcome: passed }\n`,
    code: 'yaml/bad-value',
    line: 20,
    column: 24,
    hint: 'did you mean `pass`?',
  },
  { name: 'empty file', text: '', code: 'yaml/wrong-type', line: 1, column: 1 },
  { name: 'a list at the top', text: '- a\n- b\n', code: 'yaml/wrong-type', line: 1, column: 1 },
  {
    name: 'parameter with value and history',
    text: small('pass_mark: 6', 'parameters:\n  pm:\n    value: 5\n    history: []\npass_mark: pm'),
    code: 'yaml/conflicting-keys',
    line: 11,
    column: 5,
  },
  { name: 'two documents', text: `${SMALL_YAML}---\nfoo: 1\n`, code: 'yaml/syntax', line: 17, column: 1, hint: /one rubric per file/ },
  { name: 'otherwise without cases', text: small('score: 10 * rate', 'score: 10 * rate\n        otherwise: 0'), code: 'yaml/conflicting-keys', line: 17, column: 9 },
  { name: 'default of the wrong kind', text: small('type: ratio }', 'type: boolean, default: 3 }'), code: 'yaml/wrong-type', line: 7, column: 48 },
  { name: 'level listed twice', text: small('type: ratio }', 'type: level, levels: [full, none, full] }'), code: 'yaml/bad-value', line: 7, column: 58 },
  { name: 'list field that is a list', text: small('rate: { label: Rate, type: ratio }', 'cps: { label: C, type: list, fields: { sub: { label: S, type: list } } }'), code: 'yaml/bad-value', line: 7, column: 65 },
  { name: 'empty parameter history', text: small('pass_mark: 6', 'parameters:\n  pm: { history: [] }\npass_mark: pm'), code: 'yaml/bad-value', line: 9, column: 18 },
  { name: 'label given as a list', text: small('label: Rate', 'label: [a]'), code: 'yaml/wrong-type', line: 7, column: 18 },
  { name: 'min on a boolean fact', text: small('type: ratio }', 'type: boolean, min: 1 }'), code: 'yaml/conflicting-keys', line: 7, column: 39 },
  { name: 'required fact with a default', text: small('type: ratio }', 'type: ratio, required: true, default: 0 }'), code: 'yaml/conflicting-keys', line: 7, column: 53 },
  { name: 'quoted number as pass_mark', text: small('pass_mark: 6', 'pass_mark: "6"'), code: 'yaml/wrong-type', line: 8, column: 12, hint: 'remove the quotes to use a number' },
  { name: 'checklist item with when and count', text: small('score: 10 * rate', 'checklist: { mode: award, items: [{ id: a, title: A, points: 1, when: true, count: 2 }] }'), code: 'yaml/conflicting-keys', line: 16, column: 85 },
];

function located(ds: Diagnostic[]): string {
  return ds.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code}: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`).join('\n');
}

describe('diagnostics for malformed input', () => {
  it.each(CASES)('$name → $code at $line:$column', (c) => {
    const result = parseYamlRubric(c.text, 'x.yaml');
    expect(result.rubric).toBeUndefined();
    const found = result.diagnostics.find((d) => d.code === c.code && d.span.start.line === c.line && d.span.start.column === c.column);
    expect(found, `expected ${c.code} at ${c.line}:${c.column}, got:\n${located(result.diagnostics)}`).toBeDefined();
    expect(found!.file).toBe('x.yaml');
    expect(found!.severity).toBe('error');
    expect(found!.message.length).toBeGreaterThan(0);
    if (typeof c.hint === 'string') expect(found!.hint).toBe(c.hint);
    else if (c.hint) expect(found!.hint).toMatch(c.hint);
  });

  it('covers at least 20 distinct inputs and every yaml/* code', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    const codes = new Set(CASES.map((c) => c.code));
    for (const code of ['yaml/syntax', 'yaml/unknown-key', 'yaml/missing-key', 'yaml/wrong-type', 'yaml/bad-value', 'yaml/conflicting-keys', 'yaml/missing-default', 'yaml/bad-id', 'yaml/duplicate-key']) {
      expect(codes).toContain(code);
    }
  });

  it('reports every mistake of a file at once, in source order', () => {
    const text = [
      'rubric: bad rubric', //  1 bad id
      'titel: T', //             2 unknown key (and title missing)
      'version: "1"',
      'effective: { from: 2022-13-01 }', // 4 bad date
      'total: ten', //           5 wrong type
      'facts:',
      '  rate: { label: R, type: ratoi }', // 7 bad type
      '  opt: { label: O, type: boolean, required: false }', // 8 missing default
      'pass_mark: 6',
      'sections:',
      '  - id: s1',
      '    title: S',
      '    indicators:',
      '      - id: i1',
      '        title: I',
      '        points: 10',
      '        score: 10 * * rate', // 17 expression error
      '        cases: []', //          18 conflicting keys
      '',
    ].join('\n');
    const { rubric, diagnostics } = parseYamlRubric(text, 'many.yaml');
    expect(rubric).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.span.start.line, d.span.start.column])).toEqual([
      ['yaml/missing-key', 1, 1],
      ['yaml/bad-id', 1, 9],
      ['yaml/unknown-key', 2, 1],
      ['yaml/bad-value', 4, 20],
      ['yaml/wrong-type', 5, 8],
      ['yaml/bad-value', 7, 27],
      ['yaml/missing-default', 8, 45],
      ['expr/unexpected-token', 17, 21],
      ['yaml/conflicting-keys', 18, 9],
    ]);
    expect(diagnostics.every((d) => d.file === 'many.yaml')).toBe(true);
  });

  it('leaves semantic problems to the checker', () => {
    // Reserved names, periods that end before they start, defaults outside the levels or
    // bounds and inverted ranges are all well-formed YAML: the checker reports them (rubric/*).
    const text = small('  rate: { label: Rate, type: ratio }', '  count: { label: C, type: level, levels: [a, b], default: c }\n  n: { label: N, type: integer, min: 5, max: 1, default: 0.5 }')
      .replace('{ from: 2022-01-01 }', '{ from: 2022-01-01, until: 2021-12-31 }')
      .concat('deductions:\n  - { id: d, reason: r, fact: n, range: [2, 1] }\n');
    const { rubric, diagnostics } = parseYamlRubric(text, 'x.yaml');
    expect(diagnostics).toEqual([]);
    expect(rubric?.facts.map((f) => f.id)).toEqual(['count', 'n']);
    expect(rubric?.deductions[0]).toMatchObject({ min: 2, max: 1 });
  });

  it('reports a YAML tag as a warning, not an error', () => {
    const { rubric, diagnostics } = parseYamlRubric(small('title: Small', 'title: !fancy Small'), 'x.yaml');
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'yaml/syntax']]);
    expect(rubric?.title).toBe('Small');
  });

  it('turns an internal failure into a diagnostic instead of throwing', () => {
    const result = parseYamlRubric(Symbol('not text') as unknown as string, 'x.yaml');
    expect(result.rubric).toBeUndefined();
    expect(result.diagnostics).toMatchObject([{ code: 'internal/yaml-front-end', file: 'x.yaml', span: { start: { line: 1, column: 1 } } }]);
  });

  it('reports a document nested too deeply to read', () => {
    const text = `${SMALL_YAML}tests:\n  - name: t\n    subject: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    const { rubric, diagnostics } = parseYamlRubric(text, 'x.yaml');
    expect(rubric).toBeUndefined();
    // The column where the parser's stack runs out depends on the machine.
    expect(diagnostics.map((d) => [d.code, d.span.start.line, d.message])).toContainEqual(['yaml/syntax', 19, 'the document nests too deeply to read']);
  });

  it('stops alias bombs', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const text = `${SMALL_YAML}tests:\n  - name: t\n    subject:\n${lines.map((l) => `      ${l}`).join('\n')}\n`;
    const { rubric, diagnostics } = parseYamlRubric(text, 'x.yaml');
    expect(rubric).toBeUndefined();
    expect(diagnostics.some((d) => d.code === 'yaml/bad-value')).toBe(true);
  });
});
