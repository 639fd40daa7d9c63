/**
 * Rubrics for the generated evaluator's tests, built as IR: one that uses every rule kind,
 * expression form and deduction kind; one full of rubric defects met per subject (division
 * by zero, bad counts and steps, points out of range, no parameter value, a negative total);
 * one whose strings try to break out of generated code; one whose numbers do not fit the
 * fast path.
 */
import { IR_FORMAT, type Expr, type Fact, type Rubric } from '@rubric/model';
import { bin, call, fact, ifThen, is, levelFact, n, ref, text } from '../evaluate/fixtures.js';

const date = (value: string): Expr => ({ kind: 'date', value });
const not = (operand: Expr): Expr => ({ kind: 'unary', op: 'not', operand });
const neg = (operand: Expr): Expr => ({ kind: 'unary', op: 'neg', operand });
const inList = (value: Expr, ...options: Expr[]): Expr => ({ kind: 'in', value, options });
const agg = (fn: 'count' | 'sum' | 'all' | 'any', list: string, where?: Expr, value?: Expr): Expr => ({
  kind: 'aggregate',
  fn,
  list,
  ...(where ? { where } : {}),
  ...(value ? { value } : {}),
});
const optional = (f: Fact, value: Fact['default']): Fact => ({ ...f, required: false, default: value });

function base(over: Partial<Rubric>): Rubric {
  return {
    format: IR_FORMAT,
    id: 'codegen-test',
    title: 'codegen test',
    version: '1',
    effective: { from: '2022-01-01' },
    total: 100,
    facts: [],
    parameters: [{ id: 'pass_mark', periods: [{ value: 50, overrides: [] }] }],
    passMark: 'pass_mark',
    sections: [],
    hardRequirements: [],
    vetoes: [],
    deductions: [],
    floor: 0,
    grades: [],
    tests: [],
    ...over,
  };
}

