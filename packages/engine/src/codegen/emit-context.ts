/**
 * What every part of the evaluator generator shares: the fast path's scale limits, the types of
 * compiled values, generated functions and parameters, and {@link EmitContext}, the view of the
 * generator the concept modules (indicators, gates, deductions…) work through.
 */
import type { Decimal, Fact, Parameter, Rubric } from '@rubric/model';
import { Block, type Code, type Name, type NameGen } from './code.js';

/** Decimal places at which the fast path reads decimals and ratios from the data. */
export const DATA_SCALE = 6;
/** Largest scale the fast path uses (10^15 is still an exact double). */
export const MAX_SCALE = 15;
/** Largest safe integer: the bound past which fast-path values are guarded. */
export const SAFE = Number.MAX_SAFE_INTEGER;

/** The kinds of compiled values. */
export type Kind = 'num' | 'bool' | 'str' | 'list';

/** A compiled value: code that evaluates it (cheap, side-effect free) and, on the fast path, its scale and a bound on |coefficient|. */
export interface Val {
  kind: Kind;
  code: Code;
  scale: number;
  bound: number;
  /** The list fact, for list values. */
  fact?: Fact;
}

/** How the fast path reads a numeric fact or field: its scale, a bound on it, and whether the bound must be checked. */
export interface NumericPlan {
  scale: number;
  bound: number;
  checkMagnitude: boolean;
}

/** One generated function: its parameters, facts read so far, parameter caches. */
export class Fn {
  readonly prologue = new Block();
  readonly facts = new Map<string, { raw: Name; val: Name }>();
  readonly params = new Map<string, Name>();
  constructor(
    readonly s: Name,
    readonly asOf: Name,
    /** The statement that gives up on the subject (fast path only). */
    readonly bail: Code,
    /** How reads are recorded: not at all, always (fast + explain), or when `R !== null` (exact). */
    readonly reads: 'none' | 'static' | 'dynamic',
    readonly R: Name | undefined,
  ) {}
}

/** Where an expression is compiled. */
export interface Scope {
  fn: Fn;
  /** Inside an aggregate: the current record and its fields. */
  rec?: Name;
  fields?: Map<string, Fact>;
  /** False inside parameter overrides: their reads are not the rule's. */
  recordReads: boolean;
}

/** A parameter as the generator plans it: its values, their scale, and the names of its generated constants and functions. */
export interface ParamInfo {
  p: Parameter;
  /** Every value the parameter can take: [period, override?] in order. */
  combos: { value: number; period: number; override?: number; when?: string }[];
  scale: number;
  bound: number;
  /** Constants: scaled values (fast), numbers for JSON, Decimal values (exact). */
  scaled: Name;
  numbers: Name;
  decimals: Name;
  source: Name;
  fastFn: Name;
  exactFn: Name;
}


/** Thrown inside the fast-path walk when the rubric's numbers cannot all be scaled integers. */
export class NoFastPath extends Error {}

/** The generator as the emitters see it: names, hoisted constants, the rubric's facts and parameters. */
export interface EmitContext {
  readonly rubric: Rubric;
  readonly names: NameGen;
  /** Statements hoisted to the top of the unit (constant tables, converters). */
  readonly hoisted: Block;
  readonly facts: Map<string, Fact>;
  readonly params: Map<string, ParamInfo>;
  /** The fast path's plan of each top-level numeric fact. */
  readonly numericPlans: Map<Fact, NumericPlan>;
  readonly rt: Name;
  readonly SAFE: Name;
  readonly hash: string;
  /** Scale of totals on the fast path. */
  totalScale: number;
  /** A hoisted constant table (plain data), shared by every function that uses the same one. */
  table(value: unknown, prefix: string): Name;
  /** A hoisted exact decimal constant. */
  dec(d: Decimal): Name;
  /** The JSON Schema of a fact (`/properties/x`) or list field, for its bounds. */
  schemaOf(fact: Fact, list?: Fact): Record<string, unknown>;
  /** Converter of a list fact's records to JSON for explanations (fast path). */
  listJsonFn(f: Fact): Name;
  /** Converter of a list fact's records to runtime values (exact path). */
  listConvFn(f: Fact): Name;
}
