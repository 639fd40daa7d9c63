import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, contentHash, plainContentHash, type Rubric } from '../src/index.js';

/**
 * The implementation canonicalJson had before it was rewritten for speed (one string built in
 * a single walk): content hashes are pinned by tests and carried by every stored result, so
 * the new one must give the same text for every value, byte for byte.
 */
function formerCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`not JSON: ${value}`);
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : formerCanonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${formerCanonicalJson(obj[k])}`).join(',')}}`;
}

/** Whether any object in a JSON value has a key that `test` accepts. */
function hasKey(v: unknown, test: (k: string) => boolean): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some((x) => hasKey(x, test));
  return Object.keys(v).some((k) => test(k) || hasKey((v as Record<string, unknown>)[k], test));
}

/** The outcome of a call: its text, or the error it threw. */
function outcome(f: () => string): string {
  try {
    return `ok ${f()}`;
  } catch (e) {
    return `throws ${(e as Error).constructor.name}`;
  }
}

// Keys that sort in tricky ways: by UTF-16 code unit, not code point or locale.
const keyArb = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a', 'B', 'é', 'Z', '_', '1', '10', '2', '', '__proto__', 'constructor', '😀', '\uffff', '\ud800', 'kind', 'value'));
const leafArb = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e21, 5e-324, Number.MAX_SAFE_INTEGER, '\u2028', '"', '\\', 'ctl\u0001'),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const valueArb = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('v'), { maxLength: 5 }),
    fc.sparseArray(tie('v'), { maxLength: 5 }),
    fc.dictionary(keyArb, tie('v'), { maxKeys: 6 }),
    fc.dictionary(keyArb, tie('v'), { maxKeys: 6, noNullPrototype: false }),
    // More keys than are sorted by insertion.
    fc.dictionary(fc.string({ maxLength: 4 }), leafArb, { minKeys: 15, maxKeys: 40 }),
  ),
})).v;

describe('canonicalJson', () => {
  it('gives the text the former implementation gave, on any value (or throws as it did)', () => {
    fc.assert(
      fc.property(valueArb, (v) => {
        expect(outcome(() => canonicalJson(v))).toBe(outcome(() => formerCanonicalJson(v)));
      }),
      { numRuns: 3000 },
    );
  });

  it('sorts keys by UTF-16 code unit, drops undefined members and writes undefined items as null', () => {
    expect(canonicalJson({ b: 1, a: [undefined, 2], c: undefined, é: 'x', Z: null, '😀': 1, '\uffff': 2 })).toBe('{"Z":null,"a":[null,2],"b":1,"é":"x","😀":1,"\uffff":2}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('refuses numbers that are not finite, at any depth', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: [1, { b: Infinity }] })).toThrow(/not JSON/);
  });

  it('plainContentHash: the content hash of plain JSON data, undefined for anything else', () => {
    // Plain: what JSON.parse gives (the copy through JSON of any value).
    fc.assert(
      fc.property(valueArb, (v) => {
        const plain = JSON.parse(JSON.stringify({ v }) ?? 'null') as Rubric;
        const rare = hasKey(plain, (k) => /^[0-9]/.test(k) || k === '__proto__');
        expect(plainContentHash(plain)).toBe(rare ? undefined : contentHash(plain));
      }),
      { numRuns: 1000 },
    );
    class Box {
      v = 1;
    }
    const holes = [1, 2];
    delete holes[0];
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    for (const v of [{ a: Number.NaN }, { a: [Infinity] }, { a: undefined }, { a: [undefined] }, { a: () => 1 }, { a: Symbol('s') }, { a: 1n }, { a: holes }, { a: new Date(0) }, { a: new Box() }, { a: { toJSON: () => 1 } }, { a: new Number(1) }, cyclic]) {
      expect(plainContentHash(v as unknown as Rubric)).toBeUndefined();
    }
    expect(plainContentHash({ a: [1, 'x', null, true, { b: -0 }] } as unknown as Rubric)).toBe(contentHash({ a: [1, 'x', null, true, { b: 0 }] } as unknown as Rubric));
  });

  it('keeps the content hash of a rubric', () => {
    const rubric = {
      format: 'rubric-ir/1',
      id: 'r',
      title: '标题',
      version: '1',
      effective: { from: '2022-01-01' },
      total: 10,
      facts: [{ id: 'ok', label: '是否', type: { kind: 'boolean' }, required: true }],
      parameters: [{ id: 'pass_mark', periods: [{ value: 5, overrides: [] }] }],
      passMark: 'pass_mark',
      sections: [{ id: 's', title: 'S', indicators: [{ id: 'i', title: 'I', max: 10, rule: { kind: 'expression', points: { kind: 'if', cond: { kind: 'ref', name: 'ok' }, then: { kind: 'number', value: '10' }, else: { kind: 'number', value: '0' } } } }] }],
      hardRequirements: [],
      vetoes: [],
      deductions: [],
      floor: 0,
      grades: [],
      tests: [],
    } as unknown as Rubric;
    expect(contentHash(rubric)).toBe(`sha256:${createHashHex(formerCanonicalJson(rubric))}`);
  });
});

function createHashHex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
