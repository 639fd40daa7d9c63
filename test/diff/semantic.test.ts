/**
 * The diff is of meaning, not text: a rubric against its own reformatted, reordered copy is
 * empty (property over generated rubrics); orders that are meaning (cases, overrides) and
 * real edits are not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRubrics } from '@rubric/rubric';
import { parseYamlRubric, printYamlRubric } from '@rubric/yaml';
import { parseDslRubric, printDslRubric } from '@rubric/dsl';
import type { Rubric } from '@rubric/model';
import { fullRubricArb } from '../support/arbitrary-rubric.js';
import { ex, rubricArb, seededShuffle, shuffleRubric } from './arbitrary-rubric.js';

/** Whether the rubric keeps the checker's rules the diff relies on: ids unique in their namespace, periods apart, `replaces` naming another version. */
function meetsCheckerRules(r: Rubric): boolean {
  const unique = (xs: readonly string[]): boolean => new Set(xs).size === xs.length;
  const inds = r.sections.flatMap((s) => s.indicators);
  return (
    unique([...r.facts.map((f) => f.id), ...r.parameters.map((p) => p.id)]) &&
    r.facts.every((f) => (f.type.kind === 'level' ? unique(f.type.levels.map((l) => l.value)) : f.type.kind === 'list' ? unique(f.type.fields.map((x) => x.id)) : true)) &&
    unique(r.sections.map((s) => s.id)) &&
    unique(inds.map((i) => i.id)) &&
    inds.every((i) => i.rule.kind !== 'checklist' || unique(i.rule.items.map((it) => it.id))) &&
    unique(r.hardRequirements.map((h) => h.id)) &&
    unique(r.vetoes.map((v) => v.id)) &&
    unique(r.deductions.map((d) => d.id)) &&
    unique(r.grades.map((g) => g.label)) &&
    r.parameters.every((p) => periodsDisjoint(p.periods)) &&
    // rubric/replaces-itself: compared with a copy of itself, such a rubric's own mapping applies.
    r.replaces?.version !== r.version
  );
}

/** Whether no two periods share a day (the checker's `rubric/overlapping-periods`): only then is their order no meaning. */
function periodsDisjoint(periods: readonly { from?: string; until?: string }[]): boolean {
  return periods.every((a, i) => periods.every((b, j) => j <= i || (a.until !== undefined && b.from !== undefined && a.until < b.from) || (b.until !== undefined && a.from !== undefined && b.until < a.from)));
}

/** Prints a rubric as YAML and reads it back: the reformatting a person's editor might do. */
function reformat(r: Rubric): Rubric {
  const text = printYamlRubric(r);
  const back = parseYamlRubric(text, 'copy.yaml');
  expect(back.diagnostics, text).toEqual([]);
  return back.rubric!;
}

