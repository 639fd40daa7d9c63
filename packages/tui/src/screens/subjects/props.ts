/** What the subjects view shows, computed from the state (the view itself only renders). */
import { shortHash, type Outcome } from '@rubric/rubric';
import { bannerLines, type BannerLine } from '../../app/banner.js';
import { subjectsRows } from '../../app/layout.js';
import { currentJudged, currentVersion, subjectList } from '../../app/select.js';
import { versionLabel, type AppState } from '../../app/state.js';
import { outcomeOf, type OutcomeCounts } from '../../model/outcome.js';
import { sortLabel } from '../../model/order.js';
import { passMarkOn } from '../../model/pass-mark.js';
import { numberText, type Row } from '../../model/rows.js';
import { keepVisible } from '../../model/scroll.js';
import { count, displayWidth, safe } from '../../model/text.js';
import { deltaText, reasonAt, shiftedText } from '../../model/what-if.js';
import type { SubjectsFocus } from './reducer.js';

/** A version in the strip. */
export interface VersionTab {
  label: string;
  current: boolean;
  state: 'ok' | 'loading' | 'evaluating' | 'broken';
}

/** One table row, ready to show. */
export interface SubjectLine {
  id: string;
  outcome: Outcome;
  total: string;
  passMark: string;
  reason: string;
  /** The what-if pass mark changed this subject's outcome. */
  moved: boolean;
}

/** Props of the subjects view. */
export interface SubjectsViewProps {
  width: number;
  height: number;
  title: string;
  versions: VersionTab[];
  focus: SubjectsFocus;
  data: string;
  counts: OutcomeCounts;
  passMark: string;
  whatIf: boolean;
  banner: BannerLine[];
  status: string;
  lines: SubjectLine[];
  /** Index of the cursor among `lines` (shown dim while the versions strip has the keys), or -1. */
  cursor: number;
  idWidth: number;
  searching: boolean;
  query: string;
  empty: string;
}

const idWidthCache = new WeakMap<readonly Row[], number>();

/** The widest id among the rows (computed once per rows). */
function widestId(rows: readonly Row[]): number {
  let w = idWidthCache.get(rows);
  if (w === undefined) {
    w = 2;
    for (const r of rows) w = Math.max(w, displayWidth(r.id));
    idWidthCache.set(rows, w);
  }
  return w;
}

/** The subjects view's props. */
export function subjectsProps(s: AppState): SubjectsViewProps {
  const v = currentVersion(s);
  const rows = v?.rows ?? [];
  const { codes, counts } = currentJudged(s);
  const list = subjectList(s);
  const page = subjectsRows(s);
  const { cursor } = s.subjects;
  const top = keepVisible(cursor, s.subjects.top, list.length, page);
  const lines: SubjectLine[] = [];
  for (let i = top; i < Math.min(list.length, top + page); i++) {
    const r = rows[list[i]!]!;
    const outcome = outcomeOf(codes[list[i]!]!);
    lines.push({
      id: r.id,
      outcome,
      total: numberText(r.total),
      passMark: shiftedText(r.passMark, s.whatIf),
      reason: reasonAt(r, s.whatIf),
      moved: outcome !== r.outcome,
    });
  }
  const rubric = v?.rowsRubric ?? v?.good;
  const asOf = v?.asOf ?? rubric?.rubric.effective.from;
  const title = rubric
    ? `${safe(rubric.rubric.id)} ${safe(rubric.rubric.version)} · ${shortHash(rubric.compiled.hash)} · as of ${asOf ?? '—'}${s.size.width >= 100 ? ` · ${safe(rubric.rubric.title)}` : ''}`
    : safe(v?.file ?? 'no rubric');
  const pm = rubric && asOf ? passMarkOn(rubric.rubric, asOf) : undefined;
  const overrides = pm && pm.overrides > 0 ? ` (+${pm.overrides} override${pm.overrides === 1 ? '' : 's'})` : '';
  const passMark = pm
    ? s.whatIf === 0
      ? `pass mark ${pm.value}${overrides}`
      : `pass mark ${pm.value} → ${shiftedText(pm.value, s.whatIf)} (what-if ${deltaText(s.whatIf)})`
    : s.whatIf === 0
      ? ''
      : `what-if ${deltaText(s.whatIf)}`;
  const view = s.subjects.view;
  const status = [
    `${count(list.length)} of ${count(rows.length)} subjects`,
    `sorted by ${sortLabel(view)}`,
    view.filter === 'all' ? 'all outcomes' : `only ${view.filter}`,
    ...(view.query !== '' ? [`id contains “${safe(view.query)}”`] : []),
  ].join(' · ');
  const source = s.dataFile !== undefined ? `data ${safe(s.dataFile)}` : 'the rubrics’ own test cases';
  return {
    width: s.size.width,
    height: s.size.height - 1,
    title,
    versions: s.versions.map((x, i) => ({
      label: safe(versionLabel(x)),
      current: i === s.current,
      state: x.loading ? 'loading' : x.broken ? 'broken' : x.job ? 'evaluating' : 'ok',
    })),
    focus: s.subjects.focus,
    data: source,
    counts,
    passMark,
    whatIf: s.whatIf !== 0,
    banner: bannerLines(s),
    status,
    lines,
    cursor: lines.length > 0 ? cursor - top : -1,
    idWidth: Math.min(widestId(rows), Math.max(10, Math.floor(s.size.width * 0.3))),
    searching: s.subjects.searching,
    query: safe(view.query),
    empty: v?.loading
      ? 'reading the rubric…'
      : v?.job
        ? 'evaluating…'
        : v?.broken && !v.good
          ? 'nothing to show: the rubric has errors (d lists them)'
          : v?.dataError && rows.length === 0
            ? 'nothing to show: the data cannot be read'
            : rows.length === 0
              ? 'no subjects'
              : 'no subject matches',
  };
}
