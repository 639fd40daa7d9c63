/** Splits streamed text into lines without holding more than one line in memory. */

/** One line of text (without its line end) and its 1-based number. */
export interface Line {
  line: number;
  text: string;
}

/** Yields the lines of text arriving in chunks; `\n` and `\r\n` end lines, and a leading byte order mark is dropped. */
export async function* splitLines(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<Line> {
  let pending = '';
  let n = 0;
  let first = true;
  for await (const chunk of chunks) {
    let text = pending + chunk;
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { line: ++n, text: text.slice(start, end) };
      start = nl + 1;
    }
    pending = text.slice(start);
  }
  if (pending.length > 0) yield { line: ++n, text: pending.endsWith('\r') ? pending.slice(0, -1) : pending };
}

/** Reads all the chunks into one string (for formats read whole), dropping a leading byte order mark. */
export async function readAll(chunks: AsyncIterable<string> | Iterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
