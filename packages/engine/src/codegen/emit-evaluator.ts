/**
 * IR → the JavaScript source of one evaluator (see docs/compile.md for the design).
 *
 * Two scoring paths are generated from the same walk of the IR:
 *
 * - the **fast path** keeps every number as a scaled integer in a plain JS number, with the
 *   scale known at compile time (`0.5` is 5 at scale 1; a ratio from the data is read at scale
 *   {@link DATA_SCALE}). It tracks a bound on every value and guards each operation that could
 *   leave the range of exact integers (2^53). Whenever exactness is not certain — a data value
 *   with more decimals than its scale, an overflow, a division that does not terminate — or
 *   the subject meets an error (division by zero, points out of range), it gives up on the
 *   subject (`return;`) and…
 * - the **exact path** scores it again with BigInt decimals, statement for statement what the
 *   reference interpreter does, errors and their messages included.
 *
 * Both paths read the facts straight from the subject once a generated check (compiled from
 * the input schema) has accepted it; a subject the check rejects goes to `fallback`, which
 * reports its errors (the reference evaluator in the library, ajv in a standalone module).
 *
 * The code comes in units: `main` (the input check, `evaluate`, `invalid`) and one unit per
 * scoring function (fast, fast with explanations, exact), each self-contained, so that the
 * library generates and builds a unit only when a subject first needs it
 * ({@link emitEvaluatorParts}); {@link emitEvaluatorBody} puts them all in one body of
 * `function (rt, fallback)` returning `{ evaluate, invalid, paths }`, as standalone modules hold it.
 *
 * Every rubric string enters the source through the `_` template as a JSON literal; every
 * identifier is generated.
 *
 * This module is the entry point; the generator lives in emit-units.ts and what it generates in
 * one module per concept: emit-indicators, emit-deductions, emit-gates, emit-parameters (and the
 * pass mark), emit-grades and emit-result, over the shared emit-values, emit-facts,
 * emit-expression, scale-plan and decimal-constants.
 */
import { contentHash, type Rubric } from '@rubric/model';
import { Generator, type UnitKind } from './emit-units.js';

export { DATA_SCALE } from './emit-context.js';
export type { UnitKind } from './emit-units.js';

/** Options of {@link emitEvaluatorBody}. */
export interface EmitOptions {
  /** Generate the fast path (default true). False leaves only the exact path: for tests. */
  fastPath?: boolean;
}

/** The generated evaluator body and what it contains. */
export interface EmittedEvaluator {
  /** Body of `function (rt, fallback)`; returns `{ evaluate, invalid, paths }`. */
  body: string;
  /** Whether a fast path was generated (false when the rubric's numbers do not fit one). */
  fastPath: boolean;
  /** The rubric's content hash, as the results carry it. */
  hash: string;
}

/** A generated evaluator in parts, so a library can generate and build each scoring unit when first needed. */
export interface EvaluatorParts {
  hash: string;
  /** Body of `function (rt, fallback, units)` returning `{ evaluate, invalid, paths }`; `units[kind](invalid)` gives a scoring function, or null for a fast kind the rubric has none of. */
  main: string;
  /** Body of `function (rt, invalid)` returning the scoring function of that kind; undefined for a fast kind the rubric has none of. */
  unit(kind: UnitKind): string | undefined;
}

/**
 * Generates the evaluator in parts (see {@link EvaluatorParts}). Throws {@link CodegenError} on
 * what it does not compile. `hash`, when given, is the rubric's content hash, already worked out.
 */
export function emitEvaluatorParts(rubric: Rubric, schema: Record<string, unknown>, options: EmitOptions = {}, hash: string = contentHash(rubric)): EvaluatorParts {
  // Checks names and parameters once, now, so that a rubric that cannot be compiled fails here.
  const main = new Generator(rubric, schema, hash).main();
  return { hash, main, unit: emitUnits(rubric, schema, hash, options) };
}

/**
 * The scoring units alone (see {@link EvaluatorParts.unit}), for a rubric whose main part was
 * generated already: `hash` is its content hash, not computed again.
 */
export function emitUnits(rubric: Rubric, schema: Record<string, unknown>, hash: string, options: EmitOptions = {}): (kind: UnitKind) => string | undefined {
  const wantFast = options.fastPath !== false;
  return (kind) => (kind !== 'exact' && !wantFast ? undefined : new Generator(rubric, schema, hash).unit(kind));
}

/** Generates the evaluator as one body (every unit inline). Throws {@link CodegenError} on what it does not compile. */
export function emitEvaluatorBody(rubric: Rubric, schema: Record<string, unknown>, options: EmitOptions = {}): EmittedEvaluator {
  const parts = emitEvaluatorParts(rubric, schema, options);
  const unit = (kind: UnitKind): string => {
    const body = parts.unit(kind);
    return body === undefined ? 'null' : `function (rt, invalid) {\n${body}\n}`;
  };
  const fast = unit('fast');
  const body = [
    '"use strict";',
    `const units = { fast: ${fast}, fastExplain: ${fast === 'null' ? 'null' : unit('fastExplain')}, exact: ${unit('exact')} };`,
    'const load = (u) => (invalid) => (u === null ? null : u(rt, invalid));',
    `return (function (rt, fallback, units) {\n${parts.main}\n})(rt, fallback, { fast: load(units.fast), fastExplain: load(units.fastExplain), exact: load(units.exact) });`,
  ].join('\n');
  return { body, fastPath: fast !== 'null', hash: parts.hash };
}
