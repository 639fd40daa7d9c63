/**
 * Runtime values of the reference evaluator and the per-subject environment.
 */
import { Decimal } from '@rubric/model';

/** A record of a list fact, its fields already converted. */
export type RecordValue = { readonly [field: string]: Value };

/** A runtime value: numbers are exact decimals; text, levels and dates are strings. */
export type Value = Decimal | boolean | string | readonly RecordValue[];

/** What one subject's evaluation reads from. */
export interface Env {
  /** Converted fact values, defaults filled in. */
  readonly facts: Readonly<Record<string, Value>>;
  /** The parameter's value in force for this subject (cached per subject). */
  param(id: string): Decimal;
  /** The list record an aggregate is visiting, if any. */
  record?: RecordValue;
  /** When explaining: names read → their values as JSON. */
  reads?: Record<string, unknown>;
}

/**
 * A failure while scoring one subject (division by zero, a count that is not a whole
 * number, points outside [0, max]): the subject comes out `invalid` with this error.
 */
export class EvalError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path = '',
  ) {
    super(message);
  }
}

/** A runtime value as JSON (for explanations): decimals become numbers. */
export function toJson(v: Value): unknown {
  if (v instanceof Decimal) return v.toNumber();
  if (Array.isArray(v)) return v.map((r) => Object.fromEntries(Object.entries(r as RecordValue).map(([k, x]) => [k, toJson(x)])));
  return v;
}

/** Narrows a value to a decimal; the checker guarantees types, so a mismatch is an internal error. */
export function num(v: Value): Decimal {
  if (v instanceof Decimal) return v;
  throw new EvalError('internal/type', `expected a number, got ${JSON.stringify(toJson(v))}`);
}

export function bool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  throw new EvalError('internal/type', `expected true or false, got ${JSON.stringify(toJson(v))}`);
}

export function list(v: Value): readonly RecordValue[] {
  if (Array.isArray(v)) return v;
  throw new EvalError('internal/type', `expected a list, got ${JSON.stringify(toJson(v))}`);
}

/** Equality across runtime values of one type. */
export function sameValue(a: Value, b: Value): boolean {
  if (a instanceof Decimal && b instanceof Decimal) return a.eq(b);
  return a === b;
}
