/**
 * Positions for IR JSON rubrics. `JSON.parse` gives the value (so the IR is exactly what it
 * always was) but no positions; this scanner walks the same text again to find where
 * malformed text stops being JSON and, for valid text, to index where each value lies, so
 * that a JSON pointer can be turned into the span of its value. It keeps an explicit stack
 * (never recursion), so no input can overflow it.
 */
import { LineIndex, pointerSegment, type Span } from '@rubric/model';

/** What the scanner reports: values begin and end in document order, nested like brackets. */
interface Events {
  /** A value starts at `start`; in an object, its key's text (quotes included) is [keyStart, keyEnd), else both are -1. */
  begin(start: number, keyStart: number, keyEnd: number, keyEscaped: boolean): void;
  /** The innermost value that has begun and not ended ends before `end`. */
  end(end: number): void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** The single-character escapes JSON allows after a backslash: `" \ / b f n r t`. */
function isSimpleEscape(c: number): boolean {
  return c === QUOTE || c === BACKSLASH || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74;
}

/** One pass over JSON text, with the grammar of RFC 8259 as `JSON.parse` applies it. */
class Scanner {
  private pos = 0;
  /** The key of the value about to begin: its text [keyStart, keyEnd), -1 outside an object. */
  private keyStart = -1;
  private keyEnd = -1;
  private keyEscaped = false;

  constructor(
    private readonly text: string,
    private readonly events: Events | undefined,
  ) {}

  private skipSpace(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else return;
    }
  }

  /** Reads a string at `pos` (a `"`); returns whether it holds a backslash, or undefined when it is not valid. */
  private string(): boolean | undefined {
    const t = this.text;
    let escaped = false;
    this.pos++;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === QUOTE) {
        this.pos++;
        return escaped;
      }
      // NaN (the end of the text) and control characters end a string badly.
      if (!(c >= 0x20)) return undefined;
      this.pos++;
      if (c === BACKSLASH) {
        escaped = true;
        const e = t.charCodeAt(this.pos);
        if (isSimpleEscape(e)) this.pos++;
        else if (e === 0x75) {
          this.pos++;
          for (let k = 0; k < 4; k++) {
            if (!isHex(t.charCodeAt(this.pos))) return undefined;
            this.pos++;
          }
        } else return undefined;
      }
    }
  }

  /** Reads digits; returns whether there was at least one. */
  private digits(): boolean {
    const from = this.pos;
    while (isDigit(this.text.charCodeAt(this.pos))) this.pos++;
    return this.pos > from;
  }

  /** Reads a number at `pos`; false (with `pos` at the offending character) when it is not one. */
  private number(): boolean {
    const t = this.text;
    if (t.charCodeAt(this.pos) === MINUS) this.pos++;
    if (t.charCodeAt(this.pos) === DIGIT_0) this.pos++;
    else if (!this.digits()) return false;
    if (t.charCodeAt(this.pos) === 0x2e) {
      this.pos++;
      if (!this.digits()) return false;
    }
    const e = t.charCodeAt(this.pos);
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      const sign = t.charCodeAt(this.pos);
      if (sign === 0x2b || sign === MINUS) this.pos++;
      if (!this.digits()) return false;
    }
    return true;
  }

  /** Reads `true`, `false` or `null`, stopping at the first character that differs. */
  private literal(word: string): boolean {
    for (let k = 0; k < word.length; k++, this.pos++) if (this.text.charCodeAt(this.pos) !== word.charCodeAt(k)) return false;
    return true;
  }

  /** Reads a scalar value at `pos`; false (with `pos` at the offending character) when there is none. */
  private scalar(): boolean {
    const c = this.text.charCodeAt(this.pos);
    if (c === QUOTE) return this.string() !== undefined;
    if (c === MINUS || isDigit(c)) return this.number();
    if (c === 0x74) return this.literal('true');
    if (c === 0x66) return this.literal('false');
    if (c === 0x6e) return this.literal('null');
    return false;
  }

  /**
   * Scans the whole text: -1 when it is one JSON value with only whitespace around it, else
   * the offset of the first character that cannot continue it (the text's length when it ends
   * too soon): the position `JSON.parse` names in its messages.
   */
  run(): number {
    const t = this.text;
    const events = this.events;
    // For each open container, whether it is an array.
    const arrays: boolean[] = [];
    for (;;) {
      // A value is expected at `pos`.
      this.skipSpace();
      const c = t.charCodeAt(this.pos);
      events?.begin(this.pos, this.keyStart, this.keyEnd, this.keyEscaped);
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        const array = c === OPEN_BRACKET;
        this.pos++;
        this.skipSpace();
        if (t.charCodeAt(this.pos) === (array ? CLOSE_BRACKET : CLOSE_BRACE)) {
          this.pos++;
          events?.end(this.pos);
        } else {
          arrays.push(array);
          if (array) this.noKey();
          else if (!this.key()) return this.pos;
          continue;
        }
      } else {
        if (!this.scalar()) return this.pos;
        events?.end(this.pos);
      }
      // A value has ended: close containers until one goes on after a comma.
      for (;;) {
        this.skipSpace();
        if (arrays.length === 0) return this.pos === t.length ? -1 : this.pos;
        const array = arrays[arrays.length - 1];
        const d = t.charCodeAt(this.pos);
        if (d === COMMA) {
          this.pos++;
          if (array) this.noKey();
          else {
            this.skipSpace();
            if (!this.key()) return this.pos;
          }
          break;
        }
        if (d !== (array ? CLOSE_BRACKET : CLOSE_BRACE)) return this.pos;
        this.pos++;
        arrays.pop();
        events?.end(this.pos);
      }
    }
  }

  private noKey(): void {
    this.keyStart = this.keyEnd = -1;
    this.keyEscaped = false;
  }

  /** Reads `"key" :` at `pos` into keyStart/keyEnd/keyEscaped; false when it is not there. */
  private key(): boolean {
    const t = this.text;
    if (t.charCodeAt(this.pos) !== QUOTE) return false;
    this.keyStart = this.pos;
    const escaped = this.string();
    if (escaped === undefined) return false;
    this.keyEnd = this.pos;
    this.keyEscaped = escaped;
    this.skipSpace();
    if (t.charCodeAt(this.pos) !== COLON) return false;
    this.pos++;
    return true;
  }
}

