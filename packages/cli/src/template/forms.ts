/**
 * Blank self-assessment forms for a rubric, in the three data formats `rubric eval` reads:
 * YAML with every fact's label, description, type and allowed values as comments; CSV with a
 * header row of fact ids and a `#` description row (which the CSV reader skips); JSON with an
 * example subject. Each is a data file as it stands: filled in, `rubric eval` scores it.
 */
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { stringify as stringifyYaml } from 'yaml';
import { escapeControl, type Rubric } from '@rubric/rubric';
import { safeJson } from '../output/json-text.js';
import { exampleRecord, exampleValue, formFields, oneLine, requiredText, typeText, type FormField } from './fact-text.js';

/** The formats `rubric template` writes. */
export type TemplateFormat = 'yaml' | 'csv' | 'json';

/** Every template format, default first. */
export const TEMPLATE_FORMATS: readonly TemplateFormat[] = ['yaml', 'csv', 'json'];

/** What a form says about the rubric it belongs to: in the YAML and JSON forms, beside `subjects` (the readers ignore it). */
export interface FormRubric {
  id: string;
  title: string;
  version: string;
  /** Content hash of the rubric (`sha256:…`). */
  hash: string;
}

/** Renders the blank form for `rubric` in `format`. */
export function renderTemplate(rubric: Rubric, hash: string, format: TemplateFormat): string {
  const about: FormRubric = { id: rubric.id, title: rubric.title, version: rubric.version, hash };
  switch (format) {
    case 'yaml':
      return yamlForm(rubric, about);
    case 'csv':
      return csvForm(rubric);
    case 'json':
      return jsonForm(rubric, about);
  }
}

// ---------------------------------------------------------------- YAML

/** A YAML scalar on one line: plain when that reads back as the same string, else double-quoted. */
function yamlScalar(value: unknown): string {
  if (typeof value === 'string' && /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) {
    // JSON's escapes are YAML's in double quotes; JSON leaves U+2028/2029 as they are.
    return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  return stringifyYaml(value, { lineWidth: 0, collectionStyle: 'flow' }).trimEnd();
}

/** Comment lines at `indent`: user text split at its line breaks, control characters escaped. */
function comments(indent: string, ...texts: (string | undefined)[]): string[] {
  const lines: string[] = [];
  for (const text of texts) {
    if (text === undefined || text.trim() === '') continue;
    // Every kind of line break starts a new comment line (U+2028 too: editors break lines there).
    for (const line of text.trim().split(/\r\n|\r|\n|\u2028|\u2029/).map(escapeControl)) lines.push(`${indent}#${line === '' ? '' : ` ${line}`}`);
  }
  return lines;
}

/** The lines of one field: its comments, then `key: value` (blank when required). */
function yamlField(field: FormField, indent: string, rubric: Rubric): string[] {
  const { fact } = field;
  const key = yamlScalar(fact.id);
  const lines = comments(indent, fact.label, fact.description, `${typeText(field, 'yaml', yamlScalar)}; ${requiredText(fact)}`);
  if (fact.type.kind !== 'list') {
    lines.push(`${indent}${key}:${fact.required ? '' : ` ${yamlScalar(fact.default)}`}`);
  } else if (fact.required) {
    // One blank record to fill in (copy it for more).
    const entry = (field.fields ?? []).flatMap((f) => yamlField(f, `${indent}    `, rubric));
    if (entry[0] !== undefined) entry[0] = `${indent}  - ${entry[0].slice(indent.length + 4)}`;
    lines.push(`${indent}${key}:`, ...entry);
  } else {
    // An optional list starts empty; what a record holds is said in comments.
    for (const f of field.fields ?? []) {
      lines.push(...comments(indent, `field ${f.fact.id} (${oneLine(f.fact.label)}): ${typeText(f, 'yaml', yamlScalar)}; ${requiredText(f.fact)}`));
    }
    lines.push(...comments(indent, `e.g. ${yamlScalar([exampleRecord(field, rubric)])}`), `${indent}${key}: ${yamlScalar(fact.default ?? [])}`);
  }
  return lines;
}

function yamlForm(rubric: Rubric, about: FormRubric): string {
  const lines = [
    ...comments('', `Self-assessment form (自评表): ${oneLine(rubric.title)}`, `rubric ${rubric.id}, version ${rubric.version}, ${about.hash}`),
    '#',
    '# Fill in a value after each key (the comments above it say what it takes). One entry',
    '# under `subjects` is one subject: copy the entry for more. Then evaluate the file:',
    `#   rubric eval RUBRIC --data THIS-FILE.yaml`,
    'rubric:',
    ...Object.entries(about).map(([k, v]) => `  ${k}: ${yamlScalar(v)}`),
    'subjects:',
    '  - # the subject’s id, to name it in the results',
    '    id: ""',
    '    # its name (optional)',
    '    name: ""',
  ];
  for (const field of formFields(rubric)) lines.push(...yamlField(field, '    ', rubric));
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- CSV

function csvForm(rubric: Rubric): string {
  const fields = formFields(rubric);
  const header = ['id', 'name', ...fields.map((f) => f.fact.id)];
  const describe = (f: FormField): string =>
    escapeControl(oneLine([f.fact.label, `${typeText(f, 'csv')}; ${requiredText(f.fact)}`, f.fact.description].filter((x) => x !== undefined && x.trim() !== '').join(' — ')));
  // The description row starts with `#` so the reader skips it; its first cell has no comma
  // or quote, so it is never quoted (a quoted `"#…` would not be a comment).
  const descriptions = ["# the subject's id", 'its name (optional)', ...fields.map(describe)];
  // A byte order mark, so spreadsheet programs read the Chinese labels as UTF-8.
  return `\ufeff${stringifyCsv([header, descriptions], { record_delimiter: '\n' })}`;
}

// ---------------------------------------------------------------- JSON

function jsonForm(rubric: Rubric, about: FormRubric): string {
  const subject: Record<string, unknown> = { id: '', name: '' };
  for (const field of formFields(rubric)) subject[field.fact.id] = exampleValue(field, rubric);
  return `${safeJson({ rubric: about, subjects: [subject] }, 2)}\n`;
}
