/**
 * Shared state and readers for turning statement CSTs into the IR: the issues found, the
 * source map (JSON pointer → span), the comment anchors, and readers for names, text,
 * numbers, dates and expressions that report what is wrong with them.
 *
 * Builders only see statements that parsed without syntax errors, so every token they
 * read is real (none was inserted by error recovery).
 */
import type { CstNode, IToken } from 'chevrotain';
import { tokenMatcher } from './chevrotain.js';
import { Decimal, LineIndex, isCalendarDate, isExactNumber, pointerSegment, type Expr, type Span } from '@rubric/model';
import { textTokenValue } from './expression-lexer.js';
import { ExpressionVisitor } from './expression-visitor.js';
import { parseExpression } from './parse-expression.js';
import { dslIssue, type DslIssue, type DslIssueCode } from './dsl-issues.js';
import { DoubleQuotedText, Minus, NumberLiteral, Pipe, SingleEqual, WRONG_OPERATORS } from './tokens.js';
import { DateLiteral } from './dsl-tokens.js';

/** A place in the file: 0-based offsets, end exclusive. */
export interface Range {
  start: number;
  end: number;
}

/** Where a comment can attach: an IR node and the offset of the first token of its line. */
export interface Anchor {
  pointer: string;
  offset: number;
}

/**
 * A source map that only appends while the front end runs: hundreds of thousands of
 * pointers for a large rubric, of which the checker looks up a handful, and none for a
 * clean one. The index of pointers, and each pointer's line and column, are worked out
 * on the first lookup; an expression's sub-nodes only when a pointer under it is asked for.
 */
export class LazySourceMap extends Map<string, Span> {
  private readonly keyList: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private index: Map<string, number> | undefined;
  /** Pointers whose sub-nodes are registered on first use (an expression's nodes), and how. */
  private readonly laterKeys: string[] = [];
  private readonly laterFns: (() => Iterable<[string, Range]>)[] = [];
  private pending: Map<string, () => Iterable<[string, Range]>> | undefined;

  constructor(private readonly lines: LineIndex) {
    super();
  }

  /** Records a range (a later one for the same pointer wins). */
  setRange(key: string, range: Range): void {
    this.index?.set(key, this.keyList.length);
    if (this.index) super.delete(key);
    this.keyList.push(key);
    this.starts.push(range.start);
    this.ends.push(range.end);
  }

  /** Registers the nodes under `prefix` only when a pointer under it is looked up. */
  setLater(prefix: string, entries: () => Iterable<[string, Range]>): void {
    if (this.pending) this.pending.set(prefix, entries);
    else {
      this.laterKeys.push(prefix);
      this.laterFns.push(entries);
    }
  }

  private ensurePending(): Map<string, () => Iterable<[string, Range]>> {
    if (!this.pending) {
      this.pending = new Map();
      this.laterKeys.forEach((k, i) => this.pending!.set(k, this.laterFns[i]!));
      this.laterKeys.length = 0;
      this.laterFns.length = 0;
    }
    return this.pending;
  }

  private ensureIndex(): Map<string, number> {
    if (!this.index) {
      this.index = new Map();
      this.keyList.forEach((k, i) => this.index!.set(k, i));
    }
    return this.index;
  }

  /** Registers the pending nodes a lookup of `key` may need. */
  private expandFor(key: string): void {
    const pending = this.ensurePending();
    if (pending.size === 0) return;
    const index = this.ensureIndex();
    for (let p = key; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const entries = pending.get(p);
      if (entries) {
        pending.delete(p);
        for (const [k, r] of entries()) if (!index.has(k)) this.setRange(k, r);
      }
      if (p === '') return;
    }
  }

  private expandAll(): void {
    for (const p of [...this.ensurePending().keys()]) this.expandFor(p);
  }

  private position(key: string): number | undefined {
    const index = this.ensureIndex();
    let i = index.get(key);
    if (i === undefined) {
      this.expandFor(key);
      i = index.get(key);
    }
    return i;
  }

  override get(key: string): Span | undefined {
    const done = super.get(key);
    if (done) return done;
    const i = this.position(key);
    if (i === undefined) return undefined;
    const span = this.lines.span(this.starts[i]!, this.ends[i]!);
    super.set(key, span);
    return span;
  }

  override has(key: string): boolean {
    return this.position(key) !== undefined;
  }

  override set(key: string, span: Span): this {
    this.setRange(key, { start: span.start.offset, end: span.end.offset });
    super.set(key, span);
    return this;
  }

  override delete(key: string): boolean {
    super.delete(key);
    return this.ensureIndex().delete(key);
  }

  override clear(): void {
    super.clear();
    this.ensureIndex().clear();
    this.ensurePending().clear();
  }

  override get size(): number {
    this.expandAll();
    return this.ensureIndex().size;
  }

