/**
 * The semantic diff: what changed in meaning from one rubric version to another. Parts are
 * matched by id (indicators also through the `replaces` mapping) and compared through their
 * canonical text (describe.ts), so formatting, comments, key order and the order of
 * facts, parameters, sections, indicators, checklist items, gates, deductions and grades
 * make no difference. Case order and override order do: the first that holds wins.
 * Test cases are not part of a rubric's meaning and are not compared.
 */
import { allIndicators, contentHash, formatExpr, type Fact, type Indicator, type Rubric } from '@rubric/model';
import {
  compareText,
  describeDeduction,
  describeFactType,
  describeHardRequirement,
  describeHistory,
  describeLevelLabels,
  describePeriod,
  describeRequired,
  describeRule,
} from './describe.js';
import { diffParameterValues } from './diff-parameters.js';
import { mappingBetween, matchIndicators, renamesOf } from './match-indicators.js';
import { CHANGE_KINDS, CHANGE_TARGETS, DIFF_FORMAT, type Change, type ChangeTarget, type ChangeValue, type IndicatorSummary, type RubricDiff, type VersionRef } from './types.js';

/** Options of {@link diffRubrics}. */
export interface DiffOptions {
  /** The files the versions were read from, to name them in the output. */
  oldFile?: string;
  newFile?: string;
}

