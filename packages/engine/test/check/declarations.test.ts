import { describe, expect, it } from 'vitest';
import type { Deduction } from '@rubric/model';
import { bool, expectIssue, expectNo, fact, integer, issuesWith, level, ratio, rubric, scored, withIndicator, x } from './helpers.js';

describe('facts', () => {
  it('rubric/bad-default: a level default that is not a level, with did-you-mean', () => {
    const r = rubric({ facts: [ratio('rate'), level('risk', ['low', 'medium', 'high'], { default: 'hgih' })] });
    const i = expectIssue(r, { code: 'rubric/bad-default', path: '/facts/1/default' });
    expect(i.message).toBe('the default of fact `risk` is "hgih", which is not one of its levels (low, medium, high)');
    expect(i.hint).toBe('did you mean `high`?');
  });

  it('rubric/bad-default: wrong type, out of bounds, not an array, bad record', () => {
    const list = fact('items', { kind: 'list', fields: [bool('ok'), fact('n', { kind: 'integer', min: 0 })] }, { default: [{ ok: true, n: -1 }] });
    const r = rubric({
      facts: [
        ratio('rate', { default: 1.5 }),
        bool('flag', { default: 'yes' }),
        integer('n', 0, 10, { default: 2.5 }),
        fact('d', { kind: 'date' }, { default: '2022-02-30' }),
        fact('l', { kind: 'list', fields: [bool('ok')] }, { default: 'none' }),
        list,
      ],
    });
    const got = issuesWith(r, 'rubric/bad-default').map((i) => [i.path, i.message]);
    expect(got).toEqual([
      ['/facts/0/default', 'the default of fact `rate` is 1.5, outside its range 0..1'],
      ['/facts/1/default', 'the default of fact `flag` is "yes", but fact `flag` is true/false'],
      ['/facts/2/default', 'the default of fact `n` is 2.5, but fact `n` is an integer (a number)'],
      ['/facts/3/default', 'the default of fact `d` is "2022-02-30", but fact `d` is a date'],
      ['/facts/4/default', 'the default of fact `l` is "none", but fact `l` is a list of records'],
      ['/facts/5/default/0/n', 'record 1 of the default of fact `items`: the default of field `n` is -1, outside its range 0..+∞'],
    ]);
  });

  it('rubric/bad-default (warning): a required fact with a default', () => {
    const r = rubric({ facts: [{ id: 'rate', label: 'r', type: { kind: 'ratio' }, required: true, default: 0.5 }] });
    expect(expectIssue(r, { code: 'rubric/bad-default', path: '/facts/0/default' }).severity).toBe('warning');
  });

  it('rubric/missing-default: an optional fact without one', () => {
    const r = rubric({ facts: [{ id: 'rate', label: 'r', type: { kind: 'ratio' }, required: false }] });
    expectIssue(r, { code: 'rubric/missing-default', path: '/facts/0/required' });
  });

  it('rubric/bad-range: min above max', () => {
    const r = rubric({ facts: [ratio('rate'), integer('n', 10, 5)] });
    const i = expectIssue(r, { code: 'rubric/bad-range', path: '/facts/1/type/max' });
    expect(i.message).toBe('fact `n` has `min` 10 above `max` 5');
  });

  it('rubric/nested-list', () => {
    const inner = fact('inner', { kind: 'list', fields: [bool('ok')] });
    const r = rubric({ facts: [ratio('rate'), fact('outer', { kind: 'list', fields: [inner] })] });
    expectIssue(r, { code: 'rubric/nested-list', path: '/facts/1/type/fields/0/type' });
  });

  it('good defaults are fine', () => {
    const r = rubric({
      facts: [
        ratio('rate'),
        level('risk', ['low', 'high'], { default: 'low' }),
        fact('items', { kind: 'list', fields: [bool('ok'), fact('note', { kind: 'text' }, { default: '' })] }, { default: [{ ok: true }] }),
        fact('d', { kind: 'date' }, { default: '2022-06-14' }),
      ],
    });
    expectNo(r);
  });
});

describe('deductions', () => {
  const amounts = fact('complaints', { kind: 'list', fields: [fact('amount', { kind: 'decimal', min: 0 }), bool('closed')] }, { default: [] });
  const disc = (over: Partial<Extract<Deduction, { kind: 'discretionary' }>>): Deduction => ({ id: 'd', reason: 'r', kind: 'discretionary', fact: 'complaints', field: 'amount', min: 0.5, max: 2, ...over });

  it('a discretionary deduction over a decimal field of a list is fine', () => {
    expectNo(withIndicator(scored('a', 10, 'round(10 * rate, 0.5)'), [amounts], { deductions: [disc({ cap: 6 })] }));
  });

  it('rubric/bad-deduction-fact: a ratio fact; a list without field; a field that is not a number', () => {
    const r = withIndicator(scored('a', 10, '10 * rate'), [amounts], {
      deductions: [{ id: 'd1', reason: 'r', kind: 'discretionary', fact: 'rate', min: 0, max: 1 }, disc({ id: 'd2', field: undefined }), disc({ id: 'd3', field: 'closed' })],
    });
    const got = issuesWith(r, 'rubric/bad-deduction-fact').map((i) => [i.path, i.message, i.hint]);
    expect(got).toEqual([
      ['/deductions/0/fact', 'deduction `d1` records its amount in fact `rate`, which is a ratio (a number); it must be a decimal or integer fact', undefined],
      ['/deductions/1/fact', 'deduction `d2` records its amount in fact `complaints`, which is a list of records; it must be a decimal or integer fact', 'name the field of each record that holds its amount with `field`'],
      ['/deductions/2/field', 'deduction `d3` takes amounts from field `closed` of `complaints`, which is true/false; it must be a decimal or integer field', undefined],
    ]);
  });

  it('rubric/unknown-field and rubric/unknown-name', () => {
    const r = withIndicator(scored('a', 10, '10 * rate'), [amounts], { deductions: [disc({ field: 'amont' }), disc({ id: 'd2', fact: 'complants' })] });
    expect(expectIssue(r, { code: 'rubric/unknown-field', path: '/deductions/0/field' }).hint).toBe('did you mean `amount`?');
    expect(expectIssue(r, { code: 'rubric/unknown-name', path: '/deductions/1/fact' }).hint).toBe('did you mean `complaints`?');
  });

  it('rubric/bad-range: min above max', () => {
    const r = withIndicator(scored('a', 10, '10 * rate'), [amounts], { deductions: [disc({ min: 3, max: 2 })] });
    expectIssue(r, { code: 'rubric/bad-range', path: '/deductions/0/max' });
  });

  it('rubric/negative-cap', () => {
    const r = withIndicator(scored('a', 10, '10 * rate'), [bool('late')], {
      deductions: [{ id: 'd', reason: 'r', kind: 'conditional', when: x('late'), amount: 2, cap: -1 }],
      deductionCap: -5,
    });
    expect(issuesWith(r, 'rubric/negative-cap').map((i) => i.path)).toEqual(['/deductions/0/cap', '/deductionCap']);
  });
});

describe('rubric/grade-order', () => {
  it('bands must have strictly decreasing min', () => {
    const r = rubric({ grades: [{ label: 'good', min: 8 }, { label: 'excellent', min: 9.5 }, { label: 'same', min: 9.5 }] });
    expect(issuesWith(r, 'rubric/grade-order').map((i) => i.path)).toEqual(['/grades/1/min', '/grades/2/min']);
  });
});
