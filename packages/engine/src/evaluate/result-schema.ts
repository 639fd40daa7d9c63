/**
 * JSON Schema of an evaluation result (`rubric-result/1`). Published verbatim as
 * `docs/schema/result.v1.json`; a test keeps the two equal.
 */
import { RESULT_FORMAT } from '@rubric/model';

const num = { type: 'number' };
const str = { type: 'string' };
const reads = { type: 'object', description: 'Names read (facts, parameters) → their values' };
const strList = { type: 'array', items: str };
const numMap = { type: 'object', additionalProperties: num };

/** JSON Schema of one {@link EvaluationResult}. */
export const RESULT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://rubric.dev/schema/result.v1.json',
  title: 'Rubric evaluation result',
  type: 'object',
  required: ['format', 'id', 'outcome', 'total', 'sections', 'indicators', 'deductions', 'deductionTotal', 'passMark', 'passMarkSource', 'hardRequirementsFailed', 'vetoes', 'reasons', 'grade', 'errors', 'asOf', 'rubric'],
  additionalProperties: false,
  properties: {
    format: { const: RESULT_FORMAT },
    id: { type: ['string', 'null'], description: 'The subject’s id' },
    outcome: { enum: ['pass', 'fail', 'vetoed', 'invalid'] },
    total: { type: ['number', 'null'], description: 'Σ indicator points − deductions, floored; null when invalid' },
    sections: { ...numMap, description: 'Section id → points' },
    indicators: { ...numMap, description: 'Indicator id → points' },
    deductions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'reason', 'amount', 'uncapped'],
        additionalProperties: false,
        properties: { id: str, reason: str, amount: num, uncapped: num },
      },
    },
    deductionTotal: num,
    passMark: { type: ['number', 'null'] },
    passMarkSource: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['parameter', 'period'],
          additionalProperties: false,
          properties: {
            parameter: str,
            period: { type: 'object', additionalProperties: false, properties: { from: str, until: str } },
            override: { type: 'integer', minimum: 0 },
            when: str,
          },
        },
      ],
    },
    hardRequirementsFailed: strList,
    vetoes: strList,
    reasons: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'kind', 'message'],
        additionalProperties: false,
        properties: { key: str, kind: { enum: ['veto', 'hard-requirement', 'below-pass-mark'] }, id: str, message: str },
      },
    },
    grade: { type: ['string', 'null'] },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['path', 'code', 'message'], additionalProperties: false, properties: { path: str, code: str, message: str } },
    },
    asOf: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    rubric: {
      type: 'object',
      required: ['id', 'version', 'hash'],
      additionalProperties: false,
      properties: { id: str, version: str, hash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } },
    },
    subject: {
      type: 'object',
      description: 'The subject’s data exactly as it was evaluated (`rubric eval --record-facts`), for `rubric verify`',
    },
    explanation: {
      type: 'object',
      required: ['indicators', 'vetoes', 'hardRequirements', 'deductions'],
      properties: {
        indicators: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            required: ['branch', 'rule', 'reads'],
            properties: { branch: str, rule: str, reads, items: { type: 'array' } },
          },
        },
        vetoes: { type: 'object', additionalProperties: { type: 'object', required: ['fired', 'rule', 'reads'], properties: { fired: { type: 'boolean' }, rule: str, reads } } },
        hardRequirements: { type: 'object', additionalProperties: { type: 'object', required: ['met', 'rule', 'reads'], properties: { met: { type: 'boolean' }, rule: str, reads } } },
        deductions: { type: 'object', additionalProperties: { type: 'object', required: ['rule', 'reads'], properties: { rule: str, reads } } },
      },
    },
  },
} as const;
