import { describe, expect, it } from 'vitest';
import { parseExpression } from '@rubric/dsl';
import { IR_FORMAT, validateIr, type Expr, type Rubric } from '@rubric/model';
import { parseYamlRubric } from '../src/index.js';
import { FULL_YAML, SMALL_YAML } from './fixtures.js';

/** The tree the expression parser gives for a text (its own tests pin the trees down). */
function ex(text: string): Expr {
  const r = parseExpression(text);
  expect(r.issues).toEqual([]);
  return r.expr!;
}

const num = (value: string): Expr => ({ kind: 'number', value });

function expectedFull(): Rubric {
  return {
    format: IR_FORMAT,
    id: 'beijing-epidemic-free-community',
    title: '北京市无疫社区（村）创建工作量表',
    version: '1.10',
    description: '任意说明文字',
    effective: { from: '2022-06-14', until: '2022-06-30' },
    replaces: {
      version: '2022-05',
      mapping: [
        { from: ['old_a', 'old_b'], to: ['checkpoint_24h'], note: 'merged' },
        { from: ['old_c'], to: [] },
      ],
    },
    total: 110,
    facts: [
      {
        id: 'checkpoint_24h',
        label: '24小时卡口值守情况',
        description: '卡口是否24小时有人值守、干部带班',
        type: { kind: 'level', levels: [{ value: 'full' }, { value: 'partial' }, { value: 'none' }] },
        required: true,
      },
      {
        id: 'district_risk',
        label: '所在区风险等级',
        type: { kind: 'level', levels: [{ value: 'low', label: '低' }, { value: 'medium', label: '中' }, { value: 'high', label: '高' }] },
        required: true,
      },
      { id: 'four_piece_check_rate', label: '四件套查验率', type: { kind: 'ratio' }, required: true },
      { id: 'hotline_bad_count', label: '办理不力的12345投诉件数', type: { kind: 'integer', min: 0 }, required: true },
      { id: 'score_adjust', label: '调整', type: { kind: 'decimal', min: -5, max: 5.5 }, required: false, default: 0.5 },
      { id: 'inspected_on', label: '检查日期', type: { kind: 'date' }, required: false, default: '2022-06-14' },
      { id: 'note', label: '备注', type: { kind: 'text' }, required: false, default: '无' },
      { id: 'reported', label: '被通报', type: { kind: 'boolean' }, required: false, default: false },
      {
        id: 'checkpoints',
        label: '卡口',
        type: {
          kind: 'list',
          fields: [
            { id: 'name', label: '名称', type: { kind: 'text' }, required: true },
            { id: 'staffed_24h', label: '24小时值守', type: { kind: 'boolean' }, required: true },
            { id: 'shifts', label: '班次', type: { kind: 'integer' }, required: false, default: 3 },
          ],
        },
        required: false,
        default: [{ name: '东门', staffed_24h: true }],
      },
    ],
    parameters: [
      {
        id: 'pass_mark',
        label: '达标分数线',
        periods: [{ value: 85, overrides: [{ when: ex('district_risk is low'), value: 80 }] }],
      },
      {
        id: 'pcr_window_hours',
        description: 'PCR window',
        periods: [
          { from: '2022-05-01', until: '2022-06-05', value: 48, overrides: [] },
          { from: '2022-06-06', value: 72, overrides: [] },
        ],
      },
    ],
    passMark: 'pass_mark',
    sections: [
      {
        id: 's1',
        title: '严格卡口管理',
        max: 20,
        indicators: [
          {
            id: 'checkpoint_24h',
            title: '坚持24小时卡口值守',
            standard: '24小时有人值守，干部带班',
            method: '现场查看',
            max: 10,
            rule: {
              kind: 'cases',
              cases: [
                { when: ex('checkpoint_24h is full'), points: num('10') },
                { when: ex('checkpoint_24h is partial'), points: num('5') },
              ],
              otherwise: num('0'),
            },
          },
          {
            id: 'four_piece_check',
            title: '严格落实"四件套"查验措施',
            max: 10,
            rule: { kind: 'expression', points: ex('round(10 * four_piece_check_rate, 0.5)') },
          },
        ],
      },
      {
        id: 's2',
        title: '台账',
        indicators: [
          {
            id: 'documents',
            title: '台账资料',
            max: 10,
            rule: {
              kind: 'checklist',
              mode: 'deduct',
              items: [{ id: 'defective_docs', title: '每份不合格台账', points: 5, count: ex('hotline_bad_count') }],
            },
          },
          {
            id: 'extras',
            title: '加分项',
            max: 6,
            rule: { kind: 'checklist', mode: 'award', items: [{ id: 'reported_item', title: '通报', points: 6, when: ex('reported') }] },
          },
          { id: 'fixed', title: '固定分', max: 4, rule: { kind: 'expression', points: num('4') } },
          {
            id: 'penalised',
            title: '其他',
            max: 70,
            rule: {
              kind: 'cases',
              cases: [{ when: { kind: 'boolean', value: true }, points: num('70') }],
              otherwise: { kind: 'unary', op: 'neg', operand: num('3') },
            },
          },
        ],
      },
    ],
    hardRequirements: [
      { id: 'checkpoint_24h_full', title: '24小时卡口值守须得满分', kind: 'indicator-full', indicator: 'checkpoint_24h' },
      { id: 'all_checkpoints_staffed', title: '所有卡口24小时值守', kind: 'condition', require: ex('all(checkpoints, staffed_24h)') },
    ],
    vetoes: [{ id: 'city_or_media_report', reason: '卡口被市级通报或媒体曝光', when: ex('reported') }],
    deductions: [
      { id: 'hotline', reason: '涉疫12345热线投诉办理不及时或回访不满意', kind: 'per-unit', count: ex('hotline_bad_count'), amount: 1, cap: 5 },
      { id: 'late_report', reason: '未按时报送', kind: 'conditional', when: ex('reported'), amount: 2 },
      { id: 'complaints', reason: '视情扣分', kind: 'discretionary', fact: 'checkpoints', field: 'shifts', min: 0.5, max: 2, cap: 6 },
    ],
    deductionCap: 10,
    floor: null,
    grades: [
      { label: '优秀', min: 95 },
      { label: '良好', min: 85 },
    ],
    tests: [
      {
        name: 'full marks pass',
        asOf: '2022-06-20',
        subject: { id: 'c1', checkpoint_24h: 'full', four_piece_check_rate: 1, when: '2022-06-01', list: [1, { a: null }] },
        expect: {
          outcome: 'pass',
          total: 100,
          passMark: 85,
          indicators: { checkpoint_24h: 10 },
          reasons: ['veto:city_or_media_report', 'hard:checkpoint_24h_full', 'below-pass-mark'],
        },
      },
      { name: 'bare', subject: {}, expect: {} },
    ],
  };
}

