/**
 * The diffs of the three Beijing versions, pinned change by change: what a person would list
 * by hand comparing 2022-05 (20 pass/fail indicators) with 2022-06 (14 scored ones), and
 * 2022-06 with 2022-07 (a dated pass mark, two indicators' points).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diffRubrics, loadRubricFolder, renderDiffMarkdown, renderDiffText, type Change, type RubricDiff, type Rubric } from '@rubric/rubric';

const DIR = 'rubrics/beijing-epidemic-free-community';
let may: Rubric;
let june: Rubric;
let july: Rubric;

beforeAll(async () => {
  const folder = await loadRubricFolder(DIR);
  expect(folder.diagnostics).toEqual([]);
  [may, june, july] = folder.versions.map((v) => v.rubric) as [Rubric, Rubric, Rubric];
});

/** Changes as `target kind id field` strings, for compact assertions. */
function keys(diff: RubricDiff, filter: (c: Change) => boolean = () => true): string[] {
  return diff.changes.filter(filter).map((c) => [c.target, c.kind, c.id, c.field].filter((x) => x !== undefined).join(' '));
}

describe('2022-05 → 2022-06: 20 pass/fail indicators become 14 scored ones', () => {
  let diff: RubricDiff;
  beforeAll(() => {
    diff = diffRubrics(may, june);
  });

  it('uses the mapping of 2022-06 and accounts for all 20 old and all 14 new indicators', () => {
    expect(diff.mapping).toBe('new-replaces-old');
    expect(diff.indicators.flatMap((g) => g.from)).toHaveLength(20);
    expect(diff.indicators.flatMap((g) => g.to)).toHaveLength(14);
    const byKind = (k: string) => diff.indicators.filter((g) => g.kind === k).map((g) => `${g.from.join('+')}>${g.to.join('+')}`);
    expect(byKind('merged')).toEqual(['emergency_supplies+org_emergency_plan>emergency_system', 'pcr_certificate+scan_and_temperature>four_piece_check']);
    expect(byKind('split')).toEqual(['checkpoint_setup>checkpoint_disinfection+checkpoint_facilities']);
    expect(byKind('renamed')).toEqual([
      'guard_supplies>guard_protection',
      'org_leadership>party_coordination',
      'zero_ledger>population_ledger',
      'org_property>property_management',
      'publicity_outreach>publicity',
      'zero_quarantine>quarantine_management',
      'service_staff>service_staff_access',
    ]);
    expect(byKind('kept')).toEqual(['checkpoint_24h>checkpoint_24h', 'garbage_sorting>garbage_sorting', 'public_disinfection>public_disinfection']);
    expect(byKind('removed')).toEqual(['checkpoint_no_report>', 'resident_requests>', 'residents_pcr>', 'residents_protection>', 'zero_spread>']);
    expect(byKind('added')).toEqual([]);
    expect(diff.indicators.filter((g) => g.kind === 'removed').every((g) => g.mapped)).toBe(true);
  });

  it('lists merges, the split, renames and drops with their notes and before/after points', () => {
    const merged = diff.changes.find((c) => c.kind === 'merged' && c.id === 'four_piece_check')!;
    expect(merged).toMatchObject({ target: 'indicator', from: ['pcr_certificate', 'scan_and_temperature'], to: ['four_piece_check'], note: '测温扫码查证与核酸证明查验合并为四件套查验' });
    expect(merged.after).toMatchObject({ id: 'four_piece_check', section: 's1', points: 10, rule: ['round(10 * four_piece_check_rate, 0.5)'] });
    expect(merged.before).toMatchObject([
      { id: 'pcr_certificate', points: 1, rule: ['if four_piece_check_rate >= 0.95 then 1 else 0'] },
      { id: 'scan_and_temperature', points: 1, rule: ['if four_piece_check_rate >= 0.9 then 1 else 0'] },
    ]);
    const split = diff.changes.find((c) => c.kind === 'split')!;
    expect(split).toMatchObject({ id: 'checkpoint_setup', from: ['checkpoint_setup'], to: ['checkpoint_disinfection', 'checkpoint_facilities'] });
    const dropped = diff.changes.filter((c) => c.kind === 'removed' && c.target === 'indicator');
    expect(dropped.map((c) => [c.id, c.note])).toEqual([
      ['checkpoint_no_report', '改为一票否决 city_or_media_report'],
      ['resident_requests', '改为扣分项 hotline'],
      ['residents_pcr', '不再单列'],
      ['residents_protection', '不再单列'],
      ['zero_spread', '改为一票否决 case_spread_lapse'],
    ]);
    expect(keys(diff, (c) => c.kind === 'renamed')).toHaveLength(7);
  });

  it('lists points, rules and section moves of the indicators that carry over', () => {
    const points = diff.changes.filter((c) => c.target === 'indicator' && c.field === 'points').map((c) => `${c.id} ${c.before}→${c.after}`);
    expect(points).toEqual([
      'checkpoint_24h 1→10',
      'garbage_sorting 1→6',
      'guard_protection 1→6',
      'party_coordination 1→6',
      'population_ledger 1→10',
      'property_management 1→6',
      'public_disinfection 1→6',
      'publicity 1→6',
      'quarantine_management 1→10',
      'service_staff_access 1→6',
    ]);
    const rule = diff.changes.find((c) => c.field === 'rule' && c.id === 'checkpoint_24h')!;
    expect(rule.before).toEqual(['if checkpoint_24h is full then 1 else 0']);
    expect(rule.after).toEqual(['checkpoint_24h is full → 10', 'checkpoint_24h is partial → 5', 'otherwise → 0']);
    expect(diff.changes.filter((c) => c.kind === 'moved')).toHaveLength(10);
    expect(diff.changes.find((c) => c.kind === 'moved' && c.id === 'checkpoint_24h')).toMatchObject({ before: 'a3', after: 's1' });
  });

  it('lists the total, the pass mark, sections, gates, the deduction and facts', () => {
    expect(keys(diff, (c) => !c.wording && c.target !== 'indicator')).toEqual([
      'rubric changed beijing-epidemic-free-community effective',
      'rubric changed beijing-epidemic-free-community total',
      'pass-mark changed pass_mark value',
      'section added s1',
      'section added s2',
      'section added s3',
      'section removed a1',
      'section removed a2',
      'section removed a3',
      'section removed a4',
      'section removed a5',
      'section removed a6',
      'section removed a7',
      'hard-requirement added checkpoint_24h_full',
      'veto added case_spread_lapse',
      'veto added city_or_media_report',
      'deduction added hotline',
      'fact removed residents_pcr_rate',
      'fact removed residents_protection_ok',
    ]);
    expect(diff.changes.find((c) => c.target === 'total' || c.field === 'total')).toMatchObject({ before: 20, after: 100 });
    expect(diff.changes.find((c) => c.target === 'pass-mark')).toMatchObject({ period: {}, before: '20', after: '85; 80 where district_risk is low' });
  });

  it('keeps wording changes apart, flagged as such', () => {
    const wording = diff.changes.filter((c) => c.wording);
    expect(wording.length).toBeGreaterThan(0);
    expect(wording.every((c) => ['title', 'description', 'standard', 'method', 'label'].includes(c.field!))).toBe(true);
    expect(wording).toContainEqual({ target: 'indicator', kind: 'changed', id: 'checkpoint_24h', field: 'title', before: '卡口24小时值守', after: '坚持24小时卡口值守', wording: true });
  });

  it('reads the same mapping backwards for 2022-06 → 2022-05', () => {
    const back = diffRubrics(june, may);
    expect(back.mapping).toBe('old-replaces-new');
    const split = back.indicators.filter((g) => g.kind === 'split').map((g) => `${g.from.join('+')}>${g.to.join('+')}`);
    expect(split).toEqual(['emergency_system>emergency_supplies+org_emergency_plan', 'four_piece_check>pcr_certificate+scan_and_temperature']);
    expect(back.indicators.filter((g) => g.kind === 'merged').map((g) => g.to[0])).toEqual(['checkpoint_setup']);
  });
});

