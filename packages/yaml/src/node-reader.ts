/**
 * Typed access to a parsed YAML document with diagnostics: every read either returns a
 * value or reports why it could not (wrong type, bad value, missing key) at the right span,
 * and records in the source map which YAML node produced each IR node.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  LineIndex,
  didYouMean,
  pointerSegment,
  type Diagnostic,
  type Severity,
  type SourceMap,
  type Span,
} from '@rubric/model';

/** A YAML node after alias resolution. */
export type YNode = Scalar | YAMLMap | YAMLSeq;

/** How many alias dereferences one document may make (guards against alias bombs). */
const ALIAS_BUDGET = 10_000;

/** Shared state of one front-end run: the text, the diagnostics so far and the source map. */
export class Reader {
  readonly diagnostics: Diagnostic[] = [];
  readonly sourceMap: SourceMap = new Map();
  readonly lines: LineIndex;
  private aliasBudget = ALIAS_BUDGET;
  private aliasBudgetReported = false;

  constructor(
    readonly text: string,
    readonly file: string,
    readonly doc: Document.Parsed,
  ) {
    this.lines = new LineIndex(text);
  }

  /** Span of the offsets [start, end). */
  spanAt(start: number, end: number): Span {
    return this.lines.span(start, end);
  }

  /** Span of a node's value (without trailing comments), or the file start when it has no range. */
  spanOf(node: Node | null | undefined): Span {
    const r = node?.range;
    if (!r) return this.spanAt(0, 0);
    return this.spanAt(r[0], r[1]);
  }

  /** Reports a problem. */
  report(at: Span, code: string, message: string, hint?: string, severity: Severity = 'error'): void {
    const d: Diagnostic = { severity, code, message, file: this.file, span: at };
    if (hint !== undefined) d.hint = hint;
    this.diagnostics.push(d);
  }

  /** Whether any error has been reported. */
  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }

  /** Records that the IR node at `ptr` came from `at`. */
  mark(ptr: string, at: Span): void {
    this.sourceMap.set(ptr, at);
  }

  /** Follows aliases; null-valued or absent nodes give undefined. */
  resolve(node: unknown): YNode | undefined {
    let n = node;
    for (let hops = 0; isAlias(n); hops++) {
      if (--this.aliasBudget < 0 || hops > 100) {
        if (!this.aliasBudgetReported) {
          this.aliasBudgetReported = true;
          this.report(this.spanOf(n), 'yaml/bad-value', 'too many aliases: the document expands beyond what a rubric needs', 'write the repeated parts out, or use fewer `*` aliases');
        }
        return undefined;
      }
      n = n.resolve(this.doc);
    }
    if (isScalar(n) || isMap(n) || isSeq(n)) return n;
    return undefined;
  }
}

/** Whether a scalar is empty (`key:` with nothing, `~`, `null`). */
export function isNull(node: YNode | undefined): boolean {
  return node === undefined || (isScalar(node) && node.value === null);
}

/** Describes a node's kind for messages: "a list", "a map", "a number", "text", "nothing". */
export function describeNode(node: YNode | undefined): string {
  if (node === undefined || (isScalar(node) && node.value === null)) return 'nothing';
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  const v = node.value;
  if (typeof v === 'number' || typeof v === 'bigint') return `the number ${String(node.source ?? v)}`;
  if (typeof v === 'boolean') return `\`${String(v)}\``;
  return 'text';
}

/** A scalar's text as written: the source for plain scalars (so `1.10` stays `1.10`), the value otherwise. */
export function scalarText(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  if (node.type === 'PLAIN' || node.type === undefined) return node.source ?? String(node.value);
  return String(node.value);
}

/** One key of a map, with its value (aliases resolved; undefined when empty). */
export interface Entry {
  key: string;
  keyNode: Scalar;
  keySpan: Span;
  /** The value node; a null scalar when the key has an empty value. */
  valueNode: YNode | undefined;
  /** Span of the value, or of the key when the value is empty. */
  valueSpan: Span;
}

/** A YAML map seen as a record of keys, each read at most once with diagnostics. */
export class MapView {
  readonly entries: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();