/** Compares two versions of a rubric and lists every change of meaning. */
export function diffRubrics(old: Rubric, next: Rubric, options: DiffOptions = {}): RubricDiff {
  const { source, mapping } = mappingBetween(old, next);
  const groups = matchIndicators(old, next, mapping);
  const changes: Change[] = [];
  const add = (c: Change): void => void changes.push(c);
  const changed = (target: ChangeTarget, id: string, field: string, before: ChangeValue, after: ChangeValue, wording = false): void => {
    if (same(before, after)) return;
    const c: Change = { target, kind: 'changed', id, field, before, after };
    if (wording) c.wording = true;
    add(c);
  };

  // The rubric as a whole.
  changed('rubric', next.id, 'id', old.id, next.id);
  changed('rubric', next.id, 'title', old.title, next.title, true);
  changed('rubric', next.id, 'description', old.description ?? null, next.description ?? null, true);
  changed('rubric', next.id, 'effective', describePeriod(old.effective), describePeriod(next.effective));
  changed('rubric', next.id, 'total', old.total, next.total);
  changed('rubric', next.id, 'floor', old.floor, next.floor);
  changed('rubric', next.id, 'deduction-cap', old.deductionCap ?? null, next.deductionCap ?? null);

  // The pass mark: compared as values over time even when its parameter is renamed.
  const oldPass = old.parameters.find((p) => p.id === old.passMark);
  const newPass = next.parameters.find((p) => p.id === next.passMark);
  changed('pass-mark', next.passMark, 'parameter', old.passMark, next.passMark);
  for (const v of diffParameterValues(oldPass, newPass)) add({ target: 'pass-mark', kind: 'changed', id: next.passMark, field: 'value', period: v.period, before: v.before, after: v.after });
  if (oldPass && newPass) {
    changed('pass-mark', next.passMark, 'label', oldPass.label ?? null, newPass.label ?? null, true);
    changed('pass-mark', next.passMark, 'description', oldPass.description ?? null, newPass.description ?? null, true);
  }

  // Sections.
  keyed(old.sections, next.sections, {
    added: (s) => add({ target: 'section', kind: 'added', id: s.id, after: sectionText(s) }),
    removed: (s) => add({ target: 'section', kind: 'removed', id: s.id, before: sectionText(s) }),
    both: (a, b) => {
      changed('section', b.id, 'points', a.max ?? null, b.max ?? null);
      changed('section', b.id, 'title', a.title, b.title, true);
    },
  });

  // Indicators, group by group.
  const oldInd = new Map(allIndicators(old).map((x) => [x.indicator.id, x]));
  const newInd = new Map(allIndicators(next).map((x) => [x.indicator.id, x]));
  const summary = (x: { indicator: Indicator; section: { id: string } }): IndicatorSummary => ({
    id: x.indicator.id,
    section: x.section.id,
    title: x.indicator.title,
    points: x.indicator.max,
    rule: describeRule(x.indicator.rule),
  });
  for (const g of groups) {
    const olds = g.from.map((id) => summary(oldInd.get(id)!));
    const news = g.to.map((id) => summary(newInd.get(id)!));
    const note = g.note !== undefined ? { note: g.note } : {};
    switch (g.kind) {
      case 'added':
        add({ target: 'indicator', kind: 'added', id: g.to[0]!, from: [], to: g.to, after: news.length === 1 ? news[0]! : news, mapped: g.mapped, ...note });
        break;
      case 'removed':
        add({ target: 'indicator', kind: 'removed', id: g.from[0]!, from: g.from, to: [], before: olds.length === 1 ? olds[0]! : olds, mapped: g.mapped, ...note });
        break;
      case 'merged':
        add({ target: 'indicator', kind: 'merged', id: g.to[0]!, from: g.from, to: g.to, before: olds, after: news[0]!, ...note });
        break;
      case 'split':
        add({ target: 'indicator', kind: 'split', id: g.from[0]!, from: g.from, to: g.to, before: olds[0]!, after: news, ...note });
        break;
      case 'regrouped':
        add({ target: 'indicator', kind: 'regrouped', id: g.to[0]!, from: g.from, to: g.to, before: olds, after: news, ...note });
        break;
      case 'kept':
      case 'renamed': {
        const a = oldInd.get(g.from[0]!)!;
        const b = newInd.get(g.to[0]!)!;
        const id = b.indicator.id;
        if (g.kind === 'renamed') add({ target: 'indicator', kind: 'renamed', id, from: g.from, to: g.to, before: a.indicator.id, after: id, ...note });
        if (a.section.id !== b.section.id) add({ target: 'indicator', kind: 'moved', id, before: a.section.id, after: b.section.id });
        changed('indicator', id, 'points', a.indicator.max, b.indicator.max);
        changed('indicator', id, 'rule', describeRule(a.indicator.rule), describeRule(b.indicator.rule));
        changed('indicator', id, 'title', a.indicator.title, b.indicator.title, true);
        changed('indicator', id, 'standard', a.indicator.standard ?? null, b.indicator.standard ?? null, true);
        changed('indicator', id, 'method', a.indicator.method ?? null, b.indicator.method ?? null, true);
        break;
      }
    }
  }

  // Hard requirements: an indicator requirement follows its indicator's renaming.
  const renames = renamesOf(groups);
  const rename = (id: string): string => renames.get(id) ?? id;
  keyed(old.hardRequirements, next.hardRequirements, {
    added: (h) => add({ target: 'hard-requirement', kind: 'added', id: h.id, after: `${h.title}: ${describeHardRequirement(h)}` }),
    removed: (h) => add({ target: 'hard-requirement', kind: 'removed', id: h.id, before: `${h.title}: ${describeHardRequirement(h)}` }),
    both: (a, b) => {
      changed('hard-requirement', b.id, 'rule', describeHardRequirement(a, rename), describeHardRequirement(b));
      changed('hard-requirement', b.id, 'title', a.title, b.title, true);
    },
  });
  keyed(old.vetoes, next.vetoes, {
    added: (v) => add({ target: 'veto', kind: 'added', id: v.id, after: `${v.reason}: when ${formatExpr(v.when)}` }),
    removed: (v) => add({ target: 'veto', kind: 'removed', id: v.id, before: `${v.reason}: when ${formatExpr(v.when)}` }),
    both: (a, b) => {
      changed('veto', b.id, 'when', formatExpr(a.when), formatExpr(b.when));
      changed('veto', b.id, 'reason', a.reason, b.reason, true);
    },
  });
  keyed(old.deductions, next.deductions, {
    added: (d) => add({ target: 'deduction', kind: 'added', id: d.id, after: `${d.reason}: ${describeDeduction(d)}` }),
    removed: (d) => add({ target: 'deduction', kind: 'removed', id: d.id, before: `${d.reason}: ${describeDeduction(d)}` }),
    both: (a, b) => {
      changed('deduction', b.id, 'rule', describeDeduction(a), describeDeduction(b));
      changed('deduction', b.id, 'reason', a.reason, b.reason, true);
    },
  });

  // Parameters other than the pass mark (the pass mark is listed above, whatever its id).
  const others = (r: Rubric) => r.parameters.filter((p) => p.id !== old.passMark && p.id !== next.passMark);
  keyed(others(old), others(next), {
    added: (p) => add({ target: 'parameter', kind: 'added', id: p.id, after: describeHistory(p) }),
    removed: (p) => add({ target: 'parameter', kind: 'removed', id: p.id, before: describeHistory(p) }),
    both: (a, b) => {
      for (const v of diffParameterValues(a, b)) add({ target: 'parameter', kind: 'changed', id: b.id, field: 'value', period: v.period, before: v.before, after: v.after });
      changed('parameter', b.id, 'label', a.label ?? null, b.label ?? null, true);
      changed('parameter', b.id, 'description', a.description ?? null, b.description ?? null, true);
    },
  });

  keyed(old.facts, next.facts, {
    added: (f) => add({ target: 'fact', kind: 'added', id: f.id, after: factText(f) }),
    removed: (f) => add({ target: 'fact', kind: 'removed', id: f.id, before: factText(f) }),
    both: (a, b) => {
      changed('fact', b.id, 'type', describeFactType(a.type), describeFactType(b.type));
      changed('fact', b.id, 'required', describeRequired(a), describeRequired(b));
      changed('fact', b.id, 'label', a.label, b.label, true);
      changed('fact', b.id, 'description', a.description ?? null, b.description ?? null, true);
      changed('fact', b.id, 'level labels', describeLevelLabels(a) ?? null, describeLevelLabels(b) ?? null, true);
    },
  });

  const byLabel = (r: Rubric) => r.grades.map((g) => ({ id: g.label, min: g.min }));
  keyed(byLabel(old), byLabel(next), {
    added: (g) => add({ target: 'grade', kind: 'added', id: g.id, after: g.min }),
    removed: (g) => add({ target: 'grade', kind: 'removed', id: g.id, before: g.min }),
    both: (a, b) => changed('grade', b.id, 'min', a.min, b.min),
  });

  const diff: RubricDiff = {
    format: DIFF_FORMAT,
    old: versionRef(old, options.oldFile),
    new: versionRef(next, options.newFile),
    mapping: source,
    indicators: groups,
    changes: sortChanges(changes),
  };
  return diff;
}

