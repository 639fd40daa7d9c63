import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseExpression } from '@rubric/dsl';
import { IR_FORMAT, validateIr, type Expr, type Fact, type Rubric } from '@rubric/model';
import { parseYamlRubric, printYamlRubric } from '../src/index.js';
import { FULL_YAML, SMALL_YAML } from './fixtures.js';
import { TRICKY_TEXTS, rubricArb } from '../../../test/support/arbitrary-rubric.js';

/** The tree the expression parser gives for a text. */
function ex(text: string): Expr {
  const r = parseExpression(text);
  expect(r.issues).toEqual([]);
  return r.expr!;
}

function roundTrip(ir: Rubric): string {
  const text = printYamlRubric(ir);
  const back = parseYamlRubric(text, 'x.yaml');
  expect(back.diagnostics, text).toEqual([]);
  expect(back.rubric, text).toStrictEqual(ir);
  return text;
}

function base(overrides: Partial<Rubric> = {}): Rubric {
  return {
    format: IR_FORMAT,
    id: 'r',
    title: 'T',
    version: '1',
    effective: { from: '2022-01-01' },
    total: 10,
    facts: [{ id: 'x', label: 'X', type: { kind: 'decimal' }, required: true }],
    parameters: [{ id: 'pm', periods: [{ value: 6, overrides: [] }] }],
    passMark: 'pm',
    sections: [{ id: 's', title: 'S', indicators: [{ id: 'i', title: 'I', max: 10, rule: { kind: 'expression', points: ex('x') } }] }],
    hardRequirements: [],
    vetoes: [],
    deductions: [],
    floor: 0,
    grades: [],
    tests: [],
    ...overrides,
  };
}


