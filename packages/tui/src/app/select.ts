/**
 * Derived data: what-if outcomes, the table's list, the comparison, a subject's detail.
 * Pure functions of the state, memoised on the identity of their inputs (reducers keep
 * unchanged parts of the state identical), so a key press that only moves the cursor
 * recomputes nothing over the 100,000 rows.
 */
import type { EvaluationResult, Rubric } from '@rubric/rubric';
import { compareRows, pairRows, type Comparison } from '../model/compare.js';
import { visibleRows, type View } from '../model/order.js';
import type { Row } from '../model/rows.js';
import { judge, type Judged } from '../model/what-if.js';
import type { SubjectRecord } from '../services.js';
import type { AppState, GoodRubric, VersionState } from './state.js';

const judgedCache = new WeakMap<readonly Row[], Map<number, Judged>>();

/** Outcomes of `rows` with the pass mark moved by `steps`; cached per rows and steps. */
export function judgedOf(rows: readonly Row[], steps: number): Judged {
  let bySteps = judgedCache.get(rows);
  if (!bySteps) {
    bySteps = new Map();
    judgedCache.set(rows, bySteps);
  }
  let j = bySteps.get(steps);
  if (!j) {
    if (bySteps.size > 16) bySteps.clear();
    j = judge(rows, steps);
    bySteps.set(steps, j);
  }
  return j;
}

/** The version the subjects and detail screens show. */
export function currentVersion(s: AppState): VersionState | undefined {
  return s.versions[s.current];
}

const EMPTY_ROWS: readonly Row[] = [];

/** The current version's outcomes under the what-if pass mark. */
export function currentJudged(s: AppState): Judged {
  return judgedOf(currentVersion(s)?.rows ?? EMPTY_ROWS, s.whatIf);
}

let lastList: { rows: readonly Row[]; codes: Uint8Array; view: View; list: Int32Array } | undefined;

/** Positions (into the current version's rows) the subjects table lists, in order. */
export function subjectList(s: AppState): Int32Array {
  const rows = currentVersion(s)?.rows ?? EMPTY_ROWS;
  const { codes } = judgedOf(rows, s.whatIf);
  const view = s.subjects.view;
  if (lastList && lastList.rows === rows && lastList.codes === codes && lastList.view === view) return lastList.list;
  const list = visibleRows(rows, codes, view);
  lastList = { rows, codes, view, list };
  return list;
}

let lastComparison: { a: readonly Row[]; b: readonly Row[]; ca: Uint8Array; cb: Uint8Array; flipsOnly: boolean; by: string; c: Comparison } | undefined;

/** The compare screen's pairs (flips first) and summary, for versions A and B. */
export function comparison(s: AppState): Comparison {
  const a = s.versions[s.compare.a]?.rows ?? EMPTY_ROWS;
  const b = s.versions[s.compare.b]?.rows ?? EMPTY_ROWS;
  const ca = judgedOf(a, s.whatIf).codes;
  const cb = judgedOf(b, s.whatIf).codes;
  const flipsOnly = s.compare.flipsOnly;
  const l = lastComparison;
  if (l && l.a === a && l.b === b && l.ca === ca && l.cb === cb && l.flipsOnly === flipsOnly && l.by === s.pairBy) return l.c;
  const c = compareRows(a, b, pairRows(a, b, s.pairBy), ca, cb, flipsOnly);
  lastComparison = { a, b, ca, cb, flipsOnly, by: s.pairBy, c };
  return c;
}

const positionCache = new WeakMap<readonly Row[], Map<number, number>>();

/** The position of the subject with dataset index `index` among `rows`, or -1. */
export function positionOf(rows: readonly Row[], index: number): number {
  // Rows are usually in dataset order, so check the obvious place first.
  if (rows[index - 1]?.index === index) return index - 1;
  let m = positionCache.get(rows);
  if (!m) {
    m = new Map(rows.map((r, i) => [r.index, i]));
    positionCache.set(rows, m);
  }
  return m.get(index) ?? -1;
}

/** One subject of one version: its row, record and full result with an explanation. */
export interface Subject {
  version: VersionState;
  rubric: Rubric;
  row: Row;
  record: SubjectRecord;
  result: EvaluationResult;
}

const subjectCache = new WeakMap<VersionState, { key: number; subject: Subject | undefined }>();

/** Evaluates a record again, with an explanation (it is one subject: cheap). */
export function explain(good: GoodRubric, record: SubjectRecord, asOf: string | undefined): EvaluationResult {
  if (record.error || !record.record) {
    const error = record.error ?? { path: '', code: 'data/unreadable', message: `record ${record.index}: unreadable` };
    return good.compiled.invalid(record.id ?? null, [error], asOf !== undefined ? { asOf } : {});
  }
  const options: { asOf?: string; explain: boolean; inputErrors?: typeof record.inputErrors } = { explain: true };
  if (asOf !== undefined) options.asOf = asOf;
  if (record.inputErrors && record.inputErrors.length > 0) options.inputErrors = record.inputErrors;
  try {
    return good.compiled.evaluate(record.record, options);
  } catch (e) {
    return good.compiled.invalid(record.id ?? null, [{ path: '', code: 'internal/evaluate-failed', message: `the evaluator failed on this record: ${(e as Error).message}` }], asOf !== undefined ? { asOf } : {});
  }
}

/** The subject with dataset index `key` under a version, evaluated with an explanation; memoised. */
export function subjectOf(v: VersionState | undefined, key: number): Subject | undefined {
  if (!v) return undefined;
  const hit = subjectCache.get(v);
  if (hit && hit.key === key) return hit.subject;
  const pos = positionOf(v.rows, key);
  const row = v.rows[pos];
  const record = v.records[pos];
  const good = v.rowsRubric;
  const subject = row && record && good ? { version: v, rubric: good.rubric, row, record, result: explain(good, record, v.asOf) } : undefined;
  subjectCache.set(v, { key, subject });
  return subject;
}

/** The dataset index of the subject with this id under another version (test cases pair by id). */
export function keyIn(s: AppState, from: VersionState, key: number, to: VersionState): number {
  if (s.pairBy === 'index') return key;
  const row = from.rows[positionOf(from.rows, key)];
  const match = row ? to.rows.find((r) => r.id === row.id) : undefined;
  return match?.index ?? -1;
}
