/**
 * `facts:` — a map of fact id → declaration, read into the IR's ordered fact list.
 */
import { isMap, isSeq } from 'yaml';
import { didYouMean, type Fact, type FactKind, type FactRecord, type FactType, type FactValue, type LevelValue } from '@rubric/model';
import { asList, asMap, child, describeNode, isNull, type Entry, type MapView, type Reader } from './node-reader.js';
import { checkId, field, numberOf, readBoolean, readDate, readNumber, readText, setOpt, valOf, type Val } from './read-values.js';

/** The fact types this format knows, in the order the docs list them. */
export const FACT_KINDS: readonly FactKind[] = ['boolean', 'integer', 'decimal', 'ratio', 'level', 'date', 'text', 'list'];

/** The keys a fact declaration may have. */
export const FACT_KEYS = ['label', 'description', 'type', 'min', 'max', 'levels', 'fields', 'required', 'default'] as const;

/** Keys that apply only to some types. */
const TYPE_KEYS: Record<string, { kinds: readonly FactKind[]; hint: string }> = {
  min: { kinds: ['integer', 'decimal'], hint: '`min` and `max` bound integer and decimal facts' },
  max: { kinds: ['integer', 'decimal'], hint: '`min` and `max` bound integer and decimal facts' },
  levels: { kinds: ['level'], hint: '`levels` belongs to a fact of `type: level`' },
  fields: { kinds: ['list'], hint: '`fields` belongs to a fact of `type: list`' },
};

const DEFAULT_EXAMPLE: Record<FactKind, string> = {
  boolean: 'default: false',
  integer: 'default: 0',
  decimal: 'default: 0',
  ratio: 'default: 0',
  level: 'default: none',
  date: 'default: 2022-06-14',
  text: 'default: ""',
  list: 'default: []',
};

/** Reads the `facts` map (source order) into IR facts. */
export function readFacts(r: Reader, e: Entry | undefined): Fact[] {
  if (!e) return [];
  r.mark('/facts', e.keySpan);
  if (isNull(e.valueNode)) return [];
  const view = asMap(r, e.valueNode, e.valueSpan, '`facts`');
  if (!view) return [];
  return view.entries.map((fe, i) => readFact(r, fe, child('/facts', i)));
}

/** Reads one fact declaration; `listOf` names the list fact when this is one of its fields. */
function readFact(r: Reader, e: Entry, ptr: string, listOf?: string): Fact {
  r.mark(ptr, e.keySpan);
  r.mark(child(ptr, 'id'), e.keySpan);
  const noun = listOf ? `field \`${e.key}\` of \`${listOf}\`` : `fact \`${e.key}\``;
  checkId(r, e.key, e.keySpan, listOf ? `field id` : 'fact id', 'id');
  const fact: Fact = { id: e.key, label: '', type: { kind: 'text' }, required: true };
  const view = asMap(r, e.valueNode, e.valueSpan, noun, e.keySpan);
  if (!view) return fact;
  view.checkKeys(FACT_KEYS);
  fact.label = field(view, 'label', child(ptr, 'label'), readText, { required: true, hint: 'the name forms show, e.g. `label: 四件套查验率`' }) ?? '';
  setOpt(fact, 'description', field(view, 'description', child(ptr, 'description'), readText));
  const type = readFactType(r, view, child(ptr, 'type'), noun, listOf, e.key);
  if (type) fact.type = type;
  readOptionality(r, view, fact, ptr, type, noun);
  return fact;
}

/** Reads `type` and the keys that depend on it. */
function readFactType(r: Reader, view: MapView, ptr: string, noun: string, listOf: string | undefined, id: string): FactType | undefined {
  const kinds = listOf ? FACT_KINDS.filter((k) => k !== 'list') : FACT_KINDS;
  const te = view.need('type', `one of ${kinds.join(', ')}`);
  let kind: FactKind | undefined;
  if (te) {
    r.mark(ptr, te.valueSpan);
    r.mark(child(ptr, 'kind'), te.valueSpan);
    const t = readText(r, valOf(te), `the type of ${noun}`);
    if (t !== undefined) {
      if (!(FACT_KINDS as readonly string[]).includes(t)) {
        r.report(te.valueSpan, 'yaml/bad-value', `\`${t}\` is not a fact type`, didYouMean(t, kinds) ?? `use one of ${kinds.join(', ')}`);
      } else if (listOf && t === 'list') {
        r.report(te.valueSpan, 'yaml/bad-value', `a field of a list cannot itself be a list`, `fields are scalar: ${kinds.join(', ')}`);
      } else {
        kind = t as FactKind;
      }
    }
  }
  for (const [key, rule] of Object.entries(TYPE_KEYS)) {
    const ke = view.get(key);
    if (ke && kind && !rule.kinds.includes(kind)) {
      r.report(ke.keySpan, 'yaml/conflicting-keys', `\`${key}\` does not apply to ${noun} of type \`${kind}\``, rule.hint);
    }
  }
  switch (kind) {
    case undefined:
      return undefined;
    case 'integer':
    case 'decimal': {
      const t: { kind: 'integer' | 'decimal'; min?: number; max?: number } = { kind };
      setOpt(t, 'min', field(view, 'min', child(ptr, 'min'), numberOf({})));
      setOpt(t, 'max', field(view, 'max', child(ptr, 'max'), numberOf({})));
      return t;
    }
    case 'level': {
      const le = view.need('levels', 'list the values, e.g. levels: [full, partial, none]');
      return { kind, levels: le ? readLevels(r, le, child(ptr, 'levels'), noun) : [] };
    }
    case 'list': {
      const fe = view.need('fields', 'declare the fields of each record, e.g. fields: { name: { label: 名称, type: text } }');
      const fields: Fact[] = [];
      if (fe) {
        r.mark(child(ptr, 'fields'), fe.keySpan);
        const fv = asMap(r, fe.valueNode, fe.valueSpan, `the fields of ${noun}`);
        fv?.entries.forEach((f, i) => fields.push(readFact(r, f, child(child(ptr, 'fields'), i), id)));
      }
      return { kind, fields };
    }
    default:
      return { kind };
  }
}

