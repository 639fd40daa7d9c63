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

  constructor(private capacity = 1 << 16) {
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
   * The bytes so far, in a buffer of their own that can be moved to another thread (its
   * `.buffer` may be longer than the view); the builder starts afresh.
   */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.length);
    // The next chunk is likely about as large as this one.
    this.capacity = Math.max(this.capacity, this.length + (this.length >> 3));
    this.buf = new Uint8Array(this.capacity);
    this.length = 0;
    return out;
  }

  private grow(needed: number): void {
    const next = new Uint8Array(Math.max(needed, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}
