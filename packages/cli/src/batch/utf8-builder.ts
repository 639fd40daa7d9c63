/**
 * UTF-8 output of a chunk, built text by text into one growing byte buffer: no joined
 * string of the whole chunk and no second copy when it is encoded (a worker's output
 * used to be joined, then encoded: two passes over every byte).
 */

const encoder = new TextEncoder();

/** Appends texts as UTF-8; {@link Utf8Builder.take} hands over the bytes so far. */
export class Utf8Builder {
  private buf: Uint8Array;
  private length = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
  }

  /** Appends the UTF-8 bytes of `text`. */
  append(text: string): void {
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8.
    const most = text.length * 3;
    if (this.buf.length - this.length < most) this.grow(this.length + most);
    this.length += encoder.encodeInto(text, this.buf.subarray(this.length)).written;
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

  private grow(needed: number): void {
    const next = new Uint8Array(Math.max(needed, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}
