/** The diagnostics screen: every diagnostic of every version, scrolled. */
import type { UiAction } from '../../app/actions.js';
import { scrollBy } from '../../model/scroll.js';

/** The diagnostics screen's state. */
export interface DiagnosticsState {
  top: number;
}

/** At the top. */
export const initialDiagnostics: DiagnosticsState = { top: 0 };

/** Sizes it scrolls within. */
export interface DiagnosticsContext {
  lines: number;
  page: number;
}

/** The diagnostics screen's reducer. */
export function diagnosticsReducer(s: DiagnosticsState, a: UiAction, ctx: DiagnosticsContext): DiagnosticsState {
  const to = (top: number): DiagnosticsState => (top === s.top ? s : { top });
  switch (a.type) {
    case 'move':
      return to(scrollBy(s.top, a.by, ctx.lines, ctx.page));
    case 'movePage':
      return to(scrollBy(s.top, a.by * Math.max(1, ctx.page - 1), ctx.lines, ctx.page));
    case 'moveTo':
      return to(scrollBy(s.top, a.where === 'start' ? -Infinity : Infinity, ctx.lines, ctx.page));
    default:
      return s;
  }
}
