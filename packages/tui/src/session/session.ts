/**
 * The session: loads each version through the services, evaluates the dataset against
 * it, and reloads on file changes, reporting everything as actions. Evaluation runs off
 * the render path: records are scored in slices of a few milliseconds with a yield to the
 * event loop between slices (so keys are handled and frames drawn while 100,000 subjects
 * are scored), progress is reported a few times a second, and a newer job for the same
 * version cancels the older one. While a job runs the last finished rows stay on screen
 * (on the very first load, rows are shown as they come).
 */
import type { CompiledRubric, EvaluationResult, Rubric } from '@rubric/rubric';
import type { DataAction } from '../app/actions.js';
import { lowerIds, permutation } from '../model/order.js';
import { rowOf, type Row } from '../model/rows.js';
import { judgedOf } from '../app/select.js';
import type { LoadedVersion, SubjectRecord, TuiServices } from '../services.js';

/** Options of a session. */
export interface SessionOptions {
  /** Evaluate every version as of this date; default: each version's own `effective.from`. */
  asOf?: string;
  /** Longest stretch of scoring before yielding to the event loop, in ms (default 12). */
  sliceMs?: number;
  /** Least time between progress reports, in ms (default 150). */
  progressMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** Scores one record; an engine failure on one record becomes that record's error. */
export function resultFor(compiled: CompiledRubric, rec: SubjectRecord, asOf: string): EvaluationResult {
  if (rec.error || !rec.record) {
    const error = rec.error ?? { path: '', code: 'data/unreadable', message: `record ${rec.index}: unreadable` };
    return compiled.invalid(rec.id ?? null, [error], { asOf });
  }
  try {
    return compiled.evaluate(rec.record, rec.inputErrors && rec.inputErrors.length > 0 ? { asOf, inputErrors: rec.inputErrors } : { asOf });
  } catch (e) {
    return compiled.invalid(rec.id ?? null, [{ path: '', code: 'internal/evaluate-failed', message: `the evaluator failed on this record: ${(e as Error).message}` }], { asOf });
  }
}

/** The rubric's own test cases as subjects (when there is no dataset): the case name is the id when the subject has none. */
export function* testCaseRecords(rubric: Rubric): Generator<SubjectRecord> {
  let index = 0;
  for (const t of rubric.tests) {
    const record = { ...t.subject };
    if (record['id'] === undefined) record['id'] = t.name;
    yield { index: ++index, record };
  }
}

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Computes, between key presses, what the first sort or search of new rows would otherwise
 * compute on the key press (the caches are keyed by the rows), so no key waits for an
 * n log n sort of 100,000 subjects.
 */
async function warm(rows: readonly Row[], live: () => boolean): Promise<void> {
  const steps = [() => judgedOf(rows, 0), () => permutation(rows, 'total'), () => permutation(rows, 'id'), () => lowerIds(rows)];
  for (const step of steps) {
    await yieldToEvents();
    if (!live()) return;
    step();
  }
}

/** Loads, evaluates and reloads versions; dispatches {@link DataAction}s. */
export class Session {
  private readonly good: (LoadedVersion | undefined)[];
  private readonly jobs: number[];
  private readonly loads: number[];
  private readonly hasRows: boolean[];
  private nextJob = 0;
  private stopped = false;
  private unwatch: (() => void) | undefined;
  private readonly now: () => number;

  constructor(
    private readonly services: TuiServices,
    private readonly dispatch: (a: DataAction) => void,
    private readonly options: SessionOptions = {},
  ) {
    const n = services.rubricFiles.length;
    this.good = new Array<LoadedVersion | undefined>(n).fill(undefined);
    this.jobs = new Array<number>(n).fill(0);
    this.loads = new Array<number>(n).fill(0);
    this.hasRows = new Array<boolean>(n).fill(false);
    this.now = options.now ?? (() => performance.now());
  }