/**
 * Where `text` stops being JSON: the offset of the offending character (its length when the
 * text ends too soon), or -1 when it is valid JSON.
 */
export function jsonErrorOffset(text: string): number {
  return new Scanner(text, undefined).run();
}

/**
 * Where each value of valid JSON text lies, as a tree of numbered nodes (document order):
 * plain arrays of offsets, so indexing a large IR file is one quick pass that builds no
 * pointer string and no object per value.
 */
class JsonIndex implements Events {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** Offset of the node's key in its object (at its opening quote), or -1. */
  readonly keyStarts: number[] = [];
  readonly keyEnds: number[] = [];
  readonly firstChild: number[] = [];
  readonly nextSibling: number[] = [];
  /** Nodes whose key has a backslash escape (rare), compared by decoding it. */
  readonly escapedKeys = new Set<number>();
  private readonly open: number[] = [];
  private readonly lastChild: number[] = [];

  constructor(readonly text: string) {}

  begin(start: number, keyStart: number, keyEnd: number, keyEscaped: boolean): void {
    const id = this.starts.length;
    this.starts.push(start);
    this.ends.push(start);
    this.keyStarts.push(keyStart);
    this.keyEnds.push(keyEnd);
    this.firstChild.push(-1);
    this.nextSibling.push(-1);
    if (keyEscaped) this.escapedKeys.add(id);
    const depth = this.open.length;
    if (depth > 0) {
      const previous = this.lastChild[depth - 1]!;
      if (previous < 0) this.firstChild[this.open[depth - 1]!] = id;
      else this.nextSibling[previous] = id;
      this.lastChild[depth - 1] = id;
    }
    this.open.push(id);
    this.lastChild.push(-1);
  }

  end(end: number): void {
    this.ends[this.open.pop()!] = end;
    this.lastChild.pop();
  }

  isObject(node: number): boolean {
    return this.text.charCodeAt(this.starts[node]!) === OPEN_BRACE;
  }

  isArray(node: number): boolean {
    return this.text.charCodeAt(this.starts[node]!) === OPEN_BRACKET;
  }

  /** The decoded key of a member node. */
  key(node: number): string {
    const s = this.keyStarts[node]!;
    const e = this.keyEnds[node]!;
    return this.escapedKeys.has(node) ? (JSON.parse(this.text.slice(s, e)) as string) : this.text.slice(s + 1, e - 1);
  }

  /** Whether a member node's key is `key`, without copying it out of the text. */
  private hasKey(node: number, key: string): boolean {
    if (this.escapedKeys.has(node)) return this.key(node) === key;
    const s = this.keyStarts[node]! + 1;
    return this.keyEnds[node]! - 1 - s === key.length && this.text.startsWith(key, s);
  }

