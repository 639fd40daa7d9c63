/** The pure model: rows, the what-if pass mark (exact, and the fast path against a reference), order, compare, gap. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, type Outcome } from '@rubric/rubric';
import { compareRows, pairAt, pairRows, totalChange } from '../src/model/compare.js';
import { analyseGap, gapLines } from '../src/model/gap.js';
import { permutation, sortLabel, visibleRows, type View } from '../src/model/order.js';
import { outcomeCode, outcomeOf } from '../src/model/outcome.js';
import { rowOf, type Row } from '../src/model/rows.js';
import { count, displayWidth, fit, fitStart, safe, truncate } from '../src/model/text.js';
import { deltaText, judge, outcomeAt, reasonAt, shiftedText, whatIfDelta } from '../src/model/what-if.js';
import { loadVersionText, SUBJECTS, V1, V2 } from './fixtures.js';

const v1 = loadVersionText('v1.yaml', V1);
const v2 = loadVersionText('v2.yaml', V2);
const rowsOf = (v: typeof v1): Row[] => SUBJECTS.map((s, i) => rowOf(v.compiled!.evaluate(s), { index: i + 1 }));
const rows1 = rowsOf(v1);
const rows2 = rowsOf(v2);
const byId = (rows: Row[], id: string): Row => rows.find((r) => r.id === id)!;

/** A row with a given gate and margin, for properties. */
function row(index: number, gate: Row['gate'], margin: string | null, outcome: Outcome = 'fail'): Row {
  return { index, id: `s${index}`, outcome, total: 0, passMark: 0, grade: null, gate, problem: '', moreProblems: 0, margin: margin === null ? null : Decimal.from(margin) };
}

describe('rows', () => {
  it('reduces a result to its gate, margin and first reason other than the pass mark', () => {
    expect(byId(rows1, 'c-below')).toMatchObject({ outcome: 'fail', gate: null, total: 14.5, passMark: 15, problem: '' });
    expect(byId(rows1, 'c-below').margin?.toString()).toBe('-0.5');
    expect(byId(rows1, 'd-hard')).toMatchObject({ gate: 'hard', problem: 'hard requirement not met: 等级须得满分' });
    expect(byId(rows1, 'e-veto')).toMatchObject({ gate: 'vetoed', outcome: 'vetoed' });
    expect(byId(rows1, 'f-bad')).toMatchObject({ gate: 'invalid', margin: null, total: null });
    expect(byId(rows1, 'f-bad').problem).toMatch(/^\/rate: /);
  });

  it('labels a subject without an id by its line or position, and escapes control characters in ids', () => {
    const r = v1.compiled!.evaluate({ rate: 1, level: 'full' });
    expect(rowOf(r, { index: 3, line: 7 }).id).toBe('(line 7)');
    expect(rowOf(r, { index: 3 }).id).toBe('(record 3)');
    const evil = v1.compiled!.evaluate({ id: 'x\u001b[2Jy', rate: 1, level: 'full' });
    expect(rowOf(evil, { index: 1 }).id).toBe('x\\u001b[2Jy');
  });
});

