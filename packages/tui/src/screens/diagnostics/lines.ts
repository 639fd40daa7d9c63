/** The diagnostics screen's text: every version's diagnostics in full, and dataset problems. */
import { formatDiagnostic } from '@rubric/rubric';
import { safe } from '../../model/text.js';
import type { AppState } from '../../app/state.js';

/** One line of the diagnostics screen. */
export interface DiagnosticLine {
  text: string;
  color?: string;
}

let last: { versions: AppState['versions']; lines: DiagnosticLine[] } | undefined;

/** Every version's diagnostics (file:line:col severity code: message, hint, source line), memoised. */
export function diagnosticLines(s: AppState): DiagnosticLine[] {
  if (last && last.versions === s.versions) return last.lines;
  const lines: DiagnosticLine[] = [];
  for (const v of s.versions) {
    const errors = v.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = v.diagnostics.length - errors;
    const state = v.loading ? 'reading…' : errors > 0 ? (v.good ? 'showing its last good version' : 'not loaded') : 'ok';
    lines.push({ text: `${safe(v.readFrom ?? v.file)}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} — ${state}`, color: errors > 0 ? 'red' : 'green' });
    for (const d of v.diagnostics) {
      const text = formatDiagnostic(d, v.source === '' ? undefined : v.source);
      for (const l of text.split('\n')) lines.push(d.severity === 'error' ? { text: `  ${safe(l)}`, color: 'red' } : { text: `  ${safe(l)}`, color: 'yellow' });
    }
    if (v.dataError) lines.push({ text: `  ${safe(v.dataError)}`, color: 'red' });
    lines.push({ text: '' });
  }
  last = { versions: s.versions, lines };
  return lines;
}
