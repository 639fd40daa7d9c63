/**
 * Comments in a rubric file, attached to the IR node whose line they precede or end, so
 * the printer can put them back when it formats the file.
 */
import type { IToken } from 'chevrotain';
import type { Anchor } from './build-context.js';

/** A comment and the IR node it belongs to. */
export interface DslComment {
  /**
   * JSON pointer of the IR node: the node whose line the comment precedes (`before`) or
   * ends (`trailing`). `''` with `trailing` is the end of the file; `''` with `before` is
   * the top of the file.
   */
  pointer: string;
  /** The comment as written, `#` included, without trailing spaces. */
  text: string;
  placement: 'before' | 'trailing';
}

/**
 * Attaches each comment to an anchor: a comment on a line of its own precedes the next
 * line's node; a comment after code on the same line trails the node that starts that line
 * (or, on a continuation line, the last node begun before it).
 */
export function attachComments(comments: readonly IToken[], tokens: readonly IToken[], anchors: readonly Anchor[]): DslComment[] {
  if (comments.length === 0) return [];
  const sorted = [...anchors].sort((a, b) => a.offset - b.offset);
  const byOffset = new Map<number, Anchor>();
  for (const a of sorted) if (!byOffset.has(a.offset)) byOffset.set(a.offset, a);
  const lineOf = (offset: number): number | undefined => {
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.startOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    const t = tokens[lo];
    return t && t.startOffset === offset ? t.startLine : undefined;
  };

  const out: DslComment[] = [];
  let ti = 0; // first token after the current comment
  for (const c of comments) {
    while (ti < tokens.length && tokens[ti]!.startOffset < c.startOffset) ti++;
    const prev = tokens[ti - 1];
    const next = tokens[ti];
    const text = c.image.replace(/\s+$/, '');
    if (prev && prev.endLine === c.startLine) {
      out.push({ pointer: ownerOfLine(sorted, prev, lineOf), text, placement: 'trailing' });
      continue;
    }
    if (!next) {
      out.push({ pointer: '', text, placement: 'trailing' });
      continue;
    }
    const starts = byOffset.get(next.startOffset);
    if (starts) {
      out.push({ pointer: starts.pointer, text, placement: 'before' });
      continue;
    }
    // Inside a construct that goes on: keep the comment with the last node begun before it.
    const last = lastBefore(sorted, c.startOffset);
    out.push(last ? { pointer: last.pointer, text, placement: 'trailing' } : { pointer: '', text, placement: 'before' });
  }
  return out;
}

/** The anchor that starts the line of `t`, else the last anchor begun before `t`. */
function ownerOfLine(sorted: readonly Anchor[], t: IToken, lineOf: (offset: number) => number | undefined): string {
  const line = t.startLine ?? 0;
  let owner: Anchor | undefined;
  for (let i = indexAfter(sorted, t.startOffset) - 1; i >= 0; i--) {
    const a = sorted[i]!;
    const aLine = lineOf(a.offset);
    if (aLine === line) owner = a;
    else if (aLine !== undefined && aLine < line) break;
  }
  return (owner ?? lastBefore(sorted, t.startOffset + 1))?.pointer ?? '';
}

function lastBefore(sorted: readonly Anchor[], offset: number): Anchor | undefined {
  return sorted[indexAfter(sorted, offset - 1) - 1];
}

/** Index of the first anchor whose offset is greater than `offset`. */
function indexAfter(sorted: readonly Anchor[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.offset <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
