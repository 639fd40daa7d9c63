// Small helpers for timing and printing.
import { isDeepStrictEqual } from 'node:util';

/** The median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds of `fn()` (sync or async), from performance.now(). */
export async function timeIt(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** `1,234,567`. */
export function grouped(n) {
  return Math.round(n).toLocaleString('en-US');
}

/** A number with `d` decimals, or with 2 significant digits below 1. */
export function fixed(n, d = 1) {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) < 1 && n !== 0) return n.toPrecision(2);
  return n.toFixed(d);
}

/** A text table: the first row is the header; columns after the first are right-aligned. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** A Markdown table from the same rows. */
export function markdown(rows) {
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  return [`| ${rows[0].map(esc).join(' | ')} |`, `|${rows[0].map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** Deep equality, as the agreement check uses it. */
export const deepEqual = isDeepStrictEqual;
