/** What the compare view shows, computed from the state. */
import type { Outcome } from '@rubric/rubric';
import { bannerLines, type BannerLine } from '../../app/banner.js';
import { changeLines, compareRows, WIDE } from '../../app/layout.js';
import { comparison, judgedOf } from '../../app/select.js';
import { versionLabel, type AppState } from '../../app/state.js';
import type { ChangeLine } from '../../model/changes.js';
import { pairAt, totalChange, type CompareSummary, type Comparison } from '../../model/compare.js';
import { outcomeOf, type OutcomeCounts } from '../../model/outcome.js';
import { numberText } from '../../model/rows.js';
import { keepVisible } from '../../model/scroll.js';
import { safe } from '../../model/text.js';
import { deltaText, reasonAt } from '../../model/what-if.js';
import type { CompareFocus } from './reducer.js';

/** One subject under A and B. */
export interface CompareLine {
  id: string;
  a?: { outcome: Outcome; total: string };
  b?: { outcome: Outcome; total: string };
  change: string;
  flip: boolean;
  reason: string;
}

/** Props of the compare view. */
export interface CompareViewProps {
  width: number;
  height: number;
  a: string;
  b: string;
  summary: CompareSummary;
  countsA: OutcomeCounts;
  countsB: OutcomeCounts;
  whatIf: string;
  banner: BannerLine[];
  focus: CompareFocus;
  wide: boolean;
  flipsOnly: boolean;
  lines: CompareLine[];
  cursor: number;
  changes: ChangeLine[];
  /** Total lines of the changes panel (for its scroll position). */
  changeCount: number;
  changesTop: number;
  listCount: number;
  empty: string;
}

/** The compare view's props. */
export function compareProps(s: AppState): CompareViewProps {
  const va = s.versions[s.compare.a];
  const vb = s.versions[s.compare.b];
  const rowsA = va?.rows ?? [];
  const rowsB = vb?.rows ?? [];
  const ja = judgedOf(rowsA, s.whatIf);
  const jb = judgedOf(rowsB, s.whatIf);
  // A version still waiting for its results would show every subject as "only in" the other.
  const pending = [va, vb].find((v) => v !== undefined && v.generation === 0 && v.rows.length === 0);
  const c: Comparison = pending
    ? { pairs: { a: new Int32Array(0), b: new Int32Array(0) }, order: new Int32Array(0), summary: { paired: 0, flips: 0, byDirection: [], totalChanged: 0, onlyA: 0, onlyB: 0 } }
    : comparison(s);
  const page = compareRows(s);
  const top = keepVisible(s.compare.cursor, s.compare.top, c.order.length, page);
  const lines: CompareLine[] = [];
  for (let i = top; i < Math.min(c.order.length, top + page); i++) {
    const p = pairAt(c, i)!;
    const ra = p.a >= 0 ? rowsA[p.a] : undefined;
    const rb = p.b >= 0 ? rowsB[p.b] : undefined;
    const oa = ra ? outcomeOf(ja.codes[p.a]!) : undefined;
    const ob = rb ? outcomeOf(jb.codes[p.b]!) : undefined;
    const line: CompareLine = {
      id: (rb ?? ra)?.id ?? '',
      change: ra && rb ? totalChange(ra.total, rb.total) : ra ? 'only A' : 'only B',
      flip: oa !== undefined && ob !== undefined && oa !== ob,
      reason: rb ? reasonAt(rb, s.whatIf) : ra ? reasonAt(ra, s.whatIf) : '',
    };
    if (ra && oa) line.a = { outcome: oa, total: numberText(ra.total) };
    if (rb && ob) line.b = { outcome: ob, total: numberText(rb.total) };
    lines.push(line);
  }
  const changes = changeLines(s);
  const label = (slot: number): string => {
    const v = s.versions[slot];
    return v ? `${safe(versionLabel(v))}${v.asOf ? ` (as of ${v.asOf})` : ''}` : '—';
  };
  return {
    width: s.size.width,
    height: s.size.height - 1,
    a: label(s.compare.a),
    b: label(s.compare.b),
    summary: c.summary,
    countsA: ja.counts,
    countsB: jb.counts,
    whatIf: s.whatIf === 0 ? '' : `what-if pass mark ${deltaText(s.whatIf)} (both)`,
    banner: bannerLines(s),
    focus: s.compare.focus,
    wide: s.size.width >= WIDE,
    flipsOnly: s.compare.flipsOnly,
    lines,
    cursor: s.compare.cursor - top,
    changes: changes.slice(s.compare.changesTop, s.compare.changesTop + page),
    changeCount: changes.length,
    changesTop: s.compare.changesTop,
    listCount: c.order.length,
    empty: pending
      ? `waiting for the results of ${safe(versionLabel(pending))}…`
      : s.versions.length < 2
        ? 'one version only: name two or more rubric files to compare'
        : c.summary.flips === 0 && s.compare.flipsOnly
          ? 'no outcome flips'
          : 'no subjects',
  };
}