/** What names one side of a diff. */
export function versionRef(r: Rubric, file?: string): VersionRef {
  const ref: VersionRef = { id: r.id, version: r.version, title: r.title, hash: contentHash(r), effective: { ...r.effective } };
  if (file !== undefined) ref.file = file;
  return ref;
}

/** Whether the diff found no change of meaning (wording changes count as changes too). */
export function isEmptyDiff(diff: RubricDiff): boolean {
  return diff.changes.length === 0;
}

function keyed<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  on: { added: (x: T) => void; removed: (x: T) => void; both: (a: T, b: T) => void },
): void {
  const a = new Map(before.map((x) => [x.id, x]));
  const b = new Map(after.map((x) => [x.id, x]));
  for (const [id, x] of a) {
    const y = b.get(id);
    if (y) on.both(x, y);
    else on.removed(x);
  }
  for (const [id, y] of b) if (!a.has(id)) on.added(y);
}

function sectionText(s: { title: string; max?: number }): string {
  return s.max !== undefined ? `${s.title} (${s.max} ${s.max === 1 ? 'point' : 'points'})` : s.title;
}

function factText(f: Fact): string {
  return `${f.label}: ${describeFactType(f.type)}, ${describeRequired(f)}`;
}

function same(a: ChangeValue, b: ChangeValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const FIELD_ORDER = ['id', 'effective', 'total', 'floor', 'deduction-cap', 'parameter', 'value', 'points', 'rule', 'when', 'type', 'required', 'min', 'title', 'description', 'standard', 'method', 'reason', 'label', 'level labels'];

/** Sorts changes by target, wording last, kind, field, id, then period; so file order never shows. */
export function sortChanges(changes: Change[]): Change[] {
  const rank = <T>(list: readonly T[], x: T | undefined): number => (x === undefined ? -1 : list.indexOf(x));
  return changes.sort(
    (a, b) =>
      rank(CHANGE_TARGETS, a.target) - rank(CHANGE_TARGETS, b.target) ||
      Number(a.wording === true) - Number(b.wording === true) ||
      rank(CHANGE_KINDS, a.kind) - rank(CHANGE_KINDS, b.kind) ||
      rank(FIELD_ORDER, a.field) - rank(FIELD_ORDER, b.field) ||
      compareText(a.id, b.id) ||
      compareText(a.period?.from ?? '', b.period?.from ?? ''),
  );
}
