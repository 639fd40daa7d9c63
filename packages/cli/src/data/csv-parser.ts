/**
 * An incremental CSV parser (RFC 4180 plus what spreadsheet exports contain: a UTF-8 byte
 * order mark, CRLF or LF line ends, `#` comment lines, blank lines) that knows the line each
 * record starts on and never loses a record: a record it cannot read comes out as an
 * error row, and parsing goes on with the next line.
 *
 * Written here rather than taken from csv-parse because a batch must keep every record:
 * csv-parse's `skip_records_with_error` recovery drops or merges records after some
 * quoting errors and miscounts lines in CRLF files with quoted line breaks.
 */

/** One record: its cells, or why it could not be read. `line` is where it starts (1-based). */
export interface CsvRow {
  line: number;
  cells?: string[];
  error?: string;
  /** For an error: the cells read before it (the record's id may be among them). */
  partial?: string[];
}

const enum S {
  /** At the start of a physical line, between records. */
  LineStart,
  /** In a `#` comment line. */
  Comment,
  /** At the start of a cell. */
  CellStart,
  Unquoted,
  Quoted,
  /** Just after a quote inside a quoted cell: an escaped quote or the closing one. */
  QuoteInQuoted,
  /** After a closing quote, where only spaces may come before `,` or the line end. */
  AfterQuote,
  /** Skipping the rest of a line after an error. */
  SkipLine,
}

/** The default limit on one record's length, in characters. */
export const MAX_RECORD_CHARS = 1_000_000;

/** Feeds text in chunks with {@link CsvParser.push} and finishes with {@link CsvParser.end}; each returns the rows completed. */
export class CsvParser {
  private state = S.LineStart;
  private line = 1;
  private recordLine = 1;
  private cells: string[] = [];
  private cell = '';
  private recordQuoted = false;
  /** The record's source text so far, to re-read after an unclosed quote. */
  private raw = '';
  /** The previous character was a CR line end; a following LF belongs to it. */
  private afterCR = false;
  private started = false;
  private skipError: string | undefined;
  private skipPartial: string[] = [];

  constructor(private readonly maxRecordChars = MAX_RECORD_CHARS) {}

  /** Parses the next chunk of text. */
  push(chunk: string): CsvRow[] {
    const rows: CsvRow[] = [];
    this.feed(chunk, rows);
    return rows;
  }

  /** Finishes the text: the last record without a line end, an unclosed quote. */
  end(): CsvRow[] {
    const rows: CsvRow[] = [];
    for (;;) {
      const rest = this.finish(rows);
      if (rest === undefined) break;
      this.feed(rest, rows);
    }
    return rows;
  }

