/** The TUI's whole state: the versions and their results, and what each screen shows. Plain data. */
import type { CompiledRubric, Diagnostic, Rubric } from '@rubric/rubric';
import type { PairBy } from '../model/compare.js';
import type { View } from '../model/order.js';
import type { Row } from '../model/rows.js';
import type { SubjectRecord } from '../services.js';
import type { Screen } from './actions.js';
import { initialCompare, type CompareState } from '../screens/compare/reducer.js';
import { initialDetail, type DetailState } from '../screens/detail/reducer.js';
import { initialDiagnostics, type DiagnosticsState } from '../screens/diagnostics/reducer.js';
import { initialHelp, type HelpState } from '../screens/help/reducer.js';
import { initialSubjects, type SubjectsState } from '../screens/subjects/reducer.js';

/** Terminal size in columns and rows. */
export interface Size {
  width: number;
  height: number;
}

/** A rubric that loaded without errors, and the evaluator compiled from it. */
export interface GoodRubric {
  rubric: Rubric;
  compiled: CompiledRubric;
}

/** A running evaluation of one version over the dataset. */
export interface Job {
  id: number;
  /** Records evaluated so far. */
  done: number;
}

/** One rubric file (a version) and its results. */
export interface VersionState {
  /** The version's file as the services name it. */
  file: string;
  /** The file the latest read came from (a twin of `file` when that was the one saved last). */
  readFrom?: string;
  /** The last rubric that loaded without errors; its results stay visible while a later edit is broken. */
  good?: GoodRubric;
  /** Diagnostics of the latest read (errors mean `good` is an older read). */
  diagnostics: Diagnostic[];
  /** Source text of the latest read, for a diagnostic's line. */
  source: string;
  /** The latest read had errors. */
  broken: boolean;
  /** Not read yet. */
  loading: boolean;
  /** The date the rows were evaluated as of. */
  asOf?: string;
  /** One row per subject, from the last finished evaluation (or the one running, on first load). */
  rows: readonly Row[];
  /** The records the rows came from (the detail screen evaluates one again with an explanation). */
  records: readonly SubjectRecord[];
  /** The rubric that `rows` were computed with (may lag `good` while a job runs). */
  rowsRubric?: GoodRubric;
  job?: Job;
  /** Why the dataset could not be read (the last good rows stay). */
  dataError?: string;
  /** Bumped each time `rows` is replaced by a finished evaluation. */
  generation: number;
}

export type { Screen } from './actions.js';

/** The whole state. */
export interface AppState {
  size: Size;
  versions: VersionState[];
  /** How subjects pair across versions: by dataset position, or by id for the rubrics' own test cases. */
  pairBy: PairBy;
  dataFile?: string;
  /** The version the subjects and detail screens show (at first the last one named). */
  current: number;
  screen: Screen;
  help: HelpState;
  /** The what-if pass mark, in half-point steps from each subject's own pass mark. */
  whatIf: number;
  subjects: SubjectsState;
  detail: DetailState;
  compare: CompareState;
  diagnostics: DiagnosticsState;
  /** The latest event worth a line (`2022-06.yaml reloaded`). */
  notice?: string;
  /** The user asked to quit. */
  quit: boolean;
}

/** Options the state starts from. */
export interface InitOptions {
  files: readonly string[];
  dataFile?: string;
  size?: Size;
  view?: Partial<View>;
}

/** A version before it is read. */
export function emptyVersion(file: string): VersionState {
  return { file, diagnostics: [], source: '', broken: false, loading: true, rows: [], records: [], generation: 0 };
}

/** The state before anything is loaded. */
export function initialState(o: InitOptions): AppState {
  const s: AppState = {
    size: o.size ?? { width: 80, height: 24 },
    versions: o.files.map(emptyVersion),
    pairBy: o.dataFile !== undefined ? 'index' : 'id',
    // The newest version first, compared with the one before it: what the latest edit changes.
    current: Math.max(0, o.files.length - 1),
    screen: 'subjects',
    help: initialHelp,
    whatIf: 0,
    subjects: { ...initialSubjects, view: { ...initialSubjects.view, ...o.view } },
    detail: initialDetail,
    compare: initialCompare(o.files.length),
    diagnostics: initialDiagnostics,
    quit: false,
  };
  if (o.dataFile !== undefined) s.dataFile = o.dataFile;
  return s;
}

/** A version's label: its `version` once read, else its file name. */
export function versionLabel(v: VersionState): string {
  return v.good?.rubric.version ?? v.file.replace(/^.*[\\/]/, '');
}
