/**
 * What a change says, in words, as segments of plain text and code (ids, rule text), so
 * the text renderer and the Markdown renderer say the same thing and each escapes in its
 * own way.
 */
import { describePeriod } from './describe.js';
import type { Change, ChangeTarget, ChangeValue, ImpactCause, IndicatorSummary, ResultSummary, SubjectImpact } from './types.js';

/** A piece of a sentence: plain words, or code (an id, an expression) shown as such. */
export type Segment = string | { code: string };

/** A change as a sentence, with the lines of text before and after when it has them. */
export interface ChangeWords {
  head: Segment[];
  before?: Segment[][];
  after?: Segment[][];
}

/** The heading each target is listed under. */
export const TARGET_HEADINGS: Record<ChangeTarget, string> = {
  rubric: 'Rubric',
  'pass-mark': 'Pass mark',
  section: 'Sections',
  indicator: 'Indicators',
  'hard-requirement': 'Hard requirements',
  veto: 'Vetoes',
  deduction: 'Deductions',
  parameter: 'Parameters',
  fact: 'Facts',
  grade: 'Grades',
};

const NOUN: Record<ChangeTarget, string> = {
  rubric: 'rubric',
  'pass-mark': 'pass mark',
  section: 'section',
  indicator: 'indicator',
  'hard-requirement': 'hard requirement',
  veto: 'veto',
  deduction: 'deduction',
  parameter: 'parameter',
  fact: 'fact',
  grade: 'grade',
};

const code = (s: string): Segment => ({ code: s });

function valueText(v: ChangeValue | undefined): string {
  if (v === undefined || v === null) return '(none)';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : x.id)).join(', ');
  return v.id;
}

function pointsOf(s: IndicatorSummary): string {
  return `${s.points} ${s.points === 1 ? 'point' : 'points'}`;
}

function list<T>(items: readonly T[], one: (x: T) => Segment[], sep = ', '): Segment[] {
  return items.flatMap((x, i) => (i === 0 ? one(x) : [sep, ...one(x)]));
}

function summaries(v: ChangeValue | undefined): IndicatorSummary[] {
  if (v && typeof v === 'object' && !Array.isArray(v)) return [v];
  if (Array.isArray(v)) return v.filter((x): x is IndicatorSummary => typeof x === 'object');
  return [];
}

/** Lines of an indicator summary: `id (section, points): rule line`. */
function summaryLines(v: ChangeValue | undefined): Segment[][] {
  return summaries(v).flatMap((s) => s.rule.map((line, i) => (i === 0 ? [code(s.id), ` (${s.section}, ${pointsOf(s)}): `, code(line)] : ['  ', code(line)])));
}

