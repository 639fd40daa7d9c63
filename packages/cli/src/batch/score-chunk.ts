/**
 * What a worker thread does with each chunk: read (JSON Lines), score and format its
 * records. Kept apart from the thread plumbing so it runs, and is tested, on any thread.
 */
import { compileRubric, type CompiledRubric, type EvaluationResult } from '@rubric/rubric/evaluate';
import { isBlankLine, readJsonlLine } from '../data/read-jsonl.js';
import { blockLines } from './blocks.js';
import type { DataItem } from '../data/data-item.js';
import { createRecordWriter, isRecordFormat } from '../output/record-writer.js';
import { emptyCounts, type RecordPosition, type ResultWriter } from '../output/writer.js';
import { type ChunkMessage, type ChunkReply, type ExplainCandidate, type WorkerSetup } from './protocol.js';
import { idOf, positionOf, resultFor } from './score.js';
import { Utf8Builder } from '../output/utf8-builder.js';

/** A rubric compiled once and a writer primed with `begin`, ready to score chunks. */
export class ChunkScorer {
  readonly compiled: CompiledRubric;
  private readonly writer: ResultWriter | undefined;
  /** The chunk's output bytes (not a Buffer: each chunk needs an ArrayBuffer of its own to move to the main thread). */
  private readonly out = new Utf8Builder();

  constructor(private readonly setup: WorkerSetup) {
    this.compiled = compileRubric(setup.rubric, setup.compileOptions);
    if (setup.formatText && isRecordFormat(setup.format)) {
      this.writer = createRecordWriter(setup.format, setup.tty);
      this.writer.begin({ rubric: this.compiled.rubric, hash: this.compiled.hash, asOf: setup.asOf });
    }
  }

  /** Scores every record of the chunk, in order. */
  score(chunk: ChunkMessage): ChunkReply {
    const counts = emptyCounts();
    const candidates: ExplainCandidate[] = [];
    const texts: string[] = [];
    const results: EvaluationResult[] = [];
    const positions: RecordPosition[] = [];
    const one = (item: DataItem, offset: number): void => {
      const result = resultFor(this.compiled, item, this.setup.asOf, false);
      const at = positionOf(item);
      counts[result.outcome]++;
      counts.total++;
      if (this.setup.explainId !== undefined && idOf(item) === this.setup.explainId) {
        // Only the main thread knows which match comes first in the whole file: send both.
        const explained = resultFor(this.compiled, item, this.setup.asOf, true);
        const candidate: ExplainCandidate = { offset, at, result: explained };
        if (this.writer) candidate.text = this.writer.write(explained, at);
        candidates.push(candidate);
      }
      if (this.writer) {
        // With an --explain id, a record's text may yet be swapped for its explained one.
        if (this.setup.explainId !== undefined) texts.push(this.writer.write(result, at));
        else if (this.writer.writeBytes) this.writer.writeBytes(result, at, this.out);
        else this.out.append(this.writer.write(result, at));
      } else {
        results.push(result);
        positions.push(at);
      }
    };
    if (chunk.kind === 'text') {
      // Record by record, so only the output of the block is held, not its parsed records.
      let index = chunk.firstIndex;
      for (const { line, text } of blockLines(chunk)) {
        if (!isBlankLine(text)) one({ index, ...readJsonlLine(line, text) }, index++ - chunk.firstIndex);
      }
    } else {
      chunk.items.forEach(one);
    }
    if (!this.writer) return { kind: 'done', seq: chunk.seq, results, positions, counts, candidates };
    // Texts are kept apart only where one may be swapped; otherwise the chunk goes as bytes.
    if (candidates.length > 0) return { kind: 'done', seq: chunk.seq, texts, counts, candidates };
    for (const text of texts) this.out.append(text);
    return { kind: 'done', seq: chunk.seq, bytes: this.out.take(), counts, candidates };
  }
}