/** Reads `levels`: a list of values, or a map value → label. */
function readLevels(r: Reader, e: Entry, ptr: string, noun: string): LevelValue[] {
  r.mark(ptr, e.keySpan);
  const levels: LevelValue[] = [];
  const seen = new Set<string>();
  const add = (value: string, at: Val['span'], level: LevelValue): void => {
    if (value === '') r.report(at, 'yaml/bad-value', `a level of ${noun} is empty`);
    else if (seen.has(value)) r.report(at, 'yaml/bad-value', `level \`${value}\` of ${noun} is listed twice`);
    seen.add(value);
    levels.push(level);
  };
  const n = e.valueNode;
  if (n && isSeq(n)) {
    const items = asList(r, n, e.valueSpan, `the levels of ${noun}`) ?? [];
    items.forEach((item, i) => {
      const p = child(ptr, i);
      r.mark(p, item.span);
      r.mark(child(p, 'value'), item.span);
      const value = readText(r, item, `a level of ${noun}`);
      if (value !== undefined) add(value, item.span, { value });
    });
  } else if (n && isMap(n)) {
    const view = asMap(r, n, e.valueSpan, `the levels of ${noun}`);
    view?.entries.forEach((le, i) => {
      const p = child(ptr, i);
      r.mark(p, le.keySpan);
      r.mark(child(p, 'value'), le.keySpan);
      const level: LevelValue = { value: le.key };
      if (!isNull(le.valueNode)) {
        r.mark(child(p, 'label'), le.valueSpan);
        setOpt(level, 'label', readText(r, valOf(le), `the label of level \`${le.key}\``));
      }
      add(le.key, le.keySpan, level);
    });
  } else {
    r.report(e.valueSpan, 'yaml/wrong-type', `the levels of ${noun} must be a list or a map, not ${describeNode(n)}`, 'e.g. levels: [full, partial, none], or levels: { full: 完全落实, none: 未落实 }');
    return levels;
  }
  if (levels.length === 0) r.report(e.valueSpan, 'yaml/bad-value', `${noun} needs at least one level`, 'e.g. levels: [full, partial, none]');
  return levels;
}

/** Reads `required` and `default`: a fact with a default is optional; an optional fact needs one. */
function readOptionality(r: Reader, view: MapView, fact: Fact, ptr: string, type: FactType | undefined, noun: string): void {
  const req = field(view, 'required', child(ptr, 'required'), readBoolean);
  const de = view.get('default');
  if (req === false && !de) {
    const example = type ? DEFAULT_EXAMPLE[type.kind] : 'default: …';
    r.report(view.get('required')?.valueSpan ?? view.at, 'yaml/missing-default', `${noun} is optional (\`required: false\`) but has no \`default\``, `add the value to use when a subject omits it, e.g. \`${example}\``);
  }
  if (req === true && de) {
    r.report(de.keySpan, 'yaml/conflicting-keys', `${noun} is \`required: true\` but has a \`default\``, 'a fact with a default is optional: remove `required: true` or the default');
  }
  if (!de) {
    fact.required = req ?? true;
    return;
  }
  fact.required = false;
  const dptr = child(ptr, 'default');
  r.mark(dptr, de.valueSpan);
  if (type) {
    const value = readFactValue(r, valOf(de), type, `the default of ${noun}`, dptr);
    if (value !== undefined) fact.default = value;
  }
}

/** Reads a value of a fact type (a default, or a field of a default record). */
function readFactValue(r: Reader, v: Val, type: FactType, what: string, ptr: string): FactValue | undefined {
  switch (type.kind) {
    case 'boolean':
      return readBoolean(r, v, what);
    case 'integer':
    case 'decimal':
    case 'ratio':
      return readNumber(r, v, what);
    case 'date':
      return readDate(r, v, what);
    case 'text':
      return readText(r, v, what);
    case 'level':
      return readText(r, v, what);
    case 'list': {
      if (isNull(v.node)) {
        r.report(v.span, 'yaml/wrong-type', `${what} must be a list of records, not nothing`, 'write `[]` for no records');
        return undefined;
      }
      const items = asList(r, v.node, v.span, what);
      if (!items) return undefined;
      const records: FactRecord[] = [];
      items.forEach((item, i) => {
        const p = child(ptr, i);
        r.mark(p, item.span);
        const rv = asMap(r, item.node, item.span, `record ${i + 1} of ${what}`);
        if (!rv) return;
        rv.checkKeys(type.fields.map((f) => f.id));
        const rec: FactRecord = {};
        for (const f of type.fields) {
          const fe = f.required ? rv.need(f.id) : rv.get(f.id);
          if (!fe) continue;
          const fp = child(p, f.id);
          r.mark(fp, fe.valueSpan);
          const fv = readFactValue(r, valOf(fe), f.type, `field \`${f.id}\` of record ${i + 1}`, fp);
          if (fv !== undefined && !Array.isArray(fv)) Object.defineProperty(rec, f.id, { value: fv, enumerable: true, writable: true, configurable: true });
        }
        records.push(rec);
      });
      return records;
    }
  }
}
