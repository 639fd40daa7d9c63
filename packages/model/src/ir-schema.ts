/**
 * JSON Schema (draft 2020-12 subset that ajv's default draft-07 class reads) of the IR,
 * and a validator that reports problems as IR issues with JSON pointers.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { IR_FORMAT, type Rubric } from './ir.js';
import type { IrIssue } from './diagnostic.js';

const id = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' };
const rubricId = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const num = { type: 'number' };
const nonNeg = { type: 'number', minimum: 0 };
const text = { type: 'string' };
const expr = { $ref: '#/$defs/expr' };

function obj(required: string[], properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', required, properties, additionalProperties: false };
}

/** The IR's JSON Schema. */
export const IR_SCHEMA = {
  $id: 'https://rubric.dev/schema/ir.v1.json',
  title: 'Rubric IR',
  ...obj(
    ['format', 'id', 'title', 'version', 'effective', 'total', 'facts', 'parameters', 'passMark', 'sections', 'hardRequirements', 'vetoes', 'deductions', 'floor', 'grades', 'tests'],
    {
      format: { const: IR_FORMAT },
      id: rubricId,
      title: text,
      version: { type: 'string', minLength: 1 },
      description: text,
      effective: { $ref: '#/$defs/period' },
      replaces: obj(['version', 'mapping'], {
        version: text,
        mapping: { type: 'array', items: obj(['from', 'to'], { from: { type: 'array', items: id }, to: { type: 'array', items: id }, note: text }) },
      }),
      total: nonNeg,
      facts: { type: 'array', items: { $ref: '#/$defs/fact' } },
      parameters: {
        type: 'array',
        items: obj(['id', 'periods'], {
          id,
          label: text,
          description: text,
          periods: {
            type: 'array',
            minItems: 1,
            items: obj(['value', 'overrides'], {
              from: date,
              until: date,
              value: num,
              overrides: { type: 'array', items: obj(['when', 'value'], { when: expr, value: num }) },
            }),
          },
        }),
      },
      passMark: id,
      sections: {
        type: 'array',
        items: obj(['id', 'title', 'indicators'], {
          id,
          title: text,
          max: nonNeg,
          indicators: {
            type: 'array',
            items: obj(['id', 'title', 'max', 'rule'], { id, title: text, standard: text, method: text, max: nonNeg, rule: { $ref: '#/$defs/rule' } }),
          },
        }),
      },
      hardRequirements: {
        type: 'array',
        items: {
          oneOf: [
            obj(['id', 'title', 'kind', 'indicator'], { id, title: text, kind: { const: 'indicator-full' }, indicator: id }),
            obj(['id', 'title', 'kind', 'require'], { id, title: text, kind: { const: 'condition' }, require: expr }),
          ],
        },
      },
      vetoes: { type: 'array', items: obj(['id', 'reason', 'when'], { id, reason: text, when: expr }) },
      deductions: {
        type: 'array',
        items: {
          oneOf: [
            obj(['id', 'reason', 'kind', 'count', 'amount'], { id, reason: text, kind: { const: 'per-unit' }, count: expr, amount: nonNeg, cap: nonNeg }),
            obj(['id', 'reason', 'kind', 'fact', 'min', 'max'], { id, reason: text, kind: { const: 'discretionary' }, fact: id, field: id, min: nonNeg, max: nonNeg, cap: nonNeg }),
            obj(['id', 'reason', 'kind', 'when', 'amount'], { id, reason: text, kind: { const: 'conditional' }, when: expr, amount: nonNeg, cap: nonNeg }),
          ],
        },
      },
      deductionCap: nonNeg,
      floor: { type: ['number', 'null'] },
      grades: { type: 'array', items: obj(['label', 'min'], { label: text, min: num }) },
      tests: {
        type: 'array',
        items: obj(['name', 'subject', 'expect'], {
          name: text,
          asOf: date,
          subject: { type: 'object' },
          expect: obj([], {
            outcome: { enum: ['pass', 'fail', 'vetoed', 'invalid'] },
            total: num,
            passMark: num,
            indicators: { type: 'object', additionalProperties: num },
            reasons: { type: 'array', items: text },
          }),
        }),
      },
    },
  ),
  $defs: {
    period: obj(['from'], { from: date, until: date }),
    fact: obj(['id', 'label', 'type', 'required'], {
      id,
      label: text,
      description: text,
      type: { $ref: '#/$defs/factType' },
      required: { type: 'boolean' },
      default: {},
    }),
    factType: {
      oneOf: [
        obj(['kind'], { kind: { const: 'boolean' } }),
        obj(['kind'], { kind: { const: 'integer' }, min: num, max: num }),
        obj(['kind'], { kind: { const: 'decimal' }, min: num, max: num }),
        obj(['kind'], { kind: { const: 'ratio' } }),
        obj(['kind', 'levels'], {
          kind: { const: 'level' },
          levels: { type: 'array', minItems: 1, items: obj(['value'], { value: { type: 'string', minLength: 1 }, label: text }) },
        }),
        obj(['kind'], { kind: { const: 'date' } }),
        obj(['kind'], { kind: { const: 'text' } }),
        obj(['kind', 'fields'], { kind: { const: 'list' }, fields: { type: 'array', items: { $ref: '#/$defs/fact' } } }),
      ],
    },
    rule: {
      oneOf: [
        obj(['kind', 'points'], { kind: { const: 'expression' }, points: expr }),
        obj(['kind', 'cases', 'otherwise'], {
          kind: { const: 'cases' },
          cases: { type: 'array', items: obj(['when', 'points'], { when: expr, points: expr }) },
          otherwise: expr,
        }),
        obj(['kind', 'mode', 'items'], {
          kind: { const: 'checklist' },
          mode: { enum: ['award', 'deduct'] },
          items: {
            type: 'array',
            items: obj(['id', 'title', 'points'], { id, title: text, points: nonNeg, when: expr, count: expr }),
          },
        }),
      ],
    },
    expr: {
      oneOf: [
        obj(['kind', 'value'], { kind: { const: 'number' }, value: { type: 'string', pattern: '^\\d+(\\.\\d*[1-9])?$' } }),
        obj(['kind', 'value'], { kind: { const: 'boolean' }, value: { type: 'boolean' } }),
        obj(['kind', 'value'], { kind: { const: 'text' }, value: text }),
        obj(['kind', 'value'], { kind: { const: 'date' }, value: date }),
        obj(['kind', 'name'], { kind: { const: 'ref' }, name: id }),
        obj(['kind', 'op', 'operand'], { kind: { const: 'unary' }, op: { enum: ['neg', 'not'] }, operand: expr }),
        obj(['kind', 'op', 'left', 'right'], {
          kind: { const: 'binary' },
          op: { enum: ['+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>=', 'and', 'or'] },
          left: expr,
          right: expr,
        }),
        obj(['kind', 'cond', 'then', 'else'], { kind: { const: 'if' }, cond: expr, then: expr, else: expr }),
        obj(['kind', 'value', 'options'], { kind: { const: 'in' }, value: expr, options: { type: 'array', items: expr } }),
        obj(['kind', 'fn', 'args'], {
          kind: { const: 'call' },
          fn: { enum: ['min', 'max', 'round', 'round_down', 'round_up', 'clamp', 'abs'] },
          args: { type: 'array', items: expr },
        }),
        obj(['kind', 'fn', 'list'], { kind: { const: 'aggregate' }, fn: { enum: ['count', 'sum', 'all', 'any'] }, list: id, where: expr, value: expr }),
      ],
    },
  },
} as const;

