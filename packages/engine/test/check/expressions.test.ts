import { describe, expect, it } from 'vitest';
import { bool, cases, checklist, expectIssue, expectNo, fact, integer, issuesWith, level, ratio, rubric, scored, withIndicator, x } from './helpers.js';

const LEVELS = ['full', 'partial', 'none'];
const lvl = level('checkpoint_24h', LEVELS);

describe('rubric/unknown-name', () => {
  it('a veto condition naming nothing, with did-you-mean over names in scope', () => {
    const r = rubric({ facts: [ratio('rate'), bool('media_report')], vetoes: [{ id: 'media', reason: 'r', when: x('media_reprot') }] });
    const i = expectIssue(r, { code: 'rubric/unknown-name', path: '/vetoes/0/when/name' });
    expect(i.message).toBe('there is no fact or parameter named `media_reprot`');
    expect(i.hint).toBe('did you mean `media_report`?');
  });

  it('deep inside a case condition', () => {
    const ind = cases('c', 10, [['checkpoint_24h is full', '10'], ['chekpoint_24h is partial and rate > 0.5', '5']]);
    const i = expectIssue(withIndicator(ind, [lvl]), { code: 'rubric/unknown-name', path: '/sections/0/indicators/0/rule/cases/1/when/left/left/name' });
    expect(i.hint).toBe('did you mean `checkpoint_24h`?');
  });

  it('inside an aggregate, fields come first in the suggestions', () => {
    const list = fact('checkpoints', { kind: 'list', fields: [bool('staffed_24h')] });
    const r = rubric({ facts: [ratio('rate'), list], vetoes: [{ id: 'v', reason: 'r', when: x('any(checkpoints, not stafed_24h)') }] });
    const i = expectIssue(r, { code: 'rubric/unknown-name', path: '/vetoes/0/when/value/operand/name' });
    expect(i.message).toBe('there is no field of `checkpoints`, fact or parameter named `stafed_24h`');
    expect(i.hint).toBe('did you mean `staffed_24h`?');
  });

  it('parameters are numbers in scope', () => {
    const r = rubric({ vetoes: [{ id: 'v', reason: 'r', when: x('rate * 100 < pass_mark') }] });
    expectNo(r, 'rubric/unknown-name');
    expectNo(r, 'rubric/type-error');
  });
});

describe('rubric/unknown-list', () => {
  it('an aggregate over a fact that is not a list', () => {
    const r = rubric({ vetoes: [{ id: 'v', reason: 'r', when: x('count(rate) > 1') }] });
    const i = expectIssue(r, { code: 'rubric/unknown-list', path: '/vetoes/0/when/left/list' });
    expect(i.message).toBe('`rate` is a ratio (a number), not a list; `count` works over a list fact');
  });

  it('an aggregate over a name nobody declared', () => {
    const list = fact('checkpoints', { kind: 'list', fields: [bool('staffed_24h')] });
    const r = rubric({ facts: [ratio('rate'), list], vetoes: [{ id: 'v', reason: 'r', when: x('any(checkpionts, staffed_24h)') }] });
    const i = expectIssue(r, { code: 'rubric/unknown-list', path: '/vetoes/0/when/list' });
    expect(i.hint).toBe('did you mean `checkpoints`?');
  });
});

