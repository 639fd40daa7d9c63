/**
 * Small IR builders for evaluator tests: expressions by hand (the engine does not
 * depend on the parser) and a Beijing-shaped rubric.
 */
import { IR_FORMAT, type Expr, type Fact, type Indicator, type Rubric } from '@rubric/model';

export const n = (v: number | string): Expr => {
  const s = String(v);
  return s.startsWith('-') ? { kind: 'unary', op: 'neg', operand: { kind: 'number', value: s.slice(1) } } : { kind: 'number', value: s };
};
export const ref = (name: string): Expr => ({ kind: 'ref', name });
export const text = (value: string): Expr => ({ kind: 'text', value });
export const bin = (op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
export const is = (name: string, value: string): Expr => bin('==', ref(name), text(value));
export const call = (fn: Extract<Expr, { kind: 'call' }>['fn'], ...args: Expr[]): Expr => ({ kind: 'call', fn, args });
export const ifThen = (cond: Expr, then: Expr, otherwise: Expr): Expr => ({ kind: 'if', cond, then, else: otherwise });

export const levelFact = (id: string, values = ['full', 'partial', 'none']): Fact => ({
  id,
  label: id,
  type: { kind: 'level', levels: values.map((value) => ({ value })) },
  required: true,
});
export const fact = (id: string, type: Fact['type'], extra: Partial<Fact> = {}): Fact => ({ id, label: id, type, required: true, ...extra });

/** A level indicator: full → max, partial → max/2, otherwise 0. */
export function levelIndicator(id: string, max: number, factId = id): Indicator {
  return {
    id,
    title: id,
    max,
    rule: {
      kind: 'cases',
      cases: [
        { when: is(factId, 'full'), points: n(max) },
        { when: is(factId, 'partial'), points: n(max / 2) },
      ],
      otherwise: n(0),
    },
  };
}
export const ratioIndicator = (id: string, max: number, factId: string): Indicator => ({
  id,
  title: id,
  max,
  rule: { kind: 'expression', points: call('round', bin('*', n(max), ref(factId)), n('0.5')) },
});
export const boolIndicator = (id: string, max: number, factId: string): Indicator => ({
  id,
  title: id,
  max,
  rule: { kind: 'expression', points: ifThen(ref(factId), n(max), n(0)) },
});

/** The pinned Beijing 2022-06 rubric, built directly as IR. */
export function beijingIr(): Rubric {
  const levels = ['checkpoint_24h', 'service_staff_access', 'quarantine_management', 'publicity', 'property_management', 'emergency_system'];
  const ratios = ['four_piece_check_rate', 'ledger_update_rate', 'garbage_sorting_rate'];
  const bools = ['checkpoint_facilities_ok', 'checkpoint_disinfection_ok', 'guard_protection_ok', 'public_disinfection_ok', 'party_coordination_ok', 'checkpoint_reported_by_city_or_media', 'case_with_management_lapse'];
  return {
    format: IR_FORMAT,
    id: 'beijing-epidemic-free-community',
    title: '北京市无疫社区（村）创建工作量表',
    version: '2022-06',
    effective: { from: '2022-06-14' },
    total: 100,
    facts: [
      ...levels.map((l) => levelFact(l)),
      ...ratios.map((r) => fact(r, { kind: 'ratio' })),
      ...bools.map((b) => fact(b, { kind: 'boolean' })),
      fact('hotline_bad_count', { kind: 'integer', min: 0 }),
      levelFact('district_risk', ['low', 'medium', 'high']),
    ],
    parameters: [{ id: 'pass_mark', periods: [{ value: 85, overrides: [{ when: is('district_risk', 'low'), value: 80 }] }] }],
    passMark: 'pass_mark',
    sections: [
      {
        id: 's1',
        title: '严格卡口管理',
        max: 44,
        indicators: [
          levelIndicator('checkpoint_24h', 10),
          ratioIndicator('four_piece_check', 10, 'four_piece_check_rate'),
          boolIndicator('checkpoint_facilities', 6, 'checkpoint_facilities_ok'),
          levelIndicator('service_staff_access', 6),
          boolIndicator('checkpoint_disinfection', 6, 'checkpoint_disinfection_ok'),
          boolIndicator('guard_protection', 6, 'guard_protection_ok'),
        ],
      },
      {
        id: 's2',
        title: '夯实基层基础',
        max: 26,
        indicators: [ratioIndicator('population_ledger', 10, 'ledger_update_rate'), levelIndicator('quarantine_management', 10), levelIndicator('publicity', 6)],
      },
      {
        id: 's3',
        title: '强化社区治理',
        max: 30,
        indicators: [
          ratioIndicator('garbage_sorting', 6, 'garbage_sorting_rate'),
          boolIndicator('public_disinfection', 6, 'public_disinfection_ok'),
          levelIndicator('property_management', 6),
          boolIndicator('party_coordination', 6, 'party_coordination_ok'),
          levelIndicator('emergency_system', 6),
        ],
      },
    ],
    hardRequirements: [{ id: 'checkpoint_24h_full', title: '24小时卡口值守须满分', kind: 'indicator-full', indicator: 'checkpoint_24h' }],
    vetoes: [
      { id: 'city_or_media_report', reason: '卡口被市级通报或媒体曝光', when: ref('checkpoint_reported_by_city_or_media') },
      { id: 'case_spread_lapse', reason: '管理漏洞导致传播', when: ref('case_with_management_lapse') },
    ],
    deductions: [{ id: 'hotline', reason: '12345投诉办理不力', kind: 'per-unit', count: ref('hotline_bad_count'), amount: 1, cap: 5 }],
    floor: 0,
    grades: [],
    tests: [],
  };
}

/** A Beijing subject with full marks everywhere, medium risk; override fields as needed. */
export function perfectSubject(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'BJ-001',
    checkpoint_24h: 'full',
    service_staff_access: 'full',
    quarantine_management: 'full',
    publicity: 'full',
    property_management: 'full',
    emergency_system: 'full',
    four_piece_check_rate: 1,
    ledger_update_rate: 1,
    garbage_sorting_rate: 1,
    checkpoint_facilities_ok: true,
    checkpoint_disinfection_ok: true,
    guard_protection_ok: true,
    public_disinfection_ok: true,
    party_coordination_ok: true,
    checkpoint_reported_by_city_or_media: false,
    case_with_management_lapse: false,
    hotline_bad_count: 0,
    district_risk: 'medium',
    ...over,
  };
}
