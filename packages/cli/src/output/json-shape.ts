/**
 * The shape of JSON values seen so far (which keys, in which order, what kind of value under
 * each), and a writer function compiled for a shape. `json-utf8.ts` uses them to write the
 * results of a batch, which nearly all share a few shapes, without `JSON.stringify`'s work per
 * key: the keys and punctuation become constant bytes, and the values are written straight
 * into the output buffer.
 *
 * The compiled function checks every value against the shape as it writes (keys and their
 * order, value kinds, no `toJSON`) and returns false at the first difference; the caller then
 * writes that value the general way. So a shape only decides speed, never the text.
 */
import type { Utf8Builder } from './utf8-builder.js';

/** What a value seen at one place was. */
export type Shape =
  | { kind: 'string' | 'number' | 'boolean' | 'null' | 'primitive' }
  /** Anything else, or too many different shapes: written the general way. */
  | { kind: 'any' }
  | { kind: 'array'; element: Shape | undefined }
  | { kind: 'object'; keys: string[]; fields: Shape[] }
  /** Objects with different key lists (a few). */
  | { kind: 'variants'; objects: ObjectShape[] };

type ObjectShape = Extract<Shape, { kind: 'object' }>;

const BYTE = { '[': Uint8Array.of(91), ']': Uint8Array.of(93), ',': Uint8Array.of(44), '}': Uint8Array.of(125) } as const;

/** How many different objects one place may hold before it is written the general way. */
const MAX_VARIANTS = 4;
/** Objects with more keys are written by a loop over their keys, not key by key. */
const MAX_INLINE_KEYS = 64;
/** How deep shapes go; deeper values are written the general way. */
const MAX_DEPTH = 12;

