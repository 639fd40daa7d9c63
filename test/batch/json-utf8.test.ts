/**
 * The batch writes JSON Lines results with a writer that learns their shapes and writes bytes
 * itself (output/json-utf8.ts). Its bytes must be `safeJson(value)` in UTF-8, exactly, for
 * every value: results of the Beijing rubric, any JSON value, values whose shape changes from
 * one to the next, numbers of every kind, and the cases JSON.stringify treats specially.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledRubric, EvaluationResult } from '@rubric/rubric';
import { JsonUtf8Writer, writeNumber } from '../../packages/cli/src/output/json-utf8.js';
import { safeJson } from '../../packages/cli/src/output/json-text.js';
import { Utf8Builder } from '../../packages/cli/src/output/utf8-builder.js';
import { jsonlWriter } from '../../packages/cli/src/output/jsonl.js';
import { readRecords } from '../../packages/cli/src/data/read-records.js';
import { beijing, messyJsonl } from './helpers.js';

const decoder = new TextDecoder();

/** What the writer gives for each value, one after another through one writer (so it learns). */
function written(values: readonly unknown[], capacity = 16): { texts: string[]; writer: JsonUtf8Writer } {
  const writer = new JsonUtf8Writer();
  const out = new Utf8Builder(capacity);
  const texts = values.map((v) => {
    writer.append(v, out);
    return decoder.decode(out.take());
  });
  return { texts, writer };
}

/** Any JSON value, with the characters safeJson escapes and keys that are numbers or `__proto__`-like. */
const text = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('涉疫12345热线', '\u202e', '\u2028', '\u0085', '"\\', 'é😀', '\ud800'));
const key = fc.oneof(text, fc.constantFrom('0', '12', 'id', 'total', 'toString', 'constructor'));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double(), fc.integer(), text, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
})).value;

let compiled: CompiledRubric;
let results: EvaluationResult[];
beforeAll(async () => {
  compiled = await beijing();
  results = [];
  for await (const item of readRecords([messyJsonl()], 'jsonl', { coerce: (cells) => ({ record: cells }) })) {
    if (!item.record) results.push(compiled.invalid(null, [item.error!], { asOf: '2022-06-20' }));
    else results.push(compiled.evaluate(item.record, { asOf: '2022-06-20', explain: item.index % 4 === 0, inputErrors: item.inputErrors }));
  }
});

describe('JsonUtf8Writer', () => {
  it('writes safeJson of every Beijing sample result, and learns their shapes', () => {
    const values = [...results, ...results, ...results];
    const { texts, writer } = written(values);
    expect(texts).toEqual(values.map((r) => safeJson(r)));
    expect(writer.stats.shaped).toBeGreaterThan(writer.stats.general);
  });

  it('gives the jsonl writer the same bytes as its text', () => {
    const w = jsonlWriter();
    w.begin({ rubric: compiled.rubric, hash: compiled.hash, asOf: '2022-06-20' });
    const out = new Utf8Builder();
    for (const r of results) w.writeBytes!(r, { index: 1 }, out);
    expect(decoder.decode(out.take())).toBe(results.map((r) => w.write(r, { index: 1 })).join(''));
  });

  it('writes safeJson of any JSON values, whatever shapes follow each other', () => {
    fc.assert(
      fc.property(fc.array(json, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 64 }), (values, capacity) => {
        const { texts } = written(values, capacity);
        expect(texts).toEqual(values.map((v) => safeJson(v)));
      }),
      { numRuns: 400 },
    );
  });

  it('escapes keys and strings of a learnt shape as safeJson does', () => {
    const values = [0, 1, 2].map((i) => ({ 'a\u202eb': i, '\u2028': 'x\u0085', 'é"\\': [{ '\u2066': i }], plain: '涉疫' }));
    const { texts, writer } = written(values);
    expect(texts).toEqual(values.map((v) => safeJson(v)));
    expect(writer.stats.shaped).toBe(2);
    expect(texts.join('')).not.toMatch(/[\u202e\u2028\u0085\u2066]/);
  });

  it('writes big objects (a rubric of many indicators) by a loop, with the same text', () => {
    const big = (seed: number, odd?: unknown): Record<string, unknown> => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < 300; i++) o[i % 3 === 0 ? `k${i}` : `指标_${i}`] = i === 150 && odd !== undefined ? odd : (i * seed) / 4;
      return o;
    };
    const values = [big(1), big(2), { indicators: big(3) }, { indicators: big(4) }, big(5, 'text\u202e'), big(6, null), big(7, { nested: [1] }), big(8, undefined), big(9), { indicators: big(10, -0) }];
    const { texts, writer } = written(values);
    expect(texts).toEqual(values.map((v) => safeJson(v)));
    expect(writer.stats.shaped).toBeGreaterThan(2);
  });

  it('writes values that look like the ones learnt but differ deep inside', () => {
    const base = structuredClone(results.find((r) => r.outcome !== 'invalid')!) as unknown as Record<string, unknown>;
    const variants: unknown[] = [
      base,
      { ...base, total: 'eighty' },
      { ...base, indicators: { ...(base['indicators'] as object), extra: 1 } },
      { ...base, sections: null },
      { ...base, deductions: [{ id: 'x', reason: '\u202e', amount: -0, uncapped: 1e21 }] },
      { ...base, reasons: [1, 'two', null, [3]] },
      { ...base, grade: undefined },
      { ...base, passMark: Number.NaN },
      { ...base, passMark: -Infinity },
      { ...base, id: 'a\u2028b\u007f' },
      Object.assign(Object.create({ inherited: 1 }) as object, base),
      { ...base, rubric: { toJSON: () => 'replaced' } },
      { ...base, asOf: new Date(0) },
      { ...base, errors: [undefined, () => 1] },
      { ...base, vetoes: Object.assign(['a'], { extra: 1 }) },
      [base, base],
    ];
    for (let round = 0; round < 3; round++) {
      const values = [base, ...variants, base];
      expect(written(values).texts).toEqual(values.map((v) => safeJson(v)));
    }
  });
});

describe('writeNumber', () => {
  const numberText = (v: number): string => {
    const out = new Utf8Builder(1);
    writeNumber(out, v);
    return decoder.decode(out.take());
  };

  it('gives JSON.stringify of any number', () => {
    fc.assert(
      fc.property(fc.double(), (v) => {
        expect(numberText(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives JSON.stringify of decimals with few places, as scores are', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.integer({ min: 0, max: 6 }), (k, places) => {
        const v = k / 10 ** places;
        expect(numberText(v)).toBe(JSON.stringify(v));
        const sum = v + 0.1; // float artefacts such as 0.30000000000000004
        expect(numberText(sum)).toBe(JSON.stringify(sum));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the edges', () => {
    for (const v of [0, -0, 1, -1, 9, 10, 2147483647, -2147483648, 2147483648, 1e21, 1e-7, 0.1, 0.005, 999999999999.999, -0.5, 5e-324, Number.MAX_VALUE, Number.NaN, Infinity, -Infinity]) {
      expect(numberText(v)).toBe(JSON.stringify(v));
    }
  });
});