  constructor(
    readonly r: Reader,
    readonly node: YAMLMap,
    /** Where to report keys missing from this map. */
    readonly at: Span,
    /** What the map is, for messages: "fact `x`", "an indicator"; callers may refine it once they know the id. */
    public what: string,
  ) {
    for (const pair of node.items) {
      const k = r.resolve(pair.key);
      if (!k || !isScalar(k)) {
        const keyAt = r.spanOf((pair.key as Node | null) ?? node);
        r.report(keyAt, 'yaml/wrong-type', `a key in ${what} must be a plain word, not ${describeNode(k)}`);
        continue;
      }
      const key = k.value === null ? '' : scalarText(k);
      if (this.byKey.has(key)) continue; // reported as yaml/duplicate-key by the parser
      const keySpan = r.spanOf(k);
      const valueNode = r.resolve(pair.value);
      const valueSpan = valueNode?.range && !isNull(valueNode) ? r.spanOf(valueNode) : keySpan;
      const e: Entry = { key, keyNode: k, keySpan, valueNode, valueSpan };
      this.entries.push(e);
      this.byKey.set(key, e);
    }
  }

  /** Whether the map has `key`. */
  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The entry for `key`, if present. */
  get(key: string): Entry | undefined {
    return this.byKey.get(key);
  }

  /** Reports every key not in `allowed` (with a did-you-mean hint). */
  checkKeys(allowed: readonly string[]): void {
    for (const e of this.entries) {
      if (allowed.includes(e.key)) continue;
      const hint = didYouMean(e.key, allowed) ?? `the keys of ${this.what} are ${allowed.map((k) => `\`${k}\``).join(', ')}`;
      this.r.report(e.keySpan, 'yaml/unknown-key', `unknown key \`${e.key}\` in ${this.what}`, hint);
    }
  }

  /** The entry for a required key, reporting `yaml/missing-key` when it is absent. */
  need(key: string, hint?: string): Entry | undefined {
    const e = this.byKey.get(key);
    if (!e) this.r.report(this.at, 'yaml/missing-key', `${this.what} needs \`${key}\``, hint);
    return e;
  }
}

/** Views a node as a map, reporting `yaml/wrong-type` otherwise. */
export function asMap(r: Reader, node: YNode | undefined, at: Span, what: string, ownerAt?: Span): MapView | undefined {
  if (node && isMap(node)) return new MapView(r, node, ownerAt ?? at, what);
  r.report(at, 'yaml/wrong-type', `${what} must be a map of keys, not ${describeNode(node)}`);
  return undefined;
}

/** Views a node as a list, reporting `yaml/wrong-type` otherwise. Items are alias-resolved. */
export function asList(r: Reader, node: YNode | undefined, at: Span, what: string): { node: YNode | undefined; span: Span }[] | undefined {
  if (node && isSeq(node)) {
    return node.items.map((item) => {
      const n = r.resolve(item);
      return { node: n, span: n?.range ? r.spanOf(n) : r.spanOf((item as Node | null) ?? node) };
    });
  }
  r.report(at, 'yaml/wrong-type', `${what} must be a list, not ${describeNode(node)}`, node && isMap(node) ? 'start each item with `- `' : undefined);
  return undefined;
}

/** Joins a JSON pointer with one more segment. */
export function child(ptr: string, seg: string | number): string {
  return `${ptr}/${pointerSegment(seg)}`;
}

/**
 * Reads a list of maps under `e` (records `ptr` → the key, each item's pointer → the
 * item), calling `read` on each map item. Items that are not maps are reported and skipped.
 */
export function readMapList<T>(
  r: Reader,
  e: Entry | undefined,
  ptr: string,
  itemWhat: (index: number) => string,
  read: (view: MapView, ptr: string, index: number) => T,
): T[] {
  if (!e) return [];
  r.mark(ptr, e.keySpan);
  if (isNull(e.valueNode)) return [];
  const items = asList(r, e.valueNode, e.valueSpan, `\`${e.key}\``);
  if (!items) return [];
  const out: T[] = [];
  items.forEach((item, i) => {
    const p = child(ptr, i);
    r.mark(p, item.span);
    const view = asMap(r, item.node, item.span, itemWhat(i));
    if (view) out.push(read(view, p, i));
  });
  return out;
}

/** "1st", "2nd"… for messages about list items. */
export function ordinal(i: number): string {
  const n = i + 1;
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
