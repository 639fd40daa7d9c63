/** Cursor and scroll arithmetic shared by every list and pane. */

/** A cursor in a list and the first row shown. */
export interface Scroll {
  cursor: number;
  top: number;
}

/** Clamps `n` into [lo, hi] (hi wins when hi < lo). */
export function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/** The first row to show so that `cursor` is on screen, moving `top` as little as possible. */
export function keepVisible(cursor: number, top: number, count: number, page: number): number {
  const p = Math.max(1, page);
  let t = clamp(top, 0, Math.max(0, count - p));
  if (cursor < t) t = cursor;
  if (cursor >= t + p) t = cursor - p + 1;
  return Math.max(0, t);
}

/** Moves a cursor by `by` rows (±Infinity for the ends) in a list of `count` shown `page` rows at a time. */
export function moveCursor(s: Scroll, by: number, count: number, page: number): Scroll {
  if (count <= 0) return s.cursor === 0 && s.top === 0 ? s : { cursor: 0, top: 0 };
  const cursor = clamp(by === Infinity ? count - 1 : by === -Infinity ? 0 : s.cursor + by, 0, count - 1);
  const top = keepVisible(cursor, s.top, count, page);
  return cursor === s.cursor && top === s.top ? s : { cursor, top };
}

/** Scrolls a text pane of `lines` lines shown `page` at a time. */
export function scrollBy(top: number, by: number, lines: number, page: number): number {
  const max = Math.max(0, lines - Math.max(1, page));
  return clamp(by === Infinity ? max : by === -Infinity ? 0 : top + by, 0, max);
}
