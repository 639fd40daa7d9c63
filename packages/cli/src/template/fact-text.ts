/**
 * How a blank form describes each fact — its type, range, allowed values, whether it must be
 * filled in — and the placeholder it starts with. Ranges come from the rubric's input schema,
 * so a form states exactly what `rubric eval` will accept (including the range a
 * discretionary deduction allows).
 */
import { inputSchema, type Fact, type FactType, type JsonSchema, type Rubric } from '@rubric/rubric';

/** One field of a form: a fact of the rubric with its JSON Schema. */
export interface FormField {
  fact: Fact;
  schema: JsonSchema;
  /** The fields of a list fact's records. */
  fields?: FormField[];
}

/** The rubric's facts as form fields, in declaration order. */
export function formFields(rubric: Rubric): FormField[] {
  const properties = (inputSchema(rubric)['properties'] ?? {}) as Record<string, JsonSchema>;
  return rubric.facts.map((fact) => fieldOf(fact, properties[fact.id] ?? {}));
}

function fieldOf(fact: Fact, schema: JsonSchema): FormField {
  if (fact.type.kind !== 'list') return { fact, schema };
  const items = (schema['items'] ?? {}) as JsonSchema;
  const properties = (items['properties'] ?? {}) as Record<string, JsonSchema>;
  return { fact, schema, fields: fact.type.fields.map((f) => fieldOf(f, properties[f.id] ?? {})) };
}

/** Where the form is filled in: spreadsheets read cells as text, so CSV accepts more spellings. */
export type FormKind = 'yaml' | 'csv' | 'json';

function rangeText(schema: JsonSchema): string {
  const min = schema['minimum'];
  const max = schema['maximum'];
  if (typeof min === 'number' && typeof max === 'number') return ` from ${min} to ${max}`;
  if (typeof min === 'number') return ` ≥ ${min}`;
  if (typeof max === 'number') return ` ≤ ${max}`;
  return '';
}

/** `one of: full (完全落实) | partial | none`, `a whole number ≥ 0`, … */
export function typeText(field: FormField, kind: FormKind, quote: (value: string) => string = (v) => v): string {
  const t: FactType = field.fact.type;
  switch (t.kind) {
    case 'boolean':
      return kind === 'csv' ? 'true or false (yes/no, 是/否 also work)' : 'true or false';
    case 'integer':
      return `a whole number${rangeText(field.schema)}`;
    case 'decimal':
      return `a number${rangeText(field.schema)}`;
    case 'ratio':
      return kind === 'csv' ? 'a ratio from 0 to 1 (e.g. 0.95), or a percentage (95%)' : 'a ratio from 0 to 1 (e.g. 0.95)';
    case 'level':
      return `one of: ${t.levels.map((l) => (l.label !== undefined && l.label !== l.value ? `${quote(l.value)} (${l.label})` : quote(l.value))).join(' | ')}`;
    case 'date':
      return 'a date, YYYY-MM-DD';
    case 'text':
      return 'text';
    case 'list': {
      const fields = (field.fields ?? []).map((f) => f.fact.id).join(', ');
      return kind === 'csv' ? `a JSON list of records with ${fields}, e.g. ${JSON.stringify([exampleRecord(field)])}` : `a list of records, each with: ${fields}`;
    }
  }
}

/** `required`, or `optional, default: 0`. */
export function requiredText(fact: Fact): string {
  return fact.required ? 'required' : `optional, default: ${JSON.stringify(fact.default)}`;
}

/**
 * A valid example value of the fact's type: its default when optional, else the first level,
 * `false`, the least number allowed (or 0), the rubric's start date, empty text, or a list of
 * one example record.
 */
export function exampleValue(field: FormField, rubric?: Rubric): unknown {
  const { fact, schema } = field;
  if (!fact.required && fact.default !== undefined) return fact.default;
  const t = fact.type;
  switch (t.kind) {
    case 'boolean':
      return false;
    case 'integer':
    case 'decimal': {
      const min = schema['minimum'];
      const max = schema['maximum'];
      if (typeof min === 'number' && min > 0) return t.kind === 'integer' ? Math.ceil(min) : min;
      if (typeof max === 'number' && max < 0) return t.kind === 'integer' ? Math.floor(max) : max;
      return 0;
    }
    case 'ratio':
      return 0;
    case 'level':
      return t.levels[0]?.value ?? '';
    case 'date':
      return rubric?.effective.from ?? '2000-01-01';
    case 'text':
      return '';
    case 'list':
      return [exampleRecord(field, rubric)];
  }
}

/** An example record of a list fact: each field's {@link exampleValue}. */
export function exampleRecord(field: FormField, rubric?: Rubric): Record<string, unknown> {
  return Object.fromEntries((field.fields ?? []).map((f) => [f.fact.id, exampleValue(f, rubric)]));
}

/** User text on one line: line breaks become spaces (for CSV comment rows and one-line comments). */
export function oneLine(text: string): string {
  return text.replace(/\s*(\r\n|\r|\n|\u2028|\u2029)\s*/g, ' ').trim();
}