let validator: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(IR_SCHEMA);
  return validator;
}

/**
 * Validates an IR value against {@link IR_SCHEMA}. `oneOf` failures are reduced to the
 * alternative that matched the `kind`, so a bad rule reports its own field, not every branch.
 */
export function validateIr(value: unknown): IrIssue[] {
  const validate = getValidator();
  if (validate(value)) return [];
  return summariseAjvErrors(validate.errors ?? []).map((e) => ({
    severity: 'error',
    code: 'ir/schema',
    message: describeAjvError(e),
    path: e.instancePath,
  }));
}

/** Whether a value is a schema-valid IR. */
export function isRubric(value: unknown): value is Rubric {
  return getValidator()(value) === true;
}

/**
 * Drops the noise of `oneOf`: errors from branches whose `kind` const did not match,
 * and the `oneOf` summary itself when a deeper error explains it.
 */
export function summariseAjvErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const kindMismatch = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'const' && e.instancePath.endsWith('/kind')) {
      kindMismatch.add(e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/properties/kind')));
    }
  }
  const kept = errors.filter((e) => {
    for (const branch of kindMismatch) if (e.schemaPath.startsWith(branch + '/')) return false;
    return true;
  });
  const deeper = (e: ErrorObject): boolean => kept.some((o) => o !== e && o.keyword !== 'oneOf' && o.instancePath.startsWith(e.instancePath));
  const result = kept.filter((e) => !(e.keyword === 'oneOf' && deeper(e)));
  return result.length > 0 ? result : [...errors];
}

/** A plain-words message for one ajv error. */
export function describeAjvError(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'the rubric' : `\`${e.instancePath}\``;
  switch (e.keyword) {
    case 'required':
      return `${where} is missing \`${(e.params as { missingProperty: string }).missingProperty}\``;
    case 'additionalProperties':
      return `${where} has an unknown key \`${(e.params as { additionalProperty: string }).additionalProperty}\``;
    case 'const':
      return `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
    case 'enum':
      return `${where} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'oneOf':
      return `${where} does not match any allowed shape`;
    default:
      return `${where} ${e.message ?? 'is invalid'}`;
  }
}
