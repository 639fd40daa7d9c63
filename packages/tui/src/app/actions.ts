/**
 * Every action the reducers handle: data events from the session, and what keys ask for.
 * A leaf of the app: it imports nothing of app/ or screens/, so the state, each screen's
 * reducer and the key maps can all name its types without a loop between them.
 */
import type { Key } from 'ink';
import type { Row } from '../model/rows.js';
import type { LoadedVersion, SubjectRecord } from '../services.js';

/** The screens. */
export type Screen = 'subjects' | 'detail' | 'compare' | 'diagnostics';

/** The parts of Ink's key info the maps read (tests pass only what they need). */
export type KeyInfo = Partial<Key>;

/** Data events, dispatched by the session (loading, evaluating, watching). */
export type DataAction =
  | { type: 'versionLoaded'; slot: number; loaded: LoadedVersion }
  | { type: 'evalStarted'; slot: number; job: number }
  | { type: 'evalProgress'; slot: number; job: number; done: number; rows?: readonly Row[]; records?: readonly SubjectRecord[]; asOf?: string }
  | { type: 'evalDone'; slot: number; job: number; rows: readonly Row[]; records: readonly SubjectRecord[]; asOf: string }
  | { type: 'evalFailed'; slot: number; job: number; message: string }
  | { type: 'fileChanged'; file: string };

/** Actions that keys (and the terminal) ask for. */
export type UiAction =
  | { type: 'resize'; width: number; height: number }
  | { type: 'quit' }
  | { type: 'toggleHelp' }
  | { type: 'whatIf'; step: 1 | -1 | 0 }
  | { type: 'cycleVersion'; by: 1 | -1 }
  | { type: 'show'; screen: Screen }
  | { type: 'back' }
  | { type: 'focusNext' }
  | { type: 'move'; by: number }
  | { type: 'movePage'; by: 1 | -1 }
  | { type: 'moveTo'; where: 'start' | 'end' }
  | { type: 'open' }
  | { type: 'nextSubject'; by: 1 | -1 }
  | { type: 'cycleSort' }
  | { type: 'reverseSort' }
  | { type: 'cycleFilter' }
  | { type: 'searchStart' }
  | { type: 'searchType'; text: string }
  | { type: 'searchBackspace' }
  | { type: 'searchCommit' }
  | { type: 'searchCancel' }
  | { type: 'cycleA' }
  | { type: 'cycleB' }
  | { type: 'swapAB' }
  | { type: 'toggleFlipsOnly' };

/** A key press, mapped to a {@link UiAction} by the reducer with the state it meets. */
export interface KeyAction {
  type: 'key';
  input: string;
  key: KeyInfo;
}

/** Any action. */
export type Action = DataAction | UiAction | KeyAction;
