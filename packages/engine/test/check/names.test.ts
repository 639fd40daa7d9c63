import { describe, expect, it } from 'vitest';
import { bool, checklist, expectIssue, expectNo, fact, issuesWith, level, ratio, rubric, scored, section, withIndicator, x } from './helpers.js';

describe('rubric/duplicate-id', () => {
  it('points at the second fact', () => {
    const i = expectIssue(rubric({ facts: [ratio('rate'), ratio('rate')] }), { code: 'rubric/duplicate-id', path: '/facts/1/id' });
    expect(i.severity).toBe('error');
    expect(i.message).toContain('`rate`');
  });

  it('facts and parameters share one namespace', () => {
    const r = rubric({ parameters: [{ id: 'pass_mark', periods: [{ value: 6, overrides: [] }] }, { id: 'rate', periods: [{ value: 1, overrides: [] }] }] });
    const i = expectIssue(r, { code: 'rubric/duplicate-id', path: '/parameters/1/id' });
    expect(i.message).toContain('already a fact');
    expect(i.hint).toBe('facts and parameters share one set of names; rename one of them');
  });

  it('sections, indicators across sections, requirements, vetoes, deductions, tests', () => {
    const r = rubric({
      facts: [ratio('rate'), bool('flag'), fact('n', { kind: 'integer', min: 0 })],
      sections: [section('s', [scored('a', 5, '5 * rate')]), section('s', [scored('a', 5, '5 * rate')])],
      hardRequirements: [
        { id: 'h', title: 'h', kind: 'condition', require: x('rate > 0.5') },
        { id: 'h', title: 'h', kind: 'condition', require: x('rate > 0.2') },
      ],
      vetoes: [
        { id: 'v', reason: 'v', when: x('flag') },
        { id: 'v', reason: 'v', when: x('not flag') },
      ],
      deductions: [
        { id: 'd', reason: 'd', kind: 'per-unit', count: x('n'), amount: 1 },
        { id: 'd', reason: 'd', kind: 'conditional', when: x('flag'), amount: 1 },
      ],
      tests: [
        { name: 'same', subject: {}, expect: {} },
        { name: 'same', subject: {}, expect: {} },
      ],
    });
    const paths = issuesWith(r, 'rubric/duplicate-id').map((i) => i.path);
    expect(paths).toEqual(['/sections/1/id', '/sections/1/indicators/0/id', '/hardRequirements/1/id', '/vetoes/1/id', '/deductions/1/id', '/tests/1/name']);
  });

  it('checklist items within one indicator, levels within a fact, fields within a list', () => {
    const ind = checklist('c', 4, 'award', [
      ['x', 2, 'when: flag'],
      ['x', 2, 'when: not flag'],
    ]);
    const r = withIndicator(ind, [
      bool('flag'),
      level('lvl', ['full', 'none', 'full']),
      fact('items', { kind: 'list', fields: [bool('ok'), bool('ok')] }),
    ]);
    const paths = issuesWith(r, 'rubric/duplicate-id').map((i) => i.path);
    expect(paths).toEqual(['/facts/2/type/levels/2/value', '/facts/3/type/fields/1/id', '/sections/0/indicators/0/rule/items/1/id']);
  });

  it('the same item id in two indicators is fine', () => {
    const r = rubric({
      facts: [ratio('rate'), bool('flag')],
      sections: [section('s', [checklist('c1', 2, 'award', [['x', 2, 'when: flag']]), checklist('c2', 2, 'award', [['x', 2, 'when: flag']])])],
    });
    expectNo(r, 'rubric/duplicate-id');
  });
});

describe('rubric/reserved-name', () => {
  it('a fact named like an expression word', () => {
    const i = expectIssue(rubric({ facts: [ratio('rate'), bool('round')] }), { code: 'rubric/reserved-name', path: '/facts/1/id' });
    expect(i.message).toBe('fact `round` has the name of an expression word, so expressions cannot refer to it');
    expect(i.hint).toMatch(/^rename it, e\.g\. `round_value`/);
  });

  it('parameters and list fields too', () => {
    const r = rubric({
      facts: [ratio('rate'), fact('items', { kind: 'list', fields: [bool('where')] })],
      parameters: [
        { id: 'pass_mark', periods: [{ value: 6, overrides: [] }] },
        { id: 'count', periods: [{ value: 1, overrides: [] }] },
      ],
    });
    expect(issuesWith(r, 'rubric/reserved-name').map((i) => i.path)).toEqual(['/facts/1/type/fields/0/id', '/parameters/1/id']);
  });
});
