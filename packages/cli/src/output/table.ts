/**
 * `--format table` (the default): a line naming the rubric, an aligned table of subjects
 * (wide CJK characters counted as two columns), and the counts per outcome. Outcomes carry
 * a symbol so the table reads without colour.
 */
// The evaluate entry: worker threads load this writer without the rubric front ends.
import { escapeControl, shortHash, type EvaluationResult, type Outcome } from '@rubric/rubric/evaluate';
import type { Colors } from '../io.js';
import { displayWidth, padEndDisplay, padStartDisplay } from '@rubric/rubric';
import { firstProblem, formatCounts, numberText, recordLabel, type Counts, type RecordPosition, type ResultWriter, type RunInfo } from './writer.js';

/** The symbol shown before each outcome. */
export const OUTCOME_SYMBOLS: Record<Outcome, string> = { pass: '✓', fail: '✗', vetoed: '⊘', invalid: '!' };

/** Text for one table cell: control characters escaped, line breaks and tabs shown on one line. */
export function cellText(text: string): string {
  return escapeControl(text).replace(/\r\n|\r|\n/g, '\\n').replace(/\t/g, ' ');
}

/** `✓ pass`, `⊘ vetoed`, … */
export function outcomeLabel(outcome: Outcome): string {
  return `${OUTCOME_SYMBOLS[outcome]} ${outcome}`;
}

/** Colours an outcome label. */
export function colorOutcome(text: string, outcome: Outcome, c: Colors): string {
  switch (outcome) {
    case 'pass':
      return c.green(text);
    case 'fail':
      return c.red(text);
    case 'vetoed':
      return c.magenta(text);
    case 'invalid':
      return c.yellow(text);
  }
}

interface Row {
  id: string;
  outcome: Outcome;
  total: string;
  passMark: string;
  reason: string;
}

const HEAD = { id: 'id', outcome: 'outcome', total: 'total', passMark: 'pass mark', reason: 'reason' };

/** Options for {@link tableWriter}. */
export interface TableWriterOptions {
  colors: Colors;
}

/**
 * Writes the rubric line at once and the table at the end (its column widths depend on
 * every row; for large batches prefer a streamed format such as `jsonl` or `csv`).
 */
export function tableWriter(options: TableWriterOptions): ResultWriter {
  const c = options.colors;
  const rows: Row[] = [];
  // Column widths, grown as rows arrive (no spread over every row: batches can be large).
  const w = {
    id: displayWidth(HEAD.id),
    outcome: displayWidth(HEAD.outcome),
    total: displayWidth(HEAD.total),
    passMark: displayWidth(HEAD.passMark),
  };
  return {
    begin(info: RunInfo): string {
      const r = info.rubric;
      return `${c.bold(cellText(r.title))}  ${r.id} ${cellText(r.version)}  ${c.dim(shortHash(info.hash))}  as of ${info.asOf}\n\n`;
    },
    write(result: EvaluationResult, at: RecordPosition): string {
      const row: Row = {
        id: cellText(recordLabel(result, at)),
        outcome: result.outcome,
        total: numberText(result.total),
        passMark: numberText(result.passMark),
        reason: cellText(firstProblem(result)),
      };
      rows.push(row);
      w.id = Math.max(w.id, displayWidth(row.id));
      w.outcome = Math.max(w.outcome, displayWidth(outcomeLabel(row.outcome)));
      w.total = Math.max(w.total, displayWidth(row.total));
      w.passMark = Math.max(w.passMark, displayWidth(row.passMark));
      return '';
    },
    end(counts: Counts): string {
      const line = (id: string, outcome: string, total: string, passMark: string, reason: string): string =>
        `${id}  ${outcome}  ${total}  ${passMark}${reason ? `  ${reason}` : ''}`.trimEnd();
      let out = '';
      if (rows.length > 0) {
        out += c.bold(
          line(
            padEndDisplay(HEAD.id, w.id),
            padEndDisplay(HEAD.outcome, w.outcome),
            padStartDisplay(HEAD.total, w.total),
            padStartDisplay(HEAD.passMark, w.passMark),
            HEAD.reason,
          ),
        );
        out += '\n';
        for (const r of rows) {
          const outcome = colorOutcome(padEndDisplay(outcomeLabel(r.outcome), w.outcome), r.outcome, c);
          out += `${line(padEndDisplay(r.id, w.id), outcome, padStartDisplay(r.total, w.total), padStartDisplay(r.passMark, w.passMark), r.reason)}\n`;
        }
        out += '\n';
      }
      return `${out}${formatCounts(counts)}\n`;
    },
  };
}