describe('the diff of a rubric against its reordered, reformatted copy', () => {
  it('is empty, both ways (property)', () => {
    fc.assert(
      fc.property(rubricArb, fc.integer(), (rubric, seed) => {
        const copy = reformat(shuffleRubric(rubric, seededShuffle(seed)));
        const there = diffRubrics(rubric, copy);
        const back = diffRubrics(copy, rubric);
        expect(there.changes).toEqual([]);
        expect(back.changes).toEqual([]);
        expect(there.indicators.every((g) => g.kind === 'kept')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('is empty for rubrics using every construct, reformatted through the DSL (property)', () => {
    let checked = 0;
    fc.assert(
      fc.property(fullRubricArb, fc.integer(), (rubric, seed) => {
        fc.pre(meetsCheckerRules(rubric));
        checked++;
        const text = printDslRubric(shuffleRubric(rubric, seededShuffle(seed)));
        const back = parseDslRubric(text, 'copy.rubric');
        expect(back.diagnostics, text).toEqual([]);
        expect(diffRubrics(rubric, back.rubric!).changes).toEqual([]);
        expect(diffRubrics(back.rubric!, rubric).changes).toEqual([]);
      }),
      { numRuns: 150 },
    );
    expect(checked).toBe(150);
  });

  it('the shuffle really reorders (so the property is not vacuous)', () => {
    let reordered = 0;
    fc.assert(
      fc.property(rubricArb, fc.integer(), (rubric, seed) => {
        const copy = shuffleRubric(rubric, seededShuffle(seed));
        if (JSON.stringify(copy) !== JSON.stringify(rubric)) reordered++;
      }),
      { numRuns: 100 },
    );
    expect(reordered).toBeGreaterThan(50);
  });
});

describe('what the diff does see', () => {
  it('any change of an indicator’s points (property)', () => {
    fc.assert(
      fc.property(rubricArb, fc.integer({ min: 1, max: 5 }), (rubric, bump) => {
        const copy = structuredClone(rubric);
        const ind = copy.sections[0]!.indicators[0]!;
        ind.max += bump;
        const diff = diffRubrics(rubric, reformat(copy));
        expect(diff.changes).toContainEqual({ target: 'indicator', kind: 'changed', id: ind.id, field: 'points', before: ind.max - bump, after: ind.max });
      }),
      { numRuns: 50 },
    );
  });

  it('every kind of edit, named by target and field (property)', () => {
    type Edit = { name: string; apply: (r: Rubric) => boolean; expect: { target: string; kind: string; field?: string } };
    const edits: Edit[] = [
      { name: 'total', apply: (r) => ((r.total += 1), true), expect: { target: 'rubric', kind: 'changed', field: 'total' } },
      { name: 'effective', apply: (r) => ((r.effective = { from: '2022-02-01' }), true), expect: { target: 'rubric', kind: 'changed', field: 'effective' } },
      { name: 'floor', apply: (r) => ((r.floor = null), true), expect: { target: 'rubric', kind: 'changed', field: 'floor' } },
      { name: 'fact removed', apply: (r) => (r.facts.pop(), true), expect: { target: 'fact', kind: 'removed' } },
      { name: 'fact made optional', apply: (r) => { const f = r.facts.find((x) => x.id === 'n_cases' || x.id === 'level'); if (!f) return false; f.required = false; f.default = f.id === 'level' ? 'none' : 0; return true; }, expect: { target: 'fact', kind: 'changed', field: 'required' } },
      { name: 'indicator renamed without a mapping', apply: (r) => ((r.sections[0]!.indicators[0]!.id = 'renamed_x'), true), expect: { target: 'indicator', kind: 'added' } },
      { name: 'indicator moved', apply: (r) => { if (r.sections.length < 2) return false; const ind = r.sections[0]!.indicators.shift()!; r.sections[1]!.indicators.push(ind); return true; }, expect: { target: 'indicator', kind: 'moved' } },
      { name: 'section title', apply: (r) => ((r.sections[0]!.title += '（改）'), true), expect: { target: 'section', kind: 'changed', field: 'title' } },
      { name: 'veto added', apply: (r) => (r.vetoes.push({ id: 'v_new', reason: '新', when: ex('flag') }), true), expect: { target: 'veto', kind: 'added' } },
      { name: 'veto condition', apply: (r) => { const v = r.vetoes[0]; if (!v) return false; v.when = ex('rate < 0.123'); return true; }, expect: { target: 'veto', kind: 'changed', field: 'when' } },
      { name: 'deduction cap', apply: (r) => { const d = r.deductions[0]; if (!d) return false; d.cap = (d.cap ?? 0) + 7; return true; }, expect: { target: 'deduction', kind: 'changed', field: 'rule' } },
      { name: 'hard requirement', apply: (r) => ((r.hardRequirements = [{ id: 'h1', title: '硬性', kind: 'condition', require: ex('rate > 0.5') }]), true), expect: { target: 'hard-requirement', kind: 'changed', field: 'rule' } },
      { name: 'grade', apply: (r) => (r.grades.push({ label: '新档', min: 1 }), true), expect: { target: 'grade', kind: 'added' } },
      { name: 'pass mark', apply: (r) => ((r.parameters[0]!.periods[0]!.value += 1), true), expect: { target: 'pass-mark', kind: 'changed', field: 'value' } },
      { name: 'checklist item points', apply: (r) => { const ind = r.sections.flatMap((s) => s.indicators).find((i) => i.rule.kind === 'checklist'); if (!ind || ind.rule.kind !== 'checklist') return false; ind.rule.items[0]!.points += 1; return true; }, expect: { target: 'indicator', kind: 'changed', field: 'rule' } },
    ];
    let applied = 0;
    fc.assert(
      fc.property(rubricArb, fc.constantFrom(...edits), (rubric, edit) => {
        const copy = structuredClone(rubric);
        if (!edit.apply(copy)) return;
        applied++;
        const diff = diffRubrics(rubric, reformat(copy));
        expect(diff.changes, edit.name).toContainEqual(expect.objectContaining(edit.expect));
      }),
      { numRuns: 200 },
    );
    expect(applied).toBeGreaterThan(100);
  });

  it('case order (the first case that holds wins)', () => {
    const base = reformat(
      fc.sample(rubricArb, { numRuns: 1, seed: 7 })[0]!,
    );
    const one = structuredClone(base);
    one.sections[0]!.indicators[0]!.rule = { kind: 'cases', cases: [{ when: ex('ok'), points: ex('10') }, { when: ex('rate >= 0.9'), points: ex('5') }], otherwise: ex('0') };
    const two = structuredClone(one);
    const rule = two.sections[0]!.indicators[0]!.rule;
    if (rule.kind !== 'cases') throw new Error('cases expected');
    rule.cases.reverse();
    const diff = diffRubrics(one, two);
    expect(diff.changes).toEqual([
      {
        target: 'indicator',
        kind: 'changed',
        id: one.sections[0]!.indicators[0]!.id,
        field: 'rule',
        before: ['ok → 10', 'rate >= 0.9 → 5', 'otherwise → 0'],
        after: ['rate >= 0.9 → 5', 'ok → 10', 'otherwise → 0'],
      },
    ]);
  });

  it('override order (the first override that holds wins), with the dates it applies to', () => {
    const base = reformat(fc.sample(rubricArb, { numRuns: 1, seed: 11 })[0]!);
    const one = structuredClone(base);
    one.parameters = [{ id: 'pass_mark', periods: [{ until: '2022-06-30', value: 85, overrides: [] }, { from: '2022-07-01', value: 85, overrides: [{ when: ex('ok'), value: 80 }, { when: ex('flag'), value: 75 }] }] }];
    const two = structuredClone(one);
    two.parameters[0]!.periods[1]!.overrides.reverse();
    expect(diffRubrics(one, two).changes).toEqual([
      { target: 'pass-mark', kind: 'changed', id: 'pass_mark', field: 'value', period: { from: '2022-07-01' }, before: '85; 80 where ok; 75 where flag', after: '85; 75 where flag; 80 where ok' },
    ]);
  });

  it('a history cut into more periods with the same values is no change', () => {
    const base = reformat(fc.sample(rubricArb, { numRuns: 1, seed: 3 })[0]!);
    const one = structuredClone(base);
    one.parameters = [{ id: 'pass_mark', periods: [{ value: 85, overrides: [] }] }];
    const two = structuredClone(one);
    two.parameters = [{ id: 'pass_mark', periods: [{ until: '2022-06-30', value: 85, overrides: [] }, { from: '2022-07-01', value: 85, overrides: [] }] }];
    expect(diffRubrics(one, two).changes).toEqual([]);
    two.parameters[0]!.periods[1]!.until = '2022-12-31';
    expect(diffRubrics(one, two).changes).toEqual([{ target: 'pass-mark', kind: 'changed', id: 'pass_mark', field: 'value', period: { from: '2023-01-01' }, before: '85', after: null }]);
  });
});
