/** Builds app states for reducer and view tests: versions loaded and evaluated, without a session. */
import { reducer } from '../src/app/reducer.js';
import { initialState, type AppState, type Size } from '../src/app/state.js';
import { rowOf } from '../src/model/rows.js';
import { resultFor } from '../src/session/session.js';
import type { Action } from '../src/app/actions.js';
import { loadVersionText, records, SUBJECTS, V1, V2 } from './fixtures.js';

/** Applies actions in turn. */
export function apply(s: AppState, ...actions: Action[]): AppState {
  return actions.reduce(reducer, s);
}

/** Loads and evaluates a version into a slot, as the session would. */
export function evaluated(s: AppState, slot: number, file: string, text: string, subjects = SUBJECTS, job = slot + 1): AppState {
  const loaded = loadVersionText(file, text);
  const recs = records(subjects);
  const asOf = loaded.rubric?.effective.from ?? '2022-01-01';
  const rows = loaded.compiled ? recs.map((r) => rowOf(resultFor(loaded.compiled!, r, asOf), r)) : [];
  return apply(s, { type: 'versionLoaded', slot, loaded }, { type: 'evalStarted', slot, job }, { type: 'evalDone', slot, job, rows, records: recs, asOf });
}

/** Two versions (v1, v2) of the tiny rubric evaluated on the eight subjects. */
export function twoVersions(size: Size = { width: 80, height: 24 }): AppState {
  let s = initialState({ files: ['v1.yaml', 'v2.yaml'], dataFile: 'data.jsonl', size });
  s = evaluated(s, 0, 'v1.yaml', V1);
  s = evaluated(s, 1, 'v2.yaml', V2);
  return s;
}

/** A key press. */
export function key(input: string, k: Record<string, boolean> = {}): Action {
  return { type: 'key', input, key: k };
}
