/**
 * The subjects table's own state: cursor and scroll, sort, outcome filter, id search,
 * and which pane has the keys (the table, or the versions strip above it).
 */
import type { UiAction } from '../../app/actions.js';
import { FILTERS, SORT_KEYS, type View } from '../../model/order.js';
import { moveCursor } from '../../model/scroll.js';

/** The panes Tab moves between. */
export type SubjectsFocus = 'table' | 'versions';

/** The subjects screen's state. */
export interface SubjectsState {
  focus: SubjectsFocus;
  cursor: number;
  top: number;
  view: View;
  /** Typing a search (keys go to the query). */
  searching: boolean;
}

/** File order, everything shown. */
export const initialSubjects: SubjectsState = {
  focus: 'table',
  cursor: 0,
  top: 0,
  view: { sort: 'file', reverse: false, filter: 'all', query: '' },
  searching: false,
};

/** What the reducer needs to know about the list it moves in. */
export interface ListContext {
  /** Rows in the list. */
  count: number;
  /** Rows shown at once. */
  page: number;
}

function withView(s: SubjectsState, view: Partial<View>): SubjectsState {
  // A new order or filter starts at the top: the old position means nothing in it.
  return { ...s, view: { ...s.view, ...view }, cursor: 0, top: 0 };
}

function next<T>(xs: readonly T[], x: T): T {
  return xs[(xs.indexOf(x) + 1) % xs.length]!;
}

/** The subjects screen's reducer. Actions it does not know leave the state as it is. */
export function subjectsReducer(s: SubjectsState, a: UiAction, ctx: ListContext): SubjectsState {
  switch (a.type) {
    case 'move': {
      const m = moveCursor(s, a.by, ctx.count, ctx.page);
      return m === s ? s : { ...s, ...m };
    }
    case 'movePage': {
      const m = moveCursor(s, a.by * Math.max(1, ctx.page - 1), ctx.count, ctx.page);
      return m === s ? s : { ...s, ...m };
    }
    case 'moveTo': {
      const m = moveCursor(s, a.where === 'start' ? -Infinity : Infinity, ctx.count, ctx.page);
      return m === s ? s : { ...s, ...m };
    }
    case 'focusNext':
      return { ...s, focus: s.focus === 'table' ? 'versions' : 'table' };
    case 'open':
      // Enter on the versions strip hands the keys back to the table.
      return s.focus === 'versions' ? { ...s, focus: 'table' } : s;
    case 'cycleSort':
      return withView(s, { sort: next(SORT_KEYS, s.view.sort), reverse: false });
    case 'reverseSort':
      return withView(s, { reverse: !s.view.reverse });
    case 'cycleFilter':
      return withView(s, { filter: next(FILTERS, s.view.filter) });
    case 'searchStart':
      return { ...s, searching: true, focus: 'table' };
    case 'searchType':
      return s.searching ? withView(s, { query: s.view.query + a.text }) : s;
    case 'searchBackspace':
      return s.searching ? withView(s, { query: [...s.view.query].slice(0, -1).join('') }) : s;
    case 'searchCommit':
      return { ...s, searching: false };
    case 'searchCancel':
      return { ...withView(s, { query: '' }), searching: false };
    case 'back':
      // Esc: first stop typing, then drop the search, then the filter, then give the table the keys.
      if (s.searching) return { ...withView(s, { query: '' }), searching: false };
      if (s.view.query !== '') return withView(s, { query: '' });
      if (s.view.filter !== 'all') return withView(s, { filter: 'all' });
      if (s.focus !== 'table') return { ...s, focus: 'table' };
      return s;
    case 'resize': {
      const m = moveCursor(s, 0, ctx.count, ctx.page);
      return m === s ? s : { ...s, ...m };
    }
    default:
      return s;
  }
}
