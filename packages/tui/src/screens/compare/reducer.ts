/**
 * The compare screen's state: versions A and B, the cursor in the list of subjects (flips
 * first), whether only flips are listed, and the scroll of the changes panel.
 */
import type { UiAction } from '../../app/actions.js';
import { moveCursor, scrollBy } from '../../model/scroll.js';

/** The panes Tab moves between. */
export type CompareFocus = 'subjects' | 'changes';

/** The compare screen's state. */
export interface CompareState {
  a: number;
  b: number;
  focus: CompareFocus;
  cursor: number;
  top: number;
  changesTop: number;
  flipsOnly: boolean;
}

/** B = the last version, A = the one before it (both the only one when there is one). */
export function initialCompare(versions: number): CompareState {
  const b = Math.max(0, versions - 1);
  return { a: Math.max(0, b - 1), b, focus: 'subjects', cursor: 0, top: 0, changesTop: 0, flipsOnly: false };
}

/** Sizes the reducer moves within. */
export interface CompareContext {
  /** Subjects listed. */
  count: number;
  page: number;
  /** Lines of the changes panel. */
  changeLines: number;
  changesPage: number;
  /** Number of versions. */
  versions: number;
}

/** The next version after `from`, skipping `avoid` when there is another. */
function cycle(from: number, avoid: number, n: number): number {
  if (n <= 1) return 0;
  let x = (from + 1) % n;
  if (x === avoid && n > 2) x = (x + 1) % n;
  return x;
}

function move(s: CompareState, by: number, ctx: CompareContext): CompareState {
  if (s.focus === 'changes') {
    const t = scrollBy(s.changesTop, by, ctx.changeLines, ctx.changesPage);
    return t === s.changesTop ? s : { ...s, changesTop: t };
  }
  const m = moveCursor(s, by, ctx.count, ctx.page);
  return m === s ? s : { ...s, ...m };
}

/** The compare screen's reducer. */
export function compareReducer(s: CompareState, a: UiAction, ctx: CompareContext): CompareState {
  switch (a.type) {
    case 'move':
      return move(s, a.by, ctx);
    case 'movePage':
      return move(s, a.by * Math.max(1, (s.focus === 'changes' ? ctx.changesPage : ctx.page) - 1), ctx);
    case 'moveTo':
      return move(s, a.where === 'start' ? -Infinity : Infinity, ctx);
    case 'focusNext':
      return { ...s, focus: s.focus === 'subjects' ? 'changes' : 'subjects' };
    case 'cycleA':
      return { ...s, a: cycle(s.a, s.b, ctx.versions), cursor: 0, top: 0, changesTop: 0 };
    case 'cycleB':
      return { ...s, b: cycle(s.b, s.a, ctx.versions), cursor: 0, top: 0, changesTop: 0 };
    case 'swapAB':
      return { ...s, a: s.b, b: s.a, cursor: 0, top: 0, changesTop: 0 };
    case 'toggleFlipsOnly':
      return { ...s, flipsOnly: !s.flipsOnly, cursor: 0, top: 0 };
    case 'resize': {
      const m = moveCursor(s, 0, ctx.count, ctx.page);
      return m === s ? s : { ...s, ...m };
    }
    default:
      return s;
  }
}