  /** Loads every version, then evaluates them one after another, the last (shown first) first; starts watching. */
  async start(): Promise<void> {
    const files = this.services.rubricFiles;
    this.unwatch = this.services.watch?.((file, saved) => this.changed(file, saved));
    await Promise.all(files.map((_, slot) => this.load(slot)));
    for (let slot = files.length - 1; slot >= 0 && !this.stopped; slot--) {
      // A reload may already have evaluated this version.
      if (!this.hasRows[slot] && this.jobs[slot] === 0) await this.evaluate(slot);
    }
  }

  /** Stops watching and abandons running jobs. */
  stop(): void {
    this.stopped = true;
    this.unwatch?.();
    this.unwatch = undefined;
  }

  /** A watched file changed: reload the version it is, or re-evaluate every version if it is the dataset. */
  changed(file: string, saved?: string): void {
    if (this.stopped) return;
    this.dispatch({ type: 'fileChanged', file: saved ?? file });
    const files = this.services.rubricFiles;
    files.forEach((f, slot) => {
      if (f === file) void this.load(slot).then((ok) => (ok ? this.evaluate(slot) : undefined));
    });
    if (file === this.services.dataFile) {
      files.forEach((f, slot) => {
        if (f !== file && this.good[slot]) void this.evaluate(slot);
      });
    }
  }

  /** Reads one version; resolves whether it has no errors (a stale read resolves false). */
  private async load(slot: number): Promise<boolean> {
    const file = this.services.rubricFiles[slot]!;
    const ticket = ++this.loads[slot]!;
    let loaded: LoadedVersion;
    try {
      loaded = await this.services.loadVersion(file);
    } catch (e) {
      loaded = {
        file,
        source: '',
        diagnostics: [{ severity: 'error', code: 'internal/load-failed', message: `the rubric could not be loaded: ${(e as Error).message}`, file, span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } }],
      };
    }
    if (this.stopped || ticket !== this.loads[slot]) return false;
    this.dispatch({ type: 'versionLoaded', slot, loaded });
    const ok = loaded.rubric !== undefined && loaded.compiled !== undefined;
    if (ok) this.good[slot] = loaded;
    return ok;
  }

  /** Evaluates the dataset against a version's last good rubric. */
  private async evaluate(slot: number): Promise<void> {
    const loaded = this.good[slot];
    if (!loaded?.rubric || !loaded.compiled) return;
    const { rubric, compiled } = loaded;
    const job = ++this.nextJob;
    this.jobs[slot] = job;
    const live = (): boolean => !this.stopped && this.jobs[slot] === job;
    const asOf = this.options.asOf ?? rubric.effective.from;
    const sliceMs = this.options.sliceMs ?? 12;
    const progressMs = this.options.progressMs ?? 150;
    const first = !this.hasRows[slot];
    this.dispatch({ type: 'evalStarted', slot, job });
    const rows: Row[] = [];
    const records: SubjectRecord[] = [];
    let sliceStart = this.now();
    let reported = sliceStart;
    try {
      const source: AsyncIterable<SubjectRecord> | Iterable<SubjectRecord> = this.services.readRecords ? this.services.readRecords(rubric) : testCaseRecords(rubric);
      for await (const rec of source) {
        if (!live()) return;
        rows.push(rowOf(resultFor(compiled, rec, asOf), rec));
        records.push(rec);
        if (this.now() - sliceStart >= sliceMs) {
          await yieldToEvents();
          if (!live()) return;
          sliceStart = this.now();
          if (sliceStart - reported >= progressMs) {
            reported = sliceStart;
            this.dispatch(
              first
                ? { type: 'evalProgress', slot, job, done: rows.length, rows: rows.slice(), records: records.slice(), asOf }
                : { type: 'evalProgress', slot, job, done: rows.length },
            );
          }
        }
      }
    } catch (e) {
      if (live()) this.dispatch({ type: 'evalFailed', slot, job, message: (e as Error).message });
      return;
    }
    if (!live()) return;
    this.hasRows[slot] = true;
    this.dispatch({ type: 'evalDone', slot, job, rows, records, asOf });
    await warm(rows, live);
  }
}