describe('2022-06 → 2022-07: a dated pass mark and two indicators’ points', () => {
  let diff: RubricDiff;
  beforeAll(() => {
    diff = diffRubrics(june, july);
  });

  it('lists exactly the changes of meaning a person would list', () => {
    expect(diff.changes.filter((c) => !c.wording)).toEqual([
      { target: 'rubric', kind: 'changed', id: 'beijing-epidemic-free-community', field: 'effective', before: '2022-06-14 … 2022-06-30', after: 'from 2022-07-01' },
      { target: 'pass-mark', kind: 'changed', id: 'pass_mark', field: 'value', period: { from: '2022-07-01' }, before: '85; 80 where district_risk is low', after: '80' },
      { target: 'indicator', kind: 'changed', id: 'checkpoint_facilities', field: 'points', before: 6, after: 4 },
      { target: 'indicator', kind: 'changed', id: 'four_piece_check', field: 'points', before: 10, after: 12 },
      { target: 'indicator', kind: 'changed', id: 'checkpoint_facilities', field: 'rule', before: ['if checkpoint_facilities_ok then 6 else 0'], after: ['if checkpoint_facilities_ok then 4 else 0'] },
      { target: 'indicator', kind: 'changed', id: 'four_piece_check', field: 'rule', before: ['round(10 * four_piece_check_rate, 0.5)'], after: ['round(12 * four_piece_check_rate, 0.5)'] },
    ]);
    expect(keys(diff, (c) => c.wording === true)).toEqual([
      'rubric changed beijing-epidemic-free-community description',
      'pass-mark changed pass_mark description',
      'fact changed district_risk description',
    ]);
    expect(diff.indicators.every((g) => g.kind === 'kept')).toBe(true);
  });

  it('says it in text and in Markdown', () => {
    const text = renderDiffText(diffRubrics(june, july, { oldFile: `${DIR}/2022-06.yaml`, newFile: `${DIR}/2022-07.yaml` }));
    expect(text).toContain('beijing-epidemic-free-community: 2022-06 → 2022-07\n');
    expect(text).toContain('  pass_mark from 2022-07-01: 85; 80 where district_risk is low → 80\n');
    expect(text).toContain('  points of indicator four_piece_check: 10 → 12\n');
    expect(text).toContain('  rule of indicator four_piece_check:\n    - round(10 * four_piece_check_rate, 0.5)\n    + round(12 * four_piece_check_rate, 0.5)\n');
    expect(text).toContain('9 changes (3 of wording only)\n');
    const md = renderDiffMarkdown(diff);
    expect(md).toContain('### Pass mark\n\n- <code>pass_mark</code> from 2022-07-01: <code>85; 80 where district_risk is low</code> → <code>80</code>\n');
    expect(md).toContain('- points of indicator <code>four_piece_check</code>: <code>10</code> → <code>12</code>\n');
  });
});

describe('a version against itself', () => {
  it('has no changes', () => {
    for (const r of [may, june, july]) expect(diffRubrics(r, r).changes).toEqual([]);
  });
});
