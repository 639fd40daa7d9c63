/**
 * The subject detail screen's state: which subject (dataset index) under which version,
 * the cursor in its list of indicators and gates, and the scroll of the explanation pane.
 */
import type { UiAction } from '../../app/actions.js';
import { moveCursor, scrollBy } from '../../model/scroll.js';

/** The panes Tab moves between. */
export type DetailFocus = 'list' | 'explain';

/** The detail screen's state. */
export interface DetailState {
  /** Dataset index of the subject. */
  key: number;
  /** The version shown. */
  slot: number;
  /** Version A, when opened from the compare screen (its points are shown beside). */
  other?: number;
  /** Where Esc goes back to. */
  from: 'subjects' | 'compare';
  focus: DetailFocus;
  cursor: number;
  top: number;
  explainTop: number;
}

/** No subject yet. */
export const initialDetail: DetailState = { key: 0, slot: 0, from: 'subjects', focus: 'list', cursor: 0, top: 0, explainTop: 0 };

/** Opens a subject: the list from its top. */
export function openDetail(key: number, slot: number, from: DetailState['from'], other?: number): DetailState {
  const s: DetailState = { ...initialDetail, key, slot, from };
  if (other !== undefined) s.other = other;
  return s;
}

/** Sizes the reducer moves within. */
export interface DetailContext {
  /** Items in the list. */
  count: number;
  /** List rows shown at once. */
  page: number;
  /** Lines of the selected item's explanation. */
  explainLines: number;
  /** Explanation lines shown at once. */
  explainPage: number;
}

function moveList(s: DetailState, by: number, ctx: DetailContext): DetailState {
  if (s.focus === 'explain') {
    const t = scrollBy(s.explainTop, by, ctx.explainLines, ctx.explainPage);
    return t === s.explainTop ? s : { ...s, explainTop: t };
  }
  const m = moveCursor(s, by, ctx.count, ctx.page);
  // A new item's explanation starts at its top.
  return m === s ? s : { ...s, ...m, explainTop: 0 };
}

/** The detail screen's reducer. */
export function detailReducer(s: DetailState, a: UiAction, ctx: DetailContext): DetailState {
  switch (a.type) {
    case 'move':
      return moveList(s, a.by, ctx);
    case 'movePage':
      return moveList(s, a.by * Math.max(1, (s.focus === 'explain' ? ctx.explainPage : ctx.page) - 1), ctx);
    case 'moveTo':
      return moveList(s, a.where === 'start' ? -Infinity : Infinity, ctx);
    case 'focusNext':
    case 'open':
      return { ...s, focus: s.focus === 'list' ? 'explain' : 'list' };
    case 'resize': {
      const m = moveCursor(s, 0, ctx.count, ctx.page);
      return m === s ? s : { ...s, ...m };
    }
    default:
      return s;
  }
}
