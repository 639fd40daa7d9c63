/**
 * The rubric IR: plain JSON that both front ends (DSL and YAML) produce and the
 * engine consumes. It is fully explicit: front ends fill every default, so two
 * sources that mean the same thing give the same IR and the same content hash.
 *
 * Numbers are JSON numbers standing for exact decimals (their shortest text, at most
 * 15 significant digits); dates are `YYYY-MM-DD` strings; periods include both ends.
 */
import type { Expr } from './expr.js';

/** The IR format tag; bumped on any incompatible change to these types. */
export const IR_FORMAT = 'rubric-ir/1';

/** A whole rubric: one version of one scale. */
export interface Rubric {
  format: typeof IR_FORMAT;
  id: string;
  title: string;
  version: string;
  description?: string;
  /** When this version is in force (both ends inclusive; `until` absent = open-ended). */
  effective: Period;
  /** The earlier version this one replaces, with where its indicators went. */
  replaces?: Replaces;
  /** Declared total: must equal the sum of indicator maxima. */
  total: number;
  facts: Fact[];
  parameters: Parameter[];
  /** Id of the parameter that holds the pass mark. */
  passMark: string;
  sections: Section[];
  hardRequirements: HardRequirement[];
  vetoes: Veto[];
  deductions: Deduction[];
  /** Cap on the sum of all deductions; absent = no overall cap. */
  deductionCap?: number;
  /** Lowest total after deductions; `null` = the total may go negative. Default 0. */
  floor: number | null;
  /** Grade bands, highest `min` first; the first band whose `min` ≤ total names the grade. */
  grades: GradeBand[];
  tests: TestCase[];
}

/** A date range, both ends inclusive. */
export interface Period {
  from: string;
  until?: string;
}

export interface Replaces {
  /** Version string of the replaced rubric (same rubric id). */
  version: string;
  mapping: IndicatorMapping[];
}

/**
 * Old indicators → new ones: one to one (kept or renamed), many to one (merged),
 * one to many (split), one to none (dropped, `to: []`), none to one (added, `from: []`).
 */
export interface IndicatorMapping {
  from: string[];
  to: string[];
  note?: string;
}

// ---------------------------------------------------------------- facts

/** An input the subject supplies. Optional facts always have a default, so rules never see a missing value. */
export interface Fact {
  id: string;
  label: string;
  description?: string;
  type: FactType;
  required: boolean;
  /** Value used when the subject omits the fact; present exactly when `required` is false. */
  default?: FactValue;
}

export type FactType =
  | { kind: 'boolean' }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'decimal'; min?: number; max?: number }
  /** A decimal in [0, 1]. */
  | { kind: 'ratio' }
  /** One of a fixed set of values, e.g. `full | partial | none`. */
  | { kind: 'level'; levels: LevelValue[] }
  /** `YYYY-MM-DD`. */
  | { kind: 'date' }
  | { kind: 'text' }
  /** A list of records (a community's checkpoints); fields are scalar facts. */
  | { kind: 'list'; fields: Fact[] };

export type FactKind = FactType['kind'];

export interface LevelValue {
  value: string;
  label?: string;
}

/** A fact's value as it appears in subject data (JSON). */
export type FactValue = boolean | number | string | FactRecord[];
export type FactRecord = Record<string, boolean | number | string>;

// ---------------------------------------------------------------- parameters

/**
 * A named number with an effective-dated history; within a period, the first
 * override whose condition holds for the subject wins, else the period's value.
 */
export interface Parameter {
  id: string;
  label?: string;
  description?: string;
  /** Periods in date order; they must not overlap. */
  periods: ParameterPeriod[];
}

export interface ParameterPeriod {
  /** Absent = since always. */
  from?: string;
  /** Absent = open-ended. */
  until?: string;
  value: number;
  overrides: ParameterOverride[];
}

export interface ParameterOverride {
  when: Expr;
  value: number;
}

// ---------------------------------------------------------------- scoring

/** A part of the scale (一、严格卡口管理). */
export interface Section {
  id: string;
  title: string;
  /** Declared section total; must equal the sum of its indicators' maxima. */
  max?: number;
  indicators: Indicator[];
}

