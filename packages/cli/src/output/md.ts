/** `--format md`: a Markdown table of subjects with a counts line, for reports and pull requests. */
// The evaluate entry: worker threads load this writer without the rubric front ends.
import { escapeControl, shortHash, type EvaluationResult } from '@rubric/rubric/evaluate';
import { firstProblem, formatCounts, numberText, recordLabel, type Counts, type RecordPosition, type ResultWriter, type RunInfo } from './writer.js';

/** Text made safe for one Markdown table cell: pipes, line breaks, HTML and control characters escaped. */
export function escapeMarkdownCell(text: string): string {
  return escapeControl(text.replace(/\\/g, '\\\\'))
    // Backslash-escape the punctuation that makes links, emphasis, code and headings, so
    // user text (labels, reasons) can never add a `[link](javascript:…)` to a report.
    .replace(/[`*_[\]()#!~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** Writes a line naming the rubric, the table head, one row per result, and the counts. */
export function mdWriter(): ResultWriter {
  return {
    begin(info: RunInfo): string {
      const r = info.rubric;
      const title = `**${escapeMarkdownCell(r.title)}** — \`${r.id}\` ${escapeMarkdownCell(r.version)} (\`${shortHash(info.hash)}\`), as of ${info.asOf}`;
      return `${title}\n\n| id | outcome | total | pass mark | reason |\n|---|---|---:|---:|---|\n`;
    },
    write(result: EvaluationResult, at: RecordPosition): string {
      const cells = [
        escapeMarkdownCell(recordLabel(result, at)),
        result.outcome,
        numberText(result.total),
        numberText(result.passMark),
        escapeMarkdownCell(firstProblem(result)),
      ];
      return `| ${cells.join(' | ')} |\n`;
    },
    end: (counts: Counts) => `\n${formatCounts(counts)}\n`,
  };
}