describe('parseYamlRubric on valid input', () => {
  it('reads every construct into the fully explicit IR', () => {
    const result = parseYamlRubric(FULL_YAML, 'full.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.rubric).toStrictEqual(expectedFull());
  });

  it('produces IR that passes the IR schema', () => {
    const { rubric } = parseYamlRubric(FULL_YAML, 'full.yaml');
    expect(validateIr(rubric)).toEqual([]);
  });

  it('turns a numeric pass_mark into a parameter named pass_mark', () => {
    const { rubric, diagnostics } = parseYamlRubric(SMALL_YAML, 'small.yaml');
    expect(diagnostics).toEqual([]);
    expect(rubric?.passMark).toBe('pass_mark');
    expect(rubric?.parameters).toEqual([{ id: 'pass_mark', periods: [{ value: 6, overrides: [] }] }]);
    expect(rubric?.floor).toBe(0);
    expect(rubric?.hardRequirements).toEqual([]);
    expect(rubric?.tests).toEqual([]);
    expect(rubric && 'description' in rubric).toBe(false);
    expect(rubric && 'deductionCap' in rubric).toBe(false);
  });

  it('keeps text fields as written and reads literal expressions as the parser would', () => {
    const text = SMALL_YAML.replace('version: "1"', 'version: 2022-06')
      .replace('title: Small', 'title: 0x1F')
      .replace('score: 10 * rate', 'score: -2.50');
    const { rubric, diagnostics } = parseYamlRubric(text, 'x.yaml');
    expect(diagnostics).toEqual([]);
    expect(rubric?.version).toBe('2022-06');
    expect(rubric?.title).toBe('0x1F');
    const points = rubric?.sections[0]?.indicators[0]?.rule;
    expect(points).toEqual({ kind: 'expression', points: { kind: 'unary', op: 'neg', operand: { kind: 'number', value: '2.5' } } });
    expect((points as { points: Expr }).points).toEqual(ex('-2.50'));
  });

  it('accepts aliases and reads them like the anchored node', () => {
    const text = SMALL_YAML.replace('title: Small', 'title: &t Small').replace('title: One', 'title: *t');
    const { rubric, diagnostics } = parseYamlRubric(text, 'x.yaml');
    expect(diagnostics).toEqual([]);
    expect(rubric?.sections[0]?.indicators[0]?.title).toBe('Small');
  });

  it('keeps `__proto__` in a test subject as data', () => {
    const text = `${SMALL_YAML}tests:\n  - name: t\n    subject: { __proto__: 1, constructor: x }\n`;
    const { rubric, diagnostics } = parseYamlRubric(text, 'x.yaml');
    expect(diagnostics).toEqual([]);
    const subject = rubric!.tests[0]!.subject;
    expect(Object.keys(subject)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(subject)).toBe(Object.prototype);
    expect(JSON.stringify(subject)).toBe('{"__proto__":1,"constructor":"x"}');
  });
});