/** Words for one change. */
export function changeWords(c: Change): ChangeWords {
  const note: Segment[] = c.note !== undefined ? [` — ${c.note}`] : [];
  const noun = NOUN[c.target];
  switch (c.kind) {
    case 'merged':
      return { head: ['merged ', ...list(summaries(c.before), (s) => [code(s.id), ` (${s.points})`], ' + '), ' → ', ...list(summaries(c.after), (s) => [code(s.id), ` (${s.points})`]), ...note], before: summaryLines(c.before), after: summaryLines(c.after) };
    case 'split':
      return { head: ['split ', ...list(summaries(c.before), (s) => [code(s.id), ` (${s.points})`]), ' → ', ...list(summaries(c.after), (s) => [code(s.id), ` (${s.points})`]), ...note], before: summaryLines(c.before), after: summaryLines(c.after) };
    case 'regrouped':
      return { head: ['regrouped ', ...list(summaries(c.before), (s) => [code(s.id), ` (${s.points})`]), ' → ', ...list(summaries(c.after), (s) => [code(s.id), ` (${s.points})`]), ...note], before: summaryLines(c.before), after: summaryLines(c.after) };
    case 'renamed':
      return { head: ['renamed ', code(String(c.before)), ' → ', code(String(c.after)), ...note] };
    case 'moved':
      return { head: [`moved ${noun} `, code(c.id), ': section ', code(String(c.before)), ' → ', code(String(c.after))] };
    case 'added':
      if (c.target === 'indicator') {
        const s = summaries(c.after);
        return { head: [c.mapped ? 'added (mapped from nothing) ' : 'added ', ...list(s, (x) => [code(x.id), ` (${x.section}, ${pointsOf(x)})`]), ...note], after: summaryLines(c.after) };
      }
      return { head: [`added ${noun} `, code(c.id), ...(typeof c.after === 'string' || typeof c.after === 'number' ? [': ', String(c.after)] : [])], ...(Array.isArray(c.after) ? { after: (c.after as string[]).map((l) => [code(l)]) } : {}) };
    case 'removed':
      if (c.target === 'indicator') {
        const s = summaries(c.before);
        return { head: [c.mapped ? 'dropped ' : 'removed (not in any mapping) ', ...list(s, (x) => [code(x.id), ` (${x.section}, ${pointsOf(x)})`]), ...note], before: summaryLines(c.before) };
      }
      return { head: [`removed ${noun} `, code(c.id), ...(typeof c.before === 'string' || typeof c.before === 'number' ? [': ', String(c.before)] : [])], ...(Array.isArray(c.before) ? { before: (c.before as string[]).map((l) => [code(l)]) } : {}) };
    case 'changed': {
      const field = c.field ?? 'value';
      const what: Segment[] = c.target === 'rubric' ? [field] : c.target === 'pass-mark' && field === 'value' ? [code(c.id)] : [`${field} of ${noun} `, code(c.id)];
      const when: Segment[] = c.period ? [` ${describePeriod(c.period)}`] : [];
      if (Array.isArray(c.before) || Array.isArray(c.after)) {
        return { head: [...what, ...when, ':'], before: lines(c.before), after: lines(c.after) };
      }
      const quote = c.wording === true && typeof c.before === 'string';
      const show = (v: ChangeValue | undefined): Segment => (quote || v === null || v === undefined ? valueText(v) : code(valueText(v)));
      return { head: [...what, ...when, ': ', show(c.before), ' → ', show(c.after)] };
    }
  }
}

function lines(v: ChangeValue | undefined): Segment[][] {
  if (Array.isArray(v)) return (v as (string | IndicatorSummary)[]).map((l) => [code(typeof l === 'string' ? l : l.id)]);
  return v === undefined || v === null ? [] : [[code(valueText(v))]];
}

/** `fail 84.5 (pass mark 85)`, `invalid`. */
export function resultWords(r: ResultSummary): string {
  if (r.outcome === 'invalid') return 'invalid';
  return `${r.outcome} ${r.total ?? '—'}${r.passMark !== null ? ` (pass mark ${r.passMark})` : ''}`;
}

/** `+2` / `-0.5` / `±0`. */
export function deltaWords(delta: number | null): string {
  if (delta === null) return '';
  return delta > 0 ? `+${delta}` : delta < 0 ? `${delta}` : '±0';
}

/** Words for one cause of a changed result. */
export function causeWords(c: ImpactCause): ChangeWords {
  switch (c.kind) {
    case 'indicator': {
      const ids = c.to.length > 0 ? c.to : c.from;
      const renamed = c.from.length > 0 && c.to.length > 0 && (c.from.length !== c.to.length || c.from.some((id, i) => id !== c.to[i]));
      const head: Segment[] = [...list(ids, (id) => [code(id)], ' + '), ...(renamed ? [' (was ', ...list(c.from, (id) => [code(id)], ' + '), ')'] : []), `: ${c.before} → ${c.after}`];
      return { head, before: c.rulesBefore.map((r) => [code(r)]), after: c.rulesAfter.map((r) => [code(r)]) };
    }
    case 'deduction':
      return { head: ['deduction ', code(c.id), `: ${c.before} → ${c.after}`] };
    case 'pass-mark': {
      const w: ChangeWords = { head: [`pass mark: ${c.before ?? '—'} → ${c.after ?? '—'}`] };
      if (c.ruleBefore !== undefined) w.before = [[code(c.ruleBefore)]];
      if (c.ruleAfter !== undefined) w.after = [[code(c.ruleAfter)]];
      return w;
    }
    case 'reason':
      return { head: [c.change === 'added' ? 'now: ' : 'no longer: ', code(c.key), ` — ${c.message}`] };
    case 'invalid':
      return { head: [`invalid under the ${c.side} version`], [c.side === 'old' ? 'before' : 'after']: c.errors.map((e) => [e]) };
  }
}

/** The label of a subject in lists: its id, else its position. */
export function subjectLabel(s: SubjectImpact): string {
  return s.id !== null && s.id !== '' ? s.id : `(record ${s.index})`;
}
