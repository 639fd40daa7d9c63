/**
 * JSON Schema of `rubric diff --format json` (`rubric-diff/1`). Published verbatim as
 * `docs/schema/diff.v1.json`; a test keeps the two equal and validates real output.
 */
import { DIFF_FORMAT, CHANGE_KINDS, CHANGE_TARGETS } from './types.js';

const str = { type: 'string' };
const num = { type: 'number' };
const strList = { type: 'array', items: str };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const outcome = { enum: ['pass', 'fail', 'vetoed', 'invalid'] };
const period = { type: 'object', additionalProperties: false, properties: { from: date, until: date } };

/** JSON Schema of one diff (with its impact when `--data` was given). */
export const DIFF_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://rubric.dev/schema/diff.v1.json',
  title: 'Rubric diff',
  type: 'object',
  required: ['format', 'old', 'new', 'mapping', 'indicators', 'changes'],
  additionalProperties: false,
  definitions: {
    version: {
      type: 'object',
      required: ['id', 'version', 'title', 'hash', 'effective'],
      additionalProperties: false,
      properties: {
        id: str,
        version: str,
        title: str,
        hash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
        effective: { type: 'object', required: ['from'], additionalProperties: false, properties: { from: date, until: date } },
        file: str,
      },
    },
    indicatorSummary: {
      type: 'object',
      required: ['id', 'section', 'title', 'points', 'rule'],
      additionalProperties: false,
      properties: { id: str, section: str, title: str, points: num, rule: strList },
    },
    value: {
      description: 'A value before or after a change: a number, text, lines of text, an indicator summary or a list of them, or null for none',
      anyOf: [
        { type: ['number', 'string', 'boolean', 'null'] },
        strList,
        { $ref: '#/definitions/indicatorSummary' },
        { type: 'array', items: { $ref: '#/definitions/indicatorSummary' } },
      ],
    },
    result: {
      type: 'object',
      required: ['outcome', 'total', 'passMark', 'reasons', 'errors'],
      additionalProperties: false,
      properties: { outcome, total: { type: ['number', 'null'] }, passMark: { type: ['number', 'null'] }, reasons: strList, errors: strList },
    },
    cause: {
      oneOf: [
        {
          type: 'object',
          required: ['kind', 'from', 'to', 'before', 'after', 'rulesBefore', 'rulesAfter'],
          additionalProperties: false,
          properties: { kind: { const: 'indicator' }, from: strList, to: strList, before: num, after: num, rulesBefore: strList, rulesAfter: strList },
        },
        { type: 'object', required: ['kind', 'id', 'before', 'after'], additionalProperties: false, properties: { kind: { const: 'deduction' }, id: str, before: num, after: num } },
        {
          type: 'object',
          required: ['kind', 'before', 'after'],
          additionalProperties: false,
          properties: { kind: { const: 'pass-mark' }, before: { type: ['number', 'null'] }, after: { type: ['number', 'null'] }, ruleBefore: str, ruleAfter: str },
        },
        { type: 'object', required: ['kind', 'change', 'key', 'message'], additionalProperties: false, properties: { kind: { const: 'reason' }, change: { enum: ['added', 'removed'] }, key: str, message: str } },
        { type: 'object', required: ['kind', 'side', 'errors'], additionalProperties: false, properties: { kind: { const: 'invalid' }, side: { enum: ['old', 'new'] }, errors: strList } },
      ],
    },
  },
  properties: {
    format: { const: DIFF_FORMAT },
    old: { $ref: '#/definitions/version' },
    new: { $ref: '#/definitions/version' },
    mapping: { enum: ['new-replaces-old', 'old-replaces-new', 'none'], description: 'Which version’s `replaces` mapping matched the indicators' },
    indicators: {
      type: 'array',
      description: 'Every old and new indicator, in groups: kept, renamed, merged, split, regrouped, added, removed',
      items: {
        type: 'object',
        required: ['kind', 'from', 'to', 'mapped'],
        additionalProperties: false,
        properties: {
          kind: { enum: ['kept', 'renamed', 'merged', 'split', 'regrouped', 'added', 'removed'] },
          from: strList,
          to: strList,
          mapped: { type: 'boolean' },
          note: str,
        },
      },
    },
    changes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['target', 'kind', 'id'],
        additionalProperties: false,
        properties: {
          target: { enum: [...CHANGE_TARGETS] },
          kind: { enum: [...CHANGE_KINDS] },
          id: str,
          field: str,
          from: strList,
          to: strList,
          before: { $ref: '#/definitions/value' },
          after: { $ref: '#/definitions/value' },
          period,
          note: str,
          mapped: { type: 'boolean' },
          wording: { type: 'boolean' },
        },
      },
    },
    impact: {
      type: 'object',
      required: ['asOf', 'subjects', 'flipped', 'totalChanged', 'unchanged', 'counts', 'results'],
      additionalProperties: false,
      properties: {
        data: str,
        asOf: { type: 'object', required: ['old', 'new'], additionalProperties: false, properties: { old: date, new: date } },
        subjects: { type: 'integer', minimum: 0 },
        flipped: { type: 'integer', minimum: 0 },
        totalChanged: { type: 'integer', minimum: 0 },
        unchanged: { type: 'integer', minimum: 0 },
        counts: {
          type: 'array',
          items: { type: 'object', required: ['from', 'to', 'count'], additionalProperties: false, properties: { from: outcome, to: outcome, count: { type: 'integer', minimum: 1 } } },
        },
        results: {
          type: 'array',
          items: {
            type: 'object',
            required: ['index', 'id', 'old', 'new', 'flipped', 'delta', 'causes'],
            additionalProperties: false,
            properties: {
              index: { type: 'integer', minimum: 1 },
              id: { type: ['string', 'null'] },
              old: { $ref: '#/definitions/result' },
              new: { $ref: '#/definitions/result' },
              flipped: { type: 'boolean' },
              delta: { type: ['number', 'null'] },
              causes: { type: 'array', items: { $ref: '#/definitions/cause' } },
            },
          },
        },
      },
    },
  },
} as const;
