/**
 * JSON Lines text cut into blocks of whole lines for the worker threads: the main thread only
 * finds line ends and counts records (no per-line strings), and each worker splits its block
 * into lines exactly as the streamed reader (`splitLines`) does: `\n` or `\r\n` end a line, a
 * byte order mark at the very start is dropped, and blank lines are no records.
 */

/** A block of whole lines: its text, the line number of its first line and the index of its first record. */
export interface TextBlock {
  text: string;
  firstLine: number;
  firstIndex: number;
}

/** Any character `String.prototype.trim` removes; a line with none else is blank. */
const NOT_BLANK = /[^\s]/g;

/** Lines (`\n` ends one) and records (non-blank lines) in `text`, which ends at a line end unless it is the file's last. */
export function countLines(text: string): { lines: number; records: number } {
  let lines = 0;
  let records = 0;
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    NOT_BLANK.lastIndex = start;
    const m = NOT_BLANK.exec(text);
    if (m && m.index < end) records++;
    lines++;
    start = end + 1;
  }
  return { lines, records };
}

/** Cuts streamed text into blocks of about `size` characters, each ending at a line end (the last may not). */
export async function* textBlocks(chunks: AsyncIterable<string> | Iterable<string>, size: number): AsyncGenerator<TextBlock> {
  let pending = '';
  let first = true;
  let line = 1;
  let index = 1;
  const block = (text: string): TextBlock => {
    const b = { text, firstLine: line, firstIndex: index };
    const n = countLines(text);
    line += n.lines;
    index += n.records;
    return b;
  };
  for await (const chunk of chunks) {
    pending += chunk;
    if (first && pending.length > 0) {
      first = false;
      if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
    }
    // A chunk read may hold many blocks' worth (reads are 1 MiB): cut them all.
    let start = 0;
    while (pending.length - start >= size) {
      let cut = pending.lastIndexOf('\n', start + size - 1);
      if (cut < start) cut = pending.indexOf('\n', start + size); // a line longer than a block
      if (cut < 0) break; // one very long line: wait for its end
      yield block(pending.slice(start, cut + 1));
      start = cut + 1;
    }
    if (start > 0) pending = pending.slice(start);
  }
  if (pending.length > 0) yield block(pending);
}

/** The lines of a block, as `splitLines` gives them: without their line ends, numbered from `firstLine`. */
export function blockLines(block: { text: string; firstLine: number }): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const { text } = block;
  let n = block.firstLine;
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      out.push({ line: n, text: text.endsWith('\r') ? text.slice(start, -1) : text.slice(start) });
      break;
    }
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    out.push({ line: n++, text: text.slice(start, end) });
    start = nl + 1;
  }
  return out;
}