  private feed(input: string, rows: CsvRow[]): void {
    let text = input;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.afterCR) {
        this.afterCR = false;
        if (c === '\n') {
          if (this.state === S.Quoted) {
            this.cell += c;
            this.raw += c;
          }
          continue;
        }
      }
      const newline = c === '\n' || c === '\r';
      if (newline && c === '\r') this.afterCR = true;
      if (this.state !== S.LineStart && this.state !== S.Comment && this.state !== S.SkipLine) {
        this.raw += c;
        if (this.raw.length > this.maxRecordChars) {
          const rest = this.overflow(rows);
          if (rest !== undefined) {
            text = rest + text.slice(i + 1);
            i = -1;
          }
          continue;
        }
      }
      switch (this.state) {
        case S.LineStart:
          if (newline) this.line++;
          else if (c === '#') this.state = S.Comment;
          else {
            this.startRecord();
            this.raw = c;
            this.cellStart(c, rows);
          }
          break;
        case S.Comment:
          if (newline) {
            this.line++;
            this.state = S.LineStart;
          }
          break;
        case S.CellStart:
          this.cellStart(c, rows);
          break;
        case S.Unquoted:
          if (c === ',') this.endCell(S.CellStart);
          else if (newline) this.endRecord(rows);
          else this.cell += c;
          break;
        case S.Quoted:
          if (c === '"') this.state = S.QuoteInQuoted;
          else {
            if (newline) this.line++;
            this.cell += c;
          }
          break;
        case S.QuoteInQuoted:
        case S.AfterQuote:
          if (c === '"' && this.state === S.QuoteInQuoted) {
            this.cell += '"';
            this.state = S.Quoted;
          } else if (c === ',') this.endCell(S.CellStart);
          else if (newline) this.endRecord(rows);
          else if (c === ' ' || c === '\t') this.state = S.AfterQuote;
          else {
            this.skipError = `line ${this.line}: unexpected text after the closing quote of cell ${this.cells.length + 1} (a quote inside a quoted cell is written "")`;
            this.skipPartial = [...this.cells, this.cell];
            this.state = S.SkipLine;
          }
          break;
        case S.SkipLine:
          if (newline) {
            if (this.skipError !== undefined) rows.push({ line: this.recordLine, error: this.skipError, partial: this.skipPartial });
            this.skipError = undefined;
            this.line++;
            this.state = S.LineStart;
          }
          break;
      }
    }
  }

  private startRecord(): void {
    this.recordLine = this.line;
    this.cells = [];
    this.cell = '';
    this.recordQuoted = false;
  }

  private cellStart(c: string, rows: CsvRow[]): void {
    if (c === '"') {
      this.recordQuoted = true;
      this.state = S.Quoted;
    } else if (c === ',') this.endCell(S.CellStart);
    else if (c === '\n' || c === '\r') this.endRecord(rows);
    else {
      this.cell = c;
      this.state = S.Unquoted;
    }
  }

  private endCell(next: S): void {
    this.cells.push(this.cell);
    this.cell = '';
    this.state = next;
  }

  /** Ends the record at a line end (or the end of the text). */
  private endRecord(rows: CsvRow[], atLineEnd = true): void {
    this.endCell(S.LineStart);
    if (atLineEnd) this.line++;
    this.raw = '';
    // A line of spaces or of bare commas (a spreadsheet's empty row) is blank, not a record.
    if (!this.recordQuoted && this.cells.every((cell) => cell.trim() === '')) return;
    rows.push({ line: this.recordLine, cells: this.cells });
  }

  /**
   * The record grew past the limit: report it, and give back the text to read again
   * from the line after the record's first (an unclosed quote swallows the lines after it).
   */
  private overflow(rows: CsvRow[]): string | undefined {
    rows.push({
      line: this.recordLine,
      error: `line ${this.recordLine}: a record longer than ${this.maxRecordChars} characters (is a quote left open?)`,
      partial: [...this.cells],
    });
    return this.restart();
  }

  /** Text after the record's first line, to read again; or undefined (skip the rest of the line). */
  private restart(): string | undefined {
    const m = /\r\n|\r|\n/.exec(this.raw);
    const raw = this.raw;
    this.raw = '';
    this.cells = [];
    this.cell = '';
    this.afterCR = false;
    if (!m) {
      this.skipError = undefined; // the error is reported; skip the rest of the line silently
      this.state = S.SkipLine;
      return undefined;
    }
    this.line = this.recordLine + 1;
    this.state = S.LineStart;
    return raw.slice(m.index + m[0].length);
  }

  /** Handles the end of the text; returns text to read again after an unclosed quote. */
  private finish(rows: CsvRow[]): string | undefined {
    switch (this.state) {
      case S.LineStart:
      case S.Comment:
        return undefined;
      case S.SkipLine:
        if (this.skipError !== undefined) rows.push({ line: this.recordLine, error: this.skipError, partial: this.skipPartial });
        this.skipError = undefined;
        this.state = S.LineStart;
        return undefined;
      case S.Quoted: {
        rows.push({ line: this.recordLine, error: `line ${this.recordLine}: a quoted cell is never closed`, partial: [...this.cells] });
        const rest = this.restart();
        return rest === undefined || rest === '' ? undefined : rest;
      }
      default:
        this.endRecord(rows, false);
        return undefined;
    }
  }
}
