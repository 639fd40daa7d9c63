/**
 * Calendar dates as day numbers, for period arithmetic (overlaps, gaps) without time zones.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid `YYYY-MM-DD` date, or undefined when the text is not a real calendar day. */
export function dayNumber(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(ms / 86_400_000);
}

/** Whether a text is a real `YYYY-MM-DD` calendar day (2022-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  return dayNumber(text) !== undefined;
}

/** The `YYYY-MM-DD` text of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
