/**
 * The shapes of a rubric diff and of its impact on a dataset. Published as JSON
 * (`rubric diff --format json`, format `rubric-diff/1`, schema docs/schema/diff.v1.json).
 */
import type { Outcome } from '@rubric/model';

/** Version tag of the diff JSON shape. */
export const DIFF_FORMAT = 'rubric-diff/1';

/** What a change is about. */
export type ChangeTarget = 'rubric' | 'pass-mark' | 'section' | 'indicator' | 'hard-requirement' | 'veto' | 'deduction' | 'parameter' | 'fact' | 'grade';

/** Every target, in the order changes are listed. */
export const CHANGE_TARGETS: readonly ChangeTarget[] = ['rubric', 'pass-mark', 'section', 'indicator', 'hard-requirement', 'veto', 'deduction', 'parameter', 'fact', 'grade'];

/** How it changed. `merged`, `split`, `regrouped` and `renamed` come from indicator mappings. */
export type ChangeKind = 'merged' | 'split' | 'regrouped' | 'renamed' | 'added' | 'removed' | 'moved' | 'changed';

/** Every kind, in the order changes of one target are listed. */
export const CHANGE_KINDS: readonly ChangeKind[] = ['merged', 'split', 'regrouped', 'renamed', 'added', 'removed', 'moved', 'changed'];

/** An indicator as a change shows it: where it is, its points and its rule as text lines. */
export interface IndicatorSummary {
  id: string;
  section: string;
  title: string;
  points: number;
  rule: string[];
}

/** A value before or after a change: a number, text, lines of text, an indicator, or nothing. */
export type ChangeValue = number | string | boolean | null | string[] | IndicatorSummary | IndicatorSummary[];

/** One change of meaning between two versions. */
export interface Change {
  target: ChangeTarget;
  kind: ChangeKind;
  /** The thing's id: in the new version, or the old one when removed (for a split, the old id). */
  id: string;
  /** For `changed`: which property (`points`, `rule`, `title`, `type`, `value`, `effective`…). */
  field?: string;
  /** For mappings: the old and the new indicator ids. */
  from?: string[];
  to?: string[];
  before?: ChangeValue;
  after?: ChangeValue;
  /** For parameter and pass-mark values: the dates the change applies to (both ends included; absent = open). */
  period?: { from?: string; until?: string };
  /** The mapping's note, when the change comes from a mapping. */
  note?: string;
  /** An indicator added or removed as the mapping states it (`from: []` / `to: []`), not merely absent. */
  mapped?: boolean;
  /** Wording only (titles, labels, standards, reasons): no score changes because of it. */
  wording?: boolean;
}

/** How old indicators correspond to new ones. */
export type GroupKind = 'kept' | 'renamed' | 'merged' | 'split' | 'regrouped' | 'added' | 'removed';

/** One correspondence of old indicators to new ones (from the mapping, or by equal id). */
export interface IndicatorGroup {
  kind: GroupKind;
  from: string[];
  to: string[];
  /** Whether the mapping states it (else: matched by id, or unmatched). */
  mapped: boolean;
  note?: string;
}

/** Which mapping the diff used to match indicators. */
export type MappingSource = 'new-replaces-old' | 'old-replaces-new' | 'none';

/** One side of a diff. */
export interface VersionRef {
  id: string;
  version: string;
  title: string;
  hash: string;
  effective: { from: string; until?: string };
  /** The file it was read from, when known. */
  file?: string;
}

/** Everything that changed in meaning from one version to another. */
export interface RubricDiff {
  format: typeof DIFF_FORMAT;
  old: VersionRef;
  new: VersionRef;
  mapping: MappingSource;
  /** Every old and new indicator, in groups. */
  indicators: IndicatorGroup[];
  /** The changes, in a fixed order (target, wording last, kind, field, id): the same whatever the files' order. */
  changes: Change[];
  impact?: Impact;
}

/** A subject's result, as the impact shows it. */
export interface ResultSummary {
  outcome: Outcome;
  total: number | null;
  passMark: number | null;
  /** Reason keys (`veto:<id>`, `hard:<id>`, `below-pass-mark`). */
  reasons: string[];
  /** Data errors (`/path: message`), for an invalid result. */
  errors: string[];
}

/** Why a subject's result changed. */
export type ImpactCause =
  /** A group of indicators scored differently: points before and after, and the rules that gave them. */
  | { kind: 'indicator'; from: string[]; to: string[]; before: number; after: number; rulesBefore: string[]; rulesAfter: string[] }
  /** A deduction took off a different amount. */
  | { kind: 'deduction'; id: string; before: number; after: number }
  /** The pass mark in force for the subject changed. */
  | { kind: 'pass-mark'; before: number | null; after: number | null; ruleBefore?: string; ruleAfter?: string }
  /** A reason (veto, hard requirement, below the pass mark) appeared or went away. */
  | { kind: 'reason'; change: 'added' | 'removed'; key: string; message: string }
  /** The data is invalid under one version. */
  | { kind: 'invalid'; side: 'old' | 'new'; errors: string[] };

/** One subject under both versions. */
export interface SubjectImpact {
  /** 1-based position in the data. */
  index: number;
  id: string | null;
  old: ResultSummary;
  new: ResultSummary;
  /** Whether the outcome differs. */
  flipped: boolean;
  /** new total − old total, or null when either is invalid. */
  delta: number | null;
  causes: ImpactCause[];
}

/** How many subjects went from one outcome to another (including to the same). */
export interface TransitionCount {
  from: Outcome;
  to: Outcome;
  count: number;
}

/** The impact of a new version on a dataset. */
export interface Impact {
  /** The data file, when known. */
  data?: string;
  /** The date each version was evaluated on. */
  asOf: { old: string; new: string };
  subjects: number;
  flipped: number;
  /** Same outcome, different total. */
  totalChanged: number;
  unchanged: number;
  /** Every transition that occurs, flips first (pass → fail first), then the unchanged ones. */
  counts: TransitionCount[];
  /** Flipped subjects first (in data order), then those whose total changed, then the rest. */
  results: SubjectImpact[];
}