describe('rubric/type-error', () => {
  it('a ratio under `and`, at the operand', () => {
    const ind = cases('c', 10, [['checkpoint_24h is full', '10'], ['four_piece_check_rate and checkpoint_24h is partial', '5']]);
    const i = expectIssue(withIndicator(ind, [lvl, ratio('four_piece_check_rate')]), {
      code: 'rubric/type-error',
      path: '/sections/0/indicators/0/rule/cases/1/when/left',
    });
    expect(i.message).toBe('`four_piece_check_rate` is a ratio (a number); `and` needs true/false values');
    expect(i.hint).toBe('compare it, e.g. `… >= 0.9`');
  });

  it('points that are a condition', () => {
    const i = expectIssue(withIndicator(scored('a', 10, 'rate > 0.5')), { code: 'rubric/type-error', path: '/sections/0/indicators/0/rule/points' });
    expect(i.message).toBe('`rate > 0.5` is true/false; the points of indicator `a` must be a number');
    expect(i.hint).toBe('to give points for a condition, write e.g. `if … then 10 else 0`');
  });

  it('a condition that is a number, and a level used as a condition', () => {
    const r = rubric({ facts: [ratio('rate'), lvl], vetoes: [{ id: 'v', reason: 'r', when: x('rate') }], hardRequirements: [{ id: 'h', title: 'h', kind: 'condition', require: x('checkpoint_24h') }] });
    expect(expectIssue(r, { code: 'rubric/type-error', path: '/vetoes/0/when' }).message).toBe('`rate` is a ratio (a number); the condition of veto `v` must be true/false');
    expect(expectIssue(r, { code: 'rubric/type-error', path: '/hardRequirements/0/require' }).hint).toBe('test a level with `is`, e.g. `checkpoint_24h is full`');
  });

  it('arithmetic on true/false; comparing a date with a number; == across types', () => {
    const r = rubric({
      facts: [ratio('rate'), bool('flag'), fact('d', { kind: 'date' }), lvl],
      vetoes: [
        { id: 'v1', reason: 'r', when: x('flag + 1 > 2') },
        { id: 'v2', reason: 'r', when: x('d < 3') },
        { id: 'v3', reason: 'r', when: x('rate == checkpoint_24h') },
        { id: 'v4', reason: 'r', when: x('d >= date("2022-06-01")') },
      ],
    });
    const got = issuesWith(r, 'rubric/type-error').map((i) => [i.path, i.message]);
    expect(got).toEqual([
      ['/vetoes/0/when/left/left', '`flag` is true/false; `+` needs numbers'],
      ['/vetoes/1/when/right', '`3` is a number but `d` is a date; `<` compares two numbers or two dates'],
      ['/vetoes/2/when/right', '`checkpoint_24h` is a level (full, partial, none) but `rate` is a ratio (a number); `==` compares two values of the same type'],
    ]);
  });

  it('if: condition and branches', () => {
    const r = withIndicator(scored('a', 10, 'if rate then 10 else checkpoint_24h'), [lvl]);
    const got = issuesWith(r, 'rubric/type-error').map((i) => [i.path, i.message]);
    expect(got).toEqual([
      ['/sections/0/indicators/0/rule/points/cond', '`rate` is a ratio (a number); the condition of `if` must be true/false'],
      ['/sections/0/indicators/0/rule/points/else', '`if` gives a number after `then` but a level of `checkpoint_24h` (full, partial, none) after `else`; both branches must give the same type'],
    ]);
  });

  it('in: options of the value type', () => {
    const r = rubric({ facts: [ratio('rate'), integer('n', 0)], vetoes: [{ id: 'v', reason: 'r', when: x('n in [1, 2, "three"]') }] });
    expectIssue(r, { code: 'rubric/type-error', path: '/vetoes/0/when/options/2' });
  });

  it('aggregates: where and value types, count without value, sum with one', () => {
    const list = fact('cases_list', { kind: 'list', fields: [fact('amount', { kind: 'decimal', min: 0 }), bool('closed')] });
    const r = rubric({
      facts: [ratio('rate'), list],
      vetoes: [
        { id: 'v1', reason: 'r', when: x('count(cases_list where amount) > 1') },
        { id: 'v2', reason: 'r', when: x('sum(cases_list, closed) > 1') },
        { id: 'v3', reason: 'r', when: x('all(cases_list, amount)') },
        { id: 'v4', reason: 'r', when: x('sum(cases_list where closed, amount) > 1 and count(cases_list where not closed) < 3') },
      ],
    });
    const got = issuesWith(r, 'rubric/type-error').map((i) => [i.path, i.message]);
    expect(got).toEqual([
      ['/vetoes/0/when/left/where', '`amount` is a decimal (a number); the `where` condition of `count` must be true/false'],
      ['/vetoes/1/when/left/value', '`closed` is true/false; `sum` adds up numbers'],
      ['/vetoes/2/when/value', '`amount` is a decimal (a number); `all` needs a true/false condition'],
    ]);
  });

  it('calls need numbers', () => {
    const r = withIndicator(scored('a', 10, 'min(10, flag)'), [bool('flag')]);
    expect(expectIssue(r, { code: 'rubric/type-error', path: '/sections/0/indicators/0/rule/points/args/1' }).message).toBe('`flag` is true/false; `min` needs numbers');
  });

  it('checklist when/count and per-unit count', () => {
    const ind = checklist('c', 10, 'award', [
      ['a', 5, 'when: rate'],
      ['b', 5, 'count: flag'],
    ]);
    const r = withIndicator(ind, [bool('flag')], { deductions: [{ id: 'd', reason: 'd', kind: 'per-unit', count: x('flag'), amount: 1 }] });
    const paths = issuesWith(r, 'rubric/type-error').map((i) => i.path);
    expect(paths).toEqual(['/sections/0/indicators/0/rule/items/0/when', '/sections/0/indicators/0/rule/items/1/count', '/deductions/0/count']);
  });

  it('no cascade: one unknown name gives one issue', () => {
    const r = withIndicator(scored('a', 10, 'round(10 * rat, 0.5)'));
    const issues = [...issuesWith(r, 'rubric/unknown-name'), ...issuesWith(r, 'rubric/type-error'), ...issuesWith(r, 'rubric/points-may-exceed')];
    expect(issues.map((i) => i.path)).toEqual(['/sections/0/indicators/0/rule/points/args/0/right/name']);
  });
});

