/**
 * Reading typed facts out of text cells (CSV rows, spreadsheet exports). Every cell
 * is either read exactly or reported; nothing is guessed.
 */
import { Decimal, isExactNumber, type Fact, type Rubric, type SubjectError } from '@rubric/model';

/** A CSV row turned into subject data, with the cells that could not be read. */
export interface CoercedRecord {
  subject: Record<string, unknown>;
  errors: SubjectError[];
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '对', '有', '√', '✓']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '错', '无', '×', '✗']);

/**
 * Turns a record of text cells into typed subject data using the fact declarations.
 * Empty cells are left out (a required fact then reports as missing; an optional one
 * takes its default). Unknown columns are passed through for the schema to report.
 */
export function coerceTextRecord(rubric: Rubric, cells: Record<string, string>): CoercedRecord {
  const facts = new Map(rubric.facts.map((f) => [f.id, f]));
  const subject: Record<string, unknown> = {};
  const errors: SubjectError[] = [];
  for (const [key, cell] of Object.entries(cells)) {
    const text = cell.trim();
    if (text === '') continue;
    const fact = facts.get(key);
    if (!fact) {
      subject[key] = key === 'id' || key === 'name' ? text : cell;
      continue;
    }
    const r = coerceCell(fact, text);
    if ('error' in r) {
      errors.push({ path: `/${key}`, code: r.code, message: `\`${key}\` (${fact.label}): ${r.error}` });
      subject[key] = cell;
    } else {
      subject[key] = r.value;
    }
  }
  return { subject, errors };
}

type Cell = { value: unknown } | { error: string; code: string };

function coerceCell(fact: Fact, text: string): Cell {
  switch (fact.type.kind) {
    case 'boolean': {
      const w = text.toLowerCase();
      if (TRUE_WORDS.has(w)) return { value: true };
      if (FALSE_WORDS.has(w)) return { value: false };
      return { code: 'data/not-a-boolean', error: `${JSON.stringify(text)} is not true or false` };
    }
    case 'integer':
    case 'decimal':
    case 'ratio':
      return coerceNumber(text, fact.type.kind === 'ratio');
    case 'list':
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { code: 'data/bad-list', error: 'a list cell must hold JSON, e.g. [{"name": "north gate", "staffed_24h": true}]' };
      }
    default:
      return { value: text };
  }
}

function coerceNumber(text: string, ratio: boolean): Cell {
  let t = text.replace(/[,_]/g, '');
  let percent = false;
  if (ratio && /%$/.test(t)) {
    percent = true;
    t = t.slice(0, -1).trim();
  }
  const d = Decimal.parse(t);
  if (!d || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    return { code: 'data/not-a-number', error: `${JSON.stringify(text)} is not a number` };
  }
  const value = (percent ? d.div(Decimal.fromInteger(100)) : d).toNumber();
  if (!isExactNumber(value)) return { code: 'data/not-a-number', error: `${JSON.stringify(text)} has more digits than can be kept exactly (15)` };
  return { value };
}
