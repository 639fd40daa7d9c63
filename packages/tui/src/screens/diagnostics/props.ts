/** What the diagnostics view shows. */
import { pageRows } from '../../app/layout.js';
import type { AppState } from '../../app/state.js';
import { diagnosticLines } from './lines.js';
import type { DiagnosticsViewProps } from './view.js';

/** The diagnostics view's props. */
export function diagnosticsProps(s: AppState): DiagnosticsViewProps {
  const page = pageRows(s);
  return { width: s.size.width, height: s.size.height - 1, lines: diagnosticLines(s).slice(s.diagnostics.top, s.diagnostics.top + page) };
}
