/**
 * Validates one subject against the generated input schema (ajv) and converts it to
 * runtime values: numbers become exact decimals, missing optional facts take their
 * defaults. Errors are per-field, with the JSON path and words a person understands.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Decimal, didYouMean, isCalendarDate, type Fact, type Rubric, type SubjectError } from '@rubric/model';
import { nonFiniteErrors } from '../codegen/error-reporter.js';
import { inputSchema } from './input-schema.js';
import type { RecordValue, Value } from './values.js';

/** A subject reader for one rubric: validation compiled once. */
export class SubjectReader {
  private readonly validate: ValidateFunction;
  private readonly facts: Map<string, Fact>;
  /** `[id, label]` of the facts, as the shared non-finite check takes them. */
  private readonly factNames: [string, string][];

  constructor(private readonly rubric: Rubric) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    ajv.addFormat('date', isCalendarDate);
    this.validate = ajv.compile(inputSchema(rubric));
    this.facts = new Map(rubric.facts.map((f) => [f.id, f]));
    this.factNames = rubric.facts.map((f) => [f.id, f.label]);
  }

  /** The subject's id as text, if it has a usable one. */
  static idOf(subject: unknown): string | null {
    if (subject === null || typeof subject !== 'object' || Array.isArray(subject)) return null;
    const id = (subject as Record<string, unknown>).id;
    if (typeof id === 'string' && id !== '') return id;
    if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
    return null;
  }

  /** Validates and converts; `skipPaths` are fields already reported by the caller (a CSV cell that was not a number). */
  read(subject: unknown, skipPaths: ReadonlySet<string> = new Set()): { facts?: Record<string, Value>; errors: SubjectError[] } {
    if (subject === null || typeof subject !== 'object' || Array.isArray(subject)) {
      return { errors: [{ path: '', code: 'data/not-an-object', message: 'a subject must be an object of facts' }] };
    }
    if (!this.validate(subject)) {
      const errors = dedupe((this.validate.errors ?? []).map((e) => this.describe(e))).filter(
        (e) => ![...skipPaths].some((p) => e.path === p || e.path.startsWith(`${p}/`)),
      );
      return { errors };
    }
    if (skipPaths.size > 0) return { errors: [] };
    const data = subject as Record<string, unknown>;
    // NaN and Infinity (`1e400` in JSON; a JavaScript caller) pass ajv where a number has no
    // bounds. One function with the standalone module's reporter, which embeds its text.
    const nonFinite = nonFiniteErrors(this.factNames, data);
    if (nonFinite.length > 0) return { errors: nonFinite };
    const facts: Record<string, Value> = {};
    for (const f of this.rubric.facts) {
      const raw = data[f.id] === undefined ? f.default : data[f.id];
      facts[f.id] = convert(f, raw);
    }
    return { facts, errors: [] };
  }

  private describe(e: ErrorObject): SubjectError {
    const path = e.instancePath;
    const name = path === '' ? 'the subject' : `\`${path.slice(1).replace(/\//g, '.')}\``;
    const fact = this.facts.get(path.split('/')[1] ?? '');
    const label = fact && path.split('/').length === 2 ? ` (${fact.label})` : '';
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required': {
        const missing = String(p.missingProperty);
        const f = this.facts.get(missing);
        return {
          path: `${path}/${missing}`,
          code: 'data/missing',
          message: `\`${path === '' ? missing : `${path.slice(1)}.${missing}`}\`${f ? ` (${f.label})` : ''} is required but missing`,
        };
      }
      case 'additionalProperties': {
        const extra = String(p.additionalProperty);
        const known = path === '' ? ['id', 'name', ...this.facts.keys()] : [];
        const hint = didYouMean(extra, known);
        return { path: `${path}/${extra}`, code: 'data/unknown-field', message: `unknown field \`${extra}\`${hint ? `: ${hint}` : ''}` };
      }
      case 'type': {
        const want = String(p.type)
          .split(',')
          .map((t) => TYPE_WORDS[t] ?? t)
          .join(' or ');
        return { path, code: 'data/wrong-type', message: `${name}${label} must be ${want}` };
      }
      case 'enum': {
        const allowed = (p.allowedValues as unknown[]).map(String);
        const value = valueAt(e);
        const hint = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
        return {
          path,
          code: 'data/unknown-level',
          message: `${name}${label} is ${JSON.stringify(value)}, not one of ${allowed.join(', ')}${hint ? ` (${hint})` : ''}`,
        };
      }
      case 'minimum':
      case 'maximum':
        return {
          path,
          code: 'data/out-of-range',
          message: `${name}${label} is ${String(valueAt(e))}, ${e.keyword === 'minimum' ? 'below the minimum' : 'above the maximum'} ${String(p.limit)}`,
        };
      case 'pattern':
      case 'format':
        return { path, code: 'data/bad-date', message: `${name}${label} must be a real date written YYYY-MM-DD` };
      default:
        return { path, code: 'data/invalid', message: `${name}${label} ${e.message ?? 'is invalid'}` };
    }
  }
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  string: 'text',
  array: 'a list',
  object: 'a record',
};

function valueAt(e: ErrorObject): unknown {
  return (e as ErrorObject & { data?: unknown }).data;
}

function dedupe(errors: SubjectError[]): SubjectError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.path}\u0000${e.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Converts a schema-valid JSON value to its runtime value. */
function convert(f: Fact, raw: unknown): Value {
  switch (f.type.kind) {
    case 'integer':
    case 'decimal':
    case 'ratio':
      return Decimal.fromNumber(raw as number);
    case 'list': {
      const fields = f.type.fields;
      return (raw as Record<string, unknown>[]).map((rec) => {
        const out: Record<string, Value> = {};
        for (const field of fields) out[field.id] = convert(field, rec[field.id] === undefined ? field.default : rec[field.id]);
        return out as RecordValue;
      });
    }
    default:
      return raw as boolean | string;
  }
}
