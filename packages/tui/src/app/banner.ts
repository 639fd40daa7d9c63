/**
 * The status lines above a screen's body: loading and evaluation progress, a broken
 * rubric's diagnostics (file:line:col, message, hint) while its last good results stay
 * visible, a dataset that cannot be read, and the latest notice.
 */
import { safe, count } from '../model/text.js';
import { versionLabel, type AppState, type VersionState } from './state.js';

/** One status line. */
export interface BannerLine {
  text: string;
  color?: string;
}

/** At most this many lines, so the table keeps most of an 80×24 terminal. */
export const MAX_BANNER = 5;

function versionLines(v: VersionState, lines: BannerLine[]): void {
  const name = safe(v.readFrom ?? v.file);
  if (v.loading) lines.push({ text: `reading ${name}…`, color: 'cyan' });
  if (v.job) lines.push({ text: `evaluating ${safe(versionLabel(v))}: ${count(v.job.done)} records…`, color: 'cyan' });
  else if (v.good && v.generation === 0 && v.rows.length === 0 && !v.dataError) lines.push({ text: `${safe(versionLabel(v))} is evaluated next…`, color: 'cyan' });
  if (v.broken) {
    const errors = v.diagnostics.filter((d) => d.severity === 'error');
    const keep = v.good ? 'showing the last good results' : 'nothing to show until it is fixed';
    lines.push({ text: `✖ ${name} has ${errors.length} error${errors.length === 1 ? '' : 's'}; ${keep} (d: all diagnostics)`, color: 'red' });
    const d = errors[0];
    if (d) {
      lines.push({ text: `  ${safe(d.file)}:${d.span.start.line}:${d.span.start.column} ${d.code}: ${safe(d.message)}`, color: 'red' });
      if (d.hint) lines.push({ text: `  hint: ${safe(d.hint)}` });
    }
  }
  if (v.dataError) lines.push({ text: `✖ ${safe(v.dataError)}${v.generation > 0 ? '; showing the last good results' : ''}`, color: 'red' });
}

/** The status lines for the screen being shown. */
export function bannerLines(s: AppState): BannerLine[] {
  const lines: BannerLine[] = [];
  const slots = s.screen === 'compare' ? [...new Set([s.compare.a, s.compare.b])] : [s.current];
  for (const slot of slots) {
    const v = s.versions[slot];
    if (v) versionLines(v, lines);
  }
  // A broken version that is not on screen still deserves a line.
  const hidden = s.versions.filter((v, i) => !slots.includes(i) && (v.broken || v.dataError));
  if (hidden.length > 0) lines.push({ text: `✖ also broken: ${hidden.map((v) => safe(v.file)).join(', ')} (d: diagnostics)`, color: 'red' });
  if (s.notice && lines.length < MAX_BANNER) lines.push({ text: s.notice, color: 'green' });
  return lines.slice(0, MAX_BANNER);
}
