/**
 * `rubric eval --jobs N` in-process, with in-thread workers that answer out of order: the
 * output is byte for byte the output of one job, for every output format and data format,
 * with unreadable records, --explain and an evaluator that throws; reading waits for a slow
 * output (memory stays bounded).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { coerceTextRecord, type CompiledRubric } from '@rubric/rubric';
import { runBatch } from '../../packages/cli/src/commands/eval.js';
import { runParallelBatch } from '../../packages/cli/src/batch/run-parallel.js';
import { readRecords } from '../../packages/cli/src/data/read-records.js';
import type { DataItem } from '../../packages/cli/src/data/data-item.js';
import { Sink, colorsFor } from '../../packages/cli/src/io.js';
import { createWriter } from '../../packages/cli/src/output/create-writer.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../packages/cli/src/output/writer.js';
import { MemoryStream, StuckStream, beijing, breakOn, inThreadWorkers, messyCsv, messyJsonl } from './helpers.js';

let compiled: CompiledRubric;
beforeAll(async () => {
  compiled = await beijing();
});

const AS_OF = '2022-06-20';

async function sequential(text: string, data: 'jsonl' | 'csv', format: OutputFormat, explainId?: string) {
  const out = new MemoryStream();
  const coerce = (cells: Record<string, string>) => coerceTextRecord(compiled.rubric, cells);
  const outcome = await runBatch({
    compiled,
    items: readRecords([text], data, { coerce }),
    writer: createWriter(format, { colors: colorsFor(false, {}), tty: false }),
    sink: new Sink(out),
    asOf: AS_OF,
    ...(explainId !== undefined ? { explainId } : {}),
  });
  return { text: out.text, outcome };
}

async function parallel(text: string, data: 'jsonl' | 'csv', format: OutputFormat, jobs: number, seed: number, explainId?: string, chunks: string[] = [text]) {
  const out = new MemoryStream();
  const coerce = (cells: Record<string, string>) => coerceTextRecord(compiled.rubric, cells);
  const outcome = await runParallelBatch({
    compiled,
    source: data === 'jsonl' ? { kind: 'lines', chunks } : { kind: 'items', items: readRecords(chunks, data, { coerce }) },
    format,
    tty: false,
    writer: createWriter(format, { colors: colorsFor(false, {}), tty: false }),
    sink: new Sink(out),
    asOf: AS_OF,
    jobs,
    startWorkers: inThreadWorkers(seed),
    chunkRecords: 3,
    chunkChars: 700,
    ...(explainId !== undefined ? { explainId } : {}),
  });
  return { text: out.text, outcome };
}

describe('runParallelBatch = runBatch, byte for byte', () => {
  for (const data of ['jsonl', 'csv'] as const) {
    for (const format of OUTPUT_FORMATS) {
      it(`${data} → ${format}, 1 to 3 jobs, replies out of order`, async () => {
        const text = data === 'jsonl' ? messyJsonl() : messyCsv();
        const one = await sequential(text, data, format);
        expect(one.outcome.counts.invalid).toBeGreaterThanOrEqual(2);
        for (const jobs of [1, 2, 3]) {
          const many = await parallel(text, data, format, jobs, jobs * 17);
          expect(many.text).toBe(one.text);
          expect(many.outcome).toEqual(one.outcome);
        }
      });
    }
  }

  it('the text may arrive in any chunks (a line split between reads)', async () => {
    const text = messyJsonl();
    const one = await sequential(text, 'jsonl', 'jsonl');
    const pieces = text.match(/[\s\S]{1,37}/g)!;
    const many = await parallel(text, 'jsonl', 'jsonl', 2, 5, undefined, pieces);
    expect(many.text).toBe(one.text);
  });

  it('--explain: the first record with the id is explained, in its place; matches are counted', async () => {
    for (const format of ['jsonl', 'json', 'table'] as const) {
      const text = messyJsonl();
      const one = await sequential(text, 'jsonl', format, 'BJ-DC-002');
      expect(one.outcome.explained?.matches).toBe(2);
      expect(one.outcome.explained?.result.explanation).toBeDefined();
      const many = await parallel(text, 'jsonl', format, 2, 9, 'BJ-DC-002');
      expect(many.text).toBe(one.text);
      expect(many.outcome).toEqual(one.outcome);
    }
  });

  it('an evaluator that throws on one record makes that record invalid, and the rest go on', async () => {
    const text = messyJsonl();
    const broken = await beijing();
    breakOn(broken, 'BJ-DC-003');
    const out = new MemoryStream();
    const one = await runBatch({
      compiled: broken,
      items: readRecords([text], 'jsonl'),
      writer: createWriter('jsonl', { colors: colorsFor(false, {}), tty: false }),
      sink: new Sink(out),
      asOf: AS_OF,
    });
    expect(out.text).toContain('"code":"internal/evaluate-failed","message":"the evaluator failed on this record: kaput"');
    const many = new MemoryStream();
    const outcome = await runParallelBatch({
      compiled,
      source: { kind: 'lines', chunks: [text] },
      format: 'jsonl',
      tty: false,
      writer: createWriter('jsonl', { colors: colorsFor(false, {}), tty: false }),
      sink: new Sink(many),
      asOf: AS_OF,
      jobs: 2,
      startWorkers: inThreadWorkers(3, undefined, 'BJ-DC-003'),
      chunkChars: 500,
    });
    expect(many.text).toBe(out.text);
    expect(outcome).toEqual(one);
  });

  it('a data file that cannot be read at all fails before any output, and stops the workers', async () => {
    const out = new MemoryStream();
    const log = { sent: [] as number[], terminated: 0 };
    await expect(
      runParallelBatch({
        compiled,
        source: { kind: 'items', items: readRecords(['[{'], 'json') },
        format: 'jsonl',
        tty: false,
        writer: createWriter('jsonl', { colors: colorsFor(false, {}), tty: false }),
        sink: new Sink(out),
        asOf: AS_OF,
        jobs: 2,
        startWorkers: inThreadWorkers(1, log),
      }),
    ).rejects.toThrow(/not valid JSON/);
    expect(out.text).toBe('');
    expect(log.terminated).toBe(2);
  });
});

describe('runParallelBatch keeps memory bounded', () => {
  it('stops reading while the output does not drain', async () => {
    let pulled = 0;
    const record = JSON.parse(messyJsonl().split('\n')[0]!.slice(1)) as Record<string, unknown>;
    async function* endless(): AsyncGenerator<DataItem> {
      for (let i = 1; i <= 100_000; i++) {
        pulled++;
        yield { index: i, record: { ...record, id: `S-${i}` } };
      }
    }
    const stream = new StuckStream();
    const run = runParallelBatch({
      compiled,
      source: { kind: 'items', items: endless() },
      format: 'jsonl',
      tty: false,
      writer: createWriter('jsonl', { colors: colorsFor(false, {}), tty: false }),
      sink: new Sink(stream),
      asOf: AS_OF,
      jobs: 2,
      startWorkers: inThreadWorkers(2),
      chunkRecords: 10,
    });
    for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
    // 2 workers × 4 chunks × 10 records in flight, one chunk being filled, one record read ahead.
    expect(pulled).toBeLessThanOrEqual(8 * 10 + 10 + 1);
    expect(stream.text.split('\n').length - 1).toBeLessThanOrEqual(10);
    const before = pulled;
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(pulled).toBe(before);
    stream.release();
    const outcome = await run;
    expect(outcome.counts.total).toBe(100_000);
    expect(stream.text.split('\n').length - 1).toBe(100_000);
  }, 120_000);
});
