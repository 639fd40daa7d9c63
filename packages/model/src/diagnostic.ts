/**
 * One diagnostic type for every stage: front ends, schema validation and the checker.
 */

/** A place in a source text. `line` and `column` are 1-based (columns count UTF-16 code units); `offset` is 0-based. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A half-open range of source text. */
export interface Span {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/** A located problem, ready to show a person. */
export interface Diagnostic {
  severity: Severity;
  /** Stable namespaced code, e.g. `yaml/unknown-key`, `rubric/unknown-name`. */
  code: string;
  message: string;
  hint?: string;
  file: string;
  span: Span;
}

/**
 * A problem found in the IR, before it is located: `path` is the JSON pointer of the
 * offending IR node (the checker speaks IR, front ends own positions).
 */
export interface IrIssue {
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
  path: string;
}

/** JSON pointer of an IR node → span of the source text that produced it. */
export type SourceMap = Map<string, Span>;

/** The start of a file, for diagnostics about the file as a whole. */
export const FILE_START: Span = {
  start: { line: 1, column: 1, offset: 0 },
  end: { line: 1, column: 1, offset: 0 },
};

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins JSON pointer segments: `pointer('sections', 0, 'id')` → `/sections/0/id`. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${pointerSegment(s)}`).join('');
}

/**
 * Finds the span for an IR path: the exact pointer if the source map has it, else
 * the nearest enclosing node that it has, else the start of the file.
 */
export function spanFor(sourceMap: SourceMap | undefined, path: string): Span {
  if (!sourceMap) return FILE_START;
  let p = path;
  for (;;) {
    const span = sourceMap.get(p);
    if (span) return span;
    if (p === '') return FILE_START;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** Turns IR issues into located diagnostics through a front end's source map. */
export function locateIssues(issues: readonly IrIssue[], file: string, sourceMap?: SourceMap): Diagnostic[] {
  return issues.map((i) => {
    const d: Diagnostic = { severity: i.severity, code: i.code, message: i.message, file, span: spanFor(sourceMap, i.path) };
    if (i.hint !== undefined) d.hint = i.hint;
    return d;
  });
}

/** Computes 1-based line/column positions from offsets in one text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** Position of a 0-based offset (clamped to the text). */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - (this.starts[lo] ?? 0) + 1, offset: o };
  }

  span(start: number, end: number): Span {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** The text of a 1-based line, without its line break. */
  line(n: number): string {
    const s = this.starts[n - 1];
    if (s === undefined) return '';
    let e = (this.starts[n] ?? this.text.length + 1) - 1;
    // Not a regular expression: a line may be megabytes long (a one-line JSON file).
    if (e > s && this.text.charCodeAt(e - 1) === 13) e--;
    return this.text.slice(s, e);
  }
}

/** Sorts diagnostics by file, then position, keeping the order of equal ones. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start.offset - b.span.start.offset));
}

/**
 * Formats a diagnostic the way compilers do:
 * `file:line:col error code: message`, then the hint, then the source line with a caret.
 * Control characters from user text are shown escaped so they cannot drive a terminal.
 */
export function formatDiagnostic(d: Diagnostic, source?: string | LineIndex): string {
  const { line, column } = d.span.start;
  let out = `${d.file}:${line}:${column} ${d.severity} ${d.code}: ${escapeControl(d.message)}`;
  if (d.hint) out += `\n  hint: ${escapeControl(d.hint)}`;
  if (source !== undefined) {
    const index = typeof source === 'string' ? lineIndexOf(source) : source;
    const text = index.line(line);
    if (text.length > 0 || line === 1) {
      const width =
        d.span.end.line === line ? Math.max(1, d.span.end.column - column) : Math.max(1, text.length - column + 1);
      const gutter = `${line} | `;
      const shown = sourceWindow(text, column);
      out += `\n  ${gutter}${escapeControl(shown.text.replace(/\t/g, ' '))}`;
      out += `\n  ${' '.repeat(gutter.length)}${' '.repeat(Math.max(0, shown.column - 1))}${'^'.repeat(Math.min(width, 80))}`;
    }
  }
  return out;
}

/** The last source indexed by {@link formatDiagnostic}: callers pass the same text for every diagnostic of a file. */
let lastIndex: LineIndex | undefined;

function lineIndexOf(source: string): LineIndex {
  if (lastIndex?.text !== source) lastIndex = new LineIndex(source);
  return lastIndex;
}

/** How much of a long source line a diagnostic shows (a one-line JSON file is megabytes long). */
const SHOWN_LINE = 160;

/**
 * The part of a source line shown under a diagnostic: the whole line when it is short, else
 * about {@link SHOWN_LINE} characters around `column`, with `…` where it is cut; and the
 * column of the diagnostic within what is shown.
 */
export function sourceWindow(text: string, column: number): { text: string; column: number } {
  if (text.length <= SHOWN_LINE) return { text, column };
  let start = Math.max(0, Math.min(column - 1 - SHOWN_LINE / 4, text.length - SHOWN_LINE));
  let end = Math.min(text.length, start + SHOWN_LINE);
  // Never cut a surrogate pair in two.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end--;
  const before = start > 0 ? '…' : '';
  return { text: `${before}${text.slice(start, end)}${end < text.length ? '…' : ''}`, column: column - start + before.length };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Replaces C0/C1 control characters (ANSI escapes among them), line/paragraph separators and bidi overrides with visible escapes. */
export function escapeControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) =>
    `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Whether any diagnostic is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/**
 * Suggests the closest of `candidates` to a misspelt `word` (edit distance ≤ 1/3 of its
 * length, at least 1), for hints like "did you mean `points`?".
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.max(1, Math.floor(word.length / 3));
  const w = word.toLowerCase();
  for (const c of candidates) {
    const lc = c.toLowerCase();
    // The distance is at least the difference in length: most candidates are ruled out
    // without filling the table (thousands of misspelt names against thousands of facts).
    if (Math.abs(lc.length - w.length) > Math.min(limit, bestD - 1)) continue;
    const d = editDistance(w, lc, Math.min(limit, bestD - 1));
    if (d < bestD && d <= limit) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** Levenshtein distance with transpositions counted as one edit; any result over `atMost` may be given as `atMost + 1` (it stops early). */
export function editDistance(a: string, b: string, atMost = Infinity): number {
  const m = a.length;
  const n = b.length;
  // Three rolling rows (two back, for transpositions), reused across calls: a did-you-mean
  // search runs this against every candidate name.
  if (rows[0]!.length <= n) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(n + 1);
  let back2 = rows[0]!;
  let back1 = rows[1]!;
  let row = rows[2]!;
  for (let j = 0; j <= n; j++) back1[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(back1[j]! + 1, row[j - 1]! + 1, back1[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, back2[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Once two rows in a row are all over the bound, the distance is too (a transposition
    // looks back two rows, so one row over is not yet enough).
    if (rowMin > atMost && prevMin > atMost) return atMost + 1;
    prevMin = rowMin;
    const t = back2;
    back2 = back1;
    back1 = row;
    row = t;
  }
  return back1[n]!;
}

const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** `did you mean \`x\`?` for a hint, or undefined when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const c = closest(word, candidates);
  return c === undefined ? undefined : `did you mean \`${c}\`?`;
}