describe('rubric/unknown-level', () => {
  it('`checkpoint_24h is ful`', () => {
    const ind = cases('c', 10, [['checkpoint_24h is ful', '10']]);
    const i = expectIssue(withIndicator(ind, [lvl]), { code: 'rubric/unknown-level', path: '/sections/0/indicators/0/rule/cases/0/when/right/value' });
    expect(i.message).toBe('`ful` is not a level of `checkpoint_24h` (full, partial, none)');
    expect(i.hint).toBe('did you mean `full`?');
  });

  it('in options, and a literal on the left', () => {
    const r = rubric({ facts: [ratio('rate'), lvl], vetoes: [{ id: 'v', reason: 'r', when: x('checkpoint_24h in [partial, nne] or "bogus" == checkpoint_24h') }] });
    expect(issuesWith(r, 'rubric/unknown-level').map((i) => [i.path, i.hint])).toEqual([
      ['/vetoes/0/when/left/options/1/value', 'did you mean `none`?'],
      ['/vetoes/0/when/right/left/value', 'the levels of `checkpoint_24h` are full, partial, none'],
    ]);
  });
});

describe('rubric/bad-step, rubric/wrong-arity, rubric/bad-date, rubric/bad-checklist-item', () => {
  it('a rounding step that is not positive', () => {
    const i = expectIssue(withIndicator(scored('a', 10, 'round(10 * rate, 0.5 - 0.5)')), { code: 'rubric/bad-step', path: '/sections/0/indicators/0/rule/points/args/1' });
    expect(i.message).toBe('the step of `round` must be positive, not 0');
    expect(i.hint).toBe('e.g. `round(10 * rate, 0.5)` rounds to halves');
  });

  it('a step that is not a constant is allowed', () => {
    const r = rubric({ facts: [ratio('rate'), ratio('step')], sections: [{ id: 's', title: 's', indicators: [scored('a', 10, 'round(5 * rate, 0.5 + step)')] }] });
    expectNo(r, 'rubric/bad-step');
  });

  it('wrong number of arguments', () => {
    const i = expectIssue(withIndicator(scored('a', 10, 'round(10 * rate)')), { code: 'rubric/wrong-arity', path: '/sections/0/indicators/0/rule/points' });
    expect(i.message).toBe('`round` takes 2 arguments (a value and a step), not 1');
  });

  it('a date literal that is not a calendar day', () => {
    const r = rubric({ facts: [ratio('rate'), fact('d', { kind: 'date' })], vetoes: [{ id: 'v', reason: 'r', when: x('d > date("2022-02-30")') }] });
    expectIssue(r, { code: 'rubric/bad-date', path: '/vetoes/0/when/right/value' });
  });

  it('a checklist item with both when and count', () => {
    const r = withIndicator(
      { id: 'c', title: 'c', max: 2, rule: { kind: 'checklist', mode: 'award', items: [{ id: 'i', title: 'i', points: 2, when: x('true'), count: x('1') }] } },
    );
    expectIssue(r, { code: 'rubric/bad-checklist-item', path: '/sections/0/indicators/0/rule/items/0' });
  });
});
