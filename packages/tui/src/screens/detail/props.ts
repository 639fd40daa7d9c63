/** What the detail view shows, computed from the state. */
import type { Outcome } from '@rubric/rubric';
import { bannerLines, type BannerLine } from '../../app/banner.js';
import { detailLayout } from '../../app/layout.js';
import { versionLabel, type AppState } from '../../app/state.js';
import { judgedOf, positionOf } from '../../app/select.js';
import { outcomeOf } from '../../model/outcome.js';
import { numberText } from '../../model/rows.js';
import { keepVisible } from '../../model/scroll.js';
import { safe } from '../../model/text.js';
import type { DetailItem } from './model.js';
import type { DetailFocus } from './reducer.js';
import { detailData } from './select.js';

/** Props of the detail view. */
export interface DetailViewProps {
  width: number;
  height: number;
  /** Subject id, or empty when the subject is gone. */
  id: string;
  version: string;
  outcome?: Outcome;
  /** The outcome as the rubric itself gives it, when the what-if pass mark changed it. */
  fileOutcome?: Outcome;
  total: string;
  /** `A 2022-05: ✗ fail 80` when opened from compare. */
  other: string;
  passMark: string;
  gap: string[];
  banner: BannerLine[];
  items: DetailItem[];
  cursor: number;
  focus: DetailFocus;
  explainTitle: string;
  explain: string[];
  listRows: number;
  explainRows: number;
  gapRows: number;
}

/** The detail view's props. */
export function detailProps(s: AppState): DetailViewProps {
  const layout = detailLayout(s);
  const data = detailData(s);
  const v = s.versions[s.detail.slot];
  const base = {
    width: s.size.width,
    height: s.size.height - 1,
    version: v ? safe(versionLabel(v)) : '',
    banner: bannerLines(s),
    focus: s.detail.focus,
    listRows: layout.list,
    explainRows: layout.explain,
    gapRows: layout.header - 2,
  };
  if (!data || !v) {
    return { ...base, id: '', total: '', other: '', passMark: '', gap: ['this subject is not in this version’s results (Esc goes back)'], items: [], cursor: -1, explainTitle: '', explain: [] };
  }
  const { subject, other, model } = data;
  const pos = positionOf(v.rows, subject.row.index);
  const outcome = outcomeOf(judgedOf(v.rows, s.whatIf).codes[pos] ?? 3);
  const top = keepVisible(s.detail.cursor, s.detail.top, model.items.length, layout.list);
  const item = model.items[s.detail.cursor];
  let otherText = '';
  if (other) {
    const ov = other.version;
    const op = positionOf(ov.rows, other.row.index);
    const oo = outcomeOf(judgedOf(ov.rows, s.whatIf).codes[op] ?? 3);
    otherText = `A ${safe(versionLabel(ov))}: ${oo} ${numberText(other.row.total)}`;
  }
  const props: DetailViewProps = {
    ...base,
    id: subject.row.id,
    outcome,
    total: numberText(subject.row.total),
    other: otherText,
    passMark: model.passMark,
    gap: model.gap,
    items: model.items.slice(top, top + layout.list),
    cursor: s.detail.cursor - top,
    explainTitle: item ? `${item.id}` : '',
    explain: item ? item.explain.slice(s.detail.explainTop, s.detail.explainTop + layout.explain) : [],
  };
  if (outcome !== subject.row.outcome) props.fileOutcome = subject.row.outcome;
  return props;
}