  /** The node of an object's member; with a key twice, the last, as `JSON.parse` keeps it. */
  member(node: number, key: string): number {
    let found = -1;
    for (let c = this.firstChild[node]!; c >= 0; c = this.nextSibling[c]!) if (this.hasKey(c, key)) found = c;
    return found;
  }

  /** The node of an array's element, or -1. */
  element(node: number, index: number): number {
    let c = this.firstChild[node]!;
    for (let i = 0; i < index && c >= 0; i++) c = this.nextSibling[c]!;
    return c;
  }

  /** The node a JSON pointer names, or -1 when the value has no such node. */
  find(pointer: string): number {
    if (this.starts.length === 0) return -1;
    if (pointer === '') return 0;
    if (pointer.charCodeAt(0) !== 0x2f) return -1;
    let node = 0;
    for (const raw of pointer.slice(1).split('/')) {
      const segment = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
      if (this.isObject(node)) node = this.member(node, segment);
      else if (this.isArray(node) && /^(0|[1-9][0-9]*)$/.test(segment)) node = this.element(node, Number(segment));
      else return -1;
      if (node < 0) return -1;
    }
    return node;
  }

  /** Every pointer of the value with its node; of an object's repeated key, only the kept one. */
  *all(): Generator<[string, number]> {
    if (this.starts.length === 0) return;
    const stack: [string, number][] = [['', 0]];
    for (let top = stack.pop(); top; top = stack.pop()) {
      yield top;
      const [pointer, node] = top;
      const children: [string, number][] = [];
      if (this.isArray(node)) {
        let i = 0;
        for (let c = this.firstChild[node]!; c >= 0; c = this.nextSibling[c]!) children.push([`${pointer}/${i++}`, c]);
      } else if (this.isObject(node)) {
        const kept = new Map<string, number>();
        for (let c = this.firstChild[node]!; c >= 0; c = this.nextSibling[c]!) kept.set(this.key(c), c);
        for (const [k, c] of kept) children.push([`${pointer}/${pointerSegment(k)}`, c]);
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
}

/**
 * The source map of valid JSON text (as `JSON.parse` accepted it): every JSON pointer of the
 * value → the span of the text that gave it. Nothing is worked out until the first lookup,
 * so loading a clean rubric costs nothing; then the text is indexed once (a large IR file has
 * hundreds of thousands of values, of which a checker error needs a handful) and each lookup
 * walks the index along the pointer. With a key twice in one object, `JSON.parse` keeps the
 * last, and so does the map. Iterating it, or changing it, turns it into a plain map first.
 */
export class JsonSourceMap extends Map<string, Span> {
  private index: JsonIndex | undefined;
  private lines: LineIndex | undefined;
  /** Whether every entry is in the underlying map (after iteration or a change). */
  private plain = false;

  constructor(private readonly text: string) {
    super();
  }

  private ensureIndex(): JsonIndex {
    if (!this.index) {
      this.index = new JsonIndex(this.text);
      new Scanner(this.text, this.index).run();
    }
    return this.index;
  }

  private spanOf(node: number): Span {
    this.lines ??= new LineIndex(this.text);
    const index = this.ensureIndex();
    return this.lines.span(index.starts[node]!, index.ends[node]!);
  }

  private makePlain(): void {
    if (this.plain) return;
    this.plain = true;
    for (const [pointer, node] of this.ensureIndex().all()) super.set(pointer, this.spanOf(node));
  }

  override get(key: string): Span | undefined {
    if (this.plain) return super.get(key);
    const node = this.ensureIndex().find(key);
    return node < 0 ? undefined : this.spanOf(node);
  }

  override has(key: string): boolean {
    return this.plain ? super.has(key) : this.ensureIndex().find(key) >= 0;
  }

  override set(key: string, span: Span): this {
    this.makePlain();
    return super.set(key, span);
  }

  override delete(key: string): boolean {
    this.makePlain();
    return super.delete(key);
  }

  override clear(): void {
    this.plain = true;
    super.clear();
  }

  override get size(): number {
    this.makePlain();
    return super.size;
  }

  override keys(): MapIterator<string> {
    this.makePlain();
    return super.keys();
  }

  override values(): MapIterator<Span> {
    this.makePlain();
    return super.values();
  }

  override entries(): MapIterator<[string, Span]> {
    this.makePlain();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, Span]> {
    return this.entries();
  }

  override forEach(fn: (value: Span, key: string, map: Map<string, Span>) => void, thisArg?: unknown): void {
    this.makePlain();
    super.forEach(fn, thisArg);
  }
}
