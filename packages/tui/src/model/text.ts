/**
 * Terminal text: column widths (East Asian wide characters take two columns), padding,
 * truncation, and making user text safe to print. Widths come from the facade, shared with
 * the CLI's table; Ink lays out with its own measure, so the views still let Ink truncate
 * the last column of a line.
 */
import { codePointWidth, displayWidth, escapeControl } from '@rubric/rubric';

/** Cuts `s` to at most `width` columns, ending in `…` when it was cut. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = codePointWidth(ch.codePointAt(0) ?? 0);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** `s` cut or padded with spaces on the right to exactly `width` columns. */
export function fit(s: string, width: number): string {
  const t = truncate(s, width);
  return t + ' '.repeat(Math.max(0, width - displayWidth(t)));
}

/** `s` cut or padded with spaces on the left to exactly `width` columns. */
export function fitStart(s: string, width: number): string {
  const t = truncate(s, width);
  return ' '.repeat(Math.max(0, width - displayWidth(t))) + t;
}

/**
 * User text (ids, labels, messages, file names) made safe for one terminal line: control
 * characters escaped so data cannot move the cursor or recolour the screen, line breaks
 * and tabs shown inline.
 */
export function safe(text: string): string {
  return escapeControl(text.replace(/\r\n|\r|\n/g, '⏎').replace(/\t/g, ' '));
}

/** `1,234,567`: counts read at a glance. */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 subject`, `2 subjects`. */
export function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}

export { codePointWidth, displayWidth };