export interface Indicator {
  id: string;
  title: string;
  /** The printed standard (评价标准). */
  standard?: string;
  /** How it is assessed (document review, site visit…). */
  method?: string;
  /** Maximum points. */
  max: number;
  rule: Rule;
}

/** How an indicator's points are computed. A result outside [0, max] is a rubric defect, reported, never clamped. */
export type Rule = ExpressionRule | CasesRule | ChecklistRule;

/** Points = the expression (e.g. `round(10 * rate, 0.5)`). */
export interface ExpressionRule {
  kind: 'expression';
  points: Expr;
}

/** First matching case gives the points; `otherwise` when none matches. */
export interface CasesRule {
  kind: 'cases';
  cases: Case[];
  otherwise: Expr;
}

export interface Case {
  when: Expr;
  points: Expr;
}

/**
 * Sub-items each worth points. `award`: points = Σ item points × hits.
 * `deduct`: points = max − Σ item points × hits, down to zero (扣完为止).
 * An item's hits are 1/0 from `when`, or the number from `count`.
 */
export interface ChecklistRule {
  kind: 'checklist';
  mode: 'award' | 'deduct';
  items: ChecklistItem[];
}

export interface ChecklistItem {
  id: string;
  title: string;
  points: number;
  /** Exactly one of `when` (boolean) and `count` (non-negative integer) is present. */
  when?: Expr;
  count?: Expr;
}

// ---------------------------------------------------------------- gates and deductions

/** A hard requirement (硬性指标): failing it fails the subject whatever the total. */
export type HardRequirement =
  | { id: string; title: string; kind: 'indicator-full'; indicator: string }
  | { id: string; title: string; kind: 'condition'; require: Expr };

/** A one-vote veto (一票否决): when its condition holds, the outcome is `vetoed`. */
export interface Veto {
  id: string;
  reason: string;
  when: Expr;
}

/** Points taken off the total. Each deduction has an optional cap; all of them an optional overall cap. */
export type Deduction = PerUnitDeduction | DiscretionaryDeduction | ConditionalDeduction;

/** `amount` per unit of `count` (e.g. 1 point per badly handled hotline complaint). */
export interface PerUnitDeduction {
  id: string;
  reason: string;
  kind: 'per-unit';
  count: Expr;
  amount: number;
  cap?: number;
}

/**
 * An amount the assessor records within [min, max] (视情扣分): in the decimal fact
 * `fact`, or, when `field` is set, in that field of each record of the list fact
 * `fact` (one amount per case). Amounts outside the range make the subject invalid.
 */
export interface DiscretionaryDeduction {
  id: string;
  reason: string;
  kind: 'discretionary';
  fact: string;
  field?: string;
  min: number;
  max: number;
  cap?: number;
}

/** A fixed `amount` when `when` holds. */
export interface ConditionalDeduction {
  id: string;
  reason: string;
  kind: 'conditional';
  when: Expr;
  amount: number;
  cap?: number;
}

export interface GradeBand {
  label: string;
  min: number;
}

// ---------------------------------------------------------------- tests

/** A named case kept beside the rubric and run by `rubric test`. */
export interface TestCase {
  name: string;
  /** Evaluation date; absent = the rubric's `effective.from`. */
  asOf?: string;
  /** The subject data, as it would come from a data file (may include `id`). */
  subject: Record<string, unknown>;
  expect: TestExpectation;
}

export interface TestExpectation {
  outcome?: Outcome;
  total?: number;
  passMark?: number;
  /** Indicator id → expected points (only those listed are checked). */
  indicators?: Record<string, number>;
  /** Reason codes expected among the result's reasons (e.g. `veto:media_exposure`). */
  reasons?: string[];
}

/** The outcome of evaluating one subject. */
export type Outcome = 'pass' | 'fail' | 'vetoed' | 'invalid';
export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'vetoed', 'invalid'];

/** Every indicator of a rubric, in order, with its section. */
export function allIndicators(r: Rubric): { section: Section; indicator: Indicator; sectionIndex: number; index: number }[] {
  return r.sections.flatMap((section, sectionIndex) =>
    section.indicators.map((indicator, index) => ({ section, indicator, sectionIndex, index })),
  );
}
