import { describe, expect, it } from 'vitest';
import { spanFor, type Span } from '@rubric/model';
import { parseDslRubric } from '../src/index.js';
import { FULL_DSL, SMALL_DSL } from './fixtures.js';

const result = parseDslRubric(FULL_DSL, 'full.rubric');

/** The source text a registered pointer maps to, with its start line and column. */
function at(ptr: string, text = FULL_DSL, map = result.sourceMap): { text: string; line: number; column: number } {
  const span: Span | undefined = map.get(ptr);
  expect(span, `no span for ${ptr}`).toBeDefined();
  return { text: text.slice(span!.start.offset, span!.end.offset), line: span!.start.line, column: span!.start.column };
}

describe('the source map', () => {
  it('has no errors to begin with', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('maps the header', () => {
    expect(at('/id')).toEqual({ text: 'beijing-epidemic-free-community', line: 2, column: 8 });
    expect(at('/title').text).toBe('"北京市无疫社区（村）创建工作量表"');
    expect(at('/version').text).toBe('"1.10"');
    expect(at('/effective/until').text).toBe('2022-06-30');
    expect(at('/replaces/mapping/0/from/1').text).toBe('old_b');
    expect(at('/replaces/mapping/1/to').text).toBe('[]');
    expect(at('/total')).toEqual({ text: '110', line: 9, column: 9 });
  });

  it('maps facts to their names and parts to themselves', () => {
    expect(at('/facts/0')).toEqual({ text: 'checkpoint_24h', line: 11, column: 6 });
    expect(at('/facts/0/label').text).toBe('"24小时卡口值守情况"');
    expect(at('/facts/0/type/kind').text).toBe('level');
    expect(at('/facts/0/type/levels/1/value').text).toBe('partial');
    expect(at('/facts/1/type/levels/2/label').text).toBe('"高"');
    expect(at('/facts/3/type/min').text).toBe('0');
    expect(at('/facts/4/type/min').text).toBe('-5');
    expect(at('/facts/5/default').text).toBe('2022-06-14');
    expect(at('/facts/8/type/fields/1').text).toBe('staffed_24h');
    expect(at('/facts/8/type/fields/2/default').text).toBe('3');
    expect(at('/facts/8/default/0/name').text).toBe('"东门"');
  });

  it('maps parameters, periods, overrides and the pass mark', () => {
    expect(at('/parameters/1').text).toBe('pcr_window_hours');
    expect(at('/parameters/0/periods/0/value').text).toBe('85');
    expect(at('/parameters/0/periods/0/overrides/0/when').text).toBe('district_risk is low');
    expect(at('/parameters/0/periods/0/overrides/0/when/left').text).toBe('district_risk');
    expect(at('/parameters/0/periods/0/overrides/0/value').text).toBe('80');
    expect(at('/parameters/1/periods/1/from').text).toBe('2022-06-06');
    expect(at('/passMark').text).toBe('pass_mark');
  });

  it('maps sections, indicators and their rules', () => {
    expect(at('/sections/1').text).toBe('s2');
    expect(at('/sections/0/max').text).toBe('20');
    expect(at('/sections/0/indicators/1/id').text).toBe('four_piece_check');
    expect(at('/sections/0/indicators/1/max').text).toBe('10');
    expect(at('/sections/0/indicators/1/rule').text).toBe('score');
    expect(at('/sections/0/indicators/0/rule/cases/1/when').text).toBe('checkpoint_24h is partial');
    expect(at('/sections/0/indicators/0/rule/cases/1/points').text).toBe('5');
    expect(at('/sections/1/indicators/0/rule/mode').text).toBe('deduct');
    expect(at('/sections/1/indicators/0/rule/items/0/count').text).toBe('hotline_bad_count');
    expect(at('/sections/1/indicators/3/rule/otherwise').text).toBe('-3');
  });

  it('maps expression sub-nodes to their place in the file', () => {
    const root = '/sections/0/indicators/1/rule/points';
    expect(at(root).text).toBe('round(10 * four_piece_check_rate, 0.5)');
    expect(at(`${root}/args/0`).text).toBe('10 * four_piece_check_rate');
    expect(at(`${root}/args/0/right`)).toMatchObject({ text: 'four_piece_check_rate', line: 45, column: 22 });
    expect(at('/sections/0/indicators/0/rule/cases/0/when/right').text).toBe('full');
    expect(at('/hardRequirements/1/require/value').text).toBe('staffed_24h');
  });

  it('maps gates, deductions, grades and tests', () => {
    expect(at('/hardRequirements/0/indicator').text).toBe('checkpoint_24h');
    expect(at('/vetoes/0/when').text).toBe('reported');
    expect(at('/deductions/0/count').text).toBe('hotline_bad_count');
    expect(at('/deductions/0/amount').text).toBe('1');
    expect(at('/deductions/2/min').text).toBe('0.5');
    expect(at('/deductions/2/max').text).toBe('2');
    expect(at('/deductions/2/field').text).toBe('shifts');
    expect(at('/deductions/2/cap').text).toBe('6');
    expect(at('/deductionCap').text).toBe('10');
    expect(at('/floor').text).toBe('none');
    expect(at('/grades/1/min').text).toBe('85');
    expect(at('/tests/0/asOf').text).toBe('2022-06-20');
    expect(at('/tests/0/subject/four_piece_check_rate').text).toBe('1');
    expect(at('/tests/0/subject/list/1/a').text).toBe('null');
    expect(at('/tests/0/expect/indicators/checkpoint_24h').text).toBe('10');
    expect(at('/tests/0/expect/reasons/2').text).toBe('"below-pass-mark"');
  });

  it('lets a checker resolve any IR pointer to the nearest registered node', () => {
    const span = spanFor(result.sourceMap, '/sections/0/indicators/1/rule/points/args/0/right/name');
    expect(FULL_DSL.slice(span.start.offset, span.end.offset)).toBe('four_piece_check_rate');
    const required = spanFor(result.sourceMap, '/facts/2/required');
    expect(FULL_DSL.slice(required.start.offset, required.end.offset)).toBe('four_piece_check_rate');
  });

  it('registers every IR object and array of the rubric', () => {
    const missing: string[] = [];
    const walk = (v: unknown, p: string): void => {
      if (v === null || typeof v !== 'object') return;
      if (p !== '' && !p.startsWith('/tests/1/expect') && !/\/(overrides|args|options|format)$/.test(p) && !result.sourceMap.has(p)) missing.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}/${i}`));
      else for (const [k, x] of Object.entries(v)) walk(x, `${p}/${k}`);
    };
    walk(result.rubric, '');
    expect(missing).toEqual([]);
  });

  it('maps the parameter a numeric pass mark declares to the number', () => {
    const small = parseDslRubric(SMALL_DSL, 'small.rubric');
    expect(at('/parameters/0', SMALL_DSL, small.sourceMap)).toEqual({ text: '6', line: 8, column: 11 });
    expect(at('/parameters/0/periods/0/value', SMALL_DSL, small.sourceMap).text).toBe('6');
    expect(at('/passMark', SMALL_DSL, small.sourceMap).text).toBe('6');
    expect(at('/sections/0/indicators/0/rule/points/right', SMALL_DSL, small.sourceMap)).toEqual({ text: 'rate', line: 13, column: 16 });
  });
});