describe('what-if pass mark', () => {
  it('moves in exact half points', () => {
    expect(whatIfDelta(3).toString()).toBe('1.5');
    expect(whatIfDelta(-1).toString()).toBe('-0.5');
    expect(deltaText(0)).toBe('±0');
    expect(deltaText(1)).toBe('+0.5');
    expect(deltaText(-4)).toBe('-2');
    expect(shiftedText(84.9, 1)).toBe('85.4');
    expect(shiftedText(null, 1)).toBe('—');
  });

  it('flips subjects exactly at the mark: 14.5 passes at −0.5, 15 fails at +0.5', () => {
    expect(outcomeAt(byId(rows1, 'c-below'), whatIfDelta(-1))).toBe('pass');
    expect(outcomeAt(byId(rows1, 'c-below'), whatIfDelta(0))).toBe('fail');
    expect(outcomeAt(byId(rows1, 'b-edge'), whatIfDelta(0))).toBe('pass');
    expect(outcomeAt(byId(rows1, 'b-edge'), whatIfDelta(1))).toBe('fail');
  });

  it('never moves gated subjects: invalid, vetoed, failed hard requirement', () => {
    for (const steps of [-100, 0, 100]) {
      expect(outcomeAt(byId(rows1, 'f-bad'), whatIfDelta(steps))).toBe('invalid');
      expect(outcomeAt(byId(rows1, 'e-veto'), whatIfDelta(steps))).toBe('vetoed');
      expect(outcomeAt(byId(rows1, 'd-hard'), whatIfDelta(steps))).toBe('fail');
    }
  });

  it('at no shift, gives the evaluated outcomes and counts', () => {
    const j = judge(rows1, 0);
    expect(Array.from(j.codes, outcomeOf)).toEqual(rows1.map((r) => r.outcome));
    expect(j.counts).toEqual({ pass: 4, fail: 2, vetoed: 1, invalid: 1 });
    expect(judge(rows1, -1).counts).toEqual({ pass: 5, fail: 1, vetoed: 1, invalid: 1 });
  });

  it('words the reason with the moved pass mark, counting the other reasons', () => {
    expect(reasonAt(byId(rows1, 'b-edge'), 0)).toBe('');
    expect(reasonAt(byId(rows1, 'b-edge'), 1)).toBe('total 15 is below the pass mark 15.5');
    expect(reasonAt(byId(rows1, 'd-hard'), 0)).toBe('hard requirement not met: 等级须得满分');
    expect(reasonAt(byId(rows1, 'd-hard'), 2)).toBe('hard requirement not met: 等级须得满分 (+1 more)');
  });

  it('the fast path (integer units) agrees with the Decimal reference, also beyond safe integers', () => {
    const margin = fc.oneof(
      fc.constant(null),
      fc.tuple(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), fc.integer({ min: 0, max: 12 })).map(([c, s]) => Decimal.of(c, s).toString()),
      fc.tuple(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 2 })).map(([c, s]) => Decimal.of(BigInt(c), s).toString()),
    );
    const gate = fc.constantFrom<Row['gate']>(null, null, null, 'hard', 'vetoed', 'invalid');
    fc.assert(
      fc.property(fc.array(fc.tuple(gate, margin), { maxLength: 40 }), fc.integer({ min: -60, max: 60 }), (specs, steps) => {
        const rows = specs.map(([g, m], i) => row(i + 1, g === 'invalid' ? 'invalid' : g, g === 'invalid' ? null : m, g === 'invalid' ? 'invalid' : 'fail'));
        const j = judge(rows, steps);
        const want = rows.map((r) => outcomeAt(r, whatIfDelta(steps)));
        expect(Array.from(j.codes, outcomeOf)).toEqual(want);
        for (const o of ['pass', 'fail', 'vetoed', 'invalid'] as const) expect(j.counts[o]).toBe(want.filter((x) => x === o).length);
      }),
    );
  });

  it('compares exactly where binary floats would not: 84.9 + 0.1 reaches 85', () => {
    const r = row(1, null, Decimal.from('84.9').sub(Decimal.from('85')).add(Decimal.from('0.1')).toString());
    expect(judge([r], 0).counts.pass).toBe(1);
    expect(judge([row(1, null, '0.30000000000000001')], 0).counts.pass).toBe(1);
  });
});

describe('order', () => {
  const view = (v: Partial<View>): View => ({ sort: 'file', reverse: false, filter: 'all', query: '', ...v });
  const ids = (rows: Row[], list: Int32Array): string[] => Array.from(list, (p) => rows[p]!.id);
  const codes = judge(rows1, 0).codes;

  it('sorts by file order, id, total (high first, no total last) and outcome', () => {
    expect(ids(rows1, visibleRows(rows1, codes, view({})))).toEqual(SUBJECTS.map((s) => s['id']));
    expect(ids(rows1, visibleRows(rows1, codes, view({ sort: 'id', reverse: true })))[0]).toBe('h-deduct');
    const byTotal = ids(rows1, visibleRows(rows1, codes, view({ sort: 'total' })));
    expect(byTotal.slice(0, 2)).toEqual(['a-pass', 'e-veto']);
    expect(byTotal.at(-1)).toBe('f-bad');
    const byOutcome = Array.from(visibleRows(rows1, codes, view({ sort: 'outcome' })), (p) => outcomeOf(codes[p]!));
    expect(byOutcome).toEqual([...byOutcome].sort((a, b) => outcomeCode(a) - outcomeCode(b)));
  });

  it('filters by what-if outcome and searches ids case-insensitively', () => {
    expect(ids(rows1, visibleRows(rows1, codes, view({ filter: 'fail' })))).toEqual(['c-below', 'd-hard']);
    const moved = judge(rows1, 1).codes;
    expect(ids(rows1, visibleRows(rows1, moved, view({ filter: 'fail' })))).toEqual(['b-edge', 'c-below', 'd-hard', 'g-easy']);
    expect(ids(rows1, visibleRows(rows1, codes, view({ query: 'E-V' })))).toEqual(['e-veto']);
    expect(visibleRows(rows1, codes, view({ query: 'nothing' }))).toHaveLength(0);
  });

  it('computes each sort once per set of rows', () => {
    expect(permutation(rows1, 'total')).toBe(permutation(rows1, 'total'));
    expect(permutation(rows1, 'outcome')).toBe(permutation(rows1, 'total'));
  });

  it('names the order', () => {
    expect(sortLabel({ sort: 'total', reverse: false })).toBe('total ↓');
    expect(sortLabel({ sort: 'total', reverse: true })).toBe('total ↑');
  });
});

