/** The worker's output buffer gives exactly the UTF-8 of the texts appended, chunk after chunk. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Builder } from '../../packages/cli/src/output/utf8-builder.js';

const encoder = new TextEncoder();

describe('Utf8Builder', () => {
  it('gives the bytes of the texts one after another, however they are cut into chunks and whatever they hold', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constant('涉疫12345热线😀\u2028'));
    fc.assert(
      fc.property(fc.array(fc.array(text, { maxLength: 12 }), { maxLength: 5 }), fc.integer({ min: 1, max: 64 }), (chunks, capacity) => {
        const b = new Utf8Builder(capacity);
        for (const texts of chunks) {
          for (const t of texts) b.append(t);
          // Each text on its own (a lone surrogate at the end of one does not pair with the next);
          // the texts written are whole JSON or CSV records, which hold none.
          const expected = new Uint8Array(Buffer.concat(texts.map((t) => encoder.encode(t))));
          expect(b.byteLength).toBe(expected.length);
          const bytes = b.take();
          expect(bytes).toEqual(expected);
          expect(bytes.byteLength).toBe(bytes.buffer.byteLength); // a buffer of its own, to move to another thread
          expect(b.byteLength).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
