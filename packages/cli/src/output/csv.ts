/**
 * `--format csv`: one row per subject with the outcome, totals, a column per section and
 * per indicator, and the reasons and errors joined into one cell each.
 */
import { stringify } from 'csv-stringify/sync';
// The evaluate entry: worker threads load this writer without the rubric front ends.
import { escapeControl, type EvaluationResult } from '@rubric/rubric/evaluate';
import type { ResultWriter, RunInfo } from './writer.js';

/** Options for {@link csvWriter}. */
export interface CsvWriterOptions {
  /** Escape control characters in cells (when the output is a terminal). */
  escape?: boolean;
}

/** The fixed columns before the per-section ones. */
export const CSV_LEAD = ['id', 'outcome', 'total', 'passMark', 'grade'] as const;
/** The fixed columns after the per-indicator ones. */
export const CSV_TAIL = ['deductionTotal', 'vetoes', 'hardRequirementsFailed', 'reasons', 'errors'] as const;

type Cell = string | number | null;

/** Writes a header row then one row per result, quoted as RFC 4180 requires. */
export function csvWriter(options: CsvWriterOptions = {}): ResultWriter {
  let sections: string[] = [];
  let indicators: string[] = [];
  const row = (cells: Cell[]): string =>
    stringify([options.escape ? cells.map((c) => (typeof c === 'string' ? escapeControl(c) : c)) : cells], {
      // Quote a leading `#` so the row cannot be read back as a comment line.
      quoted_match: /^#/,
    });
  return {
    begin(info: RunInfo): string {
      sections = info.rubric.sections.map((s) => s.id);
      indicators = info.rubric.sections.flatMap((s) => s.indicators.map((i) => i.id));
      return row([...CSV_LEAD, ...sections, ...indicators, ...CSV_TAIL]);
    },
    write(r: EvaluationResult): string {
      return row([
        r.id,
        r.outcome,
        r.total,
        r.passMark,
        r.grade,
        ...sections.map((id) => r.sections[id] ?? null),
        ...indicators.map((id) => r.indicators[id] ?? null),
        r.deductionTotal,
        r.vetoes.join('; '),
        r.hardRequirementsFailed.join('; '),
        r.reasons.map((x) => x.message).join('; '),
        r.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '),
      ]);
    },
    end: () => '',
  };
}
