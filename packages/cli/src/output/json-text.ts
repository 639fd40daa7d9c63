/** JSON text that is safe to show in a terminal and means the same data. */

/**
 * `JSON.stringify`, then C1 controls, DEL, line/paragraph separators and bidi overrides
 * written as `\uXXXX` escapes (JSON already escapes C0 controls): same value, and nothing
 * in it can drive a terminal or reorder what is shown.
 */
export function safeJson(value: unknown, indent?: number): string {
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) =>
    `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
