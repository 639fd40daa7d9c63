/**
 * JSON Lines cut into blocks for worker threads must give exactly the lines, line numbers and
 * record indices the streamed reader gives, however the text arrives in chunks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockLines, countLines, textBlocks } from '../../packages/cli/src/batch/blocks.js';
import { splitLines } from '../../packages/cli/src/data/lines.js';
import { isBlankLine } from '../../packages/cli/src/data/read-jsonl.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Text made of JSON-ish lines, blank lines, CR LF and lone CR, an optional BOM and trailing text. */
const texts = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.oneof(fc.constantFrom('{"a":1}', '', '  ', '\t', 'x', '{"b":"\u2028"}', '你好'), fc.string({ maxLength: 8 })), { maxLength: 30 }),
    fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 30, maxLength: 30 }),
    fc.boolean(),
  )
  .map(([bom, lines, ends, trailing]) => `${bom ? '\ufeff' : ''}${lines.map((l, i) => l + (i === lines.length - 1 && !trailing ? '' : ends[i])).join('')}`);

/** Splits text into chunks at the given cut points. */
function chunked(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let at = 0;
  for (const p of points) {
    out.push(text.slice(at, p));
    at = p;
  }
  out.push(text.slice(at));
  return out;
}

describe('textBlocks + blockLines', () => {
  it('give the lines splitLines gives, with the record indices of the streamed reader', async () => {
    await fc.assert(
      fc.asyncProperty(texts, fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 1, max: 40 }), async (text, cuts, size) => {
        const expected = (await collect(splitLines(chunked(text, cuts)))).filter((l) => !isBlankLine(l.text));
        const got: { line: number; text: string; index: number }[] = [];
        for await (const block of textBlocks(chunked(text, cuts), size)) {
          let index = block.firstIndex;
          for (const l of blockLines(block)) if (!isBlankLine(l.text)) got.push({ ...l, index: index++ });
        }
        expect(got).toEqual(expected.map((l, i) => ({ ...l, index: i + 1 })));
      }),
      { numRuns: 300 },
    );
  });

  it('cut only at line ends, and hold a long line whole', async () => {
    const blocks = await collect(textBlocks(['a\nyyyy', 'yyyy', 'yy\nc'], 3));
    expect(blocks.map((b) => b.text)).toEqual(['a\n', 'yyyyyyyyyy\n', 'c']);
    expect(blocks.map((b) => [b.firstLine, b.firstIndex])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('cut a large chunk into several blocks of about the size asked for', async () => {
    const line = '{"id":"0123456789"}\n'; // 20 characters
    const blocks = await collect(textBlocks([line.repeat(100)], 100));
    expect(blocks.map((b) => b.text.length)).toEqual(Array(20).fill(100));
    expect(blocks.map((b) => b.firstLine)).toEqual(Array.from({ length: 20 }, (_, i) => 1 + 5 * i));
  });

  it('count lines and records (non-blank lines)', () => {
    expect(countLines('')).toEqual({ lines: 0, records: 0 });
    expect(countLines('a\n\n  \nb')).toEqual({ lines: 4, records: 2 });
    expect(countLines('a\r\n\u3000\r\n')).toEqual({ lines: 2, records: 1 });
  });
});
