/**
 * The JSON Schema of one subject's data, generated from the fact declarations:
 * labels and descriptions become `title` and `description`, ranges become bounds,
 * and discretionary deductions bound the amounts the assessor may record.
 */
import type { Fact, Rubric } from '@rubric/model';

export type JsonSchema = Record<string, unknown>;

/** Fields every subject may carry besides its facts: its identity and a display name. */
export const SUBJECT_META_FIELDS = ['id', 'name'] as const;

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

type Bounds = { min?: number; max?: number };

/** JSON Schema (draft-07) of a subject of this rubric. */
export function inputSchema(rubric: Rubric): JsonSchema {
  const ranges = deductionRanges(rubric);
  const properties: Record<string, JsonSchema> = {
    id: { title: 'id', description: 'The subject’s identifier', type: ['string', 'integer'] },
    name: { title: 'name', description: 'The subject’s display name', type: 'string' },
  };
  for (const f of rubric.facts) properties[f.id] = factSchema(f, ranges, f.id);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    // Versions are free text ("第一版", "1.0 beta"): keep the URI valid for ajv.
    $id: `urn:rubric:${encodeURIComponent(rubric.id)}:${encodeURIComponent(rubric.version)}:subject`,
    title: `${rubric.title} (${rubric.version})`,
    type: 'object',
    properties,
    required: rubric.facts.filter((f) => f.required).map((f) => f.id),
    additionalProperties: false,
  };
}

/** `fact` or `fact.field` → the range a discretionary deduction allows for it. */
function deductionRanges(rubric: Rubric): Map<string, Bounds> {
  const ranges = new Map<string, Bounds>();
  for (const d of rubric.deductions) {
    if (d.kind !== 'discretionary') continue;
    const key = d.field ? `${d.fact}.${d.field}` : d.fact;
    const prev = ranges.get(key);
    ranges.set(key, {
      min: Math.max(prev?.min ?? -Infinity, d.min),
      max: Math.min(prev?.max ?? Infinity, d.max),
    });
  }
  return ranges;
}

function factSchema(f: Fact, ranges: Map<string, Bounds>, key: string): JsonSchema {
  const base: JsonSchema = { title: f.label };
  if (f.description !== undefined) base.description = f.description;
  if (f.default !== undefined) base.default = f.default;
  const t = f.type;
  const bounded = (type: string, b: Bounds): JsonSchema => {
    const r = ranges.get(key);
    const min = Math.max(b.min ?? -Infinity, r?.min ?? -Infinity);
    const max = Math.min(b.max ?? Infinity, r?.max ?? Infinity);
    const s: JsonSchema = { ...base, type };
    if (Number.isFinite(min)) s.minimum = min;
    if (Number.isFinite(max)) s.maximum = max;
    return s;
  };
  switch (t.kind) {
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'integer':
      return bounded('integer', t);
    case 'decimal':
      return bounded('number', t);
    case 'ratio':
      return bounded('number', { min: 0, max: 1 });
    case 'level':
      return { ...base, type: 'string', enum: t.levels.map((l) => l.value) };
    case 'date':
      return { ...base, type: 'string', pattern: DATE_PATTERN, format: 'date' };
    case 'text':
      return { ...base, type: 'string' };
    case 'list': {
      const properties: Record<string, JsonSchema> = {};
      for (const field of t.fields) properties[field.id] = factSchema(field, ranges, `${key}.${field.id}`);
      return {
        ...base,
        type: 'array',
        items: {
          type: 'object',
          properties,
          required: t.fields.filter((x) => x.required).map((x) => x.id),
          additionalProperties: false,
        },
      };
    }
  }
}
