/**
 * A realistic rubric modelled on the Beijing 2022 epidemic-free community scale: 14
 * indicators in 3 sections. The split of points is illustrative (the real values were
 * published only as an image).
 */
import { IR_FORMAT, type Rubric } from '@rubric/model';
import { bool, cases, checklist, fact, integer, level, ratio, scored, section, x } from './helpers.js';

const LEVELS = ['full', 'partial', 'none'];

/** The illustrative Beijing 2022 rubric; a fresh copy on every call. */
export function beijingRubric(): Rubric {
  return {
    format: IR_FORMAT,
    id: 'beijing-epidemic-free-community',
    title: '北京市无疫社区（村）创建工作量表',
    version: '2022-06',
    effective: { from: '2022-06-14' },
    replaces: {
      version: '2022-05',
      mapping: [
        { from: ['checkpoint_duty', 'checkpoint_check'], to: ['checkpoint_24h', 'four_piece_check'], note: 'split and merged' },
        { from: ['cases_zero'], to: [] },
      ],
    },
    total: 100,
    facts: [
      level('checkpoint_24h', LEVELS),
      ratio('four_piece_check_rate'),
      level('checkpoint_facilities', ['complete', 'partial', 'missing']),
      bool('service_staff_managed'),
      ratio('disinfection_rate'),
      level('staff_protection', LEVELS),
      ratio('ledger_update_rate'),
      level('quarantine_management', LEVELS),
      bool('has_posters'),
      bool('has_broadcasts'),
      bool('has_home_visits'),
      integer('garbage_defects', 0),
      ratio('public_area_rate'),
      level('property_management', LEVELS),
      integer('party_committee_meetings', 0, 12),
      bool('has_emergency_plan'),
      bool('has_emergency_drill'),
      integer('hotline_bad_count', 0),
      level('district_risk', ['low', 'medium', 'high']),
      bool('checkpoint_reported_by_city_or_media'),
      bool('case_spread_by_lapse'),
      fact(
        'checkpoints',
        { kind: 'list', fields: [fact('name', { kind: 'text' }), bool('staffed_24h')] },
        { default: [] },
      ),
      fact('inspected_on', { kind: 'date' }, { default: '2022-06-14' }),
    ],
    parameters: [
      { id: 'pass_mark', label: '达标分数线', periods: [{ value: 85, overrides: [{ when: x('district_risk is low'), value: 80 }] }] },
      {
        id: 'pcr_window_hours',
        periods: [
          { from: '2022-05-01', until: '2022-06-05', value: 48, overrides: [] },
          { from: '2022-06-06', value: 72, overrides: [] },
        ],
      },
    ],
    passMark: 'pass_mark',
    sections: [
      section(
        's1',
        [
          cases('checkpoint_24h', 10, [['checkpoint_24h is full', '10'], ['checkpoint_24h is partial', '5']]),
          scored('four_piece_check', 10, 'round(10 * four_piece_check_rate, 0.5)'),
          cases('checkpoint_facilities', 8, [['checkpoint_facilities is complete', '8'], ['checkpoint_facilities is partial', '4']]),
          scored('service_staff', 8, 'if service_staff_managed then 8 else 0'),
          scored('checkpoint_disinfection', 6, 'round(6 * disinfection_rate, 0.5)'),
          cases('staff_protection', 6, [['staff_protection is full', '6'], ['staff_protection in [partial]', '3']]),
        ],
        48,
      ),
      section(
        's2',
        [
          scored('population_ledger', 10, 'round(10 * ledger_update_rate, 0.5)'),
          cases('quarantine', 8, [['quarantine_management is full', '8'], ['quarantine_management is partial', '4']]),
          checklist('publicity', 6, 'award', [
            ['posters', 2, 'when: has_posters'],
            ['broadcasts', 2, 'when: has_broadcasts'],
            ['home_visits', 2, 'when: has_home_visits'],
          ]),
        ],
        24,
      ),
      section(
        's3',
        [
          checklist('garbage', 6, 'deduct', [['defects', 2, 'count: garbage_defects']]),
          scored('public_cleaning', 6, 'round(6 * public_area_rate, 0.5)'),
          cases('property', 6, [['property_management is full', '6'], ['property_management is partial', '3']]),
          scored('party_committee', 5, 'min(party_committee_meetings, 5)'),
          checklist('emergency', 5, 'award', [
            ['plan', 3, 'when: has_emergency_plan'],
            ['drill', 2, 'when: has_emergency_drill'],
          ]),
        ],
        28,
      ),
    ],
    hardRequirements: [
      { id: 'checkpoint_24h_full', title: '24小时卡口值守须得满分', kind: 'indicator-full', indicator: 'checkpoint_24h' },
      { id: 'all_checkpoints_staffed', title: '所有卡口24小时值守', kind: 'condition', require: x('all(checkpoints, staffed_24h)') },
    ],
    vetoes: [
      { id: 'city_or_media_report', reason: '卡口被市级通报或媒体曝光', when: x('checkpoint_reported_by_city_or_media') },
      { id: 'case_spread', reason: '发生确诊或无症状感染者且因管理不到位造成传播', when: x('case_spread_by_lapse') },
    ],
    deductions: [{ id: 'hotline', reason: '涉疫12345热线投诉办理不及时或回访不满意', kind: 'per-unit', count: x('hotline_bad_count'), amount: 1, cap: 5 }],
    floor: 0,
    grades: [
      { label: '优秀', min: 95 },
      { label: '良好', min: 85 },
    ],
    tests: [
      {
        name: 'full marks pass',
        asOf: '2022-06-20',
        subject: { id: 'c1', checkpoint_24h: 'full', four_piece_check_rate: 1 },
        expect: { outcome: 'pass', total: 100, passMark: 85, indicators: { checkpoint_24h: 10 } },
      },
      {
        name: 'media report vetoes',
        subject: { id: 'c2', checkpoint_reported_by_city_or_media: true },
        expect: { outcome: 'vetoed', reasons: ['veto:city_or_media_report', 'hard:checkpoint_24h_full', 'below-pass-mark'] },
      },
    ],
  };
}