  override keys(): MapIterator<string> {
    this.expandAll();
    return this.ensureIndex().keys();
  }

  override *entries(): MapIterator<[string, Span]> {
    this.expandAll();
    for (const k of [...this.ensureIndex().keys()]) yield [k, this.get(k)!];
  }

  override *values(): MapIterator<Span> {
    for (const [, v] of this.entries()) yield v;
  }

  override [Symbol.iterator](): MapIterator<[string, Span]> {
    return this.entries();
  }

  override forEach(fn: (value: Span, key: string, map: Map<string, Span>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}

/** The state of one front-end run. */
export class BuildContext {
  readonly issues: DslIssue[] = [];
  readonly sourceMap: LazySourceMap;
  readonly anchors: Anchor[] = [];
  readonly lines: LineIndex;
  /**
   * Whether the statement being built had words left over (a misspelt clause, reported
   * already): then a clause it lacks may be that one, so "missing" is not reported.
   */
  partial = false;

  constructor(
    readonly text: string,
    /** Every token of the file, in order (for checks over an expression's tokens). */
    readonly tokens: readonly IToken[],
    lines?: LineIndex,
  ) {
    this.lines = lines ?? new LineIndex(text);
    this.sourceMap = new LazySourceMap(this.lines);
  }

  /** Reports a problem. */
  error(code: DslIssueCode | `expr/${string}`, message: string, at: Range, hint: string): void {
    this.issues.push(dslIssue(code, message, at.start, at.end, hint));
  }

  /** Records that the IR node at `ptr` came from `at`. */
  mark(ptr: string, at: Range): void {
    this.sourceMap.setRange(ptr, at);
  }

  /** Records that a comment on the line starting at `token` belongs to the IR node at `ptr`. */
  anchor(ptr: string, token: IToken): void {
    this.anchors.push({ pointer: ptr, offset: token.startOffset });
  }

  /**
   * Builds an expression from its CST node, records the spans of its nodes under `ptr`, and
   * reports its problems (and any misspelt operator among its tokens).
   */
  expression(node: CstNode | undefined, ptr: string): Expr | undefined {
    if (!node) return undefined;
    const visitor = new ExpressionVisitor(this.text);
    let built;
    try {
      built = visitor.expression(node);
    } catch {
      built = undefined;
    }
    for (const i of visitor.issues) this.issues.push(i);
    if (!built) {
      if (visitor.issues.length === 0) this.error('expr/empty', 'the expression could not be read', rangeOfNode(node), 'see docs/expressions.md for how expressions are written');
      return undefined;
    }
    this.checkOperators(built.start, built.end);
    this.mark(ptr, built);
    // Sub-node spans are worked out only if something under this pointer is looked up, by
    // reading the expression's text again (so nothing of this parse is kept alive meanwhile).
    const { start, end } = built;
    const text = this.text;
    this.sourceMap.setLater(ptr, function* () {
      for (const [rel, r] of parseExpression(text.slice(start, end)).spans) yield [ptr + rel, { start: start + r.start, end: start + r.end }];
    });
    return built.expr;
  }

  /** Tokens accepted only to keep parsing (`=`, `&&`, `|`…), in order; usually none. */
  private suspects: IToken[] | undefined;

  /** Reports the operators that are accepted only to keep parsing (`=`, `&&`, `|`…) in [start, end). */
  private checkOperators(start: number, end: number): void {
    this.suspects ??= this.tokens.filter((t) => WRONG_OPERATORS.has(t.tokenType) || t.tokenType === Pipe);
    const suspects = this.suspects;
    if (suspects.length === 0) return;
    let lo = 0;
    let hi = suspects.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (suspects[mid]!.startOffset < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < suspects.length; i++) {
      const t = suspects[i]!;
      if (t.startOffset >= end) break;
      const instead = WRONG_OPERATORS.get(t.tokenType) ?? 'or';
      const at = this.tokenIndex(t);
      const next = this.tokens[at + 1];
      const prev = this.tokens[at - 1];
      const hint =
        t.tokenType === SingleEqual
          ? next && /^[A-Za-z_]\w*$/.test(next.image)
            ? `use \`is\` to compare with a level: \`${prev?.image ?? 'x'} is ${next.image}\` (or \`==\` to compare two values)`
            : 'use `==` to compare'
          : `use \`${instead}\``;
      const message = t.tokenType === SingleEqual ? 'a single `=` cannot compare values' : `\`${t.image}\` is not an operator of this language`;
      this.error('expr/wrong-operator', message, { start: t.startOffset, end: t.startOffset + t.image.length }, hint);
    }
  }

  /** The index of a token in the file's tokens. */
  private tokenIndex(t: IToken): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.startOffset < t.startOffset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---------------------------------------------------------------- CST access

/** The tokens under `key`. */
export function toks(node: CstNode | undefined, key: string): IToken[] {
  return (node?.children[key] ?? []) as IToken[];
}

/** The first token under `key`. */
export function tok(node: CstNode | undefined, key: string): IToken | undefined {
  return toks(node, key)[0];
}

/** The nodes under `key`. */
export function subs(node: CstNode | undefined, key: string): CstNode[] {
  return (node?.children[key] ?? []) as CstNode[];
}

/** The first node under `key`. */
export function sub(node: CstNode | undefined, key: string): CstNode | undefined {
  return subs(node, key)[0];
}

/** The range of a token. */
export function rangeOf(t: IToken): Range {
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

/** The range of a CST node (tracked with `nodeLocationTracking: "full"`). */
export function rangeOfNode(n: CstNode): Range {
  const loc = n.location;
  if (!loc || !Number.isFinite(loc.startOffset)) return { start: 0, end: 0 };
  const end = loc.endOffset !== undefined && Number.isFinite(loc.endOffset) ? loc.endOffset + 1 : loc.startOffset;
  return { start: loc.startOffset, end };
}

/** The range from the start of `a` to the end of `b`. */
export function join(a: Range, b: Range): Range {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** Joins a JSON pointer with one more segment. */
export function child(ptr: string, seg: string | number): string {
  if (typeof seg === 'number' || !/[~/]/.test(seg)) return `${ptr}/${seg}`;
  return `${ptr}/${pointerSegment(seg)}`;
}

/** Sets an optional property only when the value is present (keeps absent keys absent). */
export function setOpt<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) obj[key] = value;
}

/** Defines an own enumerable property (so keys like `__proto__` stay data). */
export function defineKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  // Only `__proto__` needs defineProperty; plain assignment keeps objects fast.
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

// ---------------------------------------------------------------- values

/** The decoded value of a text token. */
export function textOf(t: IToken): string {
  // Most text has no escapes: its value is what is between the quotes.
  if (t.tokenType === DoubleQuotedText && !t.image.includes('\\')) return t.image.slice(1, -1);
  return textTokenValue(t);
}

/** A number as written, with its range. */
export interface ReadNumber {
  value: number;
  range: Range;
}

/** Options for {@link readNumber}. */
export interface NumberOptions {
  /** What the number is, for messages ("the points of indicator `x`"). */
  what: string;
  /** Smallest allowed value (0 for points). */
  min?: number;
}

/**
 * Reads a `signedNumber` node: exact (at most 15 significant digits), `-0` as 0. Malformed
 * digits were reported by the lexer and give undefined quietly.
 */
export function readNumber(ctx: BuildContext, node: CstNode | undefined, opts: NumberOptions): ReadNumber | undefined {
  if (!node) return undefined;
  const digits = tok(node, NumberLiteral.name);
  if (!digits) return undefined;
  const minus = tok(node, Minus.name);
  const range = minus ? join(rangeOf(minus), rangeOf(digits)) : rangeOf(digits);
  if (!/^\d+(?:\.\d+)?$/.test(digits.image)) return undefined;
  const n = exactValue(digits.image);
  if (n === undefined) {
    ctx.error('dsl/bad-number', `${opts.what} cannot be held exactly: ${digits.image} has more than 15 significant digits`, range, 'round it to at most 15 significant digits');
    return undefined;
  }
  const value = minus && n !== 0 ? -n : n;
  if (opts.min !== undefined && value < opts.min) {
    ctx.error('dsl/bad-value', `${opts.what} cannot be negative`, range, `write a number of at least ${opts.min}`);
    return undefined;
  }
  return { value, range };
}

/**
 * The number that plain decimal digits stand for, when a JS number holds it exactly (at
 * most 15 significant digits); undefined otherwise.
 */
export function exactValue(digits: string): number | undefined {
  const significant = digits.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (significant.length <= 15 && digits.length < 300) return Number(digits);
  const dec = Decimal.parse(digits);
  if (!dec) return undefined;
  const n = dec.toNumber();
  return isExactNumber(n) && Decimal.fromNumber(n).eq(dec) ? n : undefined;
}

/** Reads a date token: `YYYY-MM-DD`, a real calendar day. */
export function readDate(ctx: BuildContext, t: IToken | undefined, what: string): string | undefined {
  if (!t) return undefined;
  if (!tokenMatcher(t, DateLiteral)) return undefined;
  const s = t.image;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const [y, m, d] = s.split('-');
    ctx.error('dsl/bad-date', `${what} must be written YYYY-MM-DD, not \`${s}\``, rangeOf(t), `with a zero before one-digit months and days: ${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`);
    return undefined;
  }
  if (!isCalendarDate(s)) {
    ctx.error('dsl/bad-date', `${what}: ${s} is not a date in the calendar`, rangeOf(t), 'check the month and the day');
    return undefined;
  }
  return s;
}