describe('printYamlRubric', () => {
  it('round-trips the full example', () => {
    const { rubric } = parseYamlRubric(FULL_YAML, 'full.yaml');
    const text = roundTrip(rubric!);
    expect(text).toContain('title: 北京市无疫社区（村）创建工作量表\n');
    expect(text).not.toMatch(/\\u[0-9a-f]{4}/i);
    expect(text).toContain('version: "1.10"');
    expect(text).toContain('floor: none');
  });

  it('writes the documented layout and omits defaults', () => {
    const { rubric } = parseYamlRubric(SMALL_YAML, 'small.yaml');
    const text = roundTrip(rubric!);
    expect(text).toBe(
      [
        'rubric: small',
        'title: Small',
        'version: "1"',
        'effective:',
        '  from: 2022-01-01',
        'total: 10',
        '',
        'facts:',
        '  rate: { label: Rate, type: ratio }',
        '',
        'pass_mark: 6',
        '',
        'sections:',
        '  - id: s1',
        '    title: Only',
        '    indicators:',
        '      - id: i1',
        '        title: One',
        '        points: 10',
        '        score: 10 * rate',
        '',
      ].join('\n'),
    );
  });

  it('round-trips text that YAML must quote', () => {
    for (const t of TRICKY_TEXTS) {
      const ir = base({
        title: t,
        version: t === '' ? 'v' : t,
        description: t,
        facts: [
          { id: 'x', label: t, description: t, type: { kind: 'decimal' }, required: true },
          { id: 'n', label: 'N', type: { kind: 'text' }, required: false, default: t },
          { id: 'l', label: 'L', type: { kind: 'level', levels: [{ value: t === '' ? 'e' : t, label: t }, { value: 'z' }] }, required: true },
        ],
        sections: [{ id: 's', title: t, indicators: [{ id: 'i', title: t, standard: t, method: t, max: 10, rule: { kind: 'expression', points: { kind: 'text', value: t } } }] }],
        vetoes: [{ id: 'v', reason: t, when: { kind: 'binary', op: '==', left: { kind: 'ref', name: 'l' }, right: { kind: 'text', value: t } } }],
        grades: [{ label: t, min: 1 }],
        tests: [{ name: t, subject: { [t]: t, list: [t] }, expect: { reasons: [t] } }],
      });
      roundTrip(ir);
    }
  });

  it('round-trips numbers and literal expressions', () => {
    const ir = base({
      total: 1e21,
      deductionCap: 0.0000001,
      floor: -5.25,
      parameters: [{ id: 'pm', periods: [{ value: -0.5, overrides: [{ when: { kind: 'boolean', value: false }, value: 123456789012345 }] }] }],
      sections: [
        {
          id: 's',
          title: 'S',
          max: 0.1,
          indicators: [
            { id: 'a', title: 'A', max: 1, rule: { kind: 'expression', points: { kind: 'number', value: '0' } } },
            { id: 'b', title: 'B', max: 1, rule: { kind: 'expression', points: { kind: 'unary', op: 'neg', operand: { kind: 'number', value: '0' } } } },
            { id: 'c', title: 'C', max: 1, rule: { kind: 'expression', points: { kind: 'number', value: '0.12345678901234567890123' } } },
            { id: 'd', title: 'D', max: 1, rule: { kind: 'expression', points: { kind: 'number', value: '1000000000000000000000' } } },
            { id: 'e', title: 'E', max: 1, rule: { kind: 'cases', cases: [{ when: { kind: 'boolean', value: true }, points: { kind: 'unary', op: 'neg', operand: { kind: 'number', value: '2.5' } } }], otherwise: { kind: 'number', value: '1' } } },
            { id: 'f', title: 'F', max: 1, rule: { kind: 'expression', points: ex('-x') } },
          ],
        },
      ],
      grades: [{ label: 'low', min: -10 }],
    });
    roundTrip(ir);
  });

  it('round-trips every expression form', () => {
    const texts = [
      'if x > 1 then 2 else 3',
      'l in [a, b, "c d"]',
      'count(cps where staffed and n > 2)',
      'sum(cps where n > 1, n)',
      'all(cps, staffed)',
      'any(cps, n == 0)',
      'min(x, 1, 2) + max(1, x) - round(x, 0.5) * round_down(x, 1) / round_up(x, 1)',
      'clamp(abs(-x), 0, 10)',
      'not (x >= 1 or x < 0) and x != 2',
      'd >= date("2022-06-14")',
      '"text"',
      '-(x + 1)',
    ];
    const ir = base({
      facts: [
        { id: 'x', label: 'X', type: { kind: 'decimal' }, required: true },
        { id: 'l', label: 'L', type: { kind: 'level', levels: [{ value: 'a' }, { value: 'b' }] }, required: true },
        { id: 'd', label: 'D', type: { kind: 'date' }, required: true },
      ],
      vetoes: texts.map((t, i) => ({ id: `v${i}`, reason: t, when: ex(t) })),
    });
    const text = roundTrip(ir);
    expect(text).toContain('when: if x > 1 then 2 else 3');
  });

  it('round-trips every optional and alternative construct', () => {
    const facts: Fact[] = [
      { id: 'b', label: 'B', type: { kind: 'boolean' }, required: false, default: true },
      { id: 'i', label: 'I', type: { kind: 'integer', min: -3, max: 3 }, required: false, default: -1 },
      { id: 'r', label: 'R', type: { kind: 'ratio' }, required: false, default: 0.25 },
      { id: 'd', label: 'D', type: { kind: 'date' }, required: false, default: '2024-02-29' },
      { id: 'lv', label: 'L', type: { kind: 'level', levels: [{ value: '1' }, { value: 'true', label: '是' }] }, required: false, default: 'true' },
      {
        id: 'cps',
        label: 'C',
        type: {
          kind: 'list',
          fields: [
            { id: 'staffed', label: 'S', type: { kind: 'boolean' }, required: true },
            { id: 'n', label: 'N', type: { kind: 'integer' }, required: false, default: 0 },
            { id: 'on', label: 'On', type: { kind: 'date' }, required: true },
            { id: 'lv', label: 'Lv', type: { kind: 'level', levels: [{ value: 'x' }] }, required: true },
          ],
        },
        required: false,
        default: [{ staffed: true, on: '2022-01-01', lv: 'x' }, { staffed: false, n: 3, on: '2022-01-02', lv: 'x' }],
      },
      { id: 'empty', label: 'E', type: { kind: 'list', fields: [{ id: 'a', label: 'A', type: { kind: 'text' }, required: true }] }, required: false, default: [] },
    ];
    const ir = base({
      description: 'desc',
      effective: { from: '2022-01-01', until: '2022-12-31' },
      replaces: { version: '0', mapping: [] },
      facts,
      parameters: [
        { id: 'pass_mark', label: 'PM', periods: [{ value: 6, overrides: [] }] },
        { id: 'h', description: 'H', periods: [{ until: '2021-12-31', value: 1, overrides: [] }, { from: '2022-01-01', value: 2, overrides: [{ when: ex('b'), value: 3 }] }] },
        { id: 'one', periods: [{ from: '2022-01-01', value: 1, overrides: [] }] },
      ],
      passMark: 'pass_mark',
      sections: [
        {
          id: 's',
          title: 'S',
          max: 10,
          indicators: [
            { id: 'c', title: 'C', max: 10, rule: { kind: 'checklist', mode: 'deduct', items: [{ id: 'a', title: 'A', points: 1, when: ex('b') }, { id: 'z', title: 'Z', points: 0.5, count: ex('count(cps)') }] } },
            { id: 'k', title: 'K', max: 10, rule: { kind: 'cases', cases: [], otherwise: ex('i') } },
          ],
        },
        { id: 'empty', title: 'E', indicators: [] },
      ],
      hardRequirements: [
        { id: 'h1', title: 'H1', kind: 'indicator-full', indicator: 'c' },
        { id: 'h2', title: 'H2', kind: 'condition', require: { kind: 'boolean', value: true } },
      ],
      deductions: [
        { id: 'p', reason: 'P', kind: 'per-unit', count: ex('i'), amount: 0.5 },
        { id: 'w', reason: 'W', kind: 'conditional', when: ex('b'), amount: 2, cap: 2 },
        { id: 'f', reason: 'F', kind: 'discretionary', fact: 'r', min: 0, max: 1 },
      ],
      deductionCap: 3,
      floor: null,
      grades: [{ label: 'A', min: 9 }],
      tests: [
        { name: 't1', asOf: '2022-03-01', subject: { b: true, cps: [{ staffed: true }], nested: { deep: [null, 1.5, 'x'] } }, expect: { outcome: 'vetoed', total: 0, passMark: 6, indicators: { c: 1.5, k: 0 }, reasons: [] } },
        { name: 't2', subject: {}, expect: { outcome: 'invalid' } },
      ],
    });
    const text = roundTrip(ir);
    expect(text).toContain('  pass_mark:\n    label: PM\n');
    expect(validateIr(ir)).toEqual([]);
  });

  it('prints a pass-mark parameter that is not last as a parameter', () => {
    const ir = base({
      parameters: [
        { id: 'pass_mark', periods: [{ value: 6, overrides: [] }] },
        { id: 'other', periods: [{ value: 1, overrides: [] }] },
      ],
      passMark: 'pass_mark',
    });
    expect(roundTrip(ir)).toContain('pass_mark: pass_mark');
  });
});

// ---------------------------------------------------------------- a property over small IRs

describe('printYamlRubric property', () => {
  it('parse(print(ir)) equals ir for generated rubrics', () => {
    fc.assert(
      fc.property(rubricArb, (ir) => {
        const text = printYamlRubric(ir);
        const back = parseYamlRubric(text, 'x.yaml');
        expect(back.diagnostics, text).toEqual([]);
        expect(back.rubric, text).toStrictEqual(ir);
      }),
      { seed: 20220614, numRuns: 300 },
    );
  });
});
