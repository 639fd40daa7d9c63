/** The detail screen's derived data: its subject(s) and their lines, memoised. */
import { subjectOf, keyIn, type Subject } from '../../app/select.js';
import type { AppState } from '../../app/state.js';
import { buildDetail, type DetailModel } from './model.js';

/** What the detail screen shows: the subject under its version, the same subject under A (compare), the lines. */
export interface DetailData {
  subject: Subject;
  other?: Subject;
  model: DetailModel;
}

let last: { subject: Subject; other: Subject | undefined; steps: number; data: DetailData } | undefined;

/** The detail screen's data, or undefined when its subject is gone (a reload dropped it). */
export function detailData(s: AppState): DetailData | undefined {
  const v = s.versions[s.detail.slot];
  const subject = subjectOf(v, s.detail.key);
  if (!subject || !v) return undefined;
  const ov = s.detail.other !== undefined ? s.versions[s.detail.other] : undefined;
  const other = ov && ov !== v ? subjectOf(ov, keyIn(s, v, s.detail.key, ov)) : undefined;
  if (last && last.subject === subject && last.other === other && last.steps === s.whatIf) return last.data;
  const data: DetailData = { subject, model: buildDetail(subject, s.whatIf, other?.result) };
  if (other) data.other = other;
  last = { subject, other, steps: s.whatIf, data };
  return data;
}
