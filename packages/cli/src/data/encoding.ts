/**
 * Decoding data files that are not UTF-8. Chinese office software (WPS, Excel on a Chinese
 * Windows) exports CSV in GBK / GB18030 by default; read as UTF-8 such a file turns every
 * label and level into U+FFFD. `--encoding auto` (the default) tells the two apart from the
 * bytes, streaming: a UTF-8 byte order mark means UTF-8; otherwise ASCII passes as it is
 * (both encodings agree on it) and the first stretch of non-ASCII bytes decides — valid
 * UTF-8 there means UTF-8, anything else GB18030 (a superset of GBK).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** The encodings `--encoding` takes. */
export type DataEncoding = 'auto' | 'utf8' | 'gbk' | 'gb18030';

/** Every `--encoding` value, in the order help texts list them. */
export const DATA_ENCODINGS: readonly DataEncoding[] = ['auto', 'utf8', 'gbk', 'gb18030'];

/** How many bytes from the first non-ASCII byte `auto` looks at before it decides. */
const SNIFF_BYTES = 4096;

/** What decoding found, reported on stderr by the caller. */
export interface DecodeNotes {
  /** The encoding `auto` chose, once it has chosen (undefined while the text is ASCII). */
  chosen?: 'utf8' | 'gb18030' | 'utf16';
  /** Byte offset of the first byte that is not valid in the encoding used (read as U+FFFD). */
  firstBadByte?: number;
}

/** Options for {@link decodeData}. */
export interface DecodeOptions {
  /** Called once when `auto` decides on an encoding other than UTF-8, or bad bytes are met. */
  onNote?: (notes: DecodeNotes) => void;
  /** Called with the length of each chunk of bytes read, before decoding (a progress bar's count: the file's size is in bytes). */
  onBytes?: (n: number) => void;
}

/**
 * Decodes a stream of bytes to text in `encoding`, chunk by chunk. Bytes that are not valid
 * become U+FFFD (the record holding them then fails validation) rather than stopping the batch.
 */
export async function* decodeData(bytes: AsyncIterable<Buffer | string>, encoding: DataEncoding, options: DecodeOptions = {}): AsyncGenerator<string> {
  const notes: DecodeNotes = {};
  let decoder: { write(b: Buffer): string; end(): string | undefined } | undefined;
  let utf8Check: Utf8Check | undefined;
  let held: Buffer = Buffer.alloc(0);
  let offset = 0;
  const choose = (enc: 'utf8' | 'gbk' | 'gb18030' | 'utf16'): void => {
    decoder = iconv.getDecoder(enc === 'utf16' ? 'utf-16' : enc);
    if (enc === 'utf8') utf8Check = new Utf8Check(offset);
    if (encoding === 'auto') {
      notes.chosen = enc as 'utf8' | 'gb18030' | 'utf16';
      if (enc !== 'utf8') options.onNote?.({ ...notes });
    }
  };
  const run = (buf: Buffer): string => {
    if (utf8Check && notes.firstBadByte === undefined) {
      const bad = utf8Check.push(buf);
      if (bad !== undefined) {
        notes.firstBadByte = bad;
        options.onNote?.({ ...notes });
      }
    }
    return decoder!.write(buf);
  };
  if (encoding !== 'auto') choose(encoding);
  for await (const raw of bytes) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    options.onBytes?.(chunk.length);
    if (decoder) {
      const text = run(chunk);
      if (text !== '') yield text;
      continue;
    }
    held = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
    const decided = sniff(held, false, offset === 0);
    if (decided === undefined) {
      // Still undecided: pass on the ASCII before the first non-ASCII byte.
      const ascii = asciiPrefix(held);
      if (ascii > 0 && !startsLikeBom(held)) {
        yield held.toString('latin1', 0, ascii);
        offset += ascii;
        held = held.subarray(ascii);
      }
      continue;
    }
    choose(decided);
    const text = run(held);
    held = Buffer.alloc(0);
    if (text !== '') yield text;
  }
  if (!decoder) {
    if (held.length === 0) return;
    choose(sniff(held, true, offset === 0) ?? 'utf8');
    const text = run(held);
    if (text !== '') yield text;
  }
  if (utf8Check && notes.firstBadByte === undefined) {
    const bad = utf8Check.end();
    if (bad !== undefined) options.onNote?.({ ...notes, firstBadByte: bad });
  }
  const rest = decoder!.end();
  if (rest) yield rest;
}

/** Whether the bytes may be the start of a byte order mark (wait for more before passing them on). */
function startsLikeBom(b: Buffer): boolean {
  const bom = [0xef, 0xbb, 0xbf];
  return b.length < 3 && b.every((x, i) => x === bom[i]);
}

/** How many leading bytes are ASCII. */
function asciiPrefix(b: Buffer): number {
  // Most data files are ASCII chunk after chunk: one native check instead of a loop per byte.
  if (isAscii(b)) return b.length;
  let i = 0;
  while (i < b.length && b[i]! < 0x80) i++;
  return i;
}

/** The encoding the bytes so far show, or undefined when they do not tell yet (`atEnd`: no more will come). */
function sniff(b: Buffer, atEnd: boolean, atStart: boolean): 'utf8' | 'gb18030' | 'utf16' | undefined {
  if (!atStart) return sniffText(b, atEnd);
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf8';
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return 'utf16';
  return sniffText(b, atEnd);
}

function sniffText(b: Buffer, atEnd: boolean): 'utf8' | 'gb18030' | undefined {
  const start = asciiPrefix(b);
  if (start === b.length) return atEnd ? 'utf8' : undefined;
  if (!atEnd && b.length - start < SNIFF_BYTES) return undefined;
  let end = Math.min(b.length, start + SNIFF_BYTES);
  if (end < b.length || !atEnd) end = completeEnd(b, start, end);
  return isUtf8(b.subarray(start, end)) ? 'utf8' : 'gb18030';
}

/** `end` moved back so the range does not cut a UTF-8 sequence in two. */
function completeEnd(b: Buffer, start: number, end: number): number {
  for (let back = 1; back <= 3 && end - back >= start; back++) {
    const c = b[end - back]!;
    if (c < 0x80) return end;
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return need > back ? end - back : end;
    }
  }
  return end;
}

/** Checks streamed bytes for invalid UTF-8, across chunk boundaries. */
class Utf8Check {
  private carry = Buffer.alloc(0);

  /** `seen`: how many bytes came before the first one checked. */
  constructor(private seen: number) {}

  /** The offset of the first invalid byte in the chunk's region, if any (approximate: the chunk's start). */
  push(chunk: Buffer): number | undefined {
    const b = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const end = completeEnd(b, 0, b.length);
    const base = this.seen;
    this.seen += end;
    this.carry = Buffer.from(b.subarray(end));
    return isUtf8(b.subarray(0, end)) ? undefined : base + firstInvalid(b.subarray(0, end));
  }

  /** At the end: a sequence left unfinished is invalid. */
  end(): number | undefined {
    return this.carry.length > 0 ? this.seen : undefined;
  }
}

/** The offset of the first invalid UTF-8 byte in `b` (which is known to hold one). */
function firstInvalid(b: Buffer): number {
  let lo = 0;
  let hi = b.length;
  // Binary search on the longest valid prefix (cut at sequence boundaries).
  while (hi - lo > 4) {
    const mid = completeEnd(b, 0, (lo + hi) >> 1);
    if (mid <= lo) break;
    if (isUtf8(b.subarray(0, mid))) lo = mid;
    else hi = mid;
  }
  return lo;
}