describe('compare', () => {
  it('lists the flips first with a count per direction', () => {
    const c = compareRows(rows1, rows2, pairRows(rows1, rows2, 'index'), judge(rows1, 0).codes, judge(rows2, 0).codes, false);
    expect(c.summary).toMatchObject({ paired: 8, flips: 1, byDirection: [{ from: 'pass', to: 'fail', count: 1 }], totalChanged: 1, onlyA: 0, onlyB: 0 });
    expect(rows1[pairAt(c, 0)!.a]!.id).toBe('b-edge');
    expect(rows1[pairAt(c, 1)!.a]!.id).toBe('d-hard'); // total changed, same outcome
    expect(pairAt(c, 8)).toBeUndefined();
    expect(c.order).toHaveLength(8);
    const flips = compareRows(rows1, rows2, pairRows(rows1, rows2, 'index'), judge(rows1, 0).codes, judge(rows2, 0).codes, true);
    expect(flips.order).toHaveLength(1);
  });

  it('applies the what-if pass mark to both versions', () => {
    // +1: b-edge (15) fails under both 16 and 17; h-deduct (16) passes 16 but not 17.
    const c = compareRows(rows1, rows2, pairRows(rows1, rows2, 'index'), judge(rows1, 2).codes, judge(rows2, 2).codes, false);
    expect(c.summary.flips).toBe(1);
    expect(rows1[pairAt(c, 0)!.a]!.id).toBe('h-deduct');
  });

  it('pairs by id when the subjects are not one dataset, and lists subjects of one version only', () => {
    const b = rows2.slice(1);
    const pairs = pairRows(rows1, b, 'id');
    const c = compareRows(rows1, b, pairs, judge(rows1, 0).codes, judge(b, 0).codes, false);
    expect(c.summary).toMatchObject({ paired: 7, onlyA: 1, onlyB: 0 });
    expect(pairRows(b, rows1, 'id').b.includes(0)).toBe(true);
    const reversed = [...rows2].reverse();
    const byIndex = pairRows(rows1, reversed, 'index');
    expect(Array.from(byIndex.b)).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    expect(pairRows(rows1, reversed, 'index')).toBe(byIndex);
  });

  it('words total changes exactly', () => {
    expect(totalChange(15, 16)).toBe('+1');
    expect(totalChange(84.9, 85)).toBe('+0.1');
    expect(totalChange(15, 15)).toBe('±0');
    expect(totalChange(null, 15)).toBe('');
  });
});

describe('gap', () => {
  const explain = (id: string, v = v1) => v.compiled!.evaluate(SUBJECTS.find((s) => s['id'] === id)!, { explain: true });

  it('says how many points are missing and which indicators alone close the gap', () => {
    const g = analyseGap(v1.rubric!, explain('c-below'), 0);
    expect(g.needed?.toString()).toBe('0.5');
    expect(g.enough.map((h) => h.id)).toEqual(['rate_points']);
    expect(gapLines(g, 0)).toEqual(['needs 0.5 more points: any one of rate_points (+5.5)']);
  });

  it('counts the what-if shift, and says when a subject passes and by how much', () => {
    expect(gapLines(analyseGap(v1.rubric!, explain('a-pass'), 0), 0)).toEqual(['passes with 5 points to spare']);
    expect(gapLines(analyseGap(v1.rubric!, explain('b-edge'), 0), 0)).toEqual(['passes exactly at the pass mark']);
    expect(gapLines(analyseGap(v1.rubric!, explain('b-edge'), -2), 0)).toEqual(['passes with 1 point to spare']);
    expect(gapLines(analyseGap(v1.rubric!, explain('b-edge'), 2), 0)[0]).toMatch(/^needs 1 more point: /);
    expect(analyseGap(v1.rubric!, explain('b-edge'), 3).needed?.toString()).toBe('1.5');
  });

  it('names what no total can fix: a veto, a hard requirement with the points it needs', () => {
    expect(analyseGap(v1.rubric!, explain('e-veto'), 0).blockers).toEqual(['veto media: 媒体曝光 (no total can pass)']);
    expect(analyseGap(v1.rubric!, explain('d-hard'), 0).blockers).toEqual(['hard requirement level_full: level_points must reach 10 (has 5)']);
  });

  it('mentions deductions and the case where no one indicator is enough', () => {
    const r = v1.compiled!.evaluate({ id: 'x', rate: 0, level: 'full', complaints: 2 }, { explain: true });
    expect(gapLines(analyseGap(v1.rubric!, r, 0), r.deductionTotal)).toEqual(['needs 7 more points: any one of rate_points (+10); deductions took 2']);
    const far = v1.compiled!.evaluate({ id: 'y', rate: 0, level: 'none' }, { explain: true });
    expect(gapLines(analyseGap(v1.rubric!, far, 0), 0).at(-1)).toBe('needs 15 more points: no one indicator is enough; most room in rate_points (+10), level_points (+10)');
  });
});

describe('text', () => {
  it('measures wide characters as two columns and cuts to the width', () => {
    expect(displayWidth('等级ab')).toBe(6);
    expect(truncate('等级指标', 5)).toBe('等级…');
    expect(displayWidth(truncate('测温扫码查证核酸', 13))).toBeLessThanOrEqual(13);
    expect(fit('ab', 4)).toBe('ab  ');
    expect(fitStart('ab', 4)).toBe('  ab');
    expect(truncate('abc', 0)).toBe('');
  });

  it('makes user text one safe line', () => {
    expect(safe('a\nb\tc\u0007')).toBe('a⏎b c\\u0007');
    expect(count(1234567)).toBe('1,234,567');
  });
});
