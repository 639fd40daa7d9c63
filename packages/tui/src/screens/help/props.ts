/** What the help view shows. */
import { helpLines } from '../../app/keys.js';
import { pageRows } from '../../app/layout.js';
import type { AppState } from '../../app/state.js';
import type { HelpViewProps } from './view.js';

/** The help view's props. */
export function helpProps(s: AppState): HelpViewProps {
  const all = helpLines();
  const page = pageRows(s);
  return { width: s.size.width, height: s.size.height - 1, lines: all.slice(s.help.top, s.help.top + page), more: s.help.top + page < all.length };
}