/** Every rule kind, expression form, deduction kind, parameter periods and overrides, grades. */
export function featuresIr(): Rubric {
  const visits = fact('visits', {
    kind: 'list',
    fields: [
      fact('staffed', { kind: 'boolean' }),
      fact('hours', { kind: 'integer', min: 0, max: 24 }),
      optional(fact('score', { kind: 'decimal', min: 0, max: 10 }), 5),
      levelFact('kind', ['gate', 'door', 'constructor']),
      optional(fact('penalty', { kind: 'decimal', min: 0, max: 2 }), 0),
    ],
  });
  return base({
    id: 'features',
    title: 'features',
    total: 71,
    facts: [
      optional(visits, [{ staffed: true, hours: 12, kind: 'gate' }]),
      fact('opened', { kind: 'date' }),
      optional(fact('note', { kind: 'text' }), 'none'),
      fact('budget', { kind: 'decimal', min: -100, max: 1000 }),
      fact('rate', { kind: 'ratio' }),
      fact('big', { kind: 'integer' }),
      fact('complaints', { kind: 'integer', min: 0 }),
      optional(fact('extra', { kind: 'decimal', min: 0, max: 3 }), 0),
      levelFact('risk', ['low', 'medium', 'high']),
      optional(fact('flag', { kind: 'boolean' }), false),
      fact('measured', { kind: 'decimal' }),
    ],
    parameters: [
      {
        id: 'pass_mark',
        periods: [
          { until: '2022-06-30', value: 30, overrides: [{ when: is('risk', 'low'), value: 27.5 }] },
          { from: '2022-07-01', value: 32.5, overrides: [{ when: bin('>', ref('budget'), n(500)), value: 35 }, { when: ref('flag'), value: 31.25 }] },
        ],
      },
      { id: 'factor', periods: [{ from: '2022-01-01', value: 1.5, overrides: [{ when: ref('flag'), value: 2 }] }] },
      { id: 'cap_param', periods: [{ value: 10, overrides: [{ when: bin('>', ref('factor'), n(1.8)), value: 8 }] }] },
    ],
    sections: [
      {
        id: 's1',
        title: 'one',
        indicators: [
          {
            id: 'ind_cases',
            title: 'cases',
            max: 10,
            rule: {
              kind: 'cases',
              cases: [
                { when: bin('>=', agg('count', 'visits', ref('staffed')), n(2)), points: n(10) },
                { when: agg('any', 'visits', undefined, is('kind', 'gate')), points: n(5) },
              ],
              otherwise: call('round_down', bin('*', ref('rate'), n(7)), n('0.25')),
            },
          },
          {
            id: 'ind_expr',
            title: 'sum / 3',
            max: 10,
            rule: { kind: 'expression', points: call('clamp', call('round', bin('/', agg('sum', 'visits', bin('>', ref('hours'), n(8)), ref('score')), n(3)), n('0.5')), n(0), n(10)) },
          },
          {
            id: 'ind_minmax',
            title: 'min max',
            max: 10,
            rule: { kind: 'expression', points: call('min', ref('cap_param'), call('max', n(0), bin('/', ref('budget'), n(100)))) },
          },
          {
            id: 'ind_award',
            title: 'award',
            max: 12,
            rule: {
              kind: 'checklist',
              mode: 'award',
              items: [
                { id: 'flagged', title: 'flag', points: 2, when: ref('flag') },
                { id: 'doors', title: 'doors', points: 1.5, count: call('min', n(6), agg('count', 'visits', inList(ref('kind'), text('door'), text('constructor')))) },
              ],
            },
          },
          {
            id: 'ind_deduct',
            title: 'deduct',
            max: 8,
            rule: {
              kind: 'checklist',
              mode: 'deduct',
              items: [
                { id: 'late', title: 'late', points: 1, count: ref('complaints') },
                { id: 'dirty', title: 'dirty', points: 2.5, when: not(ref('flag')) },
              ],
            },
          },
        ],
      },
      {
        id: 's2',
        title: 'two',
        indicators: [
          {
            id: 'ind_date',
            title: 'date',
            max: 4,
            rule: { kind: 'expression', points: ifThen(bin('<', ref('opened'), date('2022-03-01')), n(4), ifThen(bin('<=', ref('opened'), date('2022-06-01')), n(2), n(0))) },
          },
          {
            id: 'ind_text',
            title: 'text',
            max: 3,
            rule: { kind: 'expression', points: ifThen(bin('or', bin('==', ref('note'), text('ok')), inList(ref('note'), text('fine'), text('a"b'))), n(3), n(0)) },
          },
          {
            id: 'ind_factor',
            title: 'factor',
            max: 9,
            rule: { kind: 'expression', points: call('min', n(9), call('round_up', bin('/', bin('*', call('abs', ref('budget')), ref('factor')), n(250)), n('0.1'))) },
          },
          {
            id: 'ind_neg',
            title: 'negations',
            max: 2,
            rule: { kind: 'expression', points: bin('+', bin('*', neg(neg(ref('rate'))), n(2)), bin('*', ref('big'), n(0))) },
          },
          {
            id: 'ind_all',
            title: 'all',
            max: 2,
            rule: {
              kind: 'expression',
              points: ifThen(bin('and', agg('all', 'visits', bin('>', ref('hours'), n(0)), ref('staffed')), not(agg('any', 'visits', undefined, bin('>', ref('score'), n(9))))), n(2), n(1)),
            },
          },
          {
            id: 'ind_measured',
            title: 'measured',
            max: 1,
            rule: { kind: 'expression', points: call('clamp', bin('-', ref('measured'), call('round', ref('measured'), n(1))), n(0), n(1)) },
          },
        ],
      },
    ],
    hardRequirements: [
      { id: 'date_full', title: 'opened early', kind: 'indicator-full', indicator: 'ind_date' },
      { id: 'rate_or_flag', title: 'rate or flag', kind: 'condition', require: bin('or', bin('>=', ref('rate'), n('0.5')), ref('flag')) },
    ],
    vetoes: [
      { id: 'huge', reason: 'big is huge', when: bin('>', ref('big'), n(1000000)) },
      { id: 'empty', reason: 'nothing visited', when: bin('and', bin('==', agg('count', 'visits'), n(0)), bin('==', ref('note'), text('none'))) },
    ],
    deductions: [
      { id: 'complaints', reason: 'complaints', kind: 'per-unit', count: ref('complaints'), amount: 0.5, cap: 3 },
      { id: 'debt', reason: 'in debt', kind: 'conditional', when: bin('<', ref('budget'), n(0)), amount: 2.25 },
      { id: 'extra', reason: 'assessor', kind: 'discretionary', fact: 'extra', min: 0, max: 3 },
      { id: 'penalties', reason: 'per visit', kind: 'discretionary', fact: 'visits', field: 'penalty', min: 0, max: 2, cap: 1.5 },
    ],
    deductionCap: 5,
    grades: [
      { label: 'A', min: 40 },
      { label: 'B', min: 30.5 },
    ],
  });
}

/**
 * Rubric defects met per subject, as the reference reports them: division by zero, a count
 * that is negative or fractional, a rounding step that is not positive, points out of range,
 * no parameter value on the date, and a total allowed below zero (`floor: null`).
 */
export function defectsIr(): Rubric {
  return base({
    id: 'defects',
    title: 'defects',
    total: 20,
    floor: null,
    facts: [fact('x', { kind: 'decimal', min: -20, max: 20 }), fact('y', { kind: 'integer', min: -3, max: 3 }), fact('c', { kind: 'decimal', min: -2, max: 4 }), levelFact('mode', ['a', 'b', 'c'])],
    parameters: [
      { id: 'pass_mark', periods: [{ from: '2022-01-01', until: '2022-12-31', value: 5, overrides: [{ when: is('mode', 'c'), value: -2 }] }] },
      { id: 'step', periods: [{ value: 0.5, overrides: [{ when: bin('<', ref('y'), n(-2)), value: 0 }, { when: bin('==', ref('y'), n(3)), value: -1 }] }] },
    ],
    sections: [
      {
        id: 's',
        title: 's',
        indicators: [
          { id: 'div', title: 'div', max: 10, rule: { kind: 'expression', points: call('clamp', call('round', bin('/', ref('x'), ref('y')), ref('step')), n(0), n(10)) } },
          { id: 'raw', title: 'raw', max: 10, rule: { kind: 'cases', cases: [{ when: is('mode', 'a'), points: ref('x') }], otherwise: call('abs', ref('c')) } },
          { id: 'count', title: 'count', max: 5, rule: { kind: 'checklist', mode: 'deduct', items: [{ id: 'c', title: 'c', points: 1, count: ref('c') }] } },
        ],
      },
    ],
    deductions: [
      { id: 'per', reason: 'per', kind: 'per-unit', count: bin('-', ref('c'), n(1)), amount: 3 },
      { id: 'neg', reason: 'negative amount', kind: 'discretionary', fact: 'x', min: -20, max: 20 },
    ],
    grades: [{ label: 'top', min: 15 }],
  });
}

