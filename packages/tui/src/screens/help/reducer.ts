/** The `?` help overlay: open or not, and its scroll when the keys do not fit. */
import type { UiAction } from '../../app/actions.js';
import { scrollBy } from '../../model/scroll.js';

/** The help overlay's state. */
export interface HelpState {
  open: boolean;
  top: number;
}

/** Closed. */
export const initialHelp: HelpState = { open: false, top: 0 };

/** Sizes the help scrolls within. */
export interface HelpContext {
  lines: number;
  page: number;
}

/** The help overlay's reducer. */
export function helpReducer(s: HelpState, a: UiAction, ctx: HelpContext): HelpState {
  switch (a.type) {
    case 'toggleHelp':
      return s.open ? initialHelp : { open: true, top: 0 };
    case 'back':
      return s.open ? initialHelp : s;
    case 'move':
      return { ...s, top: scrollBy(s.top, a.by, ctx.lines, ctx.page) };
    case 'movePage':
      return { ...s, top: scrollBy(s.top, a.by * Math.max(1, ctx.page - 1), ctx.lines, ctx.page) };
    case 'moveTo':
      return { ...s, top: scrollBy(s.top, a.where === 'start' ? -Infinity : Infinity, ctx.lines, ctx.page) };
    default:
      return s;
  }
}