/** The shape of one value. */
export function shapeOf(value: unknown, depth = 0): Shape {
  if (value === null) return { kind: 'null' };
  switch (typeof value) {
    case 'string':
      return { kind: 'string' };
    case 'number':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'object':
      break;
    default:
      return { kind: 'any' };
  }
  if (depth >= MAX_DEPTH) return { kind: 'any' };
  if (Array.isArray(value)) {
    let element: Shape | undefined;
    for (const e of value) element = element ? mergeShapes(element, shapeOf(e, depth + 1)) : shapeOf(e, depth + 1);
    return { kind: 'array', element };
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return { kind: 'any' };
  const keys = Object.keys(value);
  return { kind: 'object', keys, fields: keys.map((k) => shapeOf((value as Record<string, unknown>)[k], depth + 1)) };
}

const PRIMITIVES = new Set(['string', 'number', 'boolean', 'null', 'primitive']);

/** A shape that covers both. */
export function mergeShapes(a: Shape, b: Shape): Shape {
  if (a.kind === 'any' || b.kind === 'any') return { kind: 'any' };
  if (PRIMITIVES.has(a.kind) && PRIMITIVES.has(b.kind)) return a.kind === b.kind ? a : { kind: 'primitive' };
  if (a.kind === 'array' && b.kind === 'array') {
    if (!a.element || !b.element) return { kind: 'array', element: a.element ?? b.element };
    return { kind: 'array', element: mergeShapes(a.element, b.element) };
  }
  const objects = objectsOf(a);
  const more = objectsOf(b);
  if (!objects || !more) return { kind: 'any' };
  const merged = objects.slice();
  for (const o of more) {
    const i = merged.findIndex((m) => sameKeys(m.keys, o.keys));
    if (i < 0) merged.push(o);
    else merged[i] = { kind: 'object', keys: o.keys, fields: merged[i]!.fields.map((f, j) => mergeShapes(f, o.fields[j]!)) };
  }
  if (merged.length > MAX_VARIANTS) return { kind: 'any' };
  return merged.length === 1 ? merged[0]! : { kind: 'variants', objects: merged };
}

function objectsOf(s: Shape): ObjectShape[] | undefined {
  return s.kind === 'object' ? [s] : s.kind === 'variants' ? s.objects : undefined;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/**
 * What a compiled writer calls to write a value: each returns false when the value is not
 * what it writes (then nothing is known about what was written, and the caller starts over).
 */
export interface ValueWriter {
  string(out: Utf8Builder, value: string): void;
  number(out: Utf8Builder, value: number): void;
  /** Any string, number, boolean or null; false for anything else. */
  primitive(out: Utf8Builder, value: unknown): boolean;
  /** Any JSON value the general way; false for what JSON leaves out (undefined, functions) or a `toJSON` at the top. */
  any(out: Utf8Builder, value: unknown): boolean;
  /** Constant bytes (keys of big objects). */
  bytes(out: Utf8Builder, bytes: Uint8Array): void;
}

/** A writer for values of one shape: true when the value had it and was written whole. */
export type ShapedWrite = (value: unknown, out: Utf8Builder, w: ValueWriter) => boolean;

/**
 * Compiles a writer for `shape`, built the way ajv builds validators: generated identifiers
 * only, every key as a JSON literal, constant bytes passed in by reference, `new Function`.
 * `keyBytes` gives the bytes of `"key":` (with a leading `{` or `,`), escaped as the
 * general writer would.
 */
export function compileShape(shape: Shape, keyBytes: (text: string) => Uint8Array): ShapedWrite {
  const constants: unknown[] = [];
  const functions: string[] = [];
  const constant = (x: unknown): string => `c[${constants.push(x) - 1}]`;
  /** One block statement writing constant bytes in place: no call, no loop (most of a result's bytes are these). */
  const put = (bytes: Uint8Array): string => {
    let code = `{ out.ensure(${bytes.length}); const b = out.buf, at = out.length;`;
    bytes.forEach((x, i) => {
      code += ` b[at + ${i}] = ${x};`;
    });
    return `${code} out.length = at + ${bytes.length}; }`;
  };

  /** A function of its own per object: small functions are what V8 optimises well. */
  const objectFunction = (s: ObjectShape): string => {
    const id = functions.length;
    functions.push('');
    let body = `if (v === null || typeof v !== 'object' || Array.isArray(v) || v.toJSON !== undefined) return false;`;
    // Same keys in the same order as JSON.stringify would give: own and inherited enumerable
    // keys (for…in), so an extra one from anywhere makes the check fail.
    body += `let n = 0; const K = ${constant(s.keys)}; for (const k in v) { if (k !== K[n++]) return false; } if (n !== ${s.keys.length}) return false;`;
    if (s.keys.length === 0) body += put(keyBytes('{}'));
    else if (s.keys.length <= MAX_INLINE_KEYS) {
      s.keys.forEach((k, i) => {
        body += put(keyBytes(`${i === 0 ? '{' : ','}${JSON.stringify(k)}:`));
        body += value(s.fields[i]!, `v[${JSON.stringify(k)}]`);
      });
      body += put(BYTE['}']);
    } else {
      // A big object (a rubric of thousands of indicators) as a loop: code written out key by
      // key would be too large for V8 to optimise, and slow to compile on every relearn.
      const keys = constant(s.keys.map((k, i) => keyBytes(`${i === 0 ? '{' : ','}${JSON.stringify(k)}:`)));
      body += `for (let i = 0; i < K.length; i++) { w.bytes(out, ${keys}[i]); ${value(s.fields.reduce(mergeShapes), 'v[K[i]]')} } ${put(BYTE['}'])}`;
    }
    functions[id] = `function f${id}(v, out, w) { ${body} return true; }`;
    return `f${id}`;
  };

  let vars = 0;
  const value = (s: Shape, expr: string): string => {
    switch (s.kind) {
      case 'string':
        return `{ const x = ${expr}; if (typeof x !== 'string') return false; w.string(out, x); }`;
      case 'number':
        return `{ const x = ${expr}; if (typeof x !== 'number') return false; w.number(out, x); }`;
      case 'boolean':
      case 'null':
      case 'primitive':
        return `if (!w.primitive(out, ${expr})) return false;`;
      case 'any':
        return `if (!w.any(out, ${expr})) return false;`;
      case 'object':
        return `if (!${objectFunction(s)}(${expr}, out, w)) return false;`;
      case 'variants': {
        // Try each: the caller's start over covers a variant that fails half way, so here
        // only the key check (before anything is written) may move on to the next.
        const names = s.objects.map(objectFunction);
        const x = `x${vars++}`;
        return `{ const ${x} = ${expr}; if (!(${names.map((f) => `${f}(${x}, out, w)`).join(' || ')})) return false; }`;
      }
      case 'array': {
        const a = `a${vars++}`;
        const i = `i${vars++}`;
        const element = s.element ? value(s.element, `${a}[${i}]`) : `if (!w.any(out, ${a}[${i}])) return false;`;
        return `{ const ${a} = ${expr}; if (!Array.isArray(${a}) || ${a}.toJSON !== undefined) return false; ${put(BYTE['['])} for (let ${i} = 0; ${i} < ${a}.length; ${i}++) { if (${i} > 0) { ${put(BYTE[','])} } ${element} } ${put(BYTE[']'])} }`;
      }
    }
  };

  const top = value(shape, 'v');
  const source = `${functions.join('\n')}\nreturn function write(v, out, w) { ${top} return true; };`;
  return new Function('c', source)(constants) as ShapedWrite;
}
