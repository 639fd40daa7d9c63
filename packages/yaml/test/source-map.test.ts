import { describe, expect, it } from 'vitest';
import { spanFor, type Span } from '@rubric/model';
import { parseYamlRubric } from '../src/index.js';
import { FULL_YAML, SMALL_YAML } from './fixtures.js';

const result = parseYamlRubric(FULL_YAML, 'full.yaml');

/** The source text a registered pointer maps to, with its start line and column. */
function at(ptr: string, text = FULL_YAML, map = result.sourceMap): { text: string; line: number; column: number } {
  const span: Span | undefined = map.get(ptr);
  expect(span, `no span for ${ptr}`).toBeDefined();
  return { text: text.slice(span!.start.offset, span!.end.offset), line: span!.start.line, column: span!.start.column };
}

/** Line and column of the n-th occurrence (1-based) of a needle. */
function find(needle: string, nth = 1, text = FULL_YAML): { line: number; column: number } {
  let i = -1;
  for (let k = 0; k < nth; k++) i = text.indexOf(needle, i + 1);
  expect(i).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('the source map', () => {
  it('has no errors to begin with', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('maps facts to their keys and fields to their values', () => {
    expect(at('/facts/0')).toEqual({ text: 'checkpoint_24h', line: 15, column: 3 });
    expect(at('/facts/0/id').text).toBe('checkpoint_24h');
    expect(at('/facts/0/label')).toEqual({ text: '24小时卡口值守情况', line: 16, column: 12 });
    expect(at('/facts/0/type/kind').text).toBe('level');
    expect(at('/facts/0/type/levels/1/value')).toMatchObject({ text: 'partial', ...find('partial, none') });
    expect(at('/facts/1/type/levels/2/value').text).toBe('high');
    expect(at('/facts/1/type/levels/2/label').text).toBe('高');
    expect(at('/facts/3/type/min').text).toBe('0');
    expect(at('/facts/5/default').text).toBe('2022-06-14');
    expect(at('/facts/8/type/fields/1')).toMatchObject({ text: 'staffed_24h', ...find('staffed_24h: {') });
    expect(at('/facts/8/type/fields/2/default').text).toBe('3');
    expect(at('/facts/8/default/0/name').text).toBe('东门');
  });

  it('maps parameters, periods and overrides', () => {
    expect(at('/parameters/1').text).toBe('pcr_window_hours');
    expect(at('/parameters/0/periods/0/value').text).toBe('85');
    expect(at('/parameters/0/periods/0/overrides/0/when').text).toBe('district_risk is low');
    expect(at('/parameters/0/periods/0/overrides/0/when/left').text).toBe('district_risk');
    expect(at('/parameters/1/periods/1/from').text).toBe('2022-06-06');
    expect(at('/passMark').text).toBe('pass_mark');
  });

  it('maps sections, indicators and their rules', () => {
    expect(at('/sections/1')).toMatchObject(find('id: s2'));
    expect(at('/sections/0/max').text).toBe('20');
    expect(at('/sections/0/indicators/1')).toMatchObject(find('id: four_piece_check'));
    expect(at('/sections/0/indicators/1/id').text).toBe('four_piece_check');
    expect(at('/sections/0/indicators/1/max')).toEqual({ text: '10', line: find('points: 10', 2).line, column: 17 });
    expect(at('/sections/0/indicators/1/rule').text).toBe('score');
    expect(at('/sections/0/indicators/0/rule/cases/1/when').text).toBe('checkpoint_24h is partial');
    expect(at('/sections/0/indicators/0/rule/cases/1/points').text).toBe('5');
    expect(at('/sections/1/indicators/0/rule/items/0/count').text).toBe('hotline_bad_count');
    expect(at('/sections/1/indicators/3/rule/otherwise').text).toBe('-3');
  });

  it('maps expression sub-nodes to their place in the file', () => {
    const root = '/sections/0/indicators/1/rule/points';
    expect(at(root).text).toBe('round(10 * four_piece_check_rate, 0.5)');
    expect(at(`${root}/args/0`).text).toBe('10 * four_piece_check_rate');
    expect(at(`${root}/args/0/right`)).toEqual({ text: 'four_piece_check_rate', ...find('four_piece_check_rate, 0.5') });
    expect(at(`${root}/args/1`).text).toBe('0.5');
    expect(at('/sections/0/indicators/0/rule/cases/0/when/right').text).toBe('full');
  });

  it('maps sub-nodes inside a quoted scalar past the quote', () => {
    expect(at('/hardRequirements/1/require').text).toBe('"all(checkpoints, staffed_24h)"');
    const sub = [...result.sourceMap.keys()].filter((k) => k.startsWith('/hardRequirements/1/require/'));
    expect(sub.length).toBeGreaterThan(0);
    for (const k of sub) expect(at(k).text).toBe('staffed_24h');
  });

  it('maps gates, deductions, grades and tests', () => {
    expect(at('/hardRequirements/0/indicator').text).toBe('checkpoint_24h');
    expect(at('/vetoes/0/when').text).toBe('reported');
    expect(at('/deductions/0/count').text).toBe('hotline_bad_count');
    expect(at('/deductions/2/min').text).toBe('0.5');
    expect(at('/deductions/2/max').text).toBe('2');
    expect(at('/deductionCap').text).toBe('10');
    expect(at('/floor').text).toBe('none');
    expect(at('/grades/1/min').text).toBe('85');
    expect(at('/tests/0/asOf').text).toBe('2022-06-20');
    expect(at('/tests/0/subject/four_piece_check_rate').text).toBe('1');
    expect(at('/tests/0/expect/indicators/checkpoint_24h').text).toBe('10');
    expect(at('/tests/0/expect/reasons/2').text).toBe('below-pass-mark');
  });

  it('lets a checker resolve any IR pointer to the nearest registered node', () => {
    const span = spanFor(result.sourceMap, '/sections/0/indicators/1/rule/points/args/0/right/name');
    expect(FULL_YAML.slice(span.start.offset, span.end.offset)).toBe('four_piece_check_rate');
    const required = spanFor(result.sourceMap, '/facts/2/required');
    expect(FULL_YAML.slice(required.start.offset, required.end.offset)).toBe('four_piece_check_rate');
  });

  it('registers every IR object and array of the rubric', () => {
    const missing: string[] = [];
    const walk = (v: unknown, p: string): void => {
      if (v === null || typeof v !== 'object') return;
      if (p !== '' && !p.startsWith('/tests/1/expect') && !/\/(required|overrides|otherwise|args|options|format)$/.test(p) && !result.sourceMap.has(p)) missing.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}/${i}`));
      else for (const [k, x] of Object.entries(v)) walk(x, `${p}/${k}`);
    };
    walk(result.rubric, '');
    expect(missing).toEqual([]);
  });

  it('maps the parameter a numeric pass_mark declares to the number', () => {
    const small = parseYamlRubric(SMALL_YAML, 'small.yaml');
    expect(at('/parameters/0', SMALL_YAML, small.sourceMap)).toEqual({ text: '6', line: 8, column: 12 });
    expect(at('/parameters/0/periods/0/value', SMALL_YAML, small.sourceMap).text).toBe('6');
    expect(at('/passMark', SMALL_YAML, small.sourceMap).text).toBe('6');
    expect(at('/sections/0/indicators/0/rule/points/right', SMALL_YAML, small.sourceMap)).toEqual({ text: 'rate', line: 16, column: 21 });
  });
});
