/**
 * UTF-8 output of a chunk, built piece by piece into one growing byte buffer: no joined
 * string of the whole chunk and no second copy when it is encoded (a worker's output
 * used to be joined, then encoded: two passes over every byte).
 */

const encoder = new TextEncoder();

/** Appends texts and bytes as UTF-8; {@link Utf8Builder.take} hands over the bytes so far. */
export class Utf8Builder {
  /**
   * The buffer and how much of it is written. Public for writers that put bytes in place
   * (`json-utf8.ts`): they call {@link Utf8Builder.ensure} first and move `length` on.
   */
  buf: Uint8Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
  }

  /** Appends the UTF-8 bytes of `text`. */
  append(text: string): void {
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8.
    this.ensure(text.length * 3);
    this.length += encoder.encodeInto(text, this.buf.subarray(this.length)).written;
  }

  /** Appends bytes as they are. */
  appendBytes(bytes: Uint8Array): void {
    const n = bytes.length;
    this.ensure(n);
    if (n > 32) {
      this.buf.set(bytes, this.length);
      this.length += n;
      return;
    }
    // A loop beats TypedArray#set for the short pieces JSON is made of (keys, punctuation).
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < n; i++) buf[at++] = bytes[i]!;
    this.length = at;
  }

  /** Appends one byte. */
  appendByte(byte: number): void {
    if (this.length === this.buf.length) this.ensure(1);
    this.buf[this.length++] = byte;
  }

  /** Makes room for at least `n` more bytes. */
  ensure(n: number): void {
    if (this.buf.length - this.length >= n) return;
    const next = new Uint8Array(Math.max(this.length + n, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Bytes appended so far. */
  get byteLength(): number {
    return this.length;
  }

  /**
   * The bytes so far, copied into a buffer of their own, exactly as long, that can be moved
   * to another thread; the builder starts afresh and keeps its own buffer for the next chunk
   * (one reused buffer: a fresh one per chunk costs page faults and garbage collection).
   */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.length);
    this.length = 0;
    return out;
  }
}
