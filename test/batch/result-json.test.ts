/**
 * The JSON and JSON Lines writers skip the terminal-safety scan of results whose strings
 * can only be safe: their text must still equal `safeJson` of the result, for the Beijing
 * sample (valid, invalid and explained results) and for rubrics and ids with the characters
 * the scan escapes.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRubric, type CompiledRubric, type EvaluationResult, type Rubric } from '@rubric/rubric';
import { readRecords } from '../../packages/cli/src/data/read-records.js';
import { createWriter } from '../../packages/cli/src/output/create-writer.js';
import { colorsFor } from '../../packages/cli/src/io.js';
import { safeJson } from '../../packages/cli/src/output/json-text.js';
import { beijing, messyJsonl } from './helpers.js';

const AS_OF = '2022-06-20';
let compiled: CompiledRubric;
beforeAll(async () => {
  compiled = await beijing();
});

async function results(c: CompiledRubric, text: string): Promise<EvaluationResult[]> {
  const out: EvaluationResult[] = [];
  for await (const item of readRecords([text], 'jsonl', { coerce: (cells) => ({ record: cells }) })) {
    if (!item.record) out.push(c.invalid(null, [item.error!], { asOf: AS_OF }));
    else out.push(c.evaluate(item.record, { asOf: AS_OF, explain: item.index % 3 === 0, inputErrors: item.inputErrors }));
  }
  return out;
}

/** What the jsonl and json writers give for the results, split back into one text per result. */
function written(c: CompiledRubric, rs: EvaluationResult[]): { jsonl: string[]; json: string[] } {
  const writer = (format: 'json' | 'jsonl') => createWriter(format, { colors: colorsFor(false, {}), tty: false });
  const jsonl = writer('jsonl');
  const json = writer('json');
  jsonl.begin({ rubric: c.rubric, hash: c.hash, asOf: AS_OF });
  json.begin({ rubric: c.rubric, hash: c.hash, asOf: AS_OF });
  return {
    jsonl: rs.map((r) => jsonl.write(r, { index: 1 }).replace(/\n$/, '')),
    json: rs.map((r) => json.write(r, { index: 1 }).replace(/^,?\n {2}/, '')),
  };
}

/** A subject of the sample that scores (not invalid). */
function validSubject(): Record<string, unknown> {
  for (const line of messyJsonl().replace(/^\ufeff/, '').split('\n')) {
    try {
      const s = JSON.parse(line) as Record<string, unknown>;
      if (compiled.evaluate(s, { asOf: AS_OF }).outcome !== 'invalid') return s;
    } catch {
      // not JSON: the next line
    }
  }
  throw new Error('the sample has no valid subject');
}

describe('result JSON of the jsonl and json writers', () => {
  it('equals safeJson for every Beijing sample result: valid, invalid and explained', async () => {
    const rs = await results(compiled, messyJsonl());
    expect(rs.some((r) => r.outcome === 'invalid')).toBe(true);
    expect(rs.some((r) => r.explanation)).toBe(true);
    const { jsonl, json } = written(compiled, rs);
    expect(jsonl).toEqual(rs.map((r) => safeJson(r)));
    expect(json).toEqual(rs.map((r) => safeJson(r)));
  });

  it('escapes a subject id with a bidi override or a line separator', () => {
    const subject = validSubject();
    for (const id of ['evil\u202egnp.exe', 'a\u2028b', 'del\u007f', 'plain']) {
      const r = compiled.evaluate({ ...subject, id }, { asOf: AS_OF });
      const { jsonl } = written(compiled, [r]);
      expect(jsonl[0]).toBe(safeJson(r));
      expect(jsonl[0]).not.toMatch(/[\u007f\u2028\u202e]/);
    }
  });

  it('escapes what a rubric with unsafe text puts in a result (reasons, deduction reasons)', () => {
    fc.assert(
      fc.property(fc.constantFrom('\u202e', '\u2066', '\u0085', '\u2029', '\u200f', 'é'), fc.string({ maxLength: 6 }), (bad, rest) => {
        const rubric = structuredClone(compiled.rubric) as Rubric;
        for (const d of rubric.deductions) d.reason = `${rest}${bad}${rest}`;
        for (const v of rubric.vetoes) v.reason = `${bad}${rest}`;
        const c = compileRubric(rubric);
        const subject = validSubject();
        const r = c.evaluate({ ...subject, hotline_bad_count: 2 }, { asOf: AS_OF });
        expect(r.deductions.length).toBeGreaterThan(0);
        const { jsonl, json } = written(c, [r]);
        expect(jsonl[0]).toBe(safeJson(r));
        expect(json[0]).toBe(safeJson(r));
      }),
      { numRuns: 60 },
    );
  });
});
