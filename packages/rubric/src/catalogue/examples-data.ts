/**
 * The catalogue entries of the per-record data codes (`data/…`): records, CSV rows and data files
 * that do not fit the base rubric's facts.
 */
import type { CatalogueEntry } from './types.js';
import { CATALOGUE_BASE_RECORD } from './base.js';

/** Entries of the data codes (`data/…`). */
export const DATA_EXAMPLES: CatalogueEntry[] = [
  { code: 'data/missing', severity: 'error', source: 'data', meaning: 'a required fact is absent (or its CSV cell is empty)', example: { kind: 'data', record: { id: 'c1', duty: 'full', complaints: 0, risk: 'high', exposed: false } }, fix: 'fill in the fact' },
  { code: 'data/wrong-type', severity: 'error', source: 'data', meaning: 'text where a number belongs, a fraction where a whole number belongs …', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, complaints: 1.5 } }, fix: 'give a value of the fact’s type' },
  { code: 'data/unknown-level', severity: 'error', source: 'data', meaning: "a level value not in the fact's list", example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, duty: 'ful' } }, fix: 'use one of the levels (the message suggests the closest)' },
  { code: 'data/out-of-range', severity: 'error', source: 'data', meaning: 'below min / above max, a ratio outside 0..1, a recorded deduction outside its range', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, rate: 1.5 } }, fix: 'correct the value (a ratio is 0 to 1: 90% is 0.9)' },
  { code: 'data/bad-date', severity: 'error', source: 'data', meaning: 'not a real YYYY-MM-DD date', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, visited: '2022-02-30' }, edit: { from: '  exposed: { label: Exposed, type: boolean }', to: '  exposed: { label: Exposed, type: boolean }\n  visited: { label: Visited, type: date }' } }, fix: 'write a real calendar day' },
  { code: 'data/unknown-field', severity: 'error', source: 'data', meaning: 'a field that is not a fact, `id` or `name`', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, dutty: 'full' } }, fix: 'correct the column name, or remove the column' },
  { code: 'data/not-an-object', severity: 'error', source: 'data', meaning: 'the record is not an object', example: { kind: 'data', record: 42 }, fix: 'give each record as an object of facts' },
  { code: 'data/not-finite', severity: 'error', source: 'data', meaning: 'NaN or Infinity where a number belongs', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, complaints: Number.POSITIVE_INFINITY } }, fix: 'give a finite number' },
  { code: 'data/not-a-number', severity: 'error', source: 'data', meaning: 'a CSV cell that cannot be read as a number', example: { kind: 'cells', cells: { id: 'c1', duty: 'full', rate: 'ninety', complaints: '0', risk: 'high', exposed: 'no' } }, fix: 'write digits: 0.9' },
  { code: 'data/not-a-boolean', severity: 'error', source: 'data', meaning: 'a CSV cell that cannot be read as yes/no', example: { kind: 'cells', cells: { id: 'c1', duty: 'full', rate: '0.9', complaints: '0', risk: 'high', exposed: 'maybe' } }, fix: 'write yes/no, true/false, 是/否 or 1/0' },
  { code: 'data/bad-list', severity: 'error', source: 'data', meaning: 'a CSV cell that cannot be read as a list of records', example: {
      kind: 'cells',
      edit: { from: '  exposed: { label: Exposed, type: boolean }\n', to: '  exposed: { label: Exposed, type: boolean }\n  gates: { label: Gates, type: list, fields: { name: { label: Name, type: text } } }\n' },
      cells: { id: 'c1', duty: 'full', rate: '0.9', complaints: '0', risk: 'high', exposed: 'no', gates: '[{name: north gate}]' },
    }, fix: 'write the list as a JSON array of records in the cell' },
  { code: 'data/bad-row', severity: 'error', source: 'data', meaning: 'a CSV row that cannot be read at all', example: { kind: 'data-file', name: 'subjects.csv', text: 'id,duty,rate,complaints,risk,exposed\nc1,full,0.9,0,high,no\nc2,"full,0.8,0,high,no\n' }, fix: 'repair the row (quotes, column count)' },
  { code: 'data/bad-json', severity: 'error', source: 'data', meaning: 'a JSONL line that is not valid JSON', example: { kind: 'data-file', name: 'subjects.jsonl', text: '{"id": "c1", "duty": "full", "rate": 0.9, "complaints": 0, "risk": "high", "exposed": false}\n{"id": "c2", "duty": "full", "rate": 0.8, "complaints": 0, "risk": "high", "exposed": false,}\n' }, fix: 'repair the line' },
  { code: 'data/duplicate-key', severity: 'error', source: 'data', meaning: 'a JSONL record that gives one key twice (which value is meant cannot be known)', example: { kind: 'data-file', name: 'subjects.jsonl', text: '{"id": "c1", "duty": "full", "rate": 0.9, "complaints": 0, "risk": "high", "exposed": false, "rate": 0.5}\n' }, fix: 'keep one value for the key' },
  { code: 'data/unreadable', severity: 'error', source: 'data', meaning: 'a record the data reader could not read', example: { kind: 'none', where: 'no data file reaches it: every record a data reader gives holds either the record or the reason it could not be read (data/bad-row, data/bad-json, data/duplicate-key, data/not-an-object); this is the fallback of `rubric eval`, `rubric diff --data` and the terminal UI for a reader that broke that rule' }, fix: 'repair the record' },
  { code: 'data/invalid', severity: 'error', source: 'data', meaning: 'a standalone compiled module rejected the record (it reports one general error)', example: { kind: 'data', record: { ...CATALOGUE_BASE_RECORD, rate: 1.5 }, module: true }, fix: 'check the record against the JSON Schema of the inputs (`rubric compile --schema`)' },
];
