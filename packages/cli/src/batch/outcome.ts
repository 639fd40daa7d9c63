/** What a batch produced besides its output, whichever way it ran. */
import type { EvaluationResult } from '@rubric/rubric';
import type { Counts, RecordPosition } from '../output/writer.js';

/** The explained subject, if any. */
export interface Explained {
  result: EvaluationResult;
  at: RecordPosition;
  /** How many records had the id (only the first is explained). */
  matches: number;
}

/** What a batch produced besides its output. */
export interface BatchOutcome {
  counts: Counts;
  explained?: Explained;
}