/** Strings that would break out of a string literal, a comment or a template if spliced in as text. */
export const NASTY = ['"', "'", '\\', '\\"', '\u2028', '\u2029', '*/', '/*', '${x}', '`', '</script>', '__proto__', 'constructor', '\n', '\u0000', 'a"b\\c\u2028d'];

/** A rubric whose every free-text string (titles, reasons, labels, level values, text literals, test names) is one of {@link NASTY}. */
export function injectionIr(): Rubric {
  const levels = ['"', '\\', '\u2028', '*/', '${x}', '`', '__proto__', 'constructor'];
  const nasty = (i: number): string => `${NASTY[i % NASTY.length]!} ${i} ${NASTY[(i + 5) % NASTY.length]!}`;
  return base({
    id: 'injection',
    title: nasty(0),
    // Not nasty: the reference's input schema puts the version in a URN `$id`, which ajv
    // cannot parse when it holds a space or a quote (reported).
    version: '1',
    description: nasty(2),
    total: 10,
    facts: [
      { id: 'lvl', label: nasty(3), description: nasty(4), type: { kind: 'level', levels: levels.map((value, i) => ({ value, label: nasty(i) })) }, required: true },
      { id: 'txt', label: nasty(5), type: { kind: 'text' }, required: false, default: '*/ ${x} "' },
      { id: 'constructor', label: nasty(6), type: { kind: 'boolean' }, required: false, default: true },
      { id: 'toString', label: nasty(7), type: { kind: 'integer', min: 0, max: 3 }, required: false, default: 1 },
    ],
    parameters: [{ id: 'pass_mark', label: nasty(8), periods: [{ value: 5, overrides: [{ when: inList(ref('txt'), text('"'), text('${x}')), value: 4 }] }] }],
    sections: [
      {
        id: 'hasOwnProperty',
        title: nasty(9),
        indicators: [
          {
            id: 'valueOf',
            title: nasty(10),
            standard: nasty(11),
            max: 6,
            rule: { kind: 'cases', cases: levels.map((l, i) => ({ when: is('lvl', l), points: n(i % 7) })), otherwise: n(0) },
          },
          {
            id: 'constructor',
            title: nasty(12),
            max: 4,
            rule: {
              kind: 'checklist',
              mode: 'award',
              items: [
                { id: '__proto__', title: nasty(13), points: 1, when: bin('==', ref('txt'), text('a"b\\c\u2028d')) },
                { id: 'toString', title: nasty(14), points: 1, count: ref('toString') },
              ],
            },
          },
        ],
      },
    ],
    hardRequirements: [{ id: 'constructor', title: nasty(15), kind: 'condition', require: ref('constructor') }],
    vetoes: [{ id: 'toString', reason: nasty(16), when: bin('==', ref('txt'), text('</script>')) }],
    deductions: [{ id: 'valueOf', reason: nasty(17), kind: 'conditional', when: bin('!=', ref('txt'), text('*/ ${x} "')), amount: 1 }],
    grades: [{ label: nasty(18), min: 8 }, { label: nasty(19), min: 0 }],
    tests: [{ name: nasty(20), subject: { lvl: '"' }, expect: {} }],
  });
}

/**
 * Numbers that do not fit the fast path: a literal with 19 significant digits and a rounding
 * step of 10^-18 (the fast path gives up on every subject that reaches them), and a grade at
 * 16 decimal places, so totals do not fit either: only the exact path is generated.
 */
export function bigNumbersIr(): Rubric {
  return base({
    id: 'big',
    title: 'big',
    total: 10,
    facts: [fact('r', { kind: 'ratio' }), fact('d', { kind: 'decimal', min: 0, max: 1 })],
    sections: [
      {
        id: 's',
        title: 's',
        indicators: [
          { id: 'tiny', title: 'tiny', max: 5, rule: { kind: 'expression', points: call('round', bin('*', bin('*', ref('r'), ref('d')), bin('*', ref('r'), n('4.999999999999999999'))), n('0.000000000000000001')) } },
          { id: 'plain', title: 'plain', max: 5, rule: { kind: 'expression', points: call('round', bin('*', n(5), ref('d')), n('0.5')) } },
        ],
      },
    ],
    parameters: [{ id: 'pass_mark', periods: [{ value: 2.5, overrides: [] }] }],
    grades: [{ label: 'some', min: 0.0000000000000001 }],
  });
}
